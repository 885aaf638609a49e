import ArgumentParser
import Foundation
import TowerwatchCore

/// towerwatch: the dispatch console of a district's tower security force.
@main
struct Towerwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "towerwatch",
        abstract: "A terminal dispatch console for the security guards of a district's office towers.",
        discussion: """
        With no command, towerwatch opens a demo district (created on first use in \
        $XDG_DATA_HOME/towerwatch or ~/.local/share/towerwatch), runs a simulator beside \
        it, and shows the live officer console.

        Every command that touches a log takes --log PATH; its default is $TOWERWATCH_LOG.
        """,
        subcommands: [
            Demo.self, Init.self, LogGroup.self, Ingest.self,
        ] + oneLineCommands + [
            ConsoleCommand.self, ReplayCommand.self, ReportCommand.self, SimulateCommand.self,
            GuardCommand.self, DrillCommand.self, Exercise.self,
            WhoAmI.self, AccountGroup.self, Setup.self,
        ],
        defaultSubcommand: Demo.self
    )

    /// Runs the command line; words it cannot read (an unknown option, a `--format`
    /// that is not text, csv or json) exit with status 2, as a rejected command does.
    static func main() {
        // A set-group-id install gives its group up before anything else runs (see `Installation`).
        Installation.dropLentGroup()
        // A mistyped verb would otherwise fall to the default command and be
        // reported as an option it does not know; name the command and its nearest verb.
        let words = CommandLine.arguments.dropFirst()
        if let first = words.first, !first.hasPrefix("-"), !(configuration.subcommands.map { $0._commandName } + ["help"]).contains(first) {
            let nearest = Verb.nearest(to: first).map { "; did you mean \($0.name)?" } ?? ""
            FileHandle.standardError.write(Data("towerwatch: unknown command '\(first)'\(nearest) (towerwatch --help lists them)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
