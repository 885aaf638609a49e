import Testing
import TowerwatchCore

/// What the console asks of the state: tower rows, the urgency list,
/// recommendations, and the programme's headline figures.
@Suite("Queries")
struct QueryTests {
    // MARK: - Towers pane

    @Test func `open hazards are counted per tower`() {
        let state = given(.reported(h1), .reported(h2, .parking, zone: StandardZone.garage),
                          .reported(h3, .traffic, in: yinzuo, zone: StandardZone.eBikeZone))
        #expect(state.summary(of: zhongfu, now: t0)?.openHazards == 2)
        #expect(state.summary(of: yinzuo, now: t0)?.openHazards == 1)
        #expect(state.summary(of: jinrong, now: t0)?.openHazards == 0)
        let closed = given(.closed(h1), on: state)
        #expect(closed.summary(of: zhongfu, now: t0)?.openHazards == 1)
        #expect(closed.openHazardCount == 2)
    }

    @Test func `towers are listed in registration order with their company`() {
        let rows = fixtureDistrict.towerSummaries(now: t0, policy: .standard)
        #expect(rows.map(\.tower.name) == ["中福广场", "福田银座", "金融大厦"])
        #expect(rows.map(\.companyName) == ["中福物业", "福田物业", "中福物业"])
    }

    @Test func `guards present follow duty, scans and arrivals`() {
        func present(_ s: DistrictState) -> [Int] {
            s.towerSummaries(now: t0, policy: .standard).map(\.guardsPresent)
        }
        var state = given(.onDuty(zhang), .onDuty(li), .onDuty(wang))
        #expect(present(state) == [2, 1, 0])
        #expect(state.guards[zhang]?.presentIn == zhongfu)
        // A scan in another tower moves the guard there.
        state = given(.scanned(zhang, yzLobby), on: state)
        #expect(present(state) == [1, 2, 0])
        #expect(state.guards[zhang]?.presentIn == yinzuo)
        // A scan in the same tower changes nothing.
        state = given(.scanned(zhang, yzGarageB1), on: state)
        #expect(present(state) == [1, 2, 0])
        // Going off duty drops the guard; coming back puts them where they were last seen.
        state = given(.offDuty(zhang), on: state)
        #expect(present(state) == [1, 1, 0])
        #expect(state.guards[zhang]?.presentIn == nil)
        state = given(.onDuty(zhang), on: state)
        #expect(present(state) == [1, 2, 0])
        // Arriving on scene in another tower moves the guard to the scene.
        state = given([.reported(h1, in: jinrong, zone: StandardZone.lobby)] + Fact.onScene(li, d1, h1), on: state)
        #expect(present(state) == [0, 2, 1])
        #expect(state.guards[li]?.presentIn == jinrong)
    }

    @Test func `overdue hazards are counted per tower at the given moment`() {
        let state = given(.onDuty(zhang).at(t0), .reported(h1).at(t0), .reported(h2, .dispute, zone: StandardZone.lobby).at(t0 + .minutes(3)),
                          .reported(h3, .parking, in: yinzuo, zone: StandardZone.garage).at(t0 + .minutes(1)))
        let now = t0 + .minutes(7)
        #expect(state.summary(of: zhongfu, now: now)?.overdue == 1, "H1 is 7 min without a guard on scene; H2 only 4 min")
        #expect(state.summary(of: yinzuo, now: now)?.overdue == 1)
        #expect(state.summary(of: zhongfu, now: t0 + .minutes(5))?.overdue == 0)
        // A guard on scene in time takes H1 off the overdue count.
        let attended = given([.dispatched(d1, h1, to: zhang).at(t0 + .minutes(1)), .acknowledged(d1, by: zhang).at(t0 + .minutes(1)),
                              .arrived(d1, zhang).at(t0 + .minutes(4))], on: state)
        #expect(attended.summary(of: zhongfu, now: now)?.overdue == 0)
    }

