/// A key press or other input event, as the UI sees it.
///
/// The terminal backend translates ncurses key codes into these, so nothing
/// above TowerwatchTerminal ever sees a curses constant.
public enum KeyEvent: Hashable, Sendable {
    /// A printable character, or a control character not listed below
    /// (Ctrl-L arrives as `.character("\u{0C}")`).
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, escape, delete, insert
    /// F1 is `.function(1)`.
    case function(Int)
    /// The terminal changed size: redraw everything at the new size.
    case resize
    /// A mouse click or wheel step at cell (x, y).
    case mouse(x: Int, y: Int, button: MouseButton)
    /// No input before the timeout.
    case none
    /// Input is gone for good (the terminal hung up); the program should quit.
    case endOfInput

    /// The control-key combination for `letter`: `.control("l")` is Ctrl-L.
    public static func control(_ letter: Character) -> KeyEvent {
        guard let ascii = letter.lowercased().unicodeScalars.first?.value,
              (0x61...0x7A).contains(ascii),
              let scalar = Unicode.Scalar(ascii - 0x60) else {
            return .character(letter)
        }
        return .character(Character(scalar))
    }
}

/// Which mouse button (or wheel direction) an event came from.
public enum MouseButton: Hashable, Sendable {
    case left, middle, right, wheelUp, wheelDown
}
