import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// A guard's console in `ConsoleRunner`: the open dispatch and its keys over a
/// live log. A new dispatch for the guard rings and flashes, once, whether it
/// arrives from another process or while the guard's own command ran.
public struct GuardConsole: LiveConsole {
    public var model: GuardModel
    public let log: LiveLog

    public init(model: GuardModel, log: LiveLog) { self.model = model; self.log = log }

    public mutating func draw(now: Timestamp, theme: Theme, size: Size) -> (grid: Grid, drawn: Void) {
        let frame = GuardFrame(state: log.district.state, now: now, theme: theme, logName: log.name, time: log.localTime().time)
        return (GuardScreen.render(model, frame, size: size).grid, ())
    }

    /// Folds in what other processes appended; a new dispatch rings and flashes.
    public mutating func logChanged() -> [RunnerEffect] {
        if let message = log.follow() { model.status = message }
        return model.observe(log.district.state)
    }

    public mutating func handle(_ key: KeyEvent, drawn: Void, now: Timestamp) -> [RunnerEffect] {
        model.handle(key, state: log.district.state, now: now)
    }

    public mutating func execute(_ command: Command) -> [RunnerEffect] {
        switch log.execute(command) {
        case .decided(let result):
            model.finished(result, state: log.district.state)
            // execute caught up with the log first: a dispatch that arrived meanwhile
            // still rings (our own append never does).
            let attention = model.observe(log.district.state).filter { $0 == .bell || $0 == .flash }
            if case .failure = result { return [.bell] + attention }
            return attention
        case .notWritten(let message):
            model.status = message
            return [.bell]
        }
    }
}

