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
