/// How many colours the terminal can show, and how themes adapt to it.
///
/// Themes are written for 256 colours. On an 8-colour terminal each palette
/// index becomes the nearest basic colour; on a terminal without colour (or
/// when the user sets NO_COLOR, or on a vt100) the whole theme is replaced
/// by the monochrome looks, whose attributes keep states apart, because a
/// colour theme with its colours stripped would make "overdue" look like
/// "on scene".
public enum ColorCapability: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colour: attributes only.
    case monochrome = 0
    /// The eight basic ANSI colours.
    case basic8 = 8
    /// The xterm 256-colour palette.
    case indexed256 = 256

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var description: String {
        switch self {
        case .monochrome: return "no colour"
        case .basic8: return "8 colours"
        case .indexed256: return "256 colours"
        }
    }

    /// Decides the capability from the environment and what the terminal
    /// reports (`has_colors()` and `COLORS` in curses terms).
    ///
    /// NO_COLOR (any non-empty value, per no-color.org) and TERM=vt100/vt*/dumb
    /// force monochrome whatever the terminal claims.
    public static func detect(environment: [String: String], terminalHasColors: Bool, terminalColors: Int) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let term = environment["TERM"] ?? ""
        if term == "dumb" || term.hasPrefix("vt") { return .monochrome }
        guard terminalHasColors else { return .monochrome }
        if terminalColors >= 256 { return .indexed256 }
        if terminalColors >= 8 { return .basic8 }
        return .monochrome
    }
}

extension Theme {
    /// This theme adapted to what the terminal can show; see ``ColorCapability``.
    public func degraded(to capability: ColorCapability) -> Theme {
        switch capability {
        case .indexed256:
            return self
        case .basic8:
            var copy = self
            for role in Role.allCases {
                copy = copy.setting(role, to: style(for: role).degradedToBasicColors())
            }
            return copy
        case .monochrome:
            // A theme that already uses no colour (mono.yaml or a user's own)
            // keeps its own attributes; any other takes the built-in mono.
            if isMonochrome { return self }
            var mono = Theme.monochrome
            mono.name = name + " (mono)"
            return mono
        }
    }
}

extension Style {
    /// This style with 256-palette colours replaced by the nearest basic
    /// colour.
    ///
    /// Mid greys have no basic counterpart (the nearest by distance is often
    /// yellow), so they become the terminal default, and a grey foreground
    /// turns into dim text, which is what a grey usually meant. If
    /// foreground and background collapse onto the same colour, the
    /// foreground is changed so that text stays readable.
    public func degradedToBasicColors() -> Style {
        var copy = self
        copy.foreground = foreground.nearestBasic
        copy.background = background.nearestBasic
        if copy.foreground == .default, foreground != .default {
            copy.attributes.insert(.dim)
        }
        if copy.foreground == copy.background, copy.foreground != .default, foreground != background {
            copy.foreground = copy.background == .white || copy.background == .yellow || copy.background == .cyan ? .black : .white
        }
        return copy
    }
}

extension Style.Color {
    /// The nearest of the eight basic colours (itself if already basic);
    /// `.default` for mid greys, which have no basic counterpart.
    public var nearestBasic: Style.Color {
        guard case .indexed(let n) = self else { return self }
        let index = Int(n)
        if index < 8 { return Style.Color.basic[index] }
        if index < 16 { return Style.Color.basic[index - 8] }  // bright variants
        let (r, g, b) = Style.Color.rgb(ofIndex: index)
        if Swift.max(r, g, b) - Swift.min(r, g, b) < 30 {
            let level = (r + g + b) / 3
            return level < 60 ? .black : level > 180 ? .white : .default
        }
        var best = Style.Color.black
        var bestDistance = Int.max
        for (candidate, rgb) in Style.Color.basicRGB {
            let d = (r - rgb.0) * (r - rgb.0) + (g - rgb.1) * (g - rgb.1) + (b - rgb.2) * (b - rgb.2)
            if d < bestDistance {
                bestDistance = d
                best = candidate
            }
        }
        return best
    }

    /// Approximate RGB of the basic colours, as xterm draws them.
    private static let basicRGB: [(Style.Color, (Int, Int, Int))] = [
        (.black, (0, 0, 0)), (.red, (205, 0, 0)), (.green, (0, 205, 0)), (.yellow, (205, 205, 0)),
        (.blue, (0, 0, 238)), (.magenta, (205, 0, 205)), (.cyan, (0, 205, 205)), (.white, (229, 229, 229)),
    ]

    /// RGB of an xterm palette index 16-255: a 6x6x6 cube, then 24 greys.
    private static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }
}
