import TowerwatchCore

/// Where a fold over a log stops.
public enum FoldLimit: Sendable, Hashable {
    /// Every record the log holds.
    case logEnd
    /// Every record at or before this time; the first later record ends the fold unfolded.
    case time(Timestamp)
    /// Every record up to and including this sequence number.
    case seq(UInt64)
}

// MARK: - The one fold

extension EventStore {
    /// Folds the records after `position` into `state`: the one fold of a log,
    /// under opening, following, verifying, snapshotting, replaying, forking a
    /// drill and writing history.
    ///
    /// Every record is checked by the store as it is read (checksum, syntax,
    /// sequence, drill marking) and then must fold: one that cannot have happened
    /// after the records before it stops the fold with `LogError.impossibleEvent`,
    /// naming the file, line and sequence. `position` moves past each record as it
    /// is folded, so after an error `state` and `position` still agree (but for the
    /// last sequence and time `apply` noted before it refused), and a later call
    /// does not fold the good records twice.
    ///
    /// `before` (last, so that a trailing closure is `each`) sees every record
    /// before it is folded, with the state it meets (verify checks time order
    /// there); `each` sees every record after it is
    /// folded, with its position and the state it left (borrowed: `state` itself
    /// is being folded into). Keep both light; they run millions of times in a replay.
    ///
    /// The state is handed to them `inout` so that it is lent, never copied (a
    /// borrowed capture of it was copied, all its dictionaries retained and released,
    /// once per record per closure): read it, never change it.
    ///
    /// Returns true when `limit` ended the fold before the log's end (for `.time`:
    /// a later record exists and was left unfolded).
    @discardableResult
    public func fold(_ state: inout DistrictState, at position: inout LogPosition, through limit: FoldLimit = .logEnd,
                     _ each: (EventRecord, LogPosition, inout DistrictState) throws -> Void = { _, _, _ in },
                     before: (EventRecord, LogPosition, inout DistrictState) throws -> Void = { _, _, _ in }) throws -> Bool {
        // Plain comparisons per record, whatever the limit.
        var lastTime = Timestamp(millis: .max), lastSeq = UInt64.max
        switch limit {
        case .logEnd: break
        case .time(let t): lastTime = t
        case .seq(let s):
            guard position.seq < s else { return true }
            lastSeq = s
        }
        let name = self.name
        do {
            _ = try read(after: position) { record, next in
                if record.time > lastTime { throw FoldLimitReached() }
                try before(record, next, &state)
                try state.fold(record, from: name, line: next.line)
                position = next
                try each(record, next, &state)
                if record.seq >= lastSeq { throw FoldLimitReached() }
            }
        } catch is FoldLimitReached {
            return true
        }
        return false
    }
}

/// Thrown inside a fold's read to end it at its limit.
private struct FoldLimitReached: Error {}

extension DistrictState {
    /// Folds one record read from a log, or throws the one error for a record that
    /// cannot have happened: `LogError.impossibleEvent`, with where it stands.
    @inline(__always)
    public mutating func fold(_ record: EventRecord, from log: String, line: Int) throws(LogError) {
        if let problem = apply(record) { throw LogError.impossibleEvent(record, problem, path: log, line: line) }
    }
}

extension LogError {
    /// A record that reads well but cannot have happened after the records before
    /// it (a dispatch of an unknown guard, an arrival before acknowledgement).
    public static func impossibleEvent(_ record: EventRecord, _ problem: String, path: String, line: Int) -> LogError {
        .badRecord(path: path, line: line, seq: record.seq, reason: "impossible event \(record.event.typeName): \(problem)")
    }
}
