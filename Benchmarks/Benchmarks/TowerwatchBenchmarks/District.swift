#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

/// A benchmark district of the size DOMAIN.md describes: 27 towers, 240 guards,
/// and a realistic stream of commands (about 70% checkpoint scans, the rest
/// hazards and the steps of their dispatches), every one checked by `decide`
/// and folded by `apply` exactly as the console and the simulator do.
///
/// Written here rather than borrowed from the demo module so the benchmark's
/// mix stays fixed while the simulator evolves.
struct BenchDistrict {
    static let towerCount = 27
    static let guardCount = 240
    static let checkpointsPerTower = 12
    static let zones = ["lobby", "escape-route", "garage", "e-bike-zone", "loading-dock"]
    static let start = Timestamp(year: 2026, month: 1, day: 1, hour: 6)

    static func towerID(_ i: Int) -> TowerID { TowerID("T" + pad(i + 1, 2)) }
    static func guardID(_ i: Int) -> GuardID { GuardID("G-" + pad(i + 1, 3)) }
    static func checkpointID(_ tower: Int, _ k: Int) -> CheckpointID { CheckpointID("CP-" + pad(tower + 1, 2) + "-" + pad(k + 1, 2)) }
    static let officers: [OfficerID] = ["O-01", "O-02", "O-03"]

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// The set-up commands: companies, towers, checkpoints, teams, guards, officers,
    /// a shift, and every guard on duty.
    static var setupCommands: [Command] {
        var c: [Command] = []
        let sys = Actor.system
        for k in 0..<3 { c.append(Command(sys, .registerCompany(CompanyID("C\(k + 1)"), name: "物业管理有限公司 \(k + 1)"))) }
        for t in 0..<towerCount {
            c.append(Command(sys, .registerTower(towerID(t), name: "大厦\(t + 1)", englishName: "Tower \(t + 1)",
                                                 company: CompanyID("C\(t % 3 + 1)"), floorsAbove: 40, floorsBelow: 3, zones: zones)))
        }
        for t in 0..<towerCount {
            for k in 0..<checkpointsPerTower {
                let floor = k < 2 ? "B\(k + 1)" : String((k - 1) * 3)
                c.append(Command(sys, .installCheckpoint(checkpointID(t, k), tower: towerID(t), floor: floor,
                                                         zone: zones[k % zones.count], name: "Checkpoint \(k + 1)")))
            }
        }
        for k in 0..<8 { c.append(Command(sys, .formTeam(TeamID("TM\(k + 1)"), name: "Team \(k + 1)"))) }
        for g in 0..<guardCount {
            c.append(Command(sys, .enrollGuard(guardID(g), name: "保安\(g + 1)", team: TeamID("TM\(g % 8 + 1)"),
                                               homeTower: towerID(g % towerCount), training: ["fire", "first-aid"])))
        }
        for (k, o) in officers.enumerated() { c.append(Command(sys, .enrollOfficer(o, name: "Officer \(k + 1)"))) }
        for category in HazardCategory.allCases {
            c.append(Command(sys, .defineProcedure(category, steps: ["Assess", "Secure the area", "Report"])))
        }
        c.append(Command(sys, .startShift(ShiftID("S-0001"), name: "Day")))
        for g in 0..<guardCount { c.append(Command(.officer(officers[0]), .goOnDuty(guardID(g)))) }
        return c
    }

    /// A hazard on its way through report, dispatch, ack, arrival, clearing and closing.
    struct Flight {
        var hazard: HazardID
        var dispatch: DispatchID?
        var guardID: GuardID?
        var step = 0
        var escalate: Bool
    }

    var state = DistrictState()
    var rng: SplitMix
    var now = BenchDistrict.start
    var flights: [Flight] = []
    /// Most hazards open at once (the console figure is 500 open hazards at worst).
    var maxOpen = 40
    var commands = 0
    var rejections = 0

    init(seed: UInt64) { rng = SplitMix(seed) }

