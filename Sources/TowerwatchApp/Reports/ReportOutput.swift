import TowerwatchCore
import TowerwatchLog

/// What `towerwatch report` writes: the report of a log in the chosen format.
///
/// A text report of a drill log says so first, and one of a forked drill ends
/// with the trainee's times beside the original shift's (`DrillReport`).
/// Written piece by piece to a stream: a year's JSON is tens of megabytes and is
/// never held as one string.
public enum ReportOutput {
    /// Writes the whole output to `out`; `table` picks one CSV table (nil: every table);
    /// `trainee` is the trainee's side of a forked drill (`DrillReport.traineeFold`);
    /// `width` is what the text fits.
    public static func write(_ report: AfterActionReport, format: ReportFormat, table: ReportTable.Name?,
                             of store: EventStore, trainee: AfterActionReport?, to: Timestamp?,
                             policy: Policy, patrolRound: Span, width: Int, into out: inout some TextOutputStream) {
        switch format {
        case .json:
            ReportJSON.write(report, to: &out)
            out.write("\n")
        case .csv:
            if let table { ReportCSV.write(report.table(table), to: &out) } else { ReportCSV.write(report, to: &out) }
        case .html:
            let heading = drillHeading(store.header)
            let appendix = trainee.flatMap { DrillReport.appendix(of: store, trainee: $0, to: to, policy: policy, patrolRound: patrolRound) }
            ReportHTML.write(report, notice: heading.isEmpty ? nil : String(heading.dropLast()), drill: appendix, to: &out)
        case .text:
            out.write(drillHeading(store.header))
            out.write(ReportText.render(report, width: width))
            if let trainee {
                out.write(DrillReport.comparisonText(of: store, trainee: trainee, to: to, policy: policy, patrolRound: patrolRound))
            }
        }
    }

    /// The whole output as one string (small reports, tests).
    public static func render(_ report: AfterActionReport, format: ReportFormat, table: ReportTable.Name?,
                              of store: FileEventStore, trainee: AfterActionReport? = nil, to: Timestamp? = nil,
                              policy: Policy, patrolRound: Span, width: Int = ReportText.defaultWidth) -> String {
        var out = ""
        write(report, format: format, table: table, of: store, trainee: trainee, to: to, policy: policy,
              patrolRound: patrolRound, width: width, into: &out)
        return out
    }

    /// The line that opens the text report of a drill log; empty for a live log.
    public static func drillHeading(_ header: LogHeader) -> String {
        guard header.mode == .drill else { return "" }
        guard let forkedAt = header.extra["forked-at"] else { return "DRILL LOG: every record here is part of a drill.\n" }
        return "DRILL LOG, forked from \(header.extra["forked-from"] ?? "a live log") at \(forkedAt): "
            + "the history before that is the live shift's; drill records are counted apart.\n"
    }
}
