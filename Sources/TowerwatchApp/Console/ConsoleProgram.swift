import TowerwatchCore
import TowerwatchUI

/// What a console asks its runner to do; the runner does it and nothing else
/// performs I/O.
public typealias RunnerEffect = ConsoleEffect

/// One console's part in `ConsoleRunner`: what it draws, what its keys do, and
/// how it follows its log. The officer console (`OfficerConsole`), the guard
/// console (`GuardConsole`) and replay (`ReplayConsole`) are the three.
///
/// The runner's loop is the same for all: draw the frame for `now()`, wait for
/// a key, a change of the log, or `wait(at:)` to pass, then hand the wake to
/// the program and perform the effects it returns.
public protocol ConsoleProgram {
    /// What a frame leaves for the key handling (the rows and layout drawn).
    associatedtype Drawn

    /// The descriptor that becomes readable when the log changes (nil: none to watch).
    var watched: Int32? { get }
    /// The status line, where the runner reports a theme change.
    var status: StatusMessage? { get set }

    /// The moment the next frame shows.
    func now() -> Timestamp
    /// How long to wait for input after drawing the frame for `now` (milliseconds; negative: until input).
    func wait(at now: Timestamp) -> Int
    /// Before each frame: what falls due at `now` (the officer console records alarms).
    mutating func prepare(now: Timestamp) -> [RunnerEffect]
    /// The frame for `now` at `size` in `theme`.
    mutating func draw(now: Timestamp, theme: Theme, size: Size) -> (grid: Grid, drawn: Drawn)
    /// After every wake, key or not: replay moves its playback on here.
    mutating func woke() throws
    /// The log may have changed.
    mutating func logChanged() -> [RunnerEffect]
    /// A key pressed while the frame `drawn` (drawn for `now`) was on screen.
    mutating func handle(_ key: KeyEvent, drawn: Drawn, now: Timestamp) throws -> [RunnerEffect]
    /// Runs a command the keys asked for; returns what to do next (a bell for a refusal).
    mutating func execute(_ command: Command) -> [RunnerEffect]
}

extension ConsoleProgram {
    public func wait(at now: Timestamp) -> Int { Int(1000 - now.millis % 1000) }
    public mutating func prepare(now: Timestamp) -> [RunnerEffect] { [] }
    public mutating func woke() throws {}
}
