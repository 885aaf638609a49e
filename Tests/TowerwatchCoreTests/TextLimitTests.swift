import Testing
import TowerwatchCore
import TowerwatchText

/// Text is checked at the edge, in `decide`: ids, names and shift ids hold no
/// control character, and no field is longer than its documented limit.
@Suite("Text in a command is checked")
struct TextLimitTests {
    static let controls = ["\u{1B}]0;X\u{07}", "a\u{0}b", "\u{9B}1m", "x\u{202E}y", "tab\there", "line\nbreak", "\u{7F}"]

    @Test(arguments: controls)
    func `ids, names and shift ids refuse control characters`(bad: String) {
        let state = given(.onDuty(zhang))
        state.when(.system, .startShift(ShiftID("S" + bad), name: "day")).rejected(mentioning: "shift id holds a control character")
        state.when(.system, .startShift("S-1", name: "day " + bad)).rejected(mentioning: "shift name holds a control character")
        state.when(.guard(zhang), .scan(guard: zhang, checkpoint: CheckpointID("T01-CP01" + bad))).rejected(mentioning: "checkpoint id holds a control character")
        state.when(.system, .enrollGuard("G-900", name: "王" + bad, team: teamZhongfu, homeTower: zhongfu, training: []))
            .rejected(mentioning: "guard name holds a control character")
        state.when(.feed("cam" + bad), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: zhongfu, floor: "B1", zone: "garage")))
            .rejected(mentioning: "feed name holds a control character")
        state.when(.officer(zhao), .issueBulletin(from: "alliance" + bad, text: "watch", tower: nil))
            .rejected(mentioning: "bulletin source (from) holds a control character")
        state.when(.officer(zhao), .reportHazard(HazardReport(category: .parking, source: .officer, tower: zhongfu, floor: "B1" + bad, zone: "garage")))
            .rejected(mentioning: "floor holds a control character")
    }

    @Test func `a note may hold a line break and any text, up to its limit`() {
        let state = given(.onDuty(zhang))
        state.when(.officer(zhao), .reportHazard(HazardReport(category: .parking, source: .officer, tower: zhongfu, floor: "B1",
                                                            zone: "garage", note: "two\nlines 中福 \u{1B}[31m"))).accepted()
        let limit = String(repeating: "中", count: TextLimits.note / 3)
        state.when(.officer(zhao), .reportHazard(HazardReport(category: .parking, source: .officer, tower: zhongfu, floor: "B1",
                                                            zone: "garage", note: limit))).accepted()
        state.when(.officer(zhao), .reportHazard(HazardReport(category: .parking, source: .officer, tower: zhongfu, floor: "B1",
                                                            zone: "garage", note: limit + "中")))
            .rejected(mentioning: "note is \(limit.utf8.count + 3) bytes long", "the limit is \(TextLimits.note) bytes")
    }

    @Test func `every text field has its limit, in the message`() {
        let state = given(.onDuty(zhang))
        let long = { (n: Int) in String(repeating: "x", count: n + 1) }
        state.when(.officer(zhao), .issueBulletin(from: "alliance", text: long(TextLimits.bulletin), tower: nil))
            .rejected(mentioning: "bulletin text is \(TextLimits.bulletin + 1) bytes long", "limit is \(TextLimits.bulletin) bytes")
        state.when(.officer(zhao), .issueBulletin(from: "alliance", text: String(repeating: "x", count: TextLimits.bulletin), tower: nil)).accepted()
        state.when(.officer(zhao), .issueBulletin(from: long(TextLimits.name), text: "x", tower: nil))
            .rejected(mentioning: "bulletin source (from) is", "limit is \(TextLimits.name) bytes")
        state.when(.guard(zhang), .scan(guard: zhang, checkpoint: CheckpointID(long(TextLimits.id))))
            .rejected(mentioning: "checkpoint id is \(TextLimits.id + 1) bytes long", "limit is \(TextLimits.id) bytes")
        state.when(.system, .startShift(ShiftID(long(TextLimits.id)), name: "day")).rejected(mentioning: "shift id is", "limit is \(TextLimits.id)")
        state.when(.officer(zhao), .close("H-000001", note: long(TextLimits.note))).rejected(mentioning: "note is", "limit is \(TextLimits.note)")
        state.when(.guard(zhang), .decline("D-000001", reason: long(TextLimits.note))).rejected(mentioning: "reason is", "limit is \(TextLimits.note)")
    }

    @Test func `UTF-8 is validated to the byte`() {
        #expect(UTF8Validation.firstInvalidByte(in: Array("中福 plaza 🚒".utf8)) == nil)
        #expect(UTF8Validation.firstInvalidByte(in: [0x61, 0xFF, 0x62]) == 1)
        #expect(UTF8Validation.firstInvalidByte(in: [0x61, 0x62, 0xE4, 0xB8]) == 2)           // cut short
        #expect(UTF8Validation.firstInvalidByte(in: [0xC0, 0xAF]) == 0)                       // overlong
        #expect(UTF8Validation.firstInvalidByte(in: [0x41, 0xED, 0xA0, 0x80]) == 1)           // a surrogate
        #expect(UTF8Validation.firstInvalidByte(in: [0xF4, 0x90, 0x80, 0x80]) == 0)           // above U+10FFFF
        #expect(UTF8Validation.firstInvalidByte(in: [0xE4, 0xB8, 0xAD, 0x80]) == 3)           // a stray continuation
    }
}
