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
        """,
        subcommands: [
            Demo.self, Init.self, LogGroup.self, Ingest.self,
            ReportHazard.self, DispatchGuard.self, Ack.self, Arrive.self, Clear.self, Decline.self,
            Reassign.self, Withdraw.self, Escalate.self, Close.self, Scan.self, OnDuty.self, OffDuty.self,
            ConsoleCommand.self, ReplayCommand.self, ReportCommand.self, SimulateCommand.self,
            GuardCommand.self, DrillCommand.self,
        ] + laterSubcommands,
        defaultSubcommand: Demo.self
    )

    /// Parses and runs as ArgumentParser would, but prints its messages (which may
    /// quote an argument: `The value '…' is invalid`) through the sanitizer.
    static func main() {
        // An argument that is not UTF-8 would become U+FFFD unseen: refuse it, saying where.
        for i in 1..<Int(CommandLine.argc) {
            guard let arg = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(arg).assumingMemoryBound(to: UInt8.self), count: strlen(arg))
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                FileHandle.standardError.write(Data("towerwatch: argument \(i) is not valid UTF-8 (byte \(bad + 1) of it)\n".utf8))
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
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

/// Subcommands that build on the console and the simulator; registered where they are defined.
var laterSubcommands: [ParsableCommand.Type] { extraSubcommands }
