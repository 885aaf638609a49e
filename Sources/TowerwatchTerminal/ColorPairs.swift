import CNcursesw
import TowerwatchUI

/// Turns a ``Style`` into curses attributes and a colour pair, allocating
/// pairs lazily: curses needs a numbered pair for every (foreground,
/// background) combination, and a theme uses only a few dozen of the
/// 65,536 possible.
struct ColorPairs {
    private struct Key: Hashable {
        var foreground: Int
        var background: Int
    }

    let capability: ColorCapability
    let terminalColors: Int
    let maxPairs: Int
    /// use_default_colors() worked, so -1 means "the terminal's own colour".
    let defaultColorsAvailable: Bool
    private var pairs: [Key: Int] = [:]
    private var nextPair = 1

    init(capability: ColorCapability, terminalColors: Int, maxPairs: Int, defaultColorsAvailable: Bool) {
        self.capability = capability
        self.terminalColors = terminalColors
        self.maxPairs = maxPairs
        self.defaultColorsAvailable = defaultColorsAvailable
    }

    /// The curses attributes and pair number for `style`.
    mutating func resolve(_ style: Style) -> (attr_t, Int) {
        var attributes = cnw_a_normal()
        if style.attributes.contains(.bold) { attributes |= cnw_a_bold() }
        if style.attributes.contains(.dim) { attributes |= cnw_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= cnw_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= cnw_a_underline() }
        guard capability != .monochrome else { return (attributes, 0) }
        let key = Key(foreground: number(style.foreground, isBackground: false),
                      background: number(style.background, isBackground: true))
        if key.foreground == -1, key.background == -1 { return (attributes, 0) }
        if let pair = pairs[key] { return (attributes, pair) }
        // Out of pairs: plain colours are better than wrong ones.
        guard nextPair < maxPairs, nextPair <= Int(Int16.max) else { return (attributes, 0) }
        let pair = nextPair
        nextPair += 1
        init_pair(Int16(pair), Int16(key.foreground), Int16(key.background))
        pairs[key] = pair
        return (attributes, pair)
    }

    /// The curses colour number: -1 for default, 0-7 basic, up to 255
    /// indexed; colours the terminal lacks are degraded here as a last guard
    /// even if the caller forgot to degrade the theme.
    private func number(_ color: Style.Color, isBackground: Bool) -> Int {
        var resolved = color
        if case .indexed(let n) = color, Int(n) >= terminalColors || capability == .basic8 {
            resolved = color.nearestBasic
        }
        guard let index = resolved.ansiIndex else {
            if defaultColorsAvailable { return -1 }
            return isBackground ? 0 : 7
        }
        return index
    }
}
