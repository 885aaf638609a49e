import TowerwatchCore

/// Holds the records of a command of several parts until its last part is read,
/// so that a reader applies a command whole or not at all.
///
/// A command of one record (nearly all of a log) passes straight through. The
/// parts of a longer command must follow one another, numbered 1...N: a part out
/// of order, or another record where the next part belongs, is a command cut in
/// the middle of the log, and the reader stops there. Parts still held when the
/// file ends are a command cut at the tail: a writer cuts them off (see
/// `FileEventStore`), a reader leaves them unapplied.
struct CommandAssembly {
    /// The parts read so far of the command being assembled, with the position after each.
    private(set) var held: [(record: EventRecord, next: LogPosition)] = []
    /// Where the held command starts: the position after the record before its first part.
    private(set) var start = LogPosition(seq: 0, offset: 0, line: 0)

    var isEmpty: Bool { held.isEmpty }

    /// Takes a record that `CommandAssembly` must see (it is part of a longer command,
    /// or a command is being assembled); returns the parts of a command now complete,
    /// in order, or nothing while it is not.
    ///
    /// - Parameter before: the position after the previous record (where a new command starts).
    /// - Throws: `LogError.badRecord` when the record cannot follow what is held.
    mutating func take(_ r: EventRecord, at next: LogPosition, before: LogPosition, name: String) throws -> [(record: EventRecord, next: LogPosition)] {
        if let last = held.last?.record {
            guard r.part.count == last.part.count, r.part.index == last.part.index + 1 else {
                let what = r.part.count == 1 ? "a record of its own" : "part \(r.part.index) of \(r.part.count)"
                throw LogError.badRecord(path: name, line: next.line, seq: r.seq,
                                         reason: "command cut short: record \(last.seq) is part \(last.part.index) of \(last.part.count) of a command, but the next record is \(what) where part \(last.part.index + 1) belongs")
            }
        } else {
            guard r.part.index == 1 else {
                throw LogError.badRecord(path: name, line: next.line, seq: r.seq,
                                         reason: "part \(r.part.index) of \(r.part.count) of a command whose part 1 is not the record before it")
            }
            start = before
        }
        held.append((r, next))
        guard r.part.isLast else { return [] }
        defer { held.removeAll(keepingCapacity: true) }
        return held
    }

    /// Passes a record read at `next` on to `body` when its command is whole: at
    /// once for a command of one record (the hot path), or with the other parts
    /// once its last part is read. `read` moves to every record read, `applied`
    /// only past whole commands.
    @inline(__always)
    mutating func pass(_ record: EventRecord, at next: LogPosition, read: inout LogPosition, applied: inout LogPosition,
                       name: String, _ body: (EventRecord, LogPosition) throws -> Void) throws {
        if record.part.count == 1 && held.isEmpty {
            read = next
            applied = next
            try body(record, next)
            return
        }
        let whole = try take(record, at: next, before: read, name: name)
        read = next
        for part in whole { applied = part.next; try body(part.record, part.next) }
    }

    /// What a command cut at the tail holds, in words: "records 41...42 (parts 1-2 of 3 of one command)".
    var heldDescription: String? {
        guard let first = held.first?.record, let last = held.last?.record else { return nil }
        let records = first.seq == last.seq ? "record \(first.seq)" : "records \(first.seq)...\(last.seq)"
        let parts = held.count == 1 ? "part 1" : "parts 1-\(held.count)"
        return "\(records) (\(parts) of \(first.part.count) of one command)"
    }
}
