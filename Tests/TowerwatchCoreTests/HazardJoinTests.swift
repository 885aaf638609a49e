import Foundation
import Testing
import TowerwatchCore

/// One hazard per problem: a report of the same category at the same tower,
/// floor and zone (and tenant, where both name one) while a hazard is open
/// joins it; an officer splits a joined report back out.
@Suite("Joined and split reports")
struct HazardJoinTests {
    /// H-000001: fire safety on 中福广场 floor 2's escape route, reported by a patrol at t0, open.
    let open = given([.reported(h1, floor: "2", source: .patrol, note: "waste by the door").at(t0)])

    func report(_ category: HazardCategory = .fireSafety, floor: String = "2", zone: String = StandardZone.escapeRoute,
                tower: TowerID = zhongfu, tenant: TenantID? = nil, source: HazardSource = .plateCamera, note: String = "") -> Action {
        .reportHazard(HazardReport(category: category, source: source, tower: tower, floor: floor, zone: zone, tenant: tenant, note: note))
    }

    func joined(_ h: HazardID, source: HazardSource = .plateCamera, floor: String = "2", tenant: TenantID? = nil, note: String = "") -> Event {
        .hazardReportJoined(hazard: h, category: .fireSafety, source: source, tower: zhongfu, floor: floor, zone: StandardZone.escapeRoute,
                            severity: .high, tenant: tenant, note: note)
    }