    @Test func `days since the last crime count from the crime, or from the tower joining the log`() {
        let crimeAt = t0 + .hours(1)
        let state = given(.reported(h1, .crime, in: yinzuo, zone: StandardZone.lobby).at(crimeAt))
        let sixYears = crimeAt + .days(2191) + .hours(5)
        let yz = state.summary(of: yinzuo, now: sixYears)
        #expect(yz?.hadCrime == true)
        #expect(yz?.daysSinceLastCrime == 2191)
        #expect(state.summary(of: yinzuo, now: crimeAt + .hours(23))?.daysSinceLastCrime == 0)
        let zf = state.summary(of: zhongfu, now: setUpTime + .days(3) + .hours(1))
        #expect(zf?.hadCrime == false)
        #expect(zf?.daysSinceLastCrime == 3)
        // A non-crime hazard does not reset it.
        let later = given(.reported(h2, .dispute, in: yinzuo, zone: StandardZone.lobby).at(crimeAt + .days(10)), on: state)
        #expect(later.summary(of: yinzuo, now: crimeAt + .days(20))?.daysSinceLastCrime == 20)
    }

    // MARK: - Urgency

    @Test func `open hazards by urgency: overdue first, then severity, then oldest first`() {
        let state = given(
            .reported(h1, .traffic, zone: StandardZone.eBikeZone).at(t0),                                     // low, overdue at now
            .reported("H-000003", .dispute, zone: StandardZone.lobby).at(t0 + .minutes(3)),                    // medium, older
            .reported(h2, .dispute, zone: StandardZone.lobby).at(t0 + .minutes(4)),                            // medium, newer
            .reported("H-000004", .fireAlarm, in: yinzuo, zone: StandardZone.garage).at(t0 + .minutes(5)),     // critical
            .reported("H-000005", .flood, floor: "B2", zone: StandardZone.garage).at(t0 + .minutes(6)),        // high
            .reported("H-000006", .crime, zone: StandardZone.lobby).at(t0 + .minutes(6)),
            .closed("H-000006").at(t0 + .minutes(6))                                                           // closed: not listed
        )
        let order = state.openHazardsByUrgency(now: t0 + .minutes(7), policy: .standard).map(\.hazard.id.raw)
        #expect(order == ["H-000001", "H-000004", "H-000005", "H-000003", "H-000002"])
    }

    @Test func `equal urgency is ordered by identifier so the list never flickers`() {
        let state = given(.reported(h2).at(t0), .reported(h1).at(t0))
        #expect(state.openHazardsByUrgency(now: t0, policy: .standard).map(\.hazard.id) == [h1, h2])
    }

    // MARK: - Recommendations

    /// A fire-safety hazard on floor 10 of 中福广场, at t0 + 10 min, with:
    /// 张伟 last scanned floor 12 (6 min ago), 李娜 floor 1 (4 min ago),
    /// 周敏 (home 中福广场) now in 福田银座, 刘洋 (home 福田银座, team 中福一队),
    /// 陈静 (金融大厦, team 金融三队); 王强 in 中福广场 but busy; 吴刚 off duty.
    static let recommendationScene = given(
        .onDuty(zhang).at(t0), .onDuty(li).at(t0), .onDuty(zhou).at(t0), .onDuty(wang).at(t0), .onDuty(liu).at(t0),
        .onDuty(chen).at(t0),
        .scanned(wang, zfDock3).at(t0 + .minutes(1)),
        .reported(h1, .parking, floor: "B1", zone: StandardZone.garage).at(t0 + .minutes(1)),
        .dispatched(d1, h1, to: wang).at(t0 + .minutes(1)),
        .scanned(zhou, yzLobby).at(t0 + .minutes(3)),
        .scanned(zhang, zfEscape12).at(t0 + .minutes(4)),
        .scanned(li, zfLobby).at(t0 + .minutes(6)),
        .scanned(chen, jrLobby).at(t0 + .minutes(8)),
        .reported(h2, .fireSafety, floor: "10").at(t0 + .minutes(9))
    )

