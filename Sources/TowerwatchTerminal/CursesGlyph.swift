/// What one grid cell becomes on screen: the scalars of one curses cell and
/// the narrow characters after it, together exactly as wide as the grid
/// measured.
///
/// The grid holds a whole grapheme cluster per cell (👩‍🚒, 🇨🇳, e + U+0301)
/// and has measured it with ``DisplayWidth``. ncurses measures a cell by the
/// C library's `wcwidth` of its first scalar only, and holds at most
/// `CCHARW_MAX` scalars in it. Where the two agree and the cluster fits, the
/// whole cluster goes to the terminal, so a joined emoji is drawn whole and
/// not cut after its joiner. Where they disagree, a stand-in of the grid's
/// width is drawn instead, so the rest of the row never shifts: a flag
/// becomes its two region letters (CN), a cluster too long for a curses
/// cell or wider in the grid than in the C library becomes its first
/// scalar (plus a space), and anything the C library cannot show becomes `?`.
struct CursesGlyph: Equatable {
    /// The scalars of the first curses cell: a base and what rides on it.
    var lead: [Unicode.Scalar]
    /// One-column characters drawn after it, one per cell, to make up the
    /// grid's width (a space, or a flag's second letter).
    var after: [Unicode.Scalar] = []

    /// The glyph for a grid cell holding `text` in `width` cells, given a
    /// curses cell that holds `capacity` scalars and the C library's width
    /// of a scalar (`wcwidth`: -1 when it cannot be shown).
    static func forCell(text: String, width: Int, capacity: Int, libcWidth: (Unicode.Scalar) -> Int) -> CursesGlyph {
        let cells = max(1, width)
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return CursesGlyph(lead: [" "], after: spaces(cells - 1)) }
        let cursesWidth = libcWidth(first)
        if cursesWidth == cells, scalars.count <= capacity {
            return CursesGlyph(lead: scalars)
        }
        if cells == 2, scalars.count == 2, let letters = regionLetters(scalars[0], scalars[1]) {
            return CursesGlyph(lead: [letters.0], after: [letters.1])
        }
        if cursesWidth >= 1, cursesWidth <= cells {
            return CursesGlyph(lead: [first], after: spaces(cells - cursesWidth))
        }
        return CursesGlyph(lead: ["?"], after: spaces(cells - 1))
    }

    /// The letters A-Z of a regional-indicator pair (🇨🇳 → C, N), drawn one
    /// per cell; nil for anything else.
    private static func regionLetters(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> (Unicode.Scalar, Unicode.Scalar)? {
        let indicators: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
        guard indicators.contains(a.value), indicators.contains(b.value),
              let first = Unicode.Scalar(a.value - 0x1F1E6 + 0x41),
              let second = Unicode.Scalar(b.value - 0x1F1E6 + 0x41) else { return nil }
        return (first, second)
    }

    private static func spaces(_ count: Int) -> [Unicode.Scalar] {
        Array(repeating: " ", count: max(0, count))
    }
}
