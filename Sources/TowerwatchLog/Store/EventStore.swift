import TowerwatchCore

/// Where a reader stands in a log: the last record it read and where the next begins.
public struct LogPosition: Hashable, Sendable, Codable {
    /// Sequence number of the last record read; 0 before the first.
    public var seq: UInt64
    /// Where the next record starts (a byte offset in a file, an index in memory).
    public var offset: Int
    /// Line number of the last line read (the header is line 1).
    public var line: Int
    public init(seq: UInt64, offset: Int, line: Int) { self.seq = seq; self.offset = offset; self.line = line }
}

/// How hard an append works to survive a crash of the machine.
public enum Durability: Sendable, Hashable {
    /// Every append returns only after `fdatasync`: a record reported written survives power loss.
    case everyAppend
    /// Sync after this many records or this many milliseconds, whichever comes first
    /// (and on flush and close). A power loss may lose the records since the last sync;
    /// a crash of the process alone loses nothing that `append` returned.
    case group(records: Int, millis: Int)

    public static let groupDefault = Durability.group(records: 512, millis: 50)
}

/// An append-only log of district events: the only memory of the district.
///
/// The file store is the default; an in-memory store serves tests. Writers
/// serialize through `withWriteLock`, catch up with `read(after:)`, decide, and
/// `append` records that must continue the sequence exactly where they read up to.
public protocol EventStore: AnyObject {
    /// A name for messages: the file's path, or "memory".
    var name: String { get }
    var header: LogHeader { get }
    var isWritable: Bool { get }
    /// The position before the first record.
    var start: LogPosition { get }
    /// Things worth telling the user that did not stop an open or a read (a torn tail cut off).
    var notices: [LogNotice] { get }

    /// Reads every complete record after `position`, in order, checking each one
    /// (checksum, syntax, contiguous sequence, drill marking). Returns the new end.
    func read(after position: LogPosition, _ body: (EventRecord, LogPosition) throws -> Void) throws -> LogPosition

    /// Reads only the record right after `position`, checked like every record `read`
    /// gives: one small read on this thread, for stepping through a log one record at
    /// a time. Nil when no complete record follows.
    func record(after position: LogPosition) throws -> (record: EventRecord, position: LogPosition)?

    /// Runs `body` holding the store's exclusive write lock (across processes for a file).
    func withWriteLock<T>(_ body: () throws -> T) throws -> T

    /// Appends records continuing the sequence right after `position`, which must be
    /// the current end (throws `LogError.conflict` otherwise). Call under the write lock.
    func append(_ records: [EventRecord], at position: LogPosition) throws -> LogPosition

    /// A descriptor that becomes readable when the log may have grown, for poll(); nil if none.
    var changeDescriptor: Int32? { get }
    /// Consumes pending change notifications.
    func drainChanges()
    /// Makes every appended record durable now.
    func flush() throws
    /// Why the store is not following changes right now (a lost connection, and
    /// when it will be tried again), for a console's status line; nil when it is.
    var followingProblem: String? { get }
}

extension EventStore {
    /// A file or memory store always follows (or never needs to).
    public var followingProblem: String? { nil }
}

extension EventStore {
    /// Checks records about to be appended: contiguous, and drill only in a drill log.
    public func validateForAppend(_ records: [EventRecord], at position: LogPosition) throws {
        var expected = position.seq + 1
        for r in records {
            guard r.seq == expected else {
                throw LogError.refused(path: name, reason: "record \(r.seq) does not continue the sequence (expected \(expected))")
            }
            switch (header.mode, r.drill) {
            case (.live, true): throw LogError.refused(path: name, reason: "a drill record can never be appended to a live log")
            case (.drill, false): throw LogError.refused(path: name, reason: "every record appended to a drill log must be marked as a drill")
            default: break
            }
            expected += 1
        }
    }
}
