import TowerwatchCore
import TowerwatchLog

/// The part of `towerwatch report` that sets a forked drill beside the shift it
/// was forked from (see `DrillComparison`).
public enum DrillReport {
    /// Text comparing the trainee's times in the drill log `store` with the
    /// original shift's over the same window: from the fork's moment (or a later
    /// `from`) to `to` or the drill's last record. Empty for a log that is not a
    /// fork. The original log is opened read-only; if it cannot be read, the
    /// text says so and the rest of the report stands.
    public static func comparisonText(of store: EventStore, from: Timestamp?, to: Timestamp?, policy: Policy, patrolRound: Span) throws -> String {
        guard let originalPath = store.header.forkedFrom, let forkedAt = store.header.forkedAt else { return "" }
        let start = max(from ?? forkedAt, forkedAt)
        var drillFold = ShiftReport(from: start, to: to, policy: policy, patrolRound: patrolRound)
        _ = try store.read(after: store.start) { record, _ in drillFold.add(record) }
        let drill = drillFold.report()
        // `to` is exclusive: end just after the drill's last record so it counts on both sides.
        let end = to ?? drill.end.map { $0 + Span(millis: 1) }
        let original: AfterActionReport
        do {
            let live = try FileEventStore(path: originalPath, writable: false)
            var fold = ShiftReport(from: start, to: end, policy: policy, patrolRound: patrolRound)
            _ = try live.read(after: live.start) { record, _ in fold.add(record) }
            original = fold.report()
        } catch {
            return "\nDRILL COMPARISON: the original log \(originalPath) cannot be read (\(error)); no comparison.\n"
        }
        let lines = DrillComparison.compare(drill: drill, original: original).render(traineeLog: store.name, originalLog: originalPath)
        return "\n" + lines.joined(separator: "\n") + "\n"
    }
}
