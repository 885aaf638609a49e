import Testing
import TowerwatchText

@Suite("Display width, truncation and padding")
struct DisplayWidthTests {
    @Test("ASCII is one cell per character")
    func ascii() {
        #expect(DisplayWidth.of("Tower 7") == 7)
        #expect("".displayWidth == 0)
    }

    @Test("CJK tower names take two cells per character")
    func cjk() {
        #expect("中福广场".displayWidth == 8)
        #expect("福田银座".displayWidth == 8)
        #expect("B2 中福广场".displayWidth == 11)
        #expect("ｔｏｗｅｒ".displayWidth == 10)  // fullwidth forms
        #expect("한국".displayWidth == 4)        // Hangul
        #expect("カタカナ".displayWidth == 8)     // kana
        #expect("一楼一辅警".displayWidth == 10)
    }

    @Test("combining marks and controls take no cells; emoji take two")
    func zeroAndEmoji() {
        #expect("e\u{301}".displayWidth == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x07)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x200B)!) == 0)
        #expect("🚨".displayWidth == 2)
        #expect("🔥".displayWidth == 2)
        #expect("中\u{301}".displayWidth == 2)
    }

    @Test("truncation counts cells and ends with an ellipsis")
    func truncate() {
        #expect("福田银座".truncated(toWidth: 8) == "福田银座")
        #expect("福田银座".truncated(toWidth: 7) == "福田银…")
        // A wide character is not split: 6 cells hold 福田 + … (5 cells).
        #expect("福田银座".truncated(toWidth: 6) == "福田…")
        #expect("Zhongfu Plaza".truncated(toWidth: 8) == "Zhongfu…")
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("中福".truncated(toWidth: 1) == "…")
        #expect("中福".truncated(toWidth: 3, ellipsis: "") == "中")
        for width in 0...10 {
            #expect("中福广场 A座".truncated(toWidth: width).displayWidth <= width)
        }
    }

    @Test("padding makes columns line up whatever the script")
    func columnsLineUp() {
        let names = ["中福广场", "福田银座", "Tower 3", "B2 福田", "Futian Yinzuo Centre"]
        let rows = names.map { $0.padded(toWidth: 10) + "|" + "ok".padded(toWidth: 4, align: .right) + "|" }
        for row in rows {
            #expect(row.displayWidth == 16)
            // The separators sit in the same columns on every row.
            let firstBar = row.firstIndex(of: "|")!
            #expect(String(row[..<firstBar]).displayWidth == 10)
        }
        #expect(rows[0] == "中福广场  |  ok|")
        #expect(rows[4] == "Futian Yi…|  ok|")
        #expect("中".padded(toWidth: 5, align: .center) == " 中  ")
        // A wide character that cannot fit is never split.
        #expect("中福广场".padded(toWidth: 5) == "中福…")
        #expect("中福广场".truncated(toWidth: 5, ellipsis: "").padded(toWidth: 5) == "中福 ")
    }
}

/// One case of the table: a text, the cells it takes, and what it becomes
/// cut to a few widths (an ellipsis never splits a cluster).
struct WidthCase: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let clusters: [Int]
    let cut: [Int: String]

    var width: Int { clusters.reduce(0, +) }
    var testDescription: String { name }
}

