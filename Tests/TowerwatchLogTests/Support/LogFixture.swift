import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog
import TowerwatchDemo

/// A small district written into a real log file, and helpers for the log tests.
///
/// Set-up runs through `DistrictLog.execute` as `.system`, so the records are the
/// ones `decide` makes, exactly as the real command line would write them.
enum LogFixture {
    static let t0 = Timestamp(millis: 1_795_000_000_123)

    /// A text that tries every way to break a line format.
    static let awkward = "中福广场 tab\there\nnew line\\back\\\\slash key=value==🚒🧯\u{01}\u{1F}\u{7F}\r end ¡é"

    static let officers: [OfficerID] = ["O-01", "O-02", "O-03", "O-04"]
    /// Guards G-001...G-012, all on duty after set-up.
    static let guards: [GuardID] = (1...12).map { GuardID("G-" + pad3($0)) }
    static let checkpoints: [CheckpointID] = ["T01-CP01", "T01-CP02", "T02-CP01"]

    static func pad3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }

    /// The set-up commands of the small district.
    static func setupCommands() -> [Command] {
        var c: [Action] = [
            .registerCompany("C1", name: "中福广场 Property\tCo = \"one\""),
            .registerTower("T01", name: "中福广场", englishName: "Zhongfu Plaza\\North", company: "C1",
                           floorsAbove: 30, floorsBelow: 3, zones: StandardZone.all),
            .registerTower("T02", name: "广场二号 🏢", englishName: "Plaza Two", company: "C1",
                           floorsAbove: 12, floorsBelow: 1, zones: [StandardZone.lobby, StandardZone.garage, "roof=deck"]),
            .installCheckpoint("T01-CP01", tower: "T01", floor: "12", zone: StandardZone.lobby, name: "12F lobby"),
            .installCheckpoint("T01-CP02", tower: "T01", floor: "B1", zone: StandardZone.garage, name: "B1 garage\nramp"),
            .installCheckpoint("T02-CP01", tower: "T02", floor: "1", zone: "roof=deck", name: "roof"),
            .formTeam("TM1", name: "Team 一"),
        ]
        for g in guards { c.append(.enrollGuard(g, name: "Guard \(g.raw) 王", team: "TM1", homeTower: "T01", training: ["fire", "first aid"])) }
        for o in officers { c.append(.enrollOfficer(o, name: "Officer \(o.raw)")) }
        for g in guards { c.append(.goOnDuty(g)) }
        return c.map { Command(.system, $0) }
    }

    /// A fresh temporary directory; remove it with `remove`.
    static func makeDirectory() -> String {
        var template = Array("/tmp/towerwatch-lt-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let made = mkdtemp(buffer.baseAddress!) else { fatalError("mkdtemp failed") }
            return String(cString: made)
        }
    }

    static func remove(_ directory: String) { try? FileManager.default.removeItem(atPath: directory) }

    /// Creates a log at `path` holding the small district; returns it open for writing.
    @discardableResult
    static func makeDistrict(at path: String, durability: Durability = .group(records: 1000, millis: 10_000)) throws -> DistrictLog {
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: t0))
        let district = try DistrictLog(store: FileEventStore(path: path, writable: true, durability: durability))
        var time = t0
        for command in setupCommands() {
            try mustExecute(district, command, at: time)
            time = time + Span(millis: 7)
        }
        try district.store.flush()
        return district
    }

    /// Executes `command`; a rejection is a broken fixture, reported as an error.
    @discardableResult
    static func mustExecute(_ district: DistrictLog, _ command: Command, at time: Timestamp? = nil) throws -> [EventRecord] {
        let now = time ?? (district.state.lastTime.map { $0 + Span(millis: 1) } ?? t0)
        switch try district.execute(command, now: now) {
        case .success(let records): return records
        case .failure(let rejection): throw FixtureError("fixture command \(command.action) rejected: \(rejection.reason)")
        }
    }

    /// A district with activity after set-up: scans, hazards (one with a floor of 12),
    /// dispatches through their steps, an escalation, a close, a bulletin.
    @discardableResult
    static func makeBusyDistrict(at path: String) throws -> DistrictLog {
        let d = try makeDistrict(at: path)
        let o1 = Actor.officer("O-01")
        try mustExecute(d, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")))
        try mustExecute(d, Command(o1, .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "12",
                                                                   zone: StandardZone.escapeRoute, note: "boxes=blocking\tthe exit 消防通道"))))
        try mustExecute(d, Command(.feed("patrol-scanner"), .scan(guard: "G-002", checkpoint: "T01-CP02")))
        try mustExecute(d, Command(o1, .dispatch(hazard: "H-000001", guard: "G-001")))
        try mustExecute(d, Command(.guard("G-001"), .acknowledge("D-000001", channel: .console)))
        try mustExecute(d, Command(.guard("G-001"), .arrive("D-000001")))
        try mustExecute(d, Command(.feed("plate-camera"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T01",
                                                                                   floor: "B1", zone: StandardZone.garage, note: "浙A12345"))))
        try mustExecute(d, Command(o1, .escalate("H-000002", to: .propertyCompany, note: "tow it")))
        try mustExecute(d, Command(.guard("G-001"), .clear("D-000001", note: "moved 12 boxes")))
        try mustExecute(d, Command(o1, .close("H-000001", note: "exit clear")))
        try mustExecute(d, Command(o1, .issueBulletin(from: "alliance", text: "watch for 浙A12345", tower: "T02")))
        for i in 0..<6 {
            try mustExecute(d, Command(.feed("patrol-scanner"), .scan(guard: guards[i + 3], checkpoint: checkpoints[i % 3])))
        }
        try d.store.flush()
        return d
    }

    /// Every record of the log at `path`, read with a read-only store (no apply).
    static func records(_ path: String) throws -> [EventRecord] {
        let store = try FileEventStore(path: path, writable: false)
        var all: [EventRecord] = []
        _ = try store.read(after: store.start) { r, _ in all.append(r) }
        return all
    }

    static func contents(_ path: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return [UInt8](data)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        unlink(path)
        let ok = FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        precondition(ok, "cannot write \(path)")
    }

    /// Lines of a file, each without its newline; a final partial line is included.
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var out = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        if out.last == [] { out.removeLast() }
        return out
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for l in lines { out += l; out.append(10) }
        return out
    }

    /// A record line with a valid checksum over `body` (everything before the checksum's tab).
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        body + [9] + CRC32C.hex8(CRC32C.checksum(body))
    }

    /// The body of a record line (without tab and checksum).
    static func body(_ line: [UInt8]) -> [UInt8] { Array(line[..<(line.count - 9)]) }

    static func replacing(_ bytes: [UInt8], _ old: String, _ new: String) -> [UInt8] {
        let s = String(decoding: bytes, as: UTF8.self)
        precondition(s.contains(old), "'\(old)' not in line")
        return Array(s.replacingOccurrences(of: old, with: new).utf8)
    }

    static func mode(_ path: String) -> mode_t { status(path).st_mode & 0o7777 }

    /// Seconds on the monotonic clock, for deadlines and elapsed times in tests.
    static func monotonic() -> Double { (ContinuousClock.now - started) / .seconds(1) }
    private static let started = ContinuousClock.now
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The demo's seeded generator, so a failing fuzz case can be replayed from its seed.
typealias SeededRNG = DemoRandom

extension DemoRandom: RandomNumberGenerator {}
