import Testing
@testable import TowerwatchCore

@Suite struct IdentityAndFloorTests {
    @Test func `a new hazard id is above every id seen, even when the count lags (a repaired log)`() {
        // Only H-000005 is in the log (a repair removed the reports before it).
        let state = given(.reported("H-000005").at(t0))
        #expect(state.hazardCount == 1)
        let events = state.when(officer, .reportHazard(HazardReport(category: .traffic, source: .officer, tower: zhongfu, floor: "1",
                                                                     zone: StandardZone.lobby))).events()
        guard case .hazardReported(let id, _, _, _, _, _, _, _, _)? = events?.first else { Issue.record("no report"); return }
        #expect(id == "H-000006")
    }

    @Test(arguments: ["012", "B01", "+3", "03", "B+1"])
    func `a floor has one spelling`(floor: String) {
        #expect(Tower.level(of: floor) == nil)
    }
}
