import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// The duty officer's console in `ConsoleRunner`: the panes of `ConsoleScreen`
/// over a live log, the alarms it records as they fall due, and the officer's
/// commands.
public struct OfficerConsole: LiveConsole {
    public var model: ConsoleModel
    public let log: LiveLog
    /// A recorded zone this machine does not know, once said.
    var warnedZone: String?

    public init(model: ConsoleModel, log: LiveLog) { self.model = model; self.log = log }

    /// An officer console records the alarms that fall due (as the system) and rings.
    public mutating func prepare(now: Timestamp) -> [RunnerEffect] {
        guard model.officer != nil, model.mode != .replay else { return [] }
        do {
            return try log.district.raiseDueAlarms(now: now).isEmpty ? [] : [.bell]
        } catch {
            model.status = StatusMessage(text: "alarm not recorded: \(error)", isError: true)
            return []
        }
    }

    public mutating func draw(now: Timestamp, theme: Theme, size: Size) -> (grid: Grid, drawn: (ConsoleRows, ConsoleLayout)) {
        let district = log.district
        let (local, unknown) = log.localTime()
        if let unknown, warnedZone != unknown {
            warnedZone = unknown
            model.status = StatusMessage(text: "this machine does not know the district's time zone \(unknown): times shown in UTC", isError: true)
        }
        let rows = ConsoleRows(state: district.state, recent: district.recent, now: now, policy: model.policy, time: local)
        let frame = ConsoleFrame(state: district.state, recent: district.recent, now: now, theme: theme, logName: log.name, time: local)
        let output = ConsoleScreen.render(model, frame, rows: rows, size: size)
        for (pane, scroll) in output.scrolls { model.tables[pane, default: TableState()].scroll = scroll }
        return (output.grid, (rows, output.layout))
    }

    public mutating func logChanged() -> [RunnerEffect] {
        if let message = log.follow() { model.status = message }
        return []
    }

    public mutating func handle(_ key: KeyEvent, drawn: (ConsoleRows, ConsoleLayout), now: Timestamp) -> [RunnerEffect] {
        model.handle(key, rows: drawn.0, state: log.district.state, now: now, layout: drawn.1).map(\.runnerEffect)
    }

    public mutating func execute(_ command: Command) -> [RunnerEffect] {
        switch log.execute(command) {
        case .decided(let result):
            model.finished(result, state: log.district.state)
            if case .failure = result { return [.bell] }
        case .notWritten(let message):
            model.status = message
        }
        return []
    }
}

extension ConsoleEffect {
    /// The runner's effect for a console effect.
    public var runnerEffect: RunnerEffect {
        switch self {
        case .quit: .quit
        case .bell: .bell
        case .cycleTheme: .cycleTheme
        case .execute(let command): .execute(command)
        }
    }
}
