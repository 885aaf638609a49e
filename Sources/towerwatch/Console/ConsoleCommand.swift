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
    @Option(name: .customLong("as"), help: ArgumentHelp("The officer acting from this console (O-01). Without it the console only watches.", valueName: "OFFICER"))
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
    let opened = try openForConsole(path, screen: screen)
    var model = ConsoleModel(mode: opened.mode)
    model.policy = opened.district.policy
    model.quiet = quiet
    model.banner = banner
    let officers = opened.district.state.officers
    // `o-01` is O-01; an id that matches no officer names the nearest ones.
    let officer = officer.map { DistrictState.spelled($0, in: officers) }
    if let officer, officers[officer] == nil {
        throw Failure(message: "unknown officer \(officer): not enrolled in \(path)" + DistrictState.suggestion(for: officer, in: officers),
                      status: ExitStatus.refused)
    }
    // The account decides who this console is: `--as` must be its officer; without
    // it, an officer's account acts as its officer, anyone else only watches.
    switch try Caller.consoleActor(claimed: officer.map { .officer($0) }, in: opened.district.state) {
    case .officer(let id)?: model.officer = id
    default: break  // a guard's or a feed's account only watches here
    }
    model.status = opened.status
    try runOnTerminal(screen, mouse: !screen.noMouse) { OfficerConsole(model: model, log: opened.live) }
}

/// Opens a log for a live console (`ConsoleLog.open`). A long tail replayed at
/// start is cached for the next start, in the background.
func openForConsole(_ path: String, screen: ScreenOptions) throws -> ConsoleLog {
    let opened = try ConsoleLog.open(path: path, policy: screen.policy, caller: Caller.account) { path in
        let writable = LogLocation.isDatabase(path) || Installation.canWrite(path)
        return (try Installation.asDistrict(path) { try LogLocation.openStore(path, writable: writable) }, writable)
    }
    if opened.replayedTail > 200_000 { SnapshotWriter.start(opened.district) }
    return opened
}

/// Runs a console on this terminal with `ConsoleRunner`, and gives the terminal
/// back however it ends. A bad theme fails before the screen is taken.
func runOnTerminal<Program: ConsoleProgram>(_ screen: ScreenOptions, mouse: Bool, _ program: () throws -> Program) throws {
    let loader = ThemeLoader.standard()
    _ = try loader.load(screen.theme)
    do {
        try Terminal.withTerminal(options: Terminal.Options(mouse: mouse)) { terminal in
            let themes = try ThemeCycle(first: screen.theme, loader: loader, capability: terminal.colorCapability)
            var runner = ConsoleRunner(try program(), on: terminal, themes: themes)
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
