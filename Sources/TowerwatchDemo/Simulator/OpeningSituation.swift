import TowerwatchCore
import TowerwatchLog

/// What a new user finds on the demo's first run: a shift already under way,
/// with a few open hazards at different stages (one overdue on the 5-minute
/// rule, one on scene, one declined, one new), so the console has something
/// to say from its first frame rather than after a minute of simulation.
///
/// Before the shift, the district's recent past shows the patterns an officer
/// learns from: the newly arrived restaurant has blocked its escape route twice
/// this month already (the repeat-offender view lists it, and today's hazard
/// says "3rd fire-safety hazard at … in 30 days"), and plate cameras flagged the
/// same garage twice this week. Today's blocked route is reported by a patrol
/// and then by a camera: one hazard, ×2.
///
/// Written once, right after the district (which must be older than
/// `pastDays`), as ordinary commands through `decide`, in one batch.
public enum OpeningSituation {
    /// How far back the past offences go: the district must be written before.
    public static let pastDays: Int64 = 35

    /// Hazards of the recent past, reported and rectified: (days and hours before now, report, hours to rectify).
    static func pastOffences() -> [(before: Span, report: HazardReport, by: Actor, took: Span)] {
        let restaurant = DemoDistrict.newRestaurant, floor = DemoNames.newRestaurant.floor
        func blocked(_ note: String) -> HazardReport {
            HazardReport(category: .fireSafety, source: .tenantCall, tower: DemoDistrict.zhongfuPlaza, floor: floor,
                         zone: StandardZone.escapeRoute, tenant: restaurant, note: note)
        }
        let garage = HazardReport(category: .parking, source: .plateCamera, tower: DemoDistrict.futianYinzuo, floor: "B1",
                                  zone: StandardZone.garage, note: "车辆占用消防车道")
        let officer = Actor.officer("O-01"), camera = Actor.feed("plate-camera")
        return [
            (.hours(33 * 24 - 6), blocked("装修垃圾堆放在消防通道"), officer, .hours(3)),
            (.hours(19 * 24 - 4), blocked("纸箱堵塞消防通道"), officer, .minutes(50)),
            (.days(6) + .hours(1), blocked("消防门被楔子顶开"), officer, .minutes(25)),
            (.days(4) + .hours(3), garage, camera, .minutes(15)),
            (.days(2) + .hours(5), garage, camera, .minutes(12)),
        ]
    }

    /// The commands and how long before `now` each happens, oldest first.
    public static func script() -> [(before: Span, command: Command)] {
        let officer = Actor.officer("O-01")
        func g(_ n: Int) -> GuardID { GuardID("G-" + String(repeating: "0", count: 3 - String(n).count) + String(n)) }
        var out: [(Span, Command)] = []
        var hazards = 0
        func hazard(_ n: Int) -> HazardID { HazardID("H-" + String(String(1_000_000 + n).dropFirst())) }
        for past in pastOffences() {
            hazards += 1
            out.append((past.before, Command(past.by, .reportHazard(past.report))))
            out.append((Span(millis: past.before.millis - past.took.millis), Command(officer, .close(hazard(hazards), note: "已整改"))))
        }
        let today = hazards
        func h(_ n: Int) -> HazardID { hazard(today + n) }
        let onDuty = [1, 2, 3, 11, 12, 21, 22, 31]
        out += onDuty.map { (.minutes(12), Command(officer, .goOnDuty(g($0)))) }
        out += [
            (.minutes(11), Command(.guard(g(1)), .scan(guard: g(1), checkpoint: "T01-CP01"))),
            (.minutes(11), Command(.guard(g(11)), .scan(guard: g(11), checkpoint: "T02-CP01"))),
            (.minutes(10), Command(.guard(g(21)), .scan(guard: g(21), checkpoint: "T03-CP01"))),
            // The report's story: renovation waste in an escape route of 中福广场, the
            // restaurant's third time this month. Acknowledged, but nobody on scene
            // after the 5-minute rule: overdue. A camera sees the same: it joins (×2).
            (.minutes(9), Command(.guard(g(1)), .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: DemoDistrict.zhongfuPlaza,
                                                                             floor: DemoNames.newRestaurant.floor, zone: StandardZone.escapeRoute,
                                                                             tenant: DemoDistrict.newRestaurant, note: "装修垃圾堵塞消防通道")))),
            (.minutes(8) + .seconds(40), Command(officer, .dispatch(hazard: h(1), guard: g(2)))),
            (.minutes(8) + .seconds(20), Command(.guard(g(2)), .acknowledge("D-000001", channel: .console))),
            // A plate-camera alert answered in time: the guard is on scene.
            (.minutes(7), Command(.feed("face-camera"), .reportHazard(HazardReport(category: .fireSafety, source: .faceCamera,
                                                                                    tower: DemoDistrict.zhongfuPlaza, floor: DemoNames.newRestaurant.floor,
                                                                                    zone: StandardZone.escapeRoute, note: "通道内堆放杂物")))),
            (.minutes(4), Command(.feed("plate-camera"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T02",
                                                                                     floor: "B1", zone: StandardZone.garage, note: "浙A·3K172 在消防车道")))),
            (.minutes(3) + .seconds(50), Command(officer, .dispatch(hazard: h(2), guard: g(11)))),
            (.minutes(3) + .seconds(30), Command(.guard(g(11)), .acknowledge("D-000002", channel: .console))),
            (.minutes(1), Command(.guard(g(11)), .arrive("D-000002"))),
            // A dispute whose guard declined: waiting for the officer to send another.
            (.minutes(2), Command(officer, .reportHazard(HazardReport(category: .dispute, source: .tenantCall, tower: "T03", floor: "1",
                                                                       zone: StandardZone.lobby, note: "外卖骑手与保安争执")))),
            (.minutes(1) + .seconds(40), Command(officer, .dispatch(hazard: h(3), guard: g(21)))),
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
