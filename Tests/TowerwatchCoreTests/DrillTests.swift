import Testing
import TowerwatchCore

/// Drills never mix with live events: drill records count in `drillFigures`
/// only, and a drill hazard stays a drill whoever touches it later.
@Suite("Drills never count live")
struct DrillTests {
    @Test func `a drill from report to close counts only in the drill figures`() {
        let path: [Fact] = [.onDuty(zhang), .scanned(zhang, zfLobby), .reported(h1, .fireSafety)] + Fact.onScene(zhang, d1, h1)
            + [.escalated(h1, to: .captain), .cleared(d1, zhang), .closed(h1)]
        let drill = given(path.map(\.inDrill))
        #expect(drill.liveFigures == figures())
        #expect(drill.drillFigures == figures(reported: 1, rectified: 1, fireRectified: 1, dispatches: 1, scans: 1, escalations: 1))
        #expect(drill.hazards[h1]?.drill == true)
    }

    @Test func `the same path live counts only in the live figures`() {
        let path: [Fact] = [.onDuty(zhang), .scanned(zhang, zfLobby), .reported(h1, .fireSafety)] + Fact.onScene(zhang, d1, h1)
            + [.escalated(h1, to: .captain), .cleared(d1, zhang), .closed(h1)]
        let live = given(path)
        #expect(live.drillFigures == figures())
        #expect(live.liveFigures == figures(reported: 1, rectified: 1, fireRectified: 1, dispatches: 1, scans: 1, escalations: 1))
    }

    @Test func `a drill hazard closed by a live record still counts as a drill`() {
        let state = given(.reported(h1, .dispute, zone: StandardZone.lobby).inDrill, .closed(h1))
        #expect(state.liveFigures.hazardsRectified == 0)
        #expect(state.liveFigures.disputesResolved == 0)
        #expect(state.drillFigures.hazardsRectified == 1)
        #expect(state.drillFigures.disputesResolved == 1)
    }

    @Test func `a drill crime does not reset the days since the last crime`() {
        let state = given(.reported(h1, .crime, zone: StandardZone.lobby).inDrill.at(t0 + .days(3)))
        #expect(state.towerFigures[zhongfu]?.lastCrimeAt == nil)
        let summary = state.summary(of: zhongfu, now: t0 + .days(10))
        #expect(summary?.hadCrime == false)
        #expect(summary?.daysSinceLastCrime == 11, "counted from the tower joining the log, 2026-03-01 06:00")
    }

    @Test func `dispatches and escalations on a drill hazard count as drill even from live records`() {
        // The close already follows the hazard's drill flag (see the test above); the other
        // figures about the same drill hazard should too.
        let state = given(.onDuty(zhang), .reported(h1).inDrill, .dispatched(d1, h1, to: zhang), .escalated(h1))
        #expect(state.liveFigures.dispatches == 0)
        #expect(state.liveFigures.escalations == 0)
        #expect(state.drillFigures.dispatches == 1)
        #expect(state.drillFigures.escalations == 1)
    }
}
