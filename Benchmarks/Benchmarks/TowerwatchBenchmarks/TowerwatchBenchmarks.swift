#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Benchmark
import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

// Figures and how to read them: README.md beside Package.swift.

/// Replay rate in events per second (larger is better).
let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
/// Peak resident memory of a process that only replays, from wait4 (smaller is better).
let childPeakRSS = BenchmarkMetric.custom("child peak RSS (MB)", polarity: .prefersSmaller, useScalingFactor: false)
/// Group commit: appended events per second across all writers.
let appendsPerSecond = BenchmarkMetric.custom("appended events/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Child.runIfChild()

    // MARK: Replay: open a log file and fold every record into the state.

    for (label, events, iterations) in [("10^5", 100_000, 20), ("10^6", 1_000_000, 7), ("10^7", 10_000_000, 3)] {
        Benchmark(
            "Replay \(label) events",
            configuration: .init(metrics: [.wallClock, eventsPerSecond, .peakMemoryResident, .mallocCountTotal],
                                 warmupIterations: 1, maxDuration: .seconds(120), maxIterations: iterations)
        ) { benchmark, path in
            let began = Clocks.nanos()
            let district = try DistrictLog(store: FileEventStore(path: path, writable: false))
            let nanos = Clocks.nanos() - began
            guard district.position.seq == UInt64(events) else { throw BenchError("replayed \(district.position.seq) of \(events)") }
            benchmark.measurement(eventsPerSecond, Int(Double(events) / (Double(nanos) / 1e9)))
            blackHole(district)
        } setup: {
            try HistoryFiles.history(events: events)
        }
    }

    // Peak memory of replaying 10^7 events, measured on a process that does nothing else.
    Benchmark(
        "Replay 10^7 events, own process (peak RSS)",
        configuration: .init(metrics: [.wallClock, childPeakRSS], warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark, path in
        let usage = try Child.wait(Child.spawn(role: "replay", ["TWB_LOG": path]))
        benchmark.measurement(childPeakRSS, usage.ru_maxrss / 1024)
    } setup: {
        try HistoryFiles.history(events: 10_000_000)
    }

    // MARK: Durable append: one writer, one fdatasync per record.

    Benchmark(
        "Durable append (execute a scan, fdatasync each)",
        configuration: .init(metrics: [.wallClock, .syscalls], warmupIterations: 20, maxDuration: .seconds(20), maxIterations: 3000)
    ) { benchmark, district in
        let g = BenchDistrict.guardID(7)
        let cp = BenchDistrict.checkpointID(3, 4)
        guard case .success = try district.execute(Command(.guard(g), .scan(guard: g, checkpoint: cp)), now: WallClock().now()) else {
            throw BenchError("scan rejected")
        }
    } setup: {
        try DistrictLog(store: FileEventStore(path: freshDistrictLog("durable"), writable: true, durability: .everyAppend))
    }

    // The floor under it: one 110-byte write plus fdatasync on the same disk.
    Benchmark(
        "Raw write + fdatasync (110 bytes)",
        configuration: .init(metrics: [.wallClock], warmupIterations: 20, maxDuration: .seconds(10), maxIterations: 3000)
    ) { benchmark, fd in
        let line = [UInt8](repeating: 0x61, count: 109) + [10]
        for _ in benchmark.scaledIterations {
            _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fdatasync(fd)
        }
    } setup: {
        HistoryFiles.ensureDirectory()
        let path = "\(HistoryFiles.directory)/raw-sync.bin"
        unlink(path)
        return open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    } teardown: {
        unlink("\(HistoryFiles.directory)/raw-sync.bin")
    }

    // MARK: Group commit: 8 processes appending at once.

    let writers = 8, perWriter = 5_000
    Benchmark(
        "Group commit, \(writers) writer processes x \(perWriter) appends",
        configuration: .init(metrics: [.wallClock, appendsPerSecond], warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 5)
    ) { benchmark in
        benchmark.stopMeasurement() // the fresh log is not part of the figure
        let path = try freshDistrictLog("group")
        benchmark.startMeasurement()
        var pids: [pid_t] = []
        for w in 0..<writers {
            pids.append(try Child.spawn(role: "writer", ["TWB_LOG": path, "TWB_OUT": "\(path).\(w).out",
                                                         "TWB_COUNT": String(perWriter), "TWB_GUARD": String(w * 11)]))
        }
        for pid in pids { _ = try Child.wait(pid) }
        benchmark.stopMeasurement()
        // The window from the first writer's first append to the last writer's last one
        // (process start-up and the initial replay excluded).
        var first = UInt64.max, last = UInt64(0), total = 0
        for w in 0..<writers {
            let fields = try readText("\(path).\(w).out").split(separator: " ").compactMap { UInt64($0.trimmingCharacters()) }
            guard fields.count == 3 else { throw BenchError("bad writer report") }
            first = min(first, fields[0]); last = max(last, fields[1]); total += Int(fields[2])
            unlink("\(path).\(w).out")
        }
        let district = try DistrictLog(store: FileEventStore(path: path, writable: false))
        guard total == writers * perWriter, district.state.liveFigures.checkpointScans == total else {
            throw BenchError("expected \(writers * perWriter) scans, found \(district.state.liveFigures.checkpointScans)")
        }
        benchmark.measurement(appendsPerSecond, Int(Double(total) / (Double(last - first) / 1e9)))
        unlink(path)
    }

    // MARK: Frame composition: the officer console at 200×60.

    Benchmark(
        "Frame 200x60: render (240 guards, 27 towers, 500 open hazards)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(5), maxIterations: 2000)
    ) { benchmark, scene in
        for _ in benchmark.scaledIterations {
            blackHole(ConsoleScreen.render(scene.model, scene.frame, rows: scene.rows, size: Size(width: 200, height: 60)))
        }
    } setup: {
        try FrameScene.busy()
    }

    Benchmark(
        "Frame 200x60: rows + render (240 guards, 27 towers, 500 open hazards)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 10, maxDuration: .seconds(5), maxIterations: 2000)
    ) { benchmark, scene in
        for _ in benchmark.scaledIterations {
            let rows = ConsoleRows(state: scene.frame.state, recent: scene.frame.recent, now: scene.frame.now, policy: scene.model.policy, time: scene.frame.time)
            blackHole(ConsoleScreen.render(scene.model, scene.frame, rows: rows, size: Size(width: 200, height: 60)))
        }
    } setup: {
        try FrameScene.busy()
    }
}

/// A new log holding the benchmark district's set-up (towers, guards on duty).
func freshDistrictLog(_ name: String) throws -> String {
    HistoryFiles.ensureDirectory()
    let path = "\(HistoryFiles.directory)/\(name)-\(getpid()).twlog"
    unlink(path)
    try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: BenchDistrict.start))
    let district = try DistrictLog(store: FileEventStore(path: path, writable: true, durability: .groupDefault))
    for command in BenchDistrict.setupCommands {
        guard case .success = try district.execute(command, now: BenchDistrict.start) else { throw BenchError("set-up rejected: \(command)") }
    }
    try district.store.flush()
    return path
}