    /// The next command of the realistic mix.
    mutating func nextCommand() -> (Command, flight: Int?) {
        now = now + Span(millis: Int64(rng.below(900)) + 50)
        let roll = rng.below(1000)
        if roll < 700 || (flights.isEmpty && roll < 850) {
            let g = BenchDistrict.guardID(rng.below(BenchDistrict.guardCount))
            let cp = BenchDistrict.checkpointID(rng.below(BenchDistrict.towerCount), rng.below(BenchDistrict.checkpointsPerTower))
            return (Command(.guard(g), .scan(guard: g, checkpoint: cp)), nil)
        }
        if flights.isEmpty || (flights.count < maxOpen && rng.below(6) == 0) {
            let t = rng.below(BenchDistrict.towerCount)
            let category = HazardCategory.allCases[rng.below(HazardCategory.allCases.count)]
            let source = HazardSource.allCases[rng.below(4)]
            let report = HazardReport(category: category, source: source, tower: BenchDistrict.towerID(t), floor: String(rng.below(40) + 1),
                                      zone: BenchDistrict.zones[rng.below(BenchDistrict.zones.count)], note: "reported by \(source.rawValue)")
            return (Command(.feed(source.rawValue), .reportHazard(report)), -1)
        }
        let i = rng.below(flights.count)
        let f = flights[i]
        let officer = Actor.officer(BenchDistrict.officers[rng.below(BenchDistrict.officers.count)])
        switch f.step {
        case 0:
            // A guard without an open dispatch (most are free: at most `maxOpen` are busy).
            var g = BenchDistrict.guardID(rng.below(BenchDistrict.guardCount))
            while state.guards[g]?.openDispatch != nil { g = BenchDistrict.guardID(rng.below(BenchDistrict.guardCount)) }
            return (Command(officer, .dispatch(hazard: f.hazard, guard: g)), i)
        case 1: return (Command(.guard(f.guardID!), .acknowledge(f.dispatch!, channel: .console)), i)
        case 2: return (Command(.guard(f.guardID!), .arrive(f.dispatch!)), i)
        case 3:
            if f.escalate { return (Command(officer, .escalate(f.hazard, to: .propertyCompany, note: "tenant asks for the manager")), i) }
            return (Command(.guard(f.guardID!), .clear(f.dispatch!, note: "handled on site")), i)
        case 4: return (Command(.guard(f.guardID!), .clear(f.dispatch!, note: "handled on site")), i)
        default: return (Command(officer, .close(f.hazard, note: "rectified")), i)
        }
    }

    /// Notes what a command's events did to the hazards in flight.
    mutating func advance(flight i: Int?, events: [Event]) {
        guard let i else { return }
        if i < 0 {
            if case let .hazardReported(id, _, _, _, _, _, _, _, _) = events[0] {
                flights.append(Flight(hazard: id, escalate: rng.below(10) == 0))
            }
            return
        }
        switch events.last! {
        case let .guardDispatched(d, _, g):
            flights[i].dispatch = d; flights[i].guardID = g; flights[i].step = 1
        case .hazardEscalated:
            flights[i].step = 4
        case .dispatchCleared:
            flights[i].step = 5
        case .hazardClosed:
            flights.swapAt(i, flights.count - 1)
            flights.removeLast()
        default:
            flights[i].step += 1
        }
    }
}

/// A small, fast, reproducible random source (SplitMix64).
struct SplitMix {
    var x: UInt64
    init(_ seed: UInt64) { x = seed }
    mutating func next() -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

enum HistoryFiles {
    /// Generated logs live outside the repository: 10^7 events are about 1 GB.
    static var directory: String {
        if let d = getenv("TOWERWATCH_BENCH_DIR") { return String(cString: d) }
        return "/tmp/towerwatch-bench"
    }

    static func ensureDirectory() { _ = mkdir(directory, 0o700) }

    /// A log of `events` records of the realistic mix, generated once and reused
    /// (the name carries a generator version, so a changed mix makes a new file).
    static func history(events: Int) throws -> String {
        ensureDirectory()
        let path = "\(directory)/history-v1-\(events).twlog"
        if access(path, F_OK) == 0 { return path }
        let partial = path + ".partial"
        unlink(partial)
        let began = Clocks.nanos()
        let stats = try write(path: partial, events: events)
        guard rename(partial, path) == 0 else { throw BenchError("cannot rename \(partial)") }
        let seconds = Double(Clocks.nanos() - began) / 1e9
        fputs("generated \(path): \(events) events (\(stats.scans) scans, \(stats.rejections) rejected commands) in \(Double(Int(seconds * 10)) / 10) s\n", stderr)
        return path
    }

    /// Writes `events` records to a new log through decide + apply + append in
    /// large group-committed batches, one writer holding the lock throughout.
    static func write(path: String, events: Int) throws -> (scans: Int, rejections: Int) {
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: BenchDistrict.start))
        let store = try FileEventStore(path: path, writable: true, durability: .groupDefault)
        var district = BenchDistrict(seed: 0x7057_e77a_7c40_0001)
        var scans = 0
        try store.withWriteLock {
            var position = store.start
            var batch: [EventRecord] = []
            batch.reserveCapacity(33_000)
            var written = 0
            func run(_ command: Command, at time: Timestamp) throws -> [Event]? {
                switch decide(district.state, command, now: time) {
                case .failure:
                    district.rejections += 1
                    return nil
                case .success(let events):
                    for event in events {
                        let record = EventRecord(seq: position.seq + UInt64(batch.count) + 1, time: time, actor: command.actor, event: event)
                        if let problem = district.state.apply(record) { throw BenchError("generator: event does not fold: \(problem)") }
                        if case .checkpointScanned = event { scans += 1 }
                        batch.append(record)
                    }
                    return events
                }
            }
            func flush() throws {
                guard !batch.isEmpty else { return }
                position = try store.append(batch, at: position)
                written += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            for command in BenchDistrict.setupCommands {
                guard try run(command, at: district.now) != nil else { throw BenchError("set-up command rejected: \(command)") }
            }
            while written + batch.count < events {
                let (command, flight) = district.nextCommand()
                if let produced = try run(command, at: district.now) { district.advance(flight: flight, events: produced) }
                if batch.count >= 32_768 { try flush() }
            }
            try flush()
        }
        try store.flush()
        return (scans, district.rejections)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum Clocks {
    static func nanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
