/// One terminal cell: a grapheme cluster, how many cells it spans, and its
/// style.
///
/// The text is a whole cluster, never a piece of one: 👩‍🚒 (three scalars),
/// 🇨🇳 (two) and e + U+0301 each sit in one cell, measured by
/// ``DisplayWidth``, and the terminal backend receives them whole.
///
/// A wide character (a CJK ideograph such as 中) occupies two cells: the
/// first holds the character with `width == 2`, the second is a
/// *continuation* cell (`width == 0`, empty text) that only records that the
/// column is taken. The grid keeps pairs consistent: overwriting either half
/// of a wide character blanks the other half.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown in this cell; empty for a continuation.
    public var text: String
    /// Cells spanned: 1 for most characters, 2 for wide ones, 0 for a
    /// continuation.
    public var width: Int
    public var style: Style

    /// A space in the plain style.
    public static let blank = Cell(text: " ", width: 1, style: .plain)

    public init(text: String, width: Int, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A cell holding one character; its width is measured.
    ///
    /// - Warning: the character is taken as is. Untrusted text must go
    ///   through ``Grid/write(_:x:y:width:style:align:overflow:)``, which
    ///   sanitizes it.
    public init(_ character: Character, style: Style = .plain) {
        self.init(text: String(character), width: DisplayWidth.of(character), style: style)
    }

    /// A space in `style`.
    public static func blank(_ style: Style) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell {
        Cell(text: "", width: 0, style: style)
    }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
