import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchApp
import TowerwatchPostgres

/// `--log PATH`, defaulting to $TOWERWATCH_LOG.
struct LogOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The log file.", discussion: "Defaults to $TOWERWATCH_LOG.", valueName: "PATH"))
    var log: String?

    func path() throws -> String {
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
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Ends the program with a message on standard error and a status.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var status: Int32 = 1
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
        let hint = e.code == ENOENT && (e.operation == .openForReading || e.operation == .openForAppending)
            ? " (create a log with: towerwatch init --log \(e.path))" : ""
        printError("towerwatch: \(e)\(hint)")
        throw ExitCode(1)
    } catch let e as PolicyFileError {
        printError("towerwatch: \(e)")
        throw ExitCode(2)
    } catch let e as PostgresError {
        printError("towerwatch: \(e)")
        throw ExitCode(1)
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
