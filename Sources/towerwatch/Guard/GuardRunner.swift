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
    let clock: Clock
    var model: GuardModel
    var themes: [String]
    var themeIndex: Int
    var theme: Theme
    let loader: ThemeLoader
    let logName: String

    init(district: DistrictLog, terminal: Terminal, clock: Clock, model: GuardModel, themeName: String, loader: ThemeLoader) throws {
        self.district = district
        self.terminal = terminal
        self.clock = clock
        self.model = model
        self.loader = loader
        themes = ThemeLoader.builtInNames
        if !themes.contains(themeName) { themes.insert(themeName, at: 0) }
        themeIndex = themes.firstIndex(of: themeName) ?? 0
        theme = try loader.load(themeName).degraded(to: terminal.colorCapability)
        logName = (district.store.name as NSString).lastPathComponent
    }

    /// Runs until the guard quits or input ends.
    func run() {
        while true {
            let now = clock.now()
            let frame = GuardFrame(state: district.state, now: now, theme: theme, logName: logName)
            let output = GuardScreen.render(model, frame, size: terminal.size)
            terminal.draw(output.grid)

            // Sleep until the next whole second (the clocks tick), a key, or a change of the log.
            let wait = Int(1000 - now.millis % 1000)
            switch terminal.readKey(timeoutMillis: wait, alsoWatching: district.store.changeDescriptor) {
            case .timeout:
                continue
            case .watchedDescriptorReadable:
                district.store.drainChanges()
                follow()
            case .key(let key):
                if key == .endOfInput { return }
                if key == .resize { terminal.invalidate() }
                let effects = model.handle(key, state: district.state, now: now)
                if perform(effects) == false { return }
            }
        }
    }

    /// Folds in what other processes appended; a new dispatch rings and flashes.
    func follow() {
        do { try district.catchUp() } catch {
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
                themeIndex = (themeIndex + 1) % themes.count
                do {
                    theme = try loader.load(themes[themeIndex]).degraded(to: terminal.colorCapability)
                    model.status = StatusMessage(text: "theme \(themes[themeIndex])", isError: false)
                } catch {
                    model.status = StatusMessage(text: "\(error)", isError: true)
                }
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
