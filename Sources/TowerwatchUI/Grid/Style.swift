/// How a cell looks: foreground and background colour plus attributes.
///
/// Panes rarely build styles by hand: they ask the theme for the style of a
/// role (`theme.style(for: .hazardOverdue)`), so that colours are chosen in
/// one place and can be degraded for terminals with fewer colours.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// A terminal colour: the terminal's own default, one of the eight basic
    /// colours every colour terminal has, or an index into the 256-colour
    /// palette.
    public enum Color: Hashable, Sendable, CustomStringConvertible {
        case `default`
        case black, red, green, yellow, blue, magenta, cyan, white
        case indexed(UInt8)

        /// The eight basic colours in ANSI order (index 0 to 7).
        public static let basic: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

        /// The ANSI number of a basic colour (0-7), the palette index of an
        /// indexed colour, or nil for the terminal default.
        public var ansiIndex: Int? {
            switch self {
            case .default: return nil
            case .black: return 0
            case .red: return 1
            case .green: return 2
            case .yellow: return 3
            case .blue: return 4
            case .magenta: return 5
            case .cyan: return 6
            case .white: return 7
            case .indexed(let n): return Int(n)
            }
        }

        /// The name a theme file uses for this colour: `red`, `default`, `208`.
        public var description: String {
            switch self {
            case .default: return "default"
            case .black: return "black"
            case .red: return "red"
            case .green: return "green"
            case .yellow: return "yellow"
            case .blue: return "blue"
            case .magenta: return "magenta"
            case .cyan: return "cyan"
            case .white: return "white"
            case .indexed(let n): return String(n)
            }
        }

        /// Parses a colour as written in a theme file: a basic colour name,
        /// `default`, or a palette index 0-255. Returns nil otherwise.
        public init?(themeValue: String) {
            let value = String(themeValue.lowercased().filter { !$0.isWhitespace })
            switch value {
            case "default", "none": self = .default
            case "black": self = .black
            case "red": self = .red
            case "green": self = .green
            case "yellow": self = .yellow
            case "blue": self = .blue
            case "magenta": self = .magenta
            case "cyan": self = .cyan
            case "white": self = .white
            default:
                guard let n = Int(value), (0...255).contains(n) else { return nil }
                self = .indexed(UInt8(n))
            }
        }
    }

    /// Text attributes, combinable.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    /// The terminal's default look: default colours, no attributes.
    public static let plain = Style()

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Shorthand: `Style(fg: .red, bg: .black, .bold)`.
    public init(fg: Color, bg: Color = .default, _ attributes: Attributes = []) {
        self.init(foreground: fg, background: bg, attributes: attributes)
    }

    // MARK: - Derived styles

    /// This style with another foreground colour.
    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// This style with another background colour.
    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// This style with `attributes` removed.
    public func removing(_ attributes: Attributes) -> Style {
        var copy = self
        copy.attributes.subtract(attributes)
        return copy
    }

    /// `overlay` laid on top of this style: its non-default colours win and
    /// its attributes are added. Handy for a selection bar over coloured text.
    public func patched(with overlay: Style) -> Style {
        Style(
            foreground: overlay.foreground == .default ? foreground : overlay.foreground,
            background: overlay.background == .default ? background : overlay.background,
            attributes: attributes.union(overlay.attributes)
        )
    }

    public var description: String {
        var parts = ["fg: \(foreground)", "bg: \(background)"]
        if attributes.contains(.bold) { parts.append("bold") }
        if attributes.contains(.dim) { parts.append("dim") }
        if attributes.contains(.reverse) { parts.append("reverse") }
        if attributes.contains(.underline) { parts.append("underline") }
        return "Style(" + parts.joined(separator: ", ") + ")"
    }
}
