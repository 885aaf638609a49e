import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchTerminal
import TowerwatchUI

/// Runs the officer console: draws frames, reads keys, follows the log, and
/// performs the effects the update step asks for. The only loop with I/O.
final class ConsoleRunner {
    let district: DistrictLog
    let terminal: Terminal
    let clock: Clock
    var model: ConsoleModel
    var themes: ThemeCycle
    let logName: String
    /// The last record this console has rung (or chosen not to ring) for.
    var heardSeq: UInt64

    init(district: DistrictLog, terminal: Terminal, clock: Clock, model: ConsoleModel, themeName: String, loader: ThemeLoader) throws {
        self.district = district
        self.terminal = terminal
        self.clock = clock
        self.model = model
        themes = try ThemeCycle(first: themeName, loader: loader, capability: terminal.colorCapability)
        logName = (district.store.name as NSString).lastPathComponent
        heardSeq = district.state.lastSeq
    }

    /// Runs until the officer quits or input ends.
    func run() {
        LiveLoop.run(terminal: terminal, district: district, clock: clock, draw: { now -> (ConsoleRows, ConsoleLayout) in
            raiseAlarms(now: now)
            _ = perform(listen(now: now))
            let rows = ConsoleRows(state: district.state, recent: district.recent, now: now, policy: model.policy)
            let frame = ConsoleFrame(state: district.state, recent: district.recent, now: now, theme: themes.theme, logName: logName)
            let output = ConsoleScreen.render(model, frame, rows: rows, size: terminal.size)
            for (pane, scroll) in output.scrolls { model.tables[pane, default: TableState()].scroll = scroll }
            terminal.draw(output.grid)
            return (rows, output.layout)
        }, handle: { wake, drawn, now in
            switch wake {
            case .logChanged:
                follow()
                return perform(model.withdrawStaleOffer(state: district.state, now: now))
            case .key(let key):
                return perform(model.handle(key, rows: drawn.0, state: district.state, now: now, layout: drawn.1))
            }
        })
    }

    /// An officer console records the alarms that fall due (as the system) and rings.
    func raiseAlarms(now: Timestamp) {
        guard model.officer != nil, model.mode != .replay else { return }
        do {
            _ = try district.raiseDueAlarms(now: now)
        } catch {
            model.status = StatusMessage(text: "alarm not recorded: \(error)", isError: true)
        }
    }

    /// Rings for records folded in since the last frame, from this or any other process.
    func listen(now: Timestamp) -> [ConsoleEffect] {
        let last = district.state.lastSeq
        guard last > heardSeq else { return [] }
        let fresh = district.recent.filter { $0.seq > heardSeq }
        heardSeq = last
        return model.noticed(fresh, state: district.state, now: now)
    }

    /// Folds in what other processes appended.
    func follow() {
        do {
            if try district.followChanges() {
                model.say("the log file was replaced (repaired?): reopened it and replayed it", .confirmation, clock.now())
            }
        } catch {
            model.status = StatusMessage(text: "log: \(error)", isError: true)
        }
    }

    /// Performs effects; false means quit.
    func perform(_ effects: [ConsoleEffect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return false
            case .bell:
                terminal.bell()
            case .flash:
                terminal.flashIfAvailable()
            case .cycleTheme:
                model.status = themes.next()
                model.status?.at = clock.now()
            case .execute(let command):
                guard district.store.isWritable else {
                    model.status = StatusMessage(text: "this console opened the log read-only; nothing was written", isError: true)
                    continue
                }
                do {
                    let result = try district.execute(command, now: clock.now())
                    model.finished(result, state: district.state, now: clock.now())
                    if case .failure = result, !model.quiet { terminal.bell() }
                } catch {
                    model.status = StatusMessage(text: "not written: \(error)", isError: true)
                }
            }
        }
        return true
    }
}
