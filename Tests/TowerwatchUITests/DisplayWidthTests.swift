import Testing
import TowerwatchCore
@testable import TowerwatchUI

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

@Suite("Sanitizing untrusted text")
struct SanitizerTests {
    @Test("plain text passes through untouched")
    func plain() {
        #expect(Sanitizer.sanitize("中福广场 hazard at B2") == "中福广场 hazard at B2")
    }

    @Test("CSI sequences are dropped whole")
    func csi() {
        #expect(Sanitizer.sanitize("\u{1B}[31mred\u{1B}[0m") == "red")
        #expect(Sanitizer.sanitize("a\u{1B}[2Jb") == "ab")
        #expect(Sanitizer.sanitize("x\u{1B}[?1049hy") == "xy")
        #expect(Sanitizer.sanitize("\u{9B}31mC1 csi") == "C1 csi")
    }

    @Test("OSC strings are dropped up to BEL or ST, clipboard writes included")
    func osc() {
        #expect(Sanitizer.sanitize("a\u{1B}]52;c;ZXZpbA==\u{07}b") == "ab")
        #expect(Sanitizer.sanitize("a\u{1B}]0;fake title\u{1B}\\b") == "ab")
        #expect(Sanitizer.sanitize("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
        #expect(Sanitizer.sanitize("a\u{9D}0;t\u{9C}b") == "ab")
        // Unterminated: the rest cannot be trusted.
        #expect(Sanitizer.sanitize("a\u{1B}]0;never ends") == "a")
        #expect(Sanitizer.sanitize("a\u{1B}Pdcs stuff\u{1B}\\b") == "ab")
    }

    @Test("short escapes and a trailing ESC are dropped")
    func shortEscapes() {
        #expect(Sanitizer.sanitize("a\u{1B}cb") == "ab")
        #expect(Sanitizer.sanitize("a\u{1B}(Bb") == "ab")
        #expect(Sanitizer.sanitize("abc\u{1B}") == "abc")
    }

    @Test("controls become visible, line breaks become spaces")
    func controls() {
        #expect(Sanitizer.sanitize("a\tb\nc\rd") == "a b c d")
        #expect(Sanitizer.sanitize("bell\u{07}") == "bell\u{FFFD}")
        #expect(Sanitizer.sanitize("del\u{7F}") == "del\u{FFFD}")
        #expect(Sanitizer.sanitize("nul\u{0}x") == "nul\u{FFFD}x")
        #expect(Sanitizer.sanitize("c1\u{85}") == "c1\u{FFFD}")
        #expect(Sanitizer.sanitize("bidi\u{202E}txt") == "biditxt")
    }

    @Test("nothing a sanitized string contains can control a terminal")
    func noControlsSurvive() {
        let nasty = "\u{1B}[31m中\u{1B}]52;c;x\u{07}福\u{9B}2J\u{0}\u{1B}\u{7F}\u{8D}\r\n广场\u{1B}[?25l"
        let safe = Sanitizer.sanitize(nasty)
        for scalar in safe.unicodeScalars {
            #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)), "control \(scalar.value) survived")
        }
        #expect(safe.contains("中福"))
    }
}
