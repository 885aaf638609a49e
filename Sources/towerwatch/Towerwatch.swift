import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchText

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

        Exit status: 0 done; 1 an error (the log cannot be read or written, or is not \
        sound); 2 refused by the rules (nothing written); 64 a usage error.

        Shell completion (commands, options, and ids from the log): \
        towerwatch --generate-completion-script bash (or zsh, fish); see the README's \
        "Shell completion". The manual page is docs/towerwatch.1.
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

    /// Runs the command line. Exit status: 0 done, 1 an error, 2 refused by the
    /// rules, 64 a usage error (words it cannot read: an unknown command or option,
    /// a `--format` that is not text, csv or json, an argument that is not UTF-8).
    /// Every message, ArgumentParser's included (they may quote an argument), is
    /// printed through the sanitizer.
    static func main() {
        // A set-group-id install gives its group up before anything else runs (see `Installation`).
        Installation.dropLentGroup()
        // An argument that is not UTF-8 would become U+FFFD unseen: refuse it, saying where.
        for i in 1..<Int(CommandLine.argc) {
            guard let arg = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(arg).assumingMemoryBound(to: UInt8.self), count: strlen(arg))
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                printError("towerwatch: argument \(i) is not valid UTF-8 (byte \(bad + 1) of it)")
                Foundation.exit(ExitStatus.usage)
            }
        }
        // A mistyped verb would otherwise fall to the default command and be
        // reported as an option it does not know; name the command and its nearest verb.
        let words = CommandLine.arguments.dropFirst()
        if let first = words.first, !first.hasPrefix("-"), !(configuration.subcommands.map { $0._commandName } + ["help"]).contains(first) {
            let nearest = Verb.nearest(to: first).map { "; did you mean \($0.name)?" } ?? ""
            printError("towerwatch: unknown command '\(first)'\(nearest) (towerwatch --help lists them)")
            Foundation.exit(ExitStatus.usage)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let message = fullMessage(for: error)
            let status = exitCode(for: error)
            if !message.isEmpty {
                let text = Data((Sanitizer.sanitizeLines(message) + "\n").utf8)
                (status == .success ? FileHandle.standardOutput : FileHandle.standardError).write(text)
            }
            Foundation.exit(status.rawValue)
        }
    }
}
