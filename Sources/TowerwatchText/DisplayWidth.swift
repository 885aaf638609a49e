/// Display width: how many terminal cells a piece of text occupies.
///
/// A terminal lays text out in cells, not bytes or `Character`s, and it lays
/// out *grapheme clusters* (Swift's `Character`s), never half of one. This is
/// the one measure of the project: the console's grid and the core's report
/// tables both ask it, so a name lines up the same on screen and on paper.
///
/// A cluster's width:
/// - controls (C0, DEL, C1, and a CR LF pair): 0;
/// - a regional-indicator pair (a flag such as 🇨🇳): 2, a lone indicator 1;
/// - an emoji followed by variation selector 16 (❤️, 1️⃣): 2, by selector
///   15 (text presentation, ❤︎): 1;
/// - an emoji joined to another by ZERO WIDTH JOINER (👩‍🚒) or carrying a
///   skin-tone modifier (👍🏽): 2, one picture;
/// - otherwise the width of its first scalar that has one: East Asian Wide
///   and Fullwidth (CJK ideographs such as 中福广场, Hangul, kana,
///   fullwidth forms) and emoji with emoji presentation are 2; combining
///   marks, format characters and controls are 0, so e + U+0301 is 1 and a
///   lone zero-width space is 0; everything else is 1.
///
/// The scalar table follows Unicode's EastAsianWidth W/F classes, which is
/// what glibc's `wcwidth` and tmux use. Everything here is pure Swift: no
/// locale, no ncurses, no other module.
public enum DisplayWidth {
    /// The number of cells `text` occupies, summed over its grapheme clusters.
    public static func of(_ text: String) -> Int {
        // Fast path: printable ASCII is one cell per byte, and no two
        // printable ASCII bytes form one cluster.
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
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var rest = scalars.makeIterator()
        guard let first = rest.next() else { return 0 }
        guard rest.next() != nil else { return of(first) }
        return clusterWidth(scalars)
    }

    /// The number of cells a single scalar occupies on its own: 0, 1 or 2.
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

    // MARK: - Clusters of several scalars

    /// The width of a cluster of two or more scalars; see the type's rules.
    private static func clusterWidth(_ scalars: Character.UnicodeScalarView) -> Int {
        var iterator = scalars.makeIterator()
        let first = iterator.next()!
        if isControl(first) { return 0 }
        if isRegionalIndicator(first) {
            return iterator.next().map(isRegionalIndicator) == true ? 2 : 1
        }
        // The base: the first scalar that takes cells (a cluster may open
        // with prepended or zero-width scalars).
        var base = first
        var width = of(first)
        while width == 0, let next = iterator.next() {
            base = next
            width = of(next)
        }
        guard width > 0, base.properties.isEmoji else { return width }
        // What follows an emoji base decides its presentation; the last
        // selector wins, and a joined or modified emoji is one picture.
        var joined = false
        while let next = iterator.next() {
            switch next.value {
            case 0xFE0F: width = 2
            case 0xFE0E: width = 1
            case 0x200D: joined = true
            case 0x1F3FB...0x1F3FF: width = 2
            default:
                if joined, next.properties.isEmoji { width = 2 }
                joined = false
            }
        }
        return width
    }

    // MARK: - Classification

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F..<0xA0).contains(v)
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
