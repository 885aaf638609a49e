/// Line editing shared by every prompt, form field and picker filter.
extension KeyEvent {
    /// `text` after this key: Backspace/Delete remove the last character, a printable
    /// character is appended (up to `limit` characters), anything else changes nothing.
    public func edited(_ text: String, limit: Int = 200) -> String {
        switch self {
        case .backspace, .delete:
            return String(text.dropLast())
        case .character(let c) where !c.isNewline && c.asciiValue.map({ $0 >= 32 && $0 != 127 }) ?? true:
            return text.count < limit ? text + String(c) : text
        default:
            return text
        }
    }
}

extension KeyEvent {
    /// The scroll offset of a text overlay after this key (↑↓ jk one line, PgUp/PgDn ten),
    /// or nil when the key does not scroll.
    public func scrolled(_ offset: Int) -> Int? {
        switch self {
        case .down, .character("j"): return offset + 1
        case .up, .character("k"): return max(0, offset - 1)
        case .pageDown: return offset + 10
        case .pageUp: return max(0, offset - 10)
        default: return nil
        }
    }
}

/// Where a read-only text overlay (help, a detail, a procedure) stands after a key.
public enum ReadingOverlay: Sendable, Hashable {
    case closed
    /// Still open, scrolled to this line.
    case open(scroll: Int)
}

extension KeyEvent {
    /// True for the keys that close the help overlay: Esc, `?`, `q` or Enter.
    public var closesHelp: Bool { self == .escape || self == .character("?") || self == .character("q") || self == .enter }

    /// A scrolling text overlay after this key: Esc, Enter, `q` and `alsoClosing` close
    /// it; the scrolling keys move it (`scrolled`); any other key leaves it as it is.
    public func reading(_ scroll: Int, alsoClosing: [KeyEvent] = []) -> ReadingOverlay {
        if self == .escape || self == .enter || self == .character("q") || alsoClosing.contains(self) { return .closed }
        return .open(scroll: scrolled(scroll) ?? scroll)
    }
}
