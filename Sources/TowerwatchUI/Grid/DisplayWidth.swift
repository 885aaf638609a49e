/// Display width: how many terminal cells a piece of text occupies.
///
/// A terminal lays text out in cells, not bytes or `Character`s. East Asian
/// Wide and Fullwidth characters (CJK ideographs such as 中福广场, Hangul,
/// kana, fullwidth forms) and emoji with emoji presentation take two cells;
/// combining marks, format characters and controls take none; everything
/// else takes one. The table follows Unicode's EastAsianWidth W/F classes,
/// which is also what glibc's `wcwidth` and tmux use, so columns measured
/// here line up on screen.
///
/// Everything here is pure Swift: no locale, no ncurses.
public enum DisplayWidth {
    /// The number of cells `text` occupies, summed over its grapheme clusters.
    public static func of(_ text: String) -> Int {
        // Fast path: printable ASCII is one cell per byte.
        var asciiOnly = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            asciiOnly = false
            break
        }
        if asciiOnly { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The number of cells one grapheme cluster occupies: 0, 1 or 2.
    ///
    /// A cluster takes the width of its first scalar that has a width, so a
    /// base letter plus combining accents is 1, and 한 written as conjoining
    /// jamo (wide initial + zero-width vowel) is 2.
    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w > 0 {
                width = w
                break
            }
        }
        // A variation selector 16 (emoji presentation) is not honoured:
        // terminals disagree about it, and glibc's wcwidth keeps such
        // symbols narrow, so narrow is the safer guess for alignment.
        // Flags are two regional indicators; terminals draw them two wide.
        if let first = character.unicodeScalars.first, isRegionalIndicator(first),
           character.unicodeScalars.count >= 2 {
            width = 2
        }
        return width
    }

    /// The number of cells a single scalar occupies: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // ASCII and Latin-1 without a table lookup.
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if v < 0xA0 { return 0 }  // DEL and C1 controls
        if v == 0xAD { return 1 } // soft hyphen is shown, as glibc does
        // CJK unified ideographs and Hangul syllables (letters, all wide)
        // without the property look-ups below.
        if (0x4E00...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) { return 2 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation, !isRegionalIndicator(scalar) { return 2 }
        return 1
    }

    // MARK: - Classification

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants attach to the initial.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    /// East Asian Wide and Fullwidth ranges (Unicode EastAsianWidth.txt, W and
    /// F), without the emoji, which `isEmojiPresentation` covers.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x2E80...0x303E,   // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,   // kana, Bopomofo, Hangul compatibility jamo, enclosed CJK
        0x3400...0x4DBF,   // CJK extension A
        0x4E00...0x9FFF,   // CJK unified ideographs
        0xA000...0xA4CF,   // Yi
        0xA960...0xA97F,   // Hangul Jamo extended A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF00...0xFF60,   // fullwidth forms
        0xFFE0...0xFFE6,   // fullwidth signs
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,  // Tangut, kana supplements
        0x1F200...0x1F2FF, // enclosed ideographic supplement
        0x20000...0x2FFFD, // CJK extensions B-F
        0x30000...0x3FFFD, // CJK extension G and later
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        // Binary search: the table is sorted and disjoint.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
