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
    /// The last record this console has rung (or chosen not to ring) for.
    var heardSeq: UInt64

    public init(model: ConsoleModel, log: LiveLog) {
        self.model = model; self.log = log
        heardSeq = log.district.state.lastSeq
    }

    /// An officer console records the alarms that fall due (as the system), then
    /// rings for what is new since the last frame, from this or any other process.
    public mutating func prepare(now: Timestamp) -> [RunnerEffect] {
        if model.officer != nil, model.mode != .replay {
            do {
                _ = try log.district.raiseDueAlarms(now: now)
            } catch {
                model.say("alarm not recorded: \(error)", .rejection, now)
            }
        }
        let district = log.district
        guard district.state.lastSeq > heardSeq else { return [] }
        let fresh = district.recent.filter { $0.seq > heardSeq }
        heardSeq = district.state.lastSeq
        return model.noticed(fresh, state: district.state, now: now)
    }

    public mutating func draw(now: Timestamp, theme: Theme, size: Size) -> (grid: Grid, drawn: (ConsoleRows, ConsoleLayout)) {
        let district = log.district
        let (local, unknown) = log.localTime()
        if let unknown, warnedZone != unknown {
            warnedZone = unknown
            model.status = StatusMessage(text: "this machine does not know the district's time zone \(unknown): times shown in UTC", isError: true)
        }
        let rows = ConsoleRows(state: district.state, recent: district.recent, now: now, policy: model.policy, time: local,
                               towersView: model.towersView)
        let frame = ConsoleFrame(state: district.state, recent: district.recent, now: now, theme: theme, logName: log.name, time: local)
        let output = ConsoleScreen.render(model, frame, rows: rows, size: size)
        for (pane, scroll) in output.scrolls { model.tables[pane, default: TableState()].scroll = scroll }
        return (output.grid, (rows, output.layout))
    }

    public mutating func logChanged() -> [RunnerEffect] {
        if var message = log.follow() {
            message.at = log.now()
            model.status = message
        }
        // An offer waiting for its confirmation that no longer holds is withdrawn.
        return model.withdrawStaleOffer(state: log.district.state, now: log.now())
    }

    public mutating func handle(_ key: KeyEvent, drawn: (ConsoleRows, ConsoleLayout), now: Timestamp) -> [RunnerEffect] {
        model.handle(key, rows: drawn.0, state: log.district.state, now: now, layout: drawn.1)
    }

    public mutating func execute(_ command: Command) -> [RunnerEffect] {
        switch log.execute(command) {
        case .decided(let result):
            model.finished(result, state: log.district.state, now: log.now())
            if case .failure = result, !model.quiet { return [.bell] }
        case .notWritten(let message):
            model.status = message
        }
        return []
    }
}

