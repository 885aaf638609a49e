import Foundation
import TowerwatchCore
import TowerwatchLog

/// An event store held in memory: the test double beside the file store.
///
/// It applies the same checks as the file store (contiguous sequence, drill
/// marking, append only at the end) so that tests of the runtime exercise the
/// same rules without touching a disk.
public final class InMemoryEventStore: EventStore {
    public let header: LogHeader
    public private(set) var records: [EventRecord]
    public var notices: [LogNotice] { [] }
    public let isWritable: Bool
    public var name: String { "memory" }
    public var start: LogPosition { LogPosition(seq: 0, offset: 0, line: 1) }
    private let lock = NSRecursiveLock()

    public init(header: LogHeader = LogHeader(), records: [EventRecord] = [], writable: Bool = true) {
        self.header = header
        self.records = records
        self.isWritable = writable
    }

    public func read(after position: LogPosition, _ body: (EventRecord, LogPosition) throws -> Void) throws -> LogPosition {
        lock.lock(); let snapshot = records; lock.unlock()
        return try read(after: position, snapshot[min(position.offset, snapshot.count)...], body)
    }

    /// Checks and hands out `records`, which follow `position`.
    private func read(after position: LogPosition, _ snapshot: some Collection<EventRecord>,
                      _ body: (EventRecord, LogPosition) throws -> Void) throws -> LogPosition {
        var p = position
        for r in snapshot {
            let line = p.line + 1
            guard r.seq == p.seq + 1 else {
                throw LogError.badRecord(path: name, line: line, seq: r.seq, reason: "sequence gap: \(r.seq) follows \(p.seq)")
            }
            if r.drill && header.mode == .live {
                throw LogError.badRecord(path: name, line: line, seq: r.seq, reason: "a drill record in a live log")
            }
            p = LogPosition(seq: r.seq, offset: p.offset + 1, line: line)
            try body(r, p)
        }
        return p
    }

    public func record(after position: LogPosition) throws -> (record: EventRecord, position: LogPosition)? {
        var found: (record: EventRecord, position: LogPosition)?
        lock.lock(); let next = position.offset < records.count ? records[position.offset] : nil; lock.unlock()
        guard let next else { return nil }
        // The same checks as a read, on that one record.
        _ = try read(after: position, [next]) { record, at in found = (record, at) }
        return found
    }

    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        guard isWritable else { throw LogError.readOnly(path: name) }
        lock.lock(); defer { lock.unlock() }
        return try body()
    }

    public func append(_ new: [EventRecord], at position: LogPosition) throws -> LogPosition {
        try withWriteLock {
            guard position.offset == records.count else { throw LogError.conflict(expected: position.seq, actual: records.last?.seq) }
            guard !new.isEmpty else { return position }
            try validateForAppend(new, at: position)
            records.append(contentsOf: new)
            return LogPosition(seq: new.last!.seq, offset: records.count, line: position.line + new.count)
        }
    }

    public var changeDescriptor: Int32? { nil }
    public func drainChanges() {}
    public func flush() throws {}
}
