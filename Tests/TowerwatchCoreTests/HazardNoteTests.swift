import Foundation
import Testing
import TowerwatchCore

/// Notes on an open hazard: an officer or the guard sent to it writes one; anyone
/// else, an empty or over-long note, or a closed or unknown hazard is refused.
@Suite("Hazard notes")
struct HazardNoteTests {
    /// 张伟 on duty and sent to H-000001 (acknowledged); 李娜 on duty, sent nowhere.
    let sent = given([.onDuty(zhang), .onDuty(li), .reported(h1), .dispatched(d1, h1, to: zhang), .acknowledged(d1, by: zhang)])

    @Test func `an officer adds a note to an open hazard`() {
        let state = sent.when(officer, .addNote(h1, text: "已通知物业，施工方14:40到场"), at: t0 + .minutes(10))
            .then([.hazardNoteAdded(hazard: h1, note: "已通知物业，施工方14:40到场")])
        #expect(state.hazards[h1]?.notes == [HazardNote(text: "已通知物业，施工方14:40到场", at: t0 + .minutes(10), by: officer)])
    }

    @Test func `the guard sent to the hazard adds a note`() {
        let state = sent.when(.guard(zhang), .addNote(h1, text: "crates by the door, owner called"), at: t0 + .minutes(6))
            .then([.hazardNoteAdded(hazard: h1, note: "crates by the door, owner called")])
        #expect(state.hazards[h1]?.notes.map(\.by) == [.guard(zhang)])
        #expect(state.hazards[h1]?.notes.map(\.at) == [t0 + .minutes(6)])
    }

    @Test func `a guard not sent to the hazard is refused, with who may`() {
        sent.when(.guard(li), .addNote(h1, text: "I saw it too")).rejected(mentioning: "G-002", "no open dispatch on H-000001",
                                                                         "only an officer or a guard sent to it")
    }

    @Test func `a guard whose dispatch has ended is refused`() {
        let cleared = given(Fact.onScene(li, d2, h2) + [.cleared(d2, li)], on: given([.reported(h2)], on: sent))
        cleared.when(.guard(li), .addNote(h2, text: "one more thing")).rejected(mentioning: "no open dispatch on H-000002")
    }

    @Test func `a feed or the system is refused`() {
        sent.when(plateCamera, .addNote(h1, text: "plate 浙A12345")).rejected(mentioning: "only an officer or a guard sent to H-000001")
        sent.when(.system, .addNote(h1, text: "x")).rejected(mentioning: "only an officer or a guard sent to H-000001")
    }

    @Test func `a closed hazard takes no note`() {
        let closed = given([.cleared(d1, zhang).at(t0 + .minutes(20)), .closed(h1)], on: given([.arrived(d1, zhang)], on: sent))
        closed.when(officer, .addNote(h1, text: "late remark")).rejected(mentioning: "hazard H-000001 is closed")
    }

    @Test func `an unknown hazard takes no note`() {
        sent.when(officer, .addNote("H-000099", text: "x")).rejected(mentioning: "unknown hazard H-000099")
    }

    @Test func `an empty note is refused`() {
        sent.when(officer, .addNote(h1, text: "")).rejected(mentioning: "a note must not be empty")
        sent.when(.guard(zhang), .addNote(h1, text: "  \n\t ")).rejected(mentioning: "a note must not be empty")
    }

    @Test func `a note over the limit is refused, and the message names the limit`() {
        let limit = HazardNote.maximumLength
        #expect(limit == 500)
        // Characters, not bytes: 500 CJK characters (1,500 bytes) fit.
        sent.when(officer, .addNote(h1, text: String(repeating: "火", count: limit))).accepted()
        sent.when(officer, .addNote(h1, text: String(repeating: "火", count: limit + 1)))
            .rejected(mentioning: "at most 500 characters", "this one is 501")
    }

    @Test func `the fold keeps the notes in order, by whom and when`() {
        var state = sent
        state = state.when(.guard(zhang), .addNote(h1, text: "first"), at: t0 + .minutes(5)).accepted()
        state = state.when(officer, .addNote(h1, text: "second"), at: t0 + .minutes(6)).accepted()
        state = state.when(.guard(zhang), .addNote(h1, text: "third"), at: t0 + .minutes(6)).accepted()
        let notes = state.hazards[h1]?.notes ?? []
        #expect(notes.map(\.text) == ["first", "second", "third"])
        #expect(notes.map(\.by) == [.guard(zhang), officer, .guard(zhang)])
        #expect(notes.map(\.at) == [t0 + .minutes(5), t0 + .minutes(6), t0 + .minutes(6)])
    }

    @Test func `a note on a hazard that is not open does not fold`() {
        var state = given([.arrived(d1, zhang), .cleared(d1, zhang), .closed(h1)], on: sent)
        let before = state.hazards[h1]
        let reason = state.apply(EventRecord(seq: state.lastSeq + 1, time: t0 + .hours(1), actor: officer,
                                             event: .hazardNoteAdded(hazard: h1, note: "x")))
        #expect(reason == "hazard H-000001 is not open")
        #expect(state.hazards[h1] == before)
        #expect(state.apply(EventRecord(seq: state.lastSeq + 1, time: t0 + .hours(1), actor: officer,
                                        event: .hazardNoteAdded(hazard: "H-000099", note: "x"))) == "hazard H-000099 is not open")
    }

    @Test func `a cached fold with notes plus later notes equals the fold from scratch`() throws {
        let first = Fact(.hazardNoteAdded(hazard: h1, note: "first \"quoted\"\nline two"), by: .guard(zhang))
        let later = [Fact(.hazardNoteAdded(hazard: h1, note: "second"), by: officer), Fact(.hazardNoteAdded(hazard: h1, note: "third"), by: .guard(zhang))]
        let scratch = given(later, on: given([first], on: sent))
        // The snapshot: the state as JSON, as a snapshot stores it, read back.
        let cached = try JSONDecoder().decode(DistrictState.self, from: JSONEncoder().encode(given([first], on: sent)))
        #expect(given(later, on: cached) == scratch)
        #expect(scratch.hazards[h1]?.notes.count == 3)
    }

    @Test func `a state cached before hazards had notes does not read, so it is never used without them`() throws {
        let state = given([.arrived(d1, zhang)], on: sent)
        // Without "notes" in any hazard, as a build before this event wrote them.
        let (old, removed) = try stateJSON(state, withoutHazardField: "notes")
        #expect(removed > 0)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DistrictState.self, from: old) }
    }
}
