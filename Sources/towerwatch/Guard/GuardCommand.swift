import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchTerminal
import TowerwatchUI

/// `towerwatch guard G-017 --log PATH`: a guard's own small console.
struct GuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "A guard's console: the open dispatch, its procedure, and the keys to answer it.",
        discussion: "Usable from 40×12 (a handheld or an ssh session); every action acts as GUARD-ID through the same rules as the one-line commands."
    )
    @Argument(help: ArgumentHelp("The guard using this console (G-017); must be enrolled in the log.", valueName: "GUARD-ID"))
    var guardID: String
    @OptionGroup var log: LogOption
    @OptionGroup var screen: ScreenOptions

    func run() throws {
        try reporting {
            try runGuardConsole(path: try log.path(), guardID: GuardID(guardID), screen: screen)
        }
    }
}

/// Opens `path` and runs the guard console for `guardID` on this terminal.
///
/// Everything that can fail for a reason the user can fix (an unknown guard, a
/// bad theme or policy, an unreadable log) fails before the screen is taken.
func runGuardConsole(path: String, guardID: GuardID, screen: ScreenOptions) throws {
    let writable = access(path, W_OK) == 0
    let store = try FileEventStore(path: path, writable: writable)
    let district = try DistrictLog(store: store)
    guard district.state.guards[guardID] != nil else {
        throw Failure(message: "unknown guard \(guardID): not enrolled in \(path)", status: ExitStatus.refused)
    }
    district.policy = try PolicyFile.resolve(explicit: screen.policy, logPath: path)
    var model = GuardModel(guardID: guardID, state: district.state, mode: store.header.mode == .drill ? .drill : .live)
    model.policy = district.policy
    for n in store.notices { model.status = StatusMessage(text: n.message, isError: true) }
    if !writable { model.status = StatusMessage(text: "read-only: you cannot write \(path)", isError: true) }
    let loader = ThemeLoader.standard()
    _ = try loader.load(screen.theme)  // a bad theme fails before the screen is taken
    do {
        // A guard console has nothing to click: leave the mouse to the terminal's own selection.
        try Terminal.withTerminal(options: Terminal.Options(mouse: false)) { terminal in
            let runner = try GuardRunner(district: district, terminal: terminal, clock: DrillClock.forLog(store.header), model: model,
                                         themeName: screen.theme, loader: loader)
            runner.run()
        }
    } catch let e as TerminalError {
        throw Failure(message: "\(e)", status: 1)
    }
}
