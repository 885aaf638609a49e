import Foundation
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchUI

/// A small live moment of the demo district, built through `decide` and `apply`
/// with a manual clock: three hazards in different states, five guards on duty.
struct ConsoleFixture {
    var state = DistrictState()
    var recent: [EventRecord] = []
    var seq: UInt64 = 0
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 8)

    init() {
        for c in DemoDistrict.commands { run(c, at: start) }
        let officer = Actor.officer("O-01")
        for g in ["G-001", "G-002", "G-003", "G-011", "G-012"] { run(Command(officer, .goOnDuty(GuardID(g))), at: start) }
        run(Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")), at: start + .minutes(1))
        run(Command(.guard("G-003"), .scan(guard: "G-003", checkpoint: "T01-CP03")), at: start + .minutes(2))
        // H-000001: renovation waste in an escape route, reported by a guard, then dispatched and on scene.
        run(Command(.guard("G-001"), .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "3",
                                                                 zone: "escape-route", note: "装修垃圾堵塞消防通道"))), at: start + .minutes(3))
        run(Command(officer, .dispatch(hazard: "H-000001", guard: "G-001")), at: start + .minutes(3))
        run(Command(.guard("G-001"), .acknowledge("D-000001", channel: .console)), at: start + .minutes(3) + .seconds(20))
        // H-000002: a plate-camera alert nobody has answered yet.
        run(Command(.feed("plate-camera"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T02", floor: "B1",
                                                                       zone: "garage", note: "浙A·12345 in the fire lane"))), at: start + .minutes(4))
        run(Command(officer, .dispatch(hazard: "H-000002", guard: "G-011")), at: start + .minutes(4))
        run(Command(.guard("G-001"), .arrive("D-000001")), at: start + .minutes(5))
        // H-000003: a dispute, with text that tries to reach the terminal raw.
        run(Command(officer, .reportHazard(HazardReport(category: .dispute, source: .tenantCall, tower: "T01", floor: "1", zone: "lobby",
                                                        note: "evil \u{1b}[2J\u{1b}]0;pwned\u{07} text"))), at: start + .minutes(9))
    }

    /// The moment the tests look at: 12 minutes after the start.
    var now: Timestamp { start + .minutes(12) }

    mutating func run(_ command: Command, at time: Timestamp) {
        guard case .success(let events) = decide(state, command, now: time) else {
            fatalError("fixture command rejected: \(command) -> \(decide(state, command, now: time))")
        }
        for e in events {
            seq += 1
            let r = EventRecord(seq: seq, time: time, actor: command.actor, event: e)
            precondition(state.apply(r) == nil)
            recent.append(r)
        }
    }

    /// The district's own zone: China Standard Time, +08:00 all year.
    static let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))

    var rows: ConsoleRows { ConsoleRows(state: state, recent: recent, now: now, policy: .standard, time: Self.shanghai) }

    func frame(theme: Theme = .standard) -> ConsoleFrame {
        ConsoleFrame(state: state, recent: recent, now: now, theme: theme, logName: "demo.twlog", time: Self.shanghai)
    }

    func render(_ model: ConsoleModel, width: Int, height: Int) -> ConsoleScreen.Output {
        ConsoleScreen.render(model, frame(), rows: rows, size: Size(width: width, height: height))
    }
}

/// Compares a whole screen with a golden text file named after the test.
/// Set TOWERWATCH_RECORD_GOLDEN=1 to re-record; a run that records fails, so
/// recording never passes silently.
func assertGolden(_ lines: [String], named name: String, file: StaticString = #filePath) -> String? {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Golden")
    let url = dir.appendingPathComponent(name + ".txt")
    let text = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["TOWERWATCH_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return "recorded \(url.lastPathComponent); run again without TOWERWATCH_RECORD_GOLDEN"
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return "no golden file \(url.lastPathComponent); record it with TOWERWATCH_RECORD_GOLDEN=1"
    }
    guard expected != text else { return nil }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = text.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
        return "\(name): line \(i + 1) differs\nexpected: \(i < e.count ? e[i] : "")\n  actual: \(i < a.count ? a[i] : "")"
    }
    return "\(name) differs"
}
