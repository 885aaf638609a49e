import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// Replay in `ConsoleRunner`: the officer console's panes over a `ReplayCursor`
/// whose time moves at the chosen speed while it plays (`PlaybackClock`).
/// Read-only: a command the console's keys ask for is refused with a status.
public struct ReplayConsole: ConsoleProgram {
    public var model: ReplayModel
    public let cursor: ReplayCursor
    let logName: String
    var playback: PlaybackClock
    /// The monotonic clock in milliseconds; tests hand in their own.
    let ticks: () -> Int

    /// Starts at `model.time`, moving the cursor there.
    public init(model: ReplayModel, cursor: ReplayCursor, logName: String, ticks: @escaping () -> Int = monotonicMillis) throws {
        self.model = model; self.cursor = cursor; self.logName = logName; self.ticks = ticks
        playback = PlaybackClock(tick: ticks())
        try cursor.seek(to: model.time)
    }

    public var watched: Int32? { nil }
    public var status: StatusMessage? {
        get { model.console.status }
        set { model.console.status = newValue }
    }

    public func now() -> Timestamp { model.time }

    /// Frames every 50 ms while playing; otherwise only when a key comes.
    public func wait(at now: Timestamp) -> Int { model.playing ? 50 : -1 }

    public mutating func draw(now: Timestamp, theme: Theme, size: Size) -> (grid: Grid, drawn: (ConsoleRows, ConsoleLayout)) {
        let rows = ConsoleRows(state: cursor.state, recent: cursor.recent, now: model.time, policy: model.console.policy, time: model.local,
                               towersView: model.console.towersView)
        let frame = ConsoleFrame(state: cursor.state, recent: cursor.recent, now: model.time, theme: theme, logName: logName, time: model.local)
        let output = ReplayScreen.render(model, frame, rows: rows, marks: cursor.marks, size: size)
        for (pane, scroll) in output.scrolls { model.console.tables[pane, default: TableState()].scroll = scroll }
        return (output.grid, (rows, output.layout))
    }

    /// Moves playback on by the time since the last wake, times the speed; stops at the end.
    public mutating func woke() throws {
        let target = playback.advance(model.time, playing: model.playing, speed: model.speed, window: model.from...model.to, tick: ticks())
        guard model.playing else { return }
        try cursor.advance(to: target)
        model.time = target
        if target >= model.to { model.playing = false }
    }

    public mutating func logChanged() -> [RunnerEffect] { [] }

    public mutating func handle(_ key: KeyEvent, drawn: (ConsoleRows, ConsoleLayout), now: Timestamp) throws -> [RunnerEffect] {
        var effects: [RunnerEffect] = []
        for effect in model.handle(key, rows: drawn.0, state: cursor.state, layout: drawn.1) {
            switch effect {
            case .seek(let t):
                try cursor.seek(to: t)
                model.time = t
            case .step(let forward):
                if forward {
                    if let r = try cursor.step() { model.time = max(model.time, r.time) }
                } else if cursor.position.seq > 0 {
                    try cursor.seek(toSeq: cursor.position.seq - 1)
                    model.time = cursor.state.lastTime ?? model.from
                }
            case .console(let console):
                effects.append(console)
            }
        }
        return effects
    }

    /// Replay never writes.
    public mutating func execute(_ command: Command) -> [RunnerEffect] {
        model.console.status = StatusMessage(text: "replay is read-only", isError: true)
        return []
    }
}
