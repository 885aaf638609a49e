import TowerwatchCore
import TowerwatchLog

/// What a new user finds on the demo's first run: a shift already under way,
/// with a few open hazards at different stages (one overdue on the 5-minute
/// rule, one on scene, one declined, one new), so the console has something
/// to say from its first frame rather than after a minute of simulation.
///
/// Written once, right after the district, as ordinary commands through
/// `decide` at times in the last ten minutes, in one batch.
public enum OpeningSituation {
    /// The commands and how long before `now` each happens, oldest first.
    public static func script() -> [(before: Span, command: Command)] {
        let officer = Actor.officer("O-01")
        func g(_ n: Int) -> GuardID { GuardID("G-" + String(repeating: "0", count: 3 - String(n).count) + String(n)) }
        let onDuty = [1, 2, 3, 11, 12, 21, 22, 31]
        var out: [(Span, Command)] = onDuty.map { (.minutes(12), Command(officer, .goOnDuty(g($0)))) }
        out += [
            (.minutes(11), Command(.guard(g(1)), .scan(guard: g(1), checkpoint: "T01-CP01"))),
            (.minutes(11), Command(.guard(g(11)), .scan(guard: g(11), checkpoint: "T02-CP01"))),
            (.minutes(10), Command(.guard(g(21)), .scan(guard: g(21), checkpoint: "T03-CP01"))),
            // The report's story: renovation waste in an escape route of 中福广场.
            // Acknowledged, but nobody on scene after the 5-minute rule: overdue.
            (.minutes(9), Command(.guard(g(1)), .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "3",
                                                                             zone: StandardZone.escapeRoute, note: "装修垃圾堵塞消防通道")))),
            (.minutes(8) + .seconds(40), Command(officer, .dispatch(hazard: "H-000001", guard: g(2)))),
            (.minutes(8) + .seconds(20), Command(.guard(g(2)), .acknowledge("D-000001", channel: .console))),
            // A plate-camera alert answered in time: the guard is on scene.
            (.minutes(4), Command(.feed("plate-camera"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T02",
                                                                                     floor: "B1", zone: StandardZone.garage, note: "浙A·3K172 在消防车道")))),
            (.minutes(3) + .seconds(50), Command(officer, .dispatch(hazard: "H-000002", guard: g(11)))),
            (.minutes(3) + .seconds(30), Command(.guard(g(11)), .acknowledge("D-000002", channel: .console))),
            (.minutes(1), Command(.guard(g(11)), .arrive("D-000002"))),
            // A dispute whose guard declined: waiting for the officer to send another.
            (.minutes(2), Command(officer, .reportHazard(HazardReport(category: .dispute, source: .tenantCall, tower: "T03", floor: "1",
                                                                       zone: StandardZone.lobby, note: "外卖骑手与保安争执")))),
            (.minutes(1) + .seconds(40), Command(officer, .dispatch(hazard: "H-000003", guard: g(21)))),
            (.minutes(1) + .seconds(20), Command(.guard(g(21)), .decline("D-000003", reason: "正在B1处理另一起纠纷"))),
            // Just in from the face cameras: nobody sent yet.
            (.seconds(30), Command(.feed("face-camera"), .reportHazard(HazardReport(category: .suspiciousPerson, source: .faceCamera,
                                                                                     tower: "T05", floor: "1", zone: StandardZone.lobby)))),
        ]
        return out
    }

    /// Writes the opening situation into `log` (which holds the demo district
    /// and nothing else yet), ending at `now`. Nothing is written if any command is refused.
    @discardableResult
    public static func write(to log: DistrictLog, now: Timestamp) throws -> Int {
        try DemoDistrict.writeBatch(to: log, script().map { (now - $0.before, $0.command) })
    }
}
