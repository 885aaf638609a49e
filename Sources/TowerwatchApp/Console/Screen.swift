import TowerwatchUI

/// What a console runner draws on and waits on: the terminal in the program,
/// a scripted stand-in in tests. The terminal module conforms in the
/// executable, so nothing here touches ncurses.
public protocol Screen: AnyObject {
    /// The size to draw at (after a resize, the new one).
    var size: Size { get }
    /// Shows a frame (the terminal sends only the cells that changed).
    func show(_ grid: Grid)
    /// Waits up to `timeoutMillis` (negative: until something happens) for a key,
    /// or for `watching` (a log's change notices) to become readable.
    func wait(timeoutMillis: Int, watching: Int32?) -> ScreenWake
    /// Forgets what is on screen, so the next frame repaints every cell.
    func invalidate()
    func bell()
    func flashScreen()
}

/// What ended a `Screen.wait`.
public enum ScreenWake: Hashable, Sendable {
    case key(KeyEvent)
    /// The log may have changed: another process appended, or the file was replaced.
    case logChanged
    case timeout
}
