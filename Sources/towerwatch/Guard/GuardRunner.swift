import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchTerminal
import TowerwatchUI

/// Runs the guard console: draws frames, reads keys, follows the log, and
/// performs the effects the update step asks for. The only loop with I/O.
final class GuardRunner {
    let district: DistrictLog
    let terminal: Terminal
    let clock: FollowingClock
    var model: GuardModel
    var themes: ThemeCycle
    let logName: String

    init(district: DistrictLog, terminal: Terminal, clock: FollowingClock, model: GuardModel, themeName: String, loader: ThemeLoader) throws {
        self.district = district
        self.terminal = terminal
        self.clock = clock
        self.model = model
        themes = try ThemeCycle(first: themeName, loader: loader, capability: terminal.colorCapability)
        logName = (district.store.name as NSString).lastPathComponent
    }

    /// Runs until the guard quits or input ends.
    func run() {
        LiveLoop.run(terminal: terminal, district: district, clock: clock, draw: { now in
            let frame = GuardFrame(state: district.state, now: now, theme: themes.theme, logName: logName,
                                   time: SystemZones.localTime(for: district.state).time)
            terminal.draw(GuardScreen.render(model, frame, size: terminal.size).grid)
        }, handle: { wake, _, now in
            switch wake {
            case .logChanged:
                follow()
                return true
            case .key(let key):
                return perform(model.handle(key, state: district.state, now: now))
            }
        })
    }

    /// Folds in what other processes appended; a new dispatch rings and flashes.
    func follow() {
        do {
            if try district.followChanges() {
                model.status = StatusMessage(text: "the log file was replaced (repaired?): reopened it and replayed it", isError: false)
            }
        } catch {
            model.status = StatusMessage(text: "log: \(error)", isError: true)
        }
        _ = perform(model.observe(district.state))
    }

    /// Performs effects; false means quit.
    func perform(_ effects: [GuardEffect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return false
            case .bell:
                terminal.bell()
            case .flash:
                terminal.flashScreen()
            case .cycleTheme:
                model.status = themes.next()
            case .execute(let command):
                guard district.store.isWritable else {
                    model.status = StatusMessage(text: "this console opened the log read-only; nothing was written", isError: true)
                    terminal.bell()
                    continue
                }
                do {
                    // execute decides against the latest log under the write lock, so a
                    // dispatch withdrawn a moment ago is refused, not half-done.
                    let result = try district.execute(command, now: clock.now())
                    model.finished(result, state: district.state)
                    if case .failure = result { terminal.bell() }
                    // execute caught up with the log first: a dispatch that arrived
                    // meanwhile still rings (our own append never does).
                    for attention in model.observe(district.state) {
                        if attention == .bell { terminal.bell() }
                        if attention == .flash { terminal.flashScreen() }
                    }
                } catch {
                    model.status = StatusMessage(text: "not written: \(error)", isError: true)
                    terminal.bell()
                }
            }
        }
        return true
    }
}
