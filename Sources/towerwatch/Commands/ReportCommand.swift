import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchText
import TowerwatchLog
import TowerwatchApp

/// `towerwatch report PATH`: the after-action report of a log, read-only.
///
/// The log is opened without the write lock and never written: a report works on
/// a file the user cannot write (mode 0400) and leaves it byte-identical. The
/// figures are `ShiftReport`'s (see its documentation for every definition).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The after-action report of a log: times to acknowledge, to scene and to rectify, patrols, silences.",
        discussion: """
        Records before --from set the scene (who is on duty, routes) but count in no figure; records at or \
        after --to are not read. TIME is 2026-11-29, 2026-11-29T08:00 or 2026-11-29T08:00:30 in the district's \
        local time, or carries Z or an offset (2026-11-29T08:00+08:00, or the log's own UTC form). Every form \
        reads in the district's local time with the zone's offset: text as 16:15:02 +08:00, csv and json as \
        ISO 8601 (2026-11-29T16:15:02.250+08:00); the log itself stays UTC. Drill records are reported in \
        their own section, never in the live figures.

        --format text (default): aligned tables, a chart of times to scene, the worst ten cases, footnotes.
        --format csv: RFC 4180. With --table NAME, one plain CSV table; without, every table as a section \
        opened by a line "# NAME" and closed by an empty line. Tables: \
        \(ReportTable.names.joined(separator: ", ")). Each row's first column is section (live or drill); \
        columns ending in _s are seconds, columns ending in _at (and from, to, at) local moments.
        --format json: one object: from, to, start, end, policy, skippedRecords, and live and drill, each \
        with the tables as arrays of objects (camelCase keys, _s as Seconds), byCategory, bySource, \
        sceneHistogram, worstScene, worstRectify and counts.
        --format html: one self-contained page for a debrief (inline SVG and CSS, no script, nothing fetched; \
        prints on A4): a timeline with one row per hazard against the 60 s / 5 min / 30 min marks, the \
        distribution of times to scene, towers, teams, the worst ten, drills apart; local times with the zone.

        --out PATH writes to PATH instead of standard output, whole or not at all (a new file renamed into \
        place once complete; mode 0600).

        The log is read once, from its start to --to (or its end), in constant memory apart from the rows \
        printed, however long it is. Text fits --width cells (the terminal's width, or 100 when the output is not a terminal): tables \
        leave out low-priority columns and say which. While a large log is read, progress shows on standard \
        error when it is a terminal (not with --quiet).
        """)

    @Argument(help: "The log file (opened read-only).") var path: String
    @Option(help: ArgumentHelp("Report from this time on.", valueName: "TIME")) var from: String?
    @Option(help: ArgumentHelp("Report up to (not including) this time.", valueName: "TIME")) var to: String?
    @Option(help: "text, csv, json or html.") var format: ReportFormat = .text
    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "PATH")) var out: String?
    @Option(help: ArgumentHelp("With --format csv: only this table.", valueName: "NAME")) var table: ReportTable.Name?
    @Option(help: ArgumentHelp("The escalation policy file (see docs/policy.yaml).", valueName: "PATH")) var policy: String?
    @Option(help: ArgumentHelp("Minutes in a patrol round: each route checkpoint is expected once per round.", valueName: "MINUTES"))
    var patrolRound: Int = 60
    @Option(help: ArgumentHelp("With --format text: fit the report to this many columns (default: the terminal's width, 100 when not a terminal).", valueName: "N"))
    var width: Int?
    @Flag(help: "No progress on standard error.") var quiet = false

    func run() throws {
        try reporting {
            if table != nil, format != .csv { throw Failure(message: "--table goes with --format csv", status: ExitStatus.usage) }
            guard patrolRound > 0 else { throw Failure(message: "--patrol-round must be a positive number of minutes", status: ExitStatus.usage) }
            // Typed times are the district's local time, as its log records it at the start.
            let local = SystemZones.localTime(zoneNamed: try SystemZones.zoneRecordedAtStart(of: LogLocation.openStore(path, writable: false))).time
            let start = try from.map { try time($0, "--from", local) }
            let end = try to.map { try time($0, "--to", local) }
            if let start, let end, end <= start { throw Failure(message: "--to must come after --from", status: ExitStatus.usage) }
            let rules = try PolicyFile.resolve(explicit: policy, logPath: path)

            if let width, width < 20 { throw Failure(message: "--width must be at least 20 columns", status: 2) }

            // The destination first: a folder that does not exist is said before a long read.
            let file = try out.map { try OutputFile.create($0, keeping: [path]) }
            var committed = false
            defer { if !committed { file?.abandon() } }

            // Read-only: no write lock, no byte written, even a torn tail is only noted.
            let store = try LogLocation.openStore(path, writable: false)
            let round = Span.minutes(Int64(patrolRound))
            var fold = ShiftReport(from: start, to: end, policy: rules, patrolRound: round)
            // A forked drill's trainee side is folded in the same pass.
            var trainee = format == .text || format == .html ? DrillReport.traineeFold(of: store.header, from: start, to: end, policy: rules, patrolRound: round) : nil
            let progress = quiet ? nil : ReportProgress(path: path)
            do {
                _ = try store.read(after: store.start) { record, position in
                    fold.add(record)
                    trainee?.add(record)
                    progress?.note(records: fold.recordsRead, offset: position.offset)
                    // Time only moves forward in a log: the first record at or after --to ends
                    // the reading, as it ends the one fold at a time (a day's report from a year's
                    // log reads up to that day, not the year).
                    if let end, record.time >= end { throw PastTheWindow() }
                }
            } catch is PastTheWindow {}
            progress?.finish()
            for n in store.notices { printError("towerwatch: \(n)") }
            var report = fold.report()
            // The report reads in the district's zone as it stands at the window's end (an officer
            // may have changed it since the start); every moment carries its offset either way.
            let reading = SystemZones.localTime(for: fold.state)
            if let unknown = reading.unknown {
                printError("towerwatch: the district's time zone \(unknown) is unknown to this machine: times read in UTC")
            }
            report.local = reading.time

            var stream = StandardOutput(descriptor: file?.descriptor ?? STDOUT_FILENO)
            ReportOutput.write(report, format: format, table: table, of: store, trainee: trainee?.report(), to: end, policy: rules,
                               patrolRound: round, width: width ?? (file == nil ? ReportProgress.terminalWidth() : ReportText.defaultWidth),
                               into: &stream)
            if let file {
                try file.commit(&stream)
                committed = true
            } else {
                stream.flush()
            }
        }
    }

    /// Thrown inside the read at the first record past the window, to end it.
    private struct PastTheWindow: Error {}

    private func time(_ text: String, _ option: String, _ local: LocalTimeText) throws -> Timestamp {
        try typedTime(text, flag: option, local: local, log: nil, fallback: Timestamp(millis: 0), fit: .anywhere)
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension ReportTable.Name: ExpressibleByArgument {}
