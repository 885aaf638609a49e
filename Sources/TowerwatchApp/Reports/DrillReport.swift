import TowerwatchCore
import TowerwatchLog

/// The part of `towerwatch report` that sets a forked drill beside the shift it
/// was forked from (see `DrillComparison`).
public enum DrillReport {
    /// The fold of the trainee's side for a drill log forked from another: from the
    /// fork's moment (or a later `from`) to `to`. Fed in the same pass as the report's
    /// own fold. Nil for a log that is not a fork.
    public static func traineeFold(of header: LogHeader, from: Timestamp?, to: Timestamp?, policy: Policy, patrolRound: Span) -> ShiftReport? {
        guard header.forkedFrom != nil, let forkedAt = header.forkedAt else { return nil }
        return ShiftReport(from: max(from ?? forkedAt, forkedAt), to: to, policy: policy, patrolRound: patrolRound)
    }

    /// Text comparing the trainee's times (`trainee`, the report of `traineeFold`)
    /// with the original shift's over the same window: to `to` or the drill's last
    /// record. Empty for a log that is not a fork. The original log is opened
    /// read-only; if it cannot be read, the text says so and the rest of the report stands.
    public static func comparisonText(of store: EventStore, trainee drill: AfterActionReport, to: Timestamp?, policy: Policy,
                                      patrolRound: Span) -> String {
        guard let appendix = appendix(of: store, trainee: drill, to: to, policy: policy, patrolRound: patrolRound) else { return "" }
        guard let c = appendix.comparison else { return "\nDRILL COMPARISON: \(appendix.problem ?? "none"); no comparison.\n" }
        return "\n" + c.render(traineeLog: appendix.traineeLog, originalLog: appendix.originalLog).joined(separator: "\n") + "\n"
    }

    /// The comparison with the logs' names, or why there is none (the original log
    /// cannot be read); nil for a log that is not a fork. The text and HTML reports both show it.
    public static func appendix(of store: EventStore, trainee drill: AfterActionReport, to: Timestamp?, policy: Policy,
                                patrolRound: Span) -> DrillAppendix? {
        guard let originalPath = store.header.forkedFrom else { return nil }
        // `to` is exclusive: end just after the drill's last record so it counts on both sides.
        let end = to ?? drill.end.map { $0 + Span(millis: 1) }
        do {
            let live = try FileEventStore(path: originalPath, writable: false)
            var fold = ShiftReport(from: drill.from, to: end, policy: policy, patrolRound: patrolRound)
            _ = try live.read(after: live.start) { record, _ in fold.add(record) }
            return DrillAppendix(comparison: DrillComparison.compare(drill: drill, original: fold.report()),
                                 traineeLog: store.name, originalLog: originalPath)
        } catch {
            return DrillAppendix(traineeLog: store.name, originalLog: originalPath,
                                 problem: "the original log \(originalPath) cannot be read (\(error))")
        }
    }
}
