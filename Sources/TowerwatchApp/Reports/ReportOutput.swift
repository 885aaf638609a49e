import TowerwatchCore
import TowerwatchLog

/// What `towerwatch report` writes: the report of a log in the chosen format.
///
/// A text report of a drill log says so first, and one of a forked drill ends
/// with the trainee's times beside the original shift's (`DrillReport`).
public enum ReportOutput {
    /// The whole output; `table` picks one CSV table (nil: every table).
    ///
    /// - Throws: `LogError` when the drill comparison cannot read the drill log
    ///   again; an unreadable original only leaves a note in the text.
    public static func render(_ report: AfterActionReport, format: ReportFormat, table: ReportTable.Name?,
                              of store: EventStore, from: Timestamp?, to: Timestamp?,
                              policy: Policy, patrolRound: Span) throws -> String {
        switch format {
        case .json:
            return ReportJSON.render(report) + "\n"
        case .csv:
            return table.map { ReportCSV.render(report.table($0)) } ?? ReportCSV.render(report)
        case .text:
            return drillHeading(store.header) + ReportText.render(report)
                + (try DrillReport.comparisonText(of: store, from: from, to: to, policy: policy, patrolRound: patrolRound))
        }
    }

    /// The line that opens the text report of a drill log; empty for a live log.
    public static func drillHeading(_ header: LogHeader) -> String {
        guard header.mode == .drill else { return "" }
        guard let forkedAt = header.extra["forked-at"] else { return "DRILL LOG: every record here is part of a drill.\n" }
        return "DRILL LOG, forked from \(header.extra["forked-from"] ?? "a live log") at \(forkedAt): "
            + "the history before that is the live shift's; drill records are counted apart.\n"
    }
}
