import Testing
import TowerwatchText

/// The nearest spellings behind every "did you mean": commands and ids.
@Suite("Spelling: the nearest words to a slip")
struct SpellingTests {
    @Test("one slip away is suggested, nearest first; a word far off gets nothing")
    func nearest() {
        let commands = ["console", "demo", "guard", "replay", "report", "init"]
        #expect(Spelling.nearest(to: "consol", among: commands) == ["console"])
        #expect(Spelling.nearest(to: "reprot", among: commands) == ["report"])     // two letters swapped: one slip
        #expect(Spelling.nearest(to: "frobnicate", among: commands).isEmpty)
        #expect(Spelling.nearest(to: "", among: commands).isEmpty)
        // Ties at the same distance keep the one sharing the longer beginning first.
        #expect(Spelling.nearest(to: "G-0177", among: ["G-177", "G-016", "G-017", "G-077"]) == ["G-017", "G-077", "G-177"])
        #expect(Spelling.nearest(to: "G-0177", among: ["G-177", "G-017"], count: 1) == ["G-017"])
        // Ids allow one edit: two changed digits name another id.
        #expect(Spelling.nearest(to: "H-000404", among: ["H-000001", "H-000401"], maxEdits: 1) == ["H-000401"])
        #expect(Spelling.nearest(to: "H-000404", among: ["H-000001"], maxEdits: 1).isEmpty)
        // Case is no slip.
        #expect(Spelling.nearest(to: "g-017", among: ["G-017", "G-018"]) == ["G-017"])
    }

    @Test("the question lists one, two or three suggestions, quoted for commands")
    func question() {
        #expect(Spelling.didYouMean([]) == "")
        #expect(Spelling.didYouMean(["console"], quoted: true) == "did you mean 'console'?")
        #expect(Spelling.didYouMean(["G-017", "G-177"]) == "did you mean G-017 or G-177?")
        #expect(Spelling.didYouMean(["G-017", "G-077", "G-177"]) == "did you mean G-017, G-077 or G-177?")
    }

    @Test("edits: insertions, deletions, substitutions and neighbour swaps count one each")
    func distance() {
        func d(_ a: String, _ b: String) -> Int { Spelling.distance(Array(a), Array(b)) }
        #expect(d("close", "close") == 0)
        #expect(d("clsoe", "close") == 1)
        #expect(d("consol", "console") == 1)
        #expect(d("G-0177", "G-017") == 1)
        #expect(d("abc", "") == 3)
        #expect(d("kitten", "sitting") == 3)
    }
}
