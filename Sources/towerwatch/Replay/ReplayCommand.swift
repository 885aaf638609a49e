import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchTerminal
import TowerwatchUI

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a past shift with the officer console's panes (read-only).",
        discussion: "Space plays or pauses, + and - change speed (1× to 600×), ← and → step one event, [ ] one minute, { } ten minutes, g goes to a time, m sets a bookmark and ' jumps between them. The log is opened read-only and never locked. For a long log, `towerwatch log snapshot PATH --every 250000` makes seeking fast.")
    @Argument(help: "The log file.") var path: String
    @Option(help: "Start at this time (2026-11-29T08:00, or a date).") var from: String?
    @Option(help: "End at this time.") var to: String?
    @Option(help: "Playback speed, 1 to 600.") var speed: Int = 1
    @OptionGroup var screen: ScreenOptions

    func run() throws {
        try reporting {
            guard (1...600).contains(speed) else { throw Failure(message: "--speed must be between 1 and 600", status: ExitStatus.usage) }
            let store = try FileEventStore(path: path, writable: false)
            let cursor = try ReplayCursor(store: store)
            guard let first = cursor.firstTime, let last = cursor.lastTime else { throw Failure(message: "\(path) holds no records to replay", status: 1) }
            func time(_ text: String?, _ fallback: Timestamp, _ flag: String) throws -> Timestamp {
                guard let text else { return fallback }
                guard let t = Timestamp.parse(text) else { throw Failure(message: "\(flag) \(text): not a time (2026-11-29T08:00)", status: ExitStatus.usage) }
                return t
            }
            let start = try time(from, first, "--from"), end = try time(to, last, "--to")
            guard start <= end else { throw Failure(message: "--from is after --to", status: ExitStatus.usage) }
            var model = ReplayModel(from: start, to: end)
            model.speed = speed
            model.console.mode = .replay
            model.console.policy = try PolicyFile.resolve(explicit: screen.policy, logPath: path)
            let loader = ThemeLoader.standard()
            _ = try loader.load(screen.theme)
            do {
                try Terminal.withTerminal(options: Terminal.Options(mouse: !screen.noMouse)) { terminal in
                    var runner = try ReplayRunner(cursor: cursor, terminal: terminal, model: model,
                                                  themes: ThemeCycle(first: screen.theme, loader: loader, capability: terminal.colorCapability),
                                                  logName: (path as NSString).lastPathComponent)
                    try runner.run()
                }
            } catch let e as TerminalError {
                throw Failure(message: "\(e)", status: 1)
            }
        }
    }
}

/// Drives a replay: the log's clock moves at the chosen speed while playing.
struct ReplayRunner {
    let cursor: ReplayCursor
    let terminal: Terminal
    var model: ReplayModel
    var themes: ThemeCycle
    let logName: String

    init(cursor: ReplayCursor, terminal: Terminal, model: ReplayModel, themes: ThemeCycle, logName: String) throws {
        self.cursor = cursor; self.terminal = terminal; self.model = model; self.themes = themes; self.logName = logName
        try cursor.seek(to: model.time)
    }

    mutating func run() throws {
        var lastTick = monotonicMillis()
        while true {
            let rows = ConsoleRows(state: cursor.state, recent: cursor.recent, now: model.time, policy: model.console.policy)
            let frame = ConsoleFrame(state: cursor.state, recent: cursor.recent, now: model.time, theme: themes.theme, logName: logName)
            let output = ReplayScreen.render(model, frame, rows: rows, marks: cursor.marks, size: terminal.size)
            for (pane, scroll) in output.scrolls { model.console.tables[pane, default: TableState()].scroll = scroll }
            terminal.draw(output.grid)

            let wake = terminal.readKey(timeoutMillis: model.playing ? 50 : -1, alsoWatching: nil)
            let now = monotonicMillis()
            if model.playing {
                let target = model.clamp(model.time + Span(millis: Int64(now - lastTick) * Int64(model.speed)))
                try cursor.advance(to: target)
                model.time = target
                if target >= model.to { model.playing = false }
            }
            lastTick = now
            guard case .key(let key) = wake else { continue }
            if key == .endOfInput { return }
            if key == .resize { terminal.invalidate() }
            for effect in model.handle(key, rows: rows, state: cursor.state, layout: output.layout) {
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
                case .console(.quit): return
                case .console(.cycleTheme): model.console.status = themes.next()
                case .console(.bell): terminal.bell()
                case .console(.execute): model.console.status = StatusMessage(text: "replay is read-only", isError: true)
                }
            }
        }
    }
}

/// Milliseconds on the monotonic clock, for pacing playback.
func monotonicMillis() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
}
