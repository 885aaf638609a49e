import Foundation
import Testing
@testable import TowerwatchCore

/// The district's time zone is one of its facts; time only moves forward in its log.
@Suite("District time zone and time order")
struct TimeOrderAndZoneTests {
    // MARK: - The zone as an event

    @Test func `an officer sets the district's zone; the state keeps it`() {
        var state = given()
        #expect(state.timeZone == nil)
        state = state.when(officer, .setTimeZone("Asia/Shanghai")).then([.districtTimeZoneSet(zone: "Asia/Shanghai")])
        #expect(state.timeZone == "Asia/Shanghai")
        state = state.when(.system, .setTimeZone("UTC")).then([.districtTimeZoneSet(zone: "UTC")])
        #expect(state.timeZone == "UTC")
    }

    @Test func `guards and feeds cannot set it; a malformed or unchanged name is refused`() {
        let state = given().when(officer, .setTimeZone("Asia/Shanghai")).accepted()
        state.when(.guard(zhang), .setTimeZone("UTC")).rejected(mentioning: "only an officer", "time zone")
        state.when(plateCamera, .setTimeZone("UTC")).rejected(mentioning: "only an officer")
        for bad in ["", "Asia Shanghai", "../etc/passwd", "/Asia/Shanghai", "亚洲/上海", String(repeating: "A", count: 65)] {
            state.when(officer, .setTimeZone(bad)).rejected(mentioning: "not a time zone name")
        }
        state.when(officer, .setTimeZone("Asia/Shanghai")).rejected(mentioning: "already read Asia/Shanghai")
    }

    @Test func `the set-time-zone verb builds the command`() throws {
        #expect(try VerbInvocation(line: "set-time-zone Asia/Shanghai").action(actor: officer) == .setTimeZone("Asia/Shanghai"))
        #expect(try VerbInvocation(.setTimeZone, words: ["Europe/Berlin"]).action(actor: officer) == .setTimeZone("Europe/Berlin"))
        #expect(throws: Rejection.self) { try VerbInvocation(line: "set-time-zone").action(actor: officer) }
    }

    @Test func `a snapshot of the state keeps the zone`() throws {
        let state = given().when(officer, .setTimeZone("Asia/Shanghai")).accepted()
        let copy = try JSONDecoder().decode(DistrictState.self, from: JSONEncoder().encode(state))
        #expect(copy.timeZone == "Asia/Shanghai")
        #expect(copy == state)
    }

    // MARK: - decide keeps time order

    @Test func `an acknowledgement timed before its dispatch is refused, naming both times`() {
        let dispatchedAt = t0 + .minutes(10)
        let state = given(.onDuty(zhang), .reported(h1), Fact.dispatched(d1, h1, to: zhang).at(dispatchedAt))
        state.when(.guard(zhang), .acknowledge(d1, channel: .console), at: dispatchedAt - .seconds(80))
            .rejected(mentioning: "DispatchAcknowledged at 2026-03-02T08:08:40.000Z", "precede D-000001's dispatch at 2026-03-02T08:10:00.000Z", "1m20s")
        // At the dispatch's own moment or after, it goes in.
        state.when(.guard(zhang), .acknowledge(d1, channel: .console), at: dispatchedAt).accepted()
    }

    @Test func `arrival before the acknowledgement, a close or dispatch before the report, a scan before duty: refused`() {
        let reportedAt = t0 + .minutes(5)
        var state = given(Fact.onDuty(zhang).at(t0), Fact.reported(h1).at(reportedAt))
        state.when(officer, .dispatch(hazard: h1, guard: zhang), at: reportedAt - .seconds(1)).rejected(mentioning: "the report of H-000001")
        state.when(officer, .close(h1, note: ""), at: reportedAt - .seconds(1)).rejected(mentioning: "the report of H-000001")
        state.when(.guard(zhang), .scan(guard: zhang, checkpoint: zfLobby), at: t0 - .seconds(1)).rejected(mentioning: "G-001 going on duty")
        state = state.when(officer, .dispatch(hazard: h1, guard: zhang), at: reportedAt).accepted()
        state = state.when(.guard(zhang), .acknowledge(d1, channel: .console), at: reportedAt + .minutes(1)).accepted()
        state.when(.guard(zhang), .arrive(d1), at: reportedAt + .seconds(30)).rejected(mentioning: "its acknowledgement")
    }

    // MARK: - The log check

    @Test func `a record before its cause, or before the record it follows, is out of time order`() {
        let dispatchedAt = t0 + .minutes(10)
        let state = given(.onDuty(zhang), .reported(h1), Fact.dispatched(d1, h1, to: zhang).at(dispatchedAt))
        let early = record(.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console), after: state, at: dispatchedAt - .seconds(80))
        #expect(TimeOrder.problem(early, after: state)
                == "DispatchAcknowledged at 2026-03-02T08:08:40.000Z precedes D-000001's dispatch at 2026-03-02T08:10:00.000Z")
        let backwards = record(.checkpointScanned(guard: zhang, checkpoint: zfLobby), after: state, at: dispatchedAt - .seconds(1))
        #expect(TimeOrder.problem(backwards, after: state)?.hasPrefix("time goes backwards: CheckpointScanned at 2026-03-02T08:09:59.000Z follows record") == true)
        let inOrder = record(.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console), after: state, at: dispatchedAt)
        #expect(TimeOrder.problem(inOrder, after: state) == nil)
    }
}