func readText(_ path: String) throws -> String {
    guard let f = fopen(path, "r") else { throw BenchError("cannot read \(path)") }
    defer { fclose(f) }
    var out = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        out += buffer[0..<n]
    }
    return String(decoding: out, as: UTF8.self)
}

extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while let c = s.last, c == "\n" || c == " " { s.removeLast() }
        return s
    }
}

/// The console's busiest realistic moment: every guard on duty and scanning,
/// 500 hazards open in every phase, the last 200 records in the feed.
struct FrameScene: @unchecked Sendable {
    var model: ConsoleModel
    var frame: ConsoleFrame
    var rows: ConsoleRows

    static func busy() throws -> FrameScene {
        var state = DistrictState()
        var recent: [EventRecord] = []
        var seq: UInt64 = 0
        var now = BenchDistrict.start
        func run(_ command: Command) throws -> [Event] {
            guard case .success(let events) = decide(state, command, now: now) else { throw BenchError("rejected: \(command)") }
            for event in events {
                seq += 1
                let record = EventRecord(seq: seq, time: now, actor: command.actor, event: event)
                if let problem = state.apply(record) { throw BenchError(problem) }
                recent.append(record)
            }
            return events
        }
        for command in BenchDistrict.setupCommands { _ = try run(command) }
        var rng = SplitMix(42)
        for g in 0..<BenchDistrict.guardCount {
            now = now + .seconds(2)
            let id = BenchDistrict.guardID(g)
            _ = try run(Command(.guard(id), .scan(guard: id, checkpoint: BenchDistrict.checkpointID(g % 27, rng.below(12)))))
        }
        let officer = Actor.officer("O-01")
        for h in 0..<500 {
            now = now + .seconds(3)
            let category = HazardCategory.allCases[h % HazardCategory.allCases.count]
            let events = try run(Command(.feed("plate-camera"), .reportHazard(HazardReport(
                category: category, source: .plateCamera, tower: BenchDistrict.towerID(h % 27), floor: String(h % 40 + 1),
                zone: BenchDistrict.zones[h % 5], note: "浙A·\(10000 + h) in the fire lane"))))
            guard case let .hazardReported(hazard, _, _, _, _, _, _, _, _) = events[0] else { continue }
            // About 200 hazards have a guard on the way, in every phase.
            if h % 5 < 2 {
                let g = BenchDistrict.guardID(h / 5 * 2 + h % 5)
                let d = try run(Command(officer, .dispatch(hazard: hazard, guard: g)))
                guard case let .guardDispatched(dispatch, _, _) = d[0] else { continue }
                if h % 3 >= 1 { _ = try run(Command(.guard(g), .acknowledge(dispatch, channel: .console))) }
                if h % 3 == 2 { _ = try run(Command(.guard(g), .arrive(dispatch))) }
            }
        }
        now = now + .minutes(7)
        let model = ConsoleModel(officer: "O-01")
        let frame = ConsoleFrame(state: state, recent: Array(recent.suffix(200)), now: now, theme: .standard, logName: "/var/lib/towerwatch/district.twlog",
                                 time: LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600)))
        let rows = ConsoleRows(state: state, recent: frame.recent, now: now, policy: model.policy, time: frame.time)
        guard rows.hazards.count == 500, rows.guards.count == 240, rows.towers.count == 27 else {
            throw BenchError("scene has \(rows.hazards.count) hazards, \(rows.guards.count) guards, \(rows.towers.count) towers")
        }
        return FrameScene(model: model, frame: frame, rows: rows)
    }
}
