import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
import TowerwatchApp
import TowerwatchUI

/// `towerwatch guard G-017 --log PATH`: a guard's own small console.
struct GuardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guard",
        abstract: "A guard's console: the open dispatch, its procedure, and the keys to answer it.",
        discussion: "Usable from 40×12 (a handheld or an ssh session); every action acts as GUARD-ID through the same rules as the one-line commands."
    )
    @Argument(help: ArgumentHelp("The guard using this console (G-017); must be enrolled in the log.", valueName: "GUARD-ID"),
              completion: .ids(.guardID))
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
    var presence: GuardPresence?
    defer { presence?.release() }
    // A guard console has nothing to click: leave the mouse to the terminal's own selection.
    try runOnTerminal(screen, mouse: false, opening: path) { opened in
        let console = try guardConsole(opened, path: path, guardID: guardID)
        // A person drives this guard now: the simulator leaves them alone while the file is there.
        presence = opened.district.store.isWritable
            ? try? GuardPresence.claim(guardID, in: GuardsLeftAlone.presenceDirectory(forLog: path)) : nil
        return console
    }
}

/// The guard console over an opened log: the guard enrolled, and the account theirs.
private func guardConsole(_ opened: ConsoleLog, path: String, guardID: GuardID) throws -> GuardConsole {
    guard opened.district.state.guards[guardID] != nil else {
        throw Failure(message: "unknown guard \(guardID): not enrolled in \(path)", status: ExitStatus.refused)
    }
    // A guard's console is the guard's own: the account must be that guard.
    _ = try Caller.consoleActor(claimed: .guard(guardID), in: opened.district.state)
    var model = GuardModel(guardID: guardID, state: opened.district.state, mode: opened.mode)
    model.policy = opened.district.policy
    model.status = opened.status
    return GuardConsole(model: model, log: opened.live)
}