@Suite("Display width of grapheme clusters, on a table of cases")
struct GraphemeClusterWidthTests {
    static let cases: [WidthCase] = [
        WidthCase(name: "ASCII", text: "Tower 7", clusters: [1, 1, 1, 1, 1, 1, 1],
                  cut: [7: "Tower 7", 6: "Tower…", 1: "…"]),
        WidthCase(name: "CJK", text: "中福广场", clusters: [2, 2, 2, 2],
                  cut: [8: "中福广场", 7: "中福广…", 6: "中福…", 2: "…", 1: "…"]),
        WidthCase(name: "fullwidth forms", text: "ＡＢ１", clusters: [2, 2, 2],
                  cut: [5: "ＡＢ…", 4: "Ａ…"]),
        WidthCase(name: "ZWJ sequence 👩‍🚒", text: "👩‍🚒x", clusters: [2, 1],
                  cut: [3: "👩‍🚒x", 2: "…", 1: "…"]),
        WidthCase(name: "family ZWJ sequence", text: "👨‍👩‍👧‍👦", clusters: [2], cut: [2: "👨‍👩‍👧‍👦", 1: "…"]),
        WidthCase(name: "flag 🇨🇳", text: "🇨🇳CN", clusters: [2, 1, 1],
                  cut: [4: "🇨🇳CN", 3: "🇨🇳…", 2: "…"]),
        WidthCase(name: "two flags side by side", text: "🇨🇳🇭🇰", clusters: [2, 2], cut: [3: "🇨🇳…"]),
        WidthCase(name: "lone regional indicator", text: "\u{1F1E8}", clusters: [1], cut: [:]),
        WidthCase(name: "e + combining acute", text: "Cafe\u{301}s", clusters: [1, 1, 1, 1, 1],
                  cut: [5: "Cafe\u{301}s", 4: "Caf…"]),
        WidthCase(name: "CJK + combining mark", text: "中\u{301}福", clusters: [2, 2], cut: [3: "中\u{301}…"]),
        WidthCase(name: "heart with VS16 (emoji)", text: "\u{2764}\u{FE0F}ok", clusters: [2, 1, 1],
                  cut: [3: "\u{2764}\u{FE0F}…", 2: "…"]),
        WidthCase(name: "heart as text", text: "\u{2764}ok", clusters: [1, 1, 1], cut: [2: "\u{2764}…"]),
        WidthCase(name: "emoji with VS15 (text)", text: "\u{231A}\u{FE0E}\u{1F6A8}\u{FE0E}", clusters: [1, 1], cut: [:]),
        WidthCase(name: "keycap", text: "1\u{FE0F}\u{20E3}#", clusters: [2, 1], cut: [2: "…"]),
        WidthCase(name: "skin-tone modifier", text: "\u{1F44D}\u{1F3FD}", clusters: [2], cut: [:]),
        WidthCase(name: "zero-width space", text: "a\u{200B}b", clusters: [1, 0, 1], cut: [:]),
        WidthCase(name: "controls", text: "a\u{7}\r\n\u{85}b", clusters: [1, 0, 0, 0, 1], cut: [:]),
        WidthCase(name: "a mix", text: "T01 中福 🇨🇳 👩‍🚒 e\u{301}", clusters: [1, 1, 1, 1, 2, 2, 1, 2, 1, 2, 1, 1],
                  cut: [16: "T01 中福 🇨🇳 👩‍🚒 e\u{301}", 15: "T01 中福 🇨🇳 👩‍🚒…", 13: "T01 中福 🇨🇳 …",
                        12: "T01 中福 🇨🇳…", 11: "T01 中福 …", 10: "T01 中福 …", 9: "T01 中福…", 8: "T01 中…"]),
    ]

    @Test("each cluster takes its cells, and the text their sum", arguments: cases)
    func widths(_ c: WidthCase) {
        #expect(c.text.map { DisplayWidth.of($0) } == c.clusters, "cluster widths of \(c.name)")
        #expect(DisplayWidth.of(c.text) == c.width)
    }

    @Test("truncation keeps whole clusters and ends with an ellipsis", arguments: cases)
    func truncation(_ c: WidthCase) {
        for (width, expected) in c.cut {
            #expect(DisplayWidth.truncate(c.text, toWidth: width) == expected, "\(c.name) cut to \(width)")
        }
        // Whatever the width, the cut fits, is a prefix of whole clusters,
        // and takes the full width unless a wide cluster straddled the edge.
        for width in 0...(c.width + 1) {
            let cut = DisplayWidth.truncate(c.text, toWidth: width)
            #expect(DisplayWidth.of(cut) <= width)
            let kept = cut.hasSuffix(DisplayWidth.ellipsis) ? String(cut.dropLast()) : cut
            #expect(Array(c.text).starts(with: Array(kept)), "\(c.name) at \(width) split a cluster: \(kept.unicodeScalars.map { $0.value })")
            #expect(DisplayWidth.of(cut) >= width - 1 || width > c.width)
        }
    }

    @Test("padding makes exactly the asked width", arguments: cases)
    func padding(_ c: WidthCase) {
        for width in 1...(c.width + 3) {
            for align in [TextAlignment.left, .center, .right] {
                #expect(DisplayWidth.pad(c.text, toWidth: width, align: align).displayWidth == width, "\(c.name) padded to \(width)")
            }
        }
        #expect(DisplayWidth.widen(c.text, toWidth: c.width + 2, align: .right) == "  " + c.text)
        #expect(DisplayWidth.widen(c.text, toWidth: c.width - 1) == c.text, "widening never cuts")
    }
}
