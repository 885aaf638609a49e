import Testing
import TowerwatchUI
@testable import TowerwatchTerminal

/// The C library's widths as glibc 2.36 gives them under C.UTF-8: a
/// regional indicator and ❤ are narrow, 👩 and 中 wide, marks, joiners and
/// selectors zero, controls unshowable.
private func glibcWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x00..<0x20, 0x7F..<0xA0: return -1
    case 0x0300...0x036F, 0x200D, 0xFE00...0xFE0F, 0x20E3: return 0
    case 0x1F1E6...0x1F1FF, 0x2764: return 1
    case 0x4E00...0x9FFF, 0x1F300...0x1F6FF: return 2
    default: return 1
    }
}

private func glyph(_ text: String) -> CursesGlyph {
    let width = text.isEmpty ? 0 : DisplayWidth.of(Character(text))
    return CursesGlyph.forCell(text: text, width: width, capacity: 5, libcWidth: glibcWidth)
}

@Suite("What a grid cell becomes in a curses cell")
struct CursesGlyphTests {
    @Test("a cluster curses measures as the grid does goes whole, joiners and marks included")
    func wholeClusters() {
        #expect(glyph("a") == CursesGlyph(lead: ["a"]))
        #expect(glyph("中") == CursesGlyph(lead: ["中"]))
        #expect(glyph("e\u{301}") == CursesGlyph(lead: ["e", "\u{301}"]))
        // Not cut after the joiner: the firefighter, not a woman and a ZWJ.
        #expect(glyph("👩‍🚒") == CursesGlyph(lead: ["\u{1F469}", "\u{200D}", "\u{1F692}"]))
        #expect(glyph("👍🏽") == CursesGlyph(lead: ["\u{1F44D}", "\u{1F3FD}"]))
    }

    @Test("where curses would measure otherwise, a stand-in of the grid's width")
    func standIns() {
        // A flag is two cells in the grid, one for wcwidth: its region letters.
        #expect(glyph("🇨🇳") == CursesGlyph(lead: ["C"], after: ["N"]))
        // ❤️ is two cells in the grid, ❤ one for wcwidth: the heart and a space.
        #expect(glyph("\u{2764}\u{FE0F}") == CursesGlyph(lead: ["\u{2764}"], after: [" "]))
        // Seven scalars do not fit a curses cell of five: the first picture.
        #expect(glyph("👨‍👩‍👧‍👦") == CursesGlyph(lead: ["\u{1F468}"]))
        // Unshowable for the C library.
        #expect(CursesGlyph.forCell(text: "\u{7}", width: 1, capacity: 5, libcWidth: glibcWidth) == CursesGlyph(lead: ["?"]))
        #expect(CursesGlyph.forCell(text: "中", width: 2, capacity: 5, libcWidth: { _ in -1 }) == CursesGlyph(lead: ["?"], after: [" "]))
        // A continuation or empty cell is a space.
        #expect(CursesGlyph.forCell(text: "", width: 1, capacity: 5, libcWidth: glibcWidth) == CursesGlyph(lead: [" "]))
    }

    @Test("every glyph is exactly as wide as the grid's cell")
    func widthsAgree() {
        for text in ["a", "中", "ｔ", "e\u{301}", "👩‍🚒", "👨‍👩‍👧‍👦", "🇨🇳", "\u{2764}\u{FE0F}", "\u{2764}", "1\u{FE0F}\u{20E3}", "\u{1F1E8}"] {
            let g = glyph(text)
            let drawn = max(0, glibcWidth(g.lead[0])) + g.after.count
            #expect(drawn == DisplayWidth.of(Character(text)), "\(text): \(g)")
            #expect(g.after.allSatisfy { glibcWidth($0) == 1 })
            #expect(g.lead.count <= 5)
        }
    }
}
