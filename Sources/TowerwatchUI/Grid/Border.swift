import TowerwatchText
/// The line characters a box is drawn with.
///
/// Unicode box-drawing characters are used directly (not the terminal's
/// alternate character set), so they survive capture-pane in tests and look
/// the same everywhere; `.ascii` is there for terminals without them.
public struct BorderSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character

    public init(horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
                bottomLeft: Character, bottomRight: Character) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    public static let single = BorderSet(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let rounded = BorderSet(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    public static let double = BorderSet(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
    public static let heavy = BorderSet(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛")
    public static let ascii = BorderSet(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

extension Grid {
    /// Draws a border around `rect` with an optional title in the top edge,
    /// and returns the inside (`rect.inset(by: 1)`) for the pane's content.
    ///
    /// The title is sanitized and truncated by display width to fit between
    /// the corners, with one space either side: `┌ 中福广场 ──┐`.
    @discardableResult
    public mutating func box(
        _ rect: Rect,
        title: String? = nil,
        style: Style = .plain,
        titleStyle: Style? = nil,
        border: BorderSet = .single,
        titleAlign: TextAlignment = .left
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else {
            return rect.inset(by: 1)
        }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        hline(x: rect.x + 1, y: rect.y, length: rect.width - 2, style: style, character: border.horizontal)
        hline(x: rect.x + 1, y: bottom, length: rect.width - 2, style: style, character: border.horizontal)
        vline(x: rect.x, y: rect.y + 1, length: rect.height - 2, style: style, character: border.vertical)
        vline(x: right, y: rect.y + 1, length: rect.height - 2, style: style, character: border.vertical)
        place(border.topLeft, width: 1, x: rect.x, y: rect.y, style: style)
        place(border.topRight, width: 1, x: right, y: rect.y, style: style)
        place(border.bottomLeft, width: 1, x: rect.x, y: bottom, style: style)
        place(border.bottomRight, width: 1, x: right, y: bottom, style: style)

        if let title, !title.isEmpty {
            // Room between the corners, less one padding space each side.
            let room = rect.width - 4
            if room > 0 {
                let text = DisplayWidth.truncate(Sanitizer.sanitize(title), toWidth: room)
                let padded = " " + text + " "
                let field = rect.width - 2
                let w = DisplayWidth.of(padded)
                let offset: Int
                switch titleAlign {
                case .left: offset = 0
                case .center: offset = (field - w) / 2
                case .right: offset = field - w
                }
                write(padded, x: rect.x + 1 + offset, y: rect.y, width: w, style: titleStyle ?? style)
            }
        }
        return rect.inset(by: 1)
    }

    /// A horizontal line of `length` cells starting at (x, y).
    public mutating func hline(x: Int, y: Int, length: Int, style: Style = .plain, character: Character = "─") {
        guard length > 0 else { return }
        let text = String(character)
        for i in 0..<length { place(text: text, width: 1, x: x + i, y: y, style: style) }
    }

    /// A vertical line of `length` cells starting at (x, y).
    public mutating func vline(x: Int, y: Int, length: Int, style: Style = .plain, character: Character = "│") {
        guard length > 0 else { return }
        let text = String(character)
        for i in 0..<length { place(text: text, width: 1, x: x, y: y + i, style: style) }
    }
}
