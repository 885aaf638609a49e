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
