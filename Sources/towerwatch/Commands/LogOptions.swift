import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchApp
import TowerwatchText
import TowerwatchPostgres

/// `--log PATH`, defaulting to $TOWERWATCH_LOG.
struct LogOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The log file.", discussion: "Defaults to $TOWERWATCH_LOG.", valueName: "PATH"))
    var log: String?
    @Flag(help: "Follow a --log that is a symbolic link (by default a link is refused).") var followSymlinks = false
    @Flag(help: "Accept a log and directory writable by their group (by default refused, as for others).") var groupWritable = false

    func path() throws -> String {
        PathChecks.process = PathChecks(followSymlinks: followSymlinks, groupWritable: groupWritable)
        // Installed set-group-id: only the root-owned configuration names the log.
        if Installation.isSetGroupID {
            let configured = try Installation.configuredLogPath()
            if let log, !log.isEmpty, !Installation.same(log, configured) {
                throw Failure(message: "this towerwatch is installed set-group-id and works only on the district's log \(configured), not \(log)", status: 2)
            }
            return configured
        }
        if let log, !log.isEmpty { return log }
        if let env = ProcessInfo.processInfo.environment["TOWERWATCH_LOG"], !env.isEmpty { return env }
        throw ValidationError("no log given: pass --log PATH or set TOWERWATCH_LOG")
    }
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((Sanitizer.sanitizeLines(text) + "\n").utf8))
}

/// Prints `text` and a newline on standard output, through the sanitizer: every
/// line the command line prints may hold text from a log, a feed or an argument.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((Sanitizer.sanitizeLines(text) + "\n").utf8))
}

/// The exit statuses of every command, a contract for scripts (README, `--help`).
enum ExitStatus {
    /// Done: the command did what it was asked.
    static let done: Int32 = 0
    /// An error: the log could not be read or written, it is not sound, a file is missing.
    static let error: Int32 = 1
    /// Refused by the rules: `decide` rejected the command (or some lines of a feed);
    /// nothing of it was written.
    static let refused: Int32 = 2
    /// A usage error: an unknown option, a missing or malformed argument (EX_USAGE).
    static let usage: Int32 = 64
}

/// Ends the program with a message on standard error and a status.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var status: Int32 = ExitStatus.error
    var description: String { message }
}

/// Runs `body`, turning log and file errors into a clean message and exit status.
func reporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as LogError {
        printError("towerwatch: \(e)")
        throw ExitCode(1)
    } catch let e as LogFileError {
        // A missing folder is the fix to name first: no log can be made there until it exists.
        let folder = e.code == ENOENT ? MissingFolder.advice(forPath: e.path) : nil
        let hint = folder.map { "; \($0)" }
            ?? (e.code == ENOENT && (e.operation == .openForReading || e.operation == .openForAppending)
                ? " (create a log with: towerwatch init --log \(e.path))" : "")
        printError("towerwatch: \(e)\(hint)")
        throw ExitCode(1)
    } catch let e as PolicyFileError {
        printError("towerwatch: \(e)")
        throw ExitCode(ExitStatus.refused)
    } catch let e as PostgresError {
        printError("towerwatch: \(e)")
        throw ExitCode(ExitStatus.error)
    } catch let e as Failure {
        printError("towerwatch: \(e.message)")
        throw ExitCode(e.status)
    }
}

/// Opens a log for writing, printing any notice (a torn tail cut off).
func openForWriting(_ path: String, durability: Durability = .everyAppend) throws -> DistrictLog {
    let store = try Installation.asDistrict(path) { try LogLocation.openStore(path, writable: true, durability: durability) }
    let district = try DistrictLog(store: store)
    Caller.bind(district)
    for n in store.notices { printError("towerwatch: \(n)") }
    return district
}
