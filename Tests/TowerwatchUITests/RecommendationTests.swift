import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// Recommendations say only what is known, and put guards trained for the
/// hazard's category first; the picker shows it.
@Suite("Recommendations")
struct RecommendationTests {
    @Test("a guard without a scan this shift is 'never scanned this shift', not 'seen 23s ago'")
    func neverScanned() {
        let f = ConsoleFixture()
        let recs = f.state.recommendations(for: "H-000003", now: f.now)
        let g2 = recs.first { $0.guard == "G-002" }
        #expect(g2?.reason.contains("never scanned this shift") == true, "\(String(describing: g2?.reason))")
        #expect(g2?.reason.contains("seen") == false)
        let g3 = recs.first { $0.guard == "G-003" }
        #expect(g3?.reason.contains("seen 10m00s ago") == true, "\(String(describing: g3?.reason))")
    }

    @Test("within a rank, guards trained for the category come first, and the reason names the course")
    func trainedFirst() {
        var f = ConsoleFixture()
        f.run(Command(.officer("O-01"), .reportHazard(HazardReport(category: .flood, source: .officer, tower: "T05", floor: "B1", zone: "garage"))),
              at: f.start + .minutes(10))
        var state = f.state
        // Two guards of equal standing, one trained for floods.
        state.guards["G-002"]?.training = ["workplace-safety"]
        state.guards["G-012"]?.training = ["flood-response"]
        let recs = state.recommendations(for: "H-000004", now: f.now)
        let i2 = recs.firstIndex { $0.guard == "G-002" }!, i12 = recs.firstIndex { $0.guard == "G-012" }!
        #expect(recs[i12].rank == recs[i2].rank)
        #expect(i12 < i2)
        #expect(recs[i12].reason.contains("trained in flood-response"))
        #expect(!recs[i2].reason.contains("trained"))
    }

    @Test("the dispatch picker shows each guard's reason, training included")
    func pickerShowsTraining() {
        let f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        model.overlay = .dispatchPicker(hazard: "H-000003", index: 0)
        let screen = f.render(model, width: 200, height: 60).grid.lines().joined(separator: "\n")
        #expect(screen.contains("trained in dispute-mediation"))
        #expect(screen.contains("never scanned this shift"))
    }
}
