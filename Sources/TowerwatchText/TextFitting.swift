/// Where text sits inside a field wider than itself.
public enum TextAlignment: Sendable, Hashable {
    case left
    case center
    case right
}

extension DisplayWidth {
    /// The ellipsis that marks cut text; one cell wide.
    public static let ellipsis = "…"

    /// Cuts `text` so that it occupies at most `width` cells, ending with
    /// `ellipsis` when something was cut.
    ///
    /// Text is cut between grapheme clusters only: 👩‍🚒, 🇨🇳 or e + U+0301
    /// is kept or dropped whole, never split into scalars. A wide cluster
    /// that would straddle the limit is dropped, so the result may be one
    /// cell narrower than `width`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = DisplayWidth.ellipsis) -> String {
        guard width > 0 else { return "" }
        let total = of(text)
        if total <= width { return text }
        let ellipsisWidth = of(ellipsis)
        // If even the ellipsis does not fit, cut hard.
        let mark = ellipsisWidth <= width ? ellipsis : ""
        let budget = width - (mark.isEmpty ? 0 : ellipsisWidth)
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return result + mark
    }

    /// Pads `text` with spaces to exactly `width` cells, truncating first if
    /// it is wider.
    public static func pad(_ text: String, toWidth width: Int, align: TextAlignment = .left) -> String {
        guard width > 0 else { return "" }
        return widen(truncate(text, toWidth: width), toWidth: width, align: align)
    }

    /// Pads `text` with spaces up to `width` cells and never cuts it: text
    /// already as wide or wider comes back unchanged. For tables whose
    /// columns are sized to their widest entry.
    public static func widen(_ text: String, toWidth width: Int, align: TextAlignment = .left) -> String {
        let gap = width - of(text)
        guard gap > 0 else { return text }
        switch align {
        case .left:
            return text + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }
}

extension String {
    /// The number of terminal cells this text occupies; see ``DisplayWidth``.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// This text cut to at most `width` cells, with an ellipsis if cut.
    public func truncated(toWidth width: Int, ellipsis: String = DisplayWidth.ellipsis) -> String {
        DisplayWidth.truncate(self, toWidth: width, ellipsis: ellipsis)
    }

    /// This text padded (or truncated) to exactly `width` cells.
    public func padded(toWidth width: Int, align: TextAlignment = .left) -> String {
        DisplayWidth.pad(self, toWidth: width, align: align)
    }
}