    @Test func `recommendations: same tower nearest floor first, then home tower, then team, then anyone`() {
        let recs = Self.recommendationScene.recommendations(for: h2, now: t0 + .minutes(10))
        #expect(recs.map(\.guard) == [zhang, li, zhou, liu, chen])
        #expect(recs.map(\.rank) == [0, 0, 1, 2, 3])
        #expect(recs.map(\.reason) == [
            "in 中福广场, at floor 12, seen 6m00s ago",
            "in 中福广场, at floor 1, seen 4m00s ago",
            "posted to 中福广场",
            "team 中福一队 covers 中福广场",
            "in 金融大厦, seen 2m00s ago",
        ])
    }

    @Test func `busy and off-duty guards are never recommended`() {
        let recs = Self.recommendationScene.recommendations(for: h2, now: t0 + .minutes(10))
        #expect(!recs.contains { $0.guard == wang }, "王强 holds D-000001")
        #expect(!recs.contains { $0.guard == wu }, "吴刚 is off duty")
        // Once 王强 is freed he ranks in the tower, floor 3 being 7 floors from floor 10.
        let freed = given(.withdrawn(d1).at(t0 + .minutes(10)), on: Self.recommendationScene)
        #expect(freed.recommendations(for: h2, now: t0 + .minutes(10)).map(\.guard) == [zhang, wang, li, zhou, liu, chen])
    }

    @Test func `a guard of any team present in the tower outranks the tower's own guards elsewhere`() {
        let state = given(.scanned(chen, zfDock3).at(t0 + .minutes(9) + .seconds(30)), on: Self.recommendationScene)
        let recs = state.recommendations(for: h2, now: t0 + .minutes(10))
        #expect(recs.map(\.guard) == [zhang, chen, li, zhou, liu])
        #expect(recs[1].reason == "in 中福广场, at floor 3, seen 30s ago")
    }

    @Test func `within a rank at equal distance the most recently seen comes first`() {
        // 张伟 and 李娜 both on floor 1, 李娜 seen later.
        let state = given(.onDuty(zhang).at(t0), .onDuty(li).at(t0), .scanned(zhang, zfLobby).at(t0 + .minutes(1)),
                          .scanned(li, zfLobby).at(t0 + .minutes(2)), .reported(h1, floor: "1").at(t0 + .minutes(3)))
        #expect(state.recommendations(for: h1, now: t0 + .minutes(3)).map(\.guard) == [li, zhang])
    }

    @Test func `a silent guard is still recommended, and the reason says so`() {
        let recs = Self.recommendationScene.recommendations(for: h2, now: t0 + .minutes(21))
        #expect(recs.first?.guard == zhang)
        #expect(recs.first?.reason == "in 中福广场, at floor 12, seen 17m00s ago, silent")
        #expect(recs.first { $0.guard == liu }?.reason == "team 中福一队 covers 中福广场, silent")
    }

    @Test func `the underground counts as floors next to the ground floor`() {
        // A hazard on floor 1: 张伟 is one floor below it (B1), 李娜 two floors above (3), seen later.
        let state = given(.onDuty(zhang).at(t0), .onDuty(li).at(t0), .scanned(zhang, zfGarageB1).at(t0 + .minutes(1)),
                          .scanned(li, zfDock3).at(t0 + .minutes(2)), .reported(h1, floor: "1").at(t0 + .minutes(3)))
        #expect(state.recommendations(for: h1, now: t0 + .minutes(3)).map(\.guard) == [zhang, li])
    }

    @Test func `an unknown hazard has no recommendations`() {
        #expect(Self.recommendationScene.recommendations(for: "H-000099", now: t0).isEmpty)
    }

    // MARK: - District figures

    @Test func `district figures count rectified hazards and resolved disputes`() {
        let state = given(
            .onDuty(zhang), .scanned(zhang, zfLobby), .scanned(zhang, zfDock3),
            .reported(h1, .fireSafety), .reported(h2, .dispute, zone: StandardZone.lobby),
            .reported(h3, .parking, zone: StandardZone.garage),
            .reported("H-000004", .fireAlarm, zone: StandardZone.lobby),
            .reported("H-000005", .dispute, zone: StandardZone.lobby),
            .dispatched(d1, h2, to: zhang), .escalated(h1, to: .propertyCompany),
            .closed(h1), .withdrawn(d1), .closed(h2), .closed(h3), .closed("H-000004")
        )
        #expect(state.liveFigures == figures(reported: 5, rectified: 4, fireRectified: 2, disputesResolved: 1,
                                             dispatches: 1, scans: 2, escalations: 1))
        #expect(state.drillFigures == figures())
    }
}
