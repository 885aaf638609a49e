import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
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

    func run() throws {
        try reporting {
            let path = try log.path()
            try runConsole(path: path, officer: officer, screen: screen)
        }
    }
}

/// Opens `path` and runs the officer console on this terminal.
func runConsole(path: String, officer: String?, screen: ScreenOptions) throws {
    let writable = access(path, W_OK) == 0
    let store = try FileEventStore(path: path, writable: writable)
    let district = try DistrictLog.open(store)
    district.policy = try PolicyFile.resolve(explicit: screen.policy, logPath: path)
    var model = ConsoleModel(mode: store.header.mode == .drill ? .drill : .live)
    model.policy = district.policy
    if let officer {
        guard district.state.officers[OfficerID(officer)] != nil else {
            throw Failure(message: "unknown officer \(officer): not enrolled in \(path)", status: ExitStatus.refused)
        }
        model.officer = OfficerID(officer)
    }
    for n in store.notices + district.snapshotNotices { model.status = StatusMessage(text: n.message, isError: true) }
    // A long tail replayed at start: cache the fold for the next start, in the background.
    if district.position.seq - district.openedFromSnapshot > 200_000 { SnapshotWriter.start(district) }
    if !writable { model.status = StatusMessage(text: "read-only: you cannot write \(path)", isError: true) }
    let loader = ThemeLoader.standard()
    _ = try loader.load(screen.theme)  // a bad theme fails before the screen is taken
    do {
        try Terminal.withTerminal(options: Terminal.Options(mouse: !screen.noMouse)) { terminal in
            let runner = try ConsoleRunner(district: district, terminal: terminal, clock: DrillClock.forLog(store.header), model: model,
                                           themeName: screen.theme, loader: loader)
            runner.run()
        }
    } catch let e as TerminalError {
        throw Failure(message: "\(e)", status: 1)
    }
}