    @Test func `a report of the same problem while it is open joins the hazard`() {
        let state = open.when(plateCamera, report(note: "camera 2F-07"), at: t0 + .minutes(3))
            .then([joined(h1, note: "camera 2F-07")])
        let h = state.hazards[h1]
        #expect(h?.reportCount == 2)
        #expect(h?.joinedReports == [JoinedReport(number: 2, source: .plateCamera, severity: .high, tenant: nil, note: "camera 2F-07",
                                                  at: t0 + .minutes(3), by: plateCamera)])
        #expect(h?.lastReportAt == t0 + .minutes(3))
        #expect(h?.reportedAt == t0)
        // Still one hazard: nothing new is open and the figures count one report.
        #expect(state.openHazards == [h1])
        #expect(state.liveFigures.hazardsReported == 1)
        #expect(state.towerFigures[zhongfu]?.openHazards == 1)
    }

    @Test func `the hazard counts its reports, their sources and the latest time`() {
        var state = open
        state = state.when(plateCamera, report(), at: t0 + .minutes(1)).accepted()
        state = state.when(.feed("control-room"), report(source: .tenantCall), at: t0 + .minutes(4)).accepted()
        state = state.when(officer, report(source: .officer), at: t0 + .minutes(9)).accepted()
        let h = state.hazards[h1]
        #expect(h?.reportCount == 4)
        #expect(h?.joinedReports.map(\.source) == [.plateCamera, .tenantCall, .officer])
        #expect(h?.joinedReports.map(\.number) == [2, 3, 4])
        #expect(h?.lastReportAt == t0 + .minutes(9))
    }

    @Test func `a report once the hazard is closed opens a new one`() {
        let closed = given([.closed(h1).at(t0 + .minutes(20))], on: open)
        closed.when(plateCamera, report(), at: t0 + .minutes(25))
            .then([.hazardReported(hazard: h2, category: .fireSafety, source: .plateCamera, tower: zhongfu, floor: "2",
                                   zone: StandardZone.escapeRoute, severity: .high, tenant: nil, note: "")])
    }

    @Test func `a different category, tower, floor or zone does not join`() {
        for action in [report(.parking), report(floor: "3"), report(zone: StandardZone.lobby), report(tower: yinzuo)] {
            let events = open.when(plateCamera, action, at: t0 + .minutes(2)).events() ?? []
            #expect(events.count == 1)
            guard case .hazardReported(let id, _, _, _, _, _, _, _, _)? = events.first else {
                Issue.record("expected a new hazard, got \(events)"); continue
            }
            #expect(id == h2)
        }
    }

    @Test func `a different tenant does not join; the same tenant, or one unnamed on either side, does`() {
        let atRestaurant = given([.reported(h1, floor: "2", tenant: restaurant).at(t0)])
        let otherTenant: TenantID = "TN-003"
        let withNeighbour = given([Fact(.tenantMovedIn(tenant: otherTenant, name: "花间茶室", tower: zhongfu, floor: "2", kind: "tea house"))
            .at(setUpTime + .hours(1))], on: fixtureDistrict)
        let both = given([.reported(h1, floor: "2", tenant: restaurant).at(t0)], on: withNeighbour)
        // Another tenant on the same floor: another problem.
        guard case .hazardReported? = both.when(officer, report(tenant: otherTenant, source: .officer)).events()?.first else {
            Issue.record("a report naming another tenant joined"); return
        }
        atRestaurant.when(plateCamera, report(tenant: restaurant)).then([joined(h1, tenant: restaurant)])
        atRestaurant.when(plateCamera, report()).then([joined(h1)])
        // The hazard named none; the report names one: it joins and the hazard takes the tenant.
        let state = open.when(plateCamera, report(tenant: restaurant)).then([joined(h1, tenant: restaurant)])
        #expect(state.hazards[h1]?.tenant == restaurant)
    }

    @Test func `when several open hazards match, the earliest reported takes the report`() {
        let two = given([.reported(h2, floor: "2").at(t0 + .minutes(1))],
                        on: given([Fact(.hazardReportJoined(hazard: h1, category: .fireSafety, source: .plateCamera, tower: zhongfu, floor: "2",
                                                            zone: StandardZone.escapeRoute, severity: .high, tenant: nil, note: ""),
                                        by: plateCamera).at(t0 + .seconds(30))], on: open))
        // H-000002 could only exist beside H-000001 after a split; either way the older one is chosen.
        two.when(plateCamera, report(), at: t0 + .minutes(2)).then([joined(h1)])
    }

    @Test func `an officer splits a joined report out into a hazard of its own`() {
        var state = open.when(plateCamera, report(note: "camera"), at: t0 + .minutes(1)).accepted()
        state = state.when(.feed("control-room"), report(source: .tenantCall, note: "tenant call"), at: t0 + .minutes(2)).accepted()
        state = state.when(officer, .splitReport(h1, report: 2), at: t0 + .minutes(5))
            .then([.hazardReportSplit(hazard: h2, from: h1, report: 2)])
        let original = state.hazards[h1], split = state.hazards[h2]
        #expect(original?.joinedReports.map(\.number) == [3])
        #expect(original?.reportCount == 2)
        #expect(split?.category == .fireSafety && split?.floor == "2" && split?.zone == StandardZone.escapeRoute)
        #expect(split?.source == .plateCamera)
        #expect(split?.reporter == plateCamera)
        #expect(split?.note == "camera")
        #expect(split?.reportedAt == t0 + .minutes(1))
        #expect(state.openHazards == [h1, h2])
        #expect(state.liveFigures.hazardsReported == 2)
        #expect(state.towerFigures[zhongfu]?.openHazards == 2)
        // Report 3 keeps its number; report 2 is gone from H-000001.
        state.when(officer, .splitReport(h1, report: 2)).rejected(mentioning: "H-000001 has no joined report 2", "its joined reports are 3")
    }

    @Test func `only an officer splits, a report that joined, of an open hazard`() {
        let twice = open.when(plateCamera, report(), at: t0 + .minutes(1)).accepted()
        twice.when(.guard(zhang), .splitReport(h1, report: 2)).rejected(mentioning: "only an officer can split a report")
        twice.when(officer, .splitReport(h1, report: 1)).rejected(mentioning: "no joined report 1", "its joined reports are 2")
        open.when(officer, .splitReport(h1, report: 2)).rejected(mentioning: "H-000001 has no joined reports to split")
        twice.when(officer, .splitReport("H-000099", report: 2)).rejected(mentioning: "unknown hazard H-000099")
        let closed = given([.closed(h1)], on: twice)
        closed.when(officer, .splitReport(h1, report: 2)).rejected(mentioning: "hazard H-000001 is closed")
    }

    @Test func `a join or split that does not fit the state does not fold`() {
        var state = given([.closed(h1)], on: open)
        #expect(state.apply(record(joined(h1), after: state, by: plateCamera)) == "hazard H-000001 is not open")
        #expect(state.apply(record(.hazardReportSplit(hazard: h2, from: h1, report: 2), after: state, by: officer)) == "hazard H-000001 is not open")
        var live = open
        #expect(live.apply(record(.hazardReportSplit(hazard: h2, from: h1, report: 2), after: live, by: officer)) == "hazard H-000001 has no joined report 2")
        #expect(live.hazards[h2] == nil)
        #expect(live.apply(record(.hazardReportSplit(hazard: h1, from: h1, report: 2), after: live, by: officer)) == "hazard H-000001 was already reported")
    }

    @Test func `a cached fold with joined reports plus a split equals the fold from scratch`() throws {
        let first = [Fact(joined(h1, note: "camera \"2F\"\nline two"), by: plateCamera).at(t0 + .minutes(1)),
                     Fact(joined(h1, source: .tenantCall), by: .feed("control-room")).at(t0 + .minutes(2))]
        let later = [Fact(.hazardReportSplit(hazard: h2, from: h1, report: 3), by: officer).at(t0 + .minutes(4)),
                     Fact.closed(h2).at(t0 + .minutes(8))]
        let scratch = given(later, on: given(first, on: open))
        let cached = try JSONDecoder().decode(DistrictState.self, from: JSONEncoder().encode(given(first, on: open)))
        #expect(given(later, on: cached) == scratch)
        #expect(scratch.hazards[h1]?.reportCount == 2)
        #expect(scratch.hazards[h2]?.closedAt == t0 + .minutes(8))
    }

    @Test func `a state cached before hazards had joined reports does not read`() throws {
        let state = open.when(plateCamera, report()).accepted()
        let (old, removed) = try stateJSON(state, withoutHazardField: "joinedReports")
        #expect(removed > 0)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DistrictState.self, from: old) }
    }
}
