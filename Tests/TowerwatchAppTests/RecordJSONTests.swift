import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore

/// `log dump`'s JSON lines and the one JSON string escaper they share with the report.
@Suite struct RecordJSONTests {
    @Test func `a JSON string escapes quotes, backslashes, controls and line separators, and keeps CJK as it is`() throws {
        #expect(JSONString.quoted("plain") == #""plain""#)
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("tab\tcr\rlf\n") == #""tab\tcr\rlf\n""#)
        #expect(JSONString.quoted("\u{1b}[2J\u{7f}\u{0}") == #""\u001b[2J\u007f\u0000""#)
        #expect(JSONString.quoted("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(JSONString.quoted("装修垃圾堵塞消防通道 — 👩‍🚒 ₂") == "\"装修垃圾堵塞消防通道 — 👩‍🚒 ₂\"", "other E2 sequences (— is E2 80 94) pass as they are")
        // Whatever goes in comes back out of a JSON reader unchanged.
        for text in ["", "\u{2028}", "x\u{e2}", "\u{1}\u{1f}\"\\/", "中福广场\n12F"] {
            let decoded = try JSONSerialization.jsonObject(with: Data(("[" + JSONString.quoted(text) + "]").utf8)) as? [String]
            #expect(decoded == [text], "\(text.debugDescription)")
        }
    }

    @Test func `a record is one line of JSON with its fields, lists as arrays`() throws {
        let tower = EventRecord(seq: 7, time: Timestamp(year: 2026, month: 11, day: 29, hour: 8), actor: .system, event: .towerRegistered(
            tower: "T01", name: "中福广场", englishName: "Zhongfu \"Plaza\"", company: "C-01", floorsAbove: 30, floorsBelow: 2, zones: ["lobby"]))
        let line = RecordJSON.line(tower)
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["seq"] as? Int == 7)
        #expect(object["type"] as? String == "TowerRegistered")
        #expect(object["actor"] as? String == "system")
        #expect(object["drill"] as? Bool == false)
        #expect(object["time"] as? String == tower.time.iso8601)
        let fields = try #require(object["fields"] as? [String: Any])
        #expect(fields["name"] as? String == "中福广场")
        #expect(fields["englishName"] as? String == "Zhongfu \"Plaza\"" || fields.values.contains { $0 as? String == "Zhongfu \"Plaza\"" })
        #expect(fields.values.contains { ($0 as? [String]) == ["lobby"] }, "a list of one is still an array: \(fields)")

        let bulletin = EventRecord(seq: 8, time: tower.time, actor: .feed("alliance"), drill: true,
                                   event: .bulletinIssued(bulletin: "B-000001", from: "alliance", text: "evil\u{1b}]0;x\u{7}", tower: nil))
        var bytes: [UInt8] = []
        RecordJSON.append(tower, to: &bytes)
        RecordJSON.append(bulletin, to: &bytes)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(!lines[1].contains("\u{1b}"), "no raw escape reaches the output")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["drill"] as? Bool == true)
        #expect(second["actor"] as? String == "feed:alliance")
        #expect((second["fields"] as? [String: Any])?.values.contains { $0 as? String == "evil\u{1b}]0;x\u{7}" } == true)
    }
}
