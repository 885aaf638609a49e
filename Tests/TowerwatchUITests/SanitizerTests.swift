import Testing
import TowerwatchText

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
