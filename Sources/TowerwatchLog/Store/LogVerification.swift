import TowerwatchCore

/// What checking a whole log found: every record read, checked and folded with
/// the log's one fold (`EventStore.fold`), counted by type, up to the first
/// record that cannot be trusted. `towerwatch log verify` prints it.
public struct LogVerification: Sendable {
    public var path: String
    public var header: LogHeader
    /// Records read and folded, by type (those before the first problem).
    public var counts: [EventKind: Int] = [:]
    /// What did not stop the reading (a torn final record).
    public var notices: [LogNotice] = []
    /// The first record that cannot be trusted: reading stopped there.
    public var firstProblem: LogError?
    /// Records whose time goes backwards or precedes their cause (`TimeOrder`), the
    /// first ten; they do not stop the reading, but the log is not sound.
    public var outOfOrder: [LogError] = []
    /// How many records were out of time order in all.
    public var outOfOrderCount = 0
    /// Placeholders `log repair` left for lost set-up records that nothing has
    /// replaced yet (the records that name them fold against them).
    public var placeholders: [LostSetUp] = []

    public var records: Int { counts.values.reduce(0, +) }
    /// Every record is sound and nothing was left over.
    public var isSound: Bool { firstProblem == nil && notices.isEmpty && outOfOrderCount == 0 }

    /// Reads the log at `path` read-only. Throws only when it cannot be read at all
    /// (no such file, not a log); a bad record is `firstProblem`.
    public static func verify(path: String) throws -> LogVerification {
        try verify(store: FileEventStore(path: path, writable: false))
    }

    /// Verifies any store (a file, a database district) the same way; `progress`
    /// hears how far the reading has got.
    public static func verify(store: EventStore, progress: ReadProgress? = nil) throws -> LogVerification {
        let path = store.name
        var found = LogVerification(path: path, header: store.header)
        var state = DistrictState()
        var position = store.start
        var counts: [EventKind: Int] = [:]
        var outOfOrder: [LogError] = [], outOfOrderCount = 0
        var progress = progress
        do {
            try store.fold(&state, at: &position, { record, at, _ in
                counts[record.event.kind, default: 0] += 1
                progress?.passed(at.offset)
            },
                           before: { record, at, state in
                guard let problem = TimeOrder.problem(record, after: state) else { return }
                outOfOrderCount += 1
                if outOfOrder.count < 10 { outOfOrder.append(.badRecord(path: path, line: at.line, seq: record.seq, reason: problem)) }
            })
        } catch let problem as LogError {
            found.firstProblem = problem
        }
        found.counts = counts
        found.outOfOrder = outOfOrder
        found.outOfOrderCount = outOfOrderCount
        found.notices = store.notices
        found.placeholders = state.lostInRepair.sorted()
        return found
    }

    /// The report, line by line, ending with the verdict or what to do.
    public var report: [String] {
        var lines = ["\(path): format \(header.format), \(header.mode.rawValue) log, \(records) records read"]
        for kind in EventKind.allCases {
            guard let n = counts[kind] else { continue }
            lines.append("  " + kind.rawValue + String(repeating: " ", count: max(1, 23 - kind.rawValue.count)) + String(n))
        }
        lines += notices.map { "problem: \($0)" }
        lines += outOfOrder.map { "out of time order: \($0)" }
        if outOfOrderCount > outOfOrder.count { lines.append("out of time order: \(outOfOrderCount - outOfOrder.count) more records") }
        if firstProblem == nil, outOfOrderCount > 0 {
            lines.append("time only moves forward in a log: these records were written with a clock that went back, or by hand")
        }
        if !placeholders.isEmpty {
            lines.append("the log holds \(placeholders.count) placeholder\(placeholders.count == 1 ? "" : "s") for set-up records lost in repair:")
            lines += placeholders.map { "  \($0)" }
        }
        if let firstProblem {
            lines.append("first problem: \(firstProblem)")
            lines.append("run `towerwatch log repair \(path)` to move bad records to a quarantine file")
        } else if notices.isEmpty && outOfOrderCount == 0 {
            lines.append("sound")
        }
        return lines
    }
}
