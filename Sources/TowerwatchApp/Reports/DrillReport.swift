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
        guard let originalPath = store.header.forkedFrom else { return "" }
        // `to` is exclusive: end just after the drill's last record so it counts on both sides.
        let end = to ?? drill.end.map { $0 + Span(millis: 1) }
        let original: AfterActionReport
        do {
            let live = try FileEventStore(path: originalPath, writable: false)
            var fold = ShiftReport(from: drill.from, to: end, policy: policy, patrolRound: patrolRound)
            _ = try live.read(after: live.start) { record, _ in fold.add(record) }
            original = fold.report()
        } catch {
            return "\nDRILL COMPARISON: the original log \(originalPath) cannot be read (\(error)); no comparison.\n"
        }
        let lines = DrillComparison.compare(drill: drill, original: original).render(traineeLog: store.name, originalLog: originalPath)
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
