import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchApp
import TowerwatchTerminal
import TowerwatchUI

/// Options every full-screen console shares.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme name (default, light, high-contrast, mono) or a theme file path.", valueName: "T"))
    var theme: String = "default"
    @Flag(help: "Do not capture the mouse (leaves the terminal's own selection working).") var noMouse = false
    @Option(help: ArgumentHelp("The escalation policy file (see docs/policy.yaml).", valueName: "PATH")) var policy: String?
}

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "The duty officer's live console.")
    @OptionGroup var log: LogOption
    @OptionGroup var screen: ScreenOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("The officer acting from this console (O-01). Without it the console only watches.", valueName: "OFFICER"),
            completion: .ids(.officer))
    var officer: String?
    @Flag(help: "No bell and no flash for new high or critical hazards, declines and alarms (b toggles).") var quiet = false

    func run() throws {
        try reporting {
            let path = try log.path()
            try runConsole(path: path, officer: officer, screen: screen, quiet: quiet)
        }
    }
}

/// Opens `path` and runs the officer console on this terminal.
/// `banner` leads the header until the first key (the demo: what runs, and where).
func runConsole(path: String, officer: String?, screen: ScreenOptions, quiet: Bool = false, banner: String? = nil) throws {
    try runOnTerminal(screen, mouse: !screen.noMouse, opening: path) { opened in try officerConsole(opened, path: path, officer: officer, quiet: quiet, banner: banner) }
}

/// The officer console over an opened log: `--as` checked against the account.
private func officerConsole(_ opened: ConsoleLog, path: String, officer: String?, quiet: Bool, banner: String?) throws -> OfficerConsole {
    var model = ConsoleModel(mode: opened.mode)
    model.policy = opened.district.policy
    model.quiet = quiet
    model.banner = banner
    if let officer {
        guard opened.district.state.officers[OfficerID(officer)] != nil else {
            throw Failure(message: "unknown officer \(officer): not enrolled in \(path)", status: ExitStatus.refused)
        }
    }
    // The account decides who this console is: `--as` must be its officer; without
    // it, an officer's account acts as its officer, anyone else only watches.
    switch try Caller.consoleActor(claimed: officer.map { .officer(OfficerID($0)) }, in: opened.district.state) {
    case .officer(let id)?: model.officer = id
    default: break  // a guard's or a feed's account only watches here
    }
    model.status = opened.status
    return OfficerConsole(model: model, log: opened.live)
}

/// Opens `path` for a live console (`ConsoleLog.open`) and runs on this terminal
/// the console `make` builds over it. A long tail replayed at start is cached for
/// the next start, in the background.
func runOnTerminal<Program: ConsoleProgram>(_ screen: ScreenOptions, mouse: Bool, opening path: String,
                                            _ make: (ConsoleLog) throws -> Program) throws {
    let writable = LogLocation.isDatabase(path) || Installation.canWrite(path)
    let store = try Installation.asDistrict(path) { try LogLocation.openStore(path, writable: writable) }
    try runOnTerminal(screen, mouse: mouse, logName: LogLocation.shortName(path), replaying: ConsoleLog.replayStretch(of: store), open: { progress in
        let opened = try ConsoleLog.open(path: path, store: store, writable: writable, policy: screen.policy, caller: Caller.account, progress: progress)
        if opened.replayedTail > 200_000 { SnapshotWriter.start(opened.district) }
        return opened
    }, make)
}

/// Opens a log with `open` and runs on this terminal the console `make` builds over it.
///
/// A short replay (`stretch`, the bytes to replay, under `OpeningProgress.minimumBytes`,
/// or unknown) happens before the terminal is taken, so whatever fails for a reason
/// the user can fix (an unknown guard, a bad policy) fails on a clean screen. A long
/// one happens on the terminal, showing `replaying 41%…` in the console's frame
/// until the first full frame, rather than a blank screen for seconds.
func runOnTerminal<Opened, Program: ConsoleProgram>(_ screen: ScreenOptions, mouse: Bool, logName: String,
                                                    replaying stretch: (start: Int, end: Int)?,
                                                    open: (ReadProgress?) throws -> Opened,
                                                    _ make: (Opened) throws -> Program) throws {
    guard let stretch, OpeningProgress.worthShowing(stretch) else {
        let program = try make(try open(nil))
        return try runOnTerminal(screen, mouse: mouse) { _, _ in program }
    }
    try runOnTerminal(screen, mouse: mouse) { terminal, theme in
        let progress = OpeningProgress(screen: terminal, theme: theme, logName: logName, stretch: stretch)
        let program = try make(try open(progress.reading))
        // Whatever was said on standard error meanwhile (a zone this machine does not
        // know) is painted over: the first full frame repaints every cell.
        terminal.invalidate()
        return program
    }
}

/// Runs a console on this terminal with `ConsoleRunner`, and gives the terminal
/// back however it ends. A bad theme fails before the screen is taken. `program`
/// gets the terminal and the first theme, to show progress while it makes the console.
func runOnTerminal<Program: ConsoleProgram>(_ screen: ScreenOptions, mouse: Bool, _ program: (Terminal, Theme) throws -> Program) throws {
    let loader = ThemeLoader.standard()
    _ = try loader.load(screen.theme)
    do {
        try Terminal.withTerminal(options: Terminal.Options(mouse: mouse)) { terminal in
            let themes = try ThemeCycle(first: screen.theme, loader: loader, capability: terminal.colorCapability)
            var runner = ConsoleRunner(try program(terminal, themes.theme), on: terminal, themes: themes)
            try runner.run()
        }
    } catch let e as TerminalError {
        throw Failure(message: "\(e)", status: 1)
    }
}

/// The terminal is the screen the consoles run on.
extension Terminal: Screen {
    public func show(_ grid: Grid) { draw(grid) }

    public func wait(timeoutMillis: Int, watching: Int32?) -> ScreenWake {
        switch readKey(timeoutMillis: timeoutMillis, alsoWatching: watching) {
        case .key(let key): .key(key)
        case .watchedDescriptorReadable: .logChanged
        case .timeout: .timeout
        }
    }
}
