import ArgumentParser
import TowerwatchApp
import TowerwatchLog
import TowerwatchPostgres

/// `towerwatch log export --from FILE --to URL`, and back: a district's log moved
/// between a file and PostgreSQL, every record line byte for byte.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Copy a log between a file and PostgreSQL, byte for byte (records and checksums as they are).",
        discussion: """
        --from FILE --to postgresql:///towerwatch?district=futian creates the district (and towerwatch's tables if \
        the database has none); --from URL --to FILE writes a new file (mode 0600). Every record is checked on the \
        way; a bad one stops the copy with its line, and nothing of it is kept.
        """)
    @Option(help: ArgumentHelp("The log to copy: a file or a postgresql:// URL.", valueName: "LOG")) var from: String
    @Option(help: ArgumentHelp("Where to: a new file, or a new district in a database.", valueName: "LOG")) var to: String
    @Flag(help: "No progress on standard error.") var quiet = false

    func run() throws {
        try reporting {
            switch (LogLocation.isDatabase(from), LogLocation.isDatabase(to)) {
            case (false, true), (true, false): break
            default: throw Failure(message: "export copies between a file and a database: one of --from and --to must be a postgresql:// URL, the other a file", status: 2)
            }
            #if Postgres
            // From a file, the share of it copied; from a database (whose size is not known), the records.
            let progress = ProgressLine(label: "copying", readingFile: from, quiet: quiet)
            defer { progress.finish() }
            let outcome = LogLocation.isDatabase(to)
                ? try PostgresLogTransfer.importFile(from, into: PostgresLocation(to), progress: progress.reading)
                : try PostgresLogTransfer.exportDistrict(PostgresLocation(from), to: to, progress: progress.reading)
            progress.finish()
            for n in outcome.notices { printError("towerwatch: \(n)") }
            say("copied \(outcome.records) records from \(from) to \(to)")
            #else
            throw Failure(message: "this towerwatch was built without PostgreSQL (build it with: swift build --traits Postgres)", status: 2)
            #endif
        }
    }
}
