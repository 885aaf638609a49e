#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore

/// Starts a drill from a moment of a live log: a new log, marked as a drill,
/// holding the live log's history up to that moment and nothing after it.
///
/// The history is copied byte for byte: the records keep their sequence
/// numbers, times, actors and checksums, and stay unmarked (they are what
/// happened, not part of the drill). Everything appended to the new log after
/// that is a drill record, since its header says `mode=drill`; a trainee takes
/// over on a console from the moment of the fork.
///
/// The live log is opened read-only: it is never locked, never written, and
/// may be a file the trainer cannot write (mode 0400).
///
/// Forking is two steps so a caller can check more (a scenario's steps against
/// the district as it was) before a byte is written: `prepare` reads and checks
/// the history, `write` makes the new log.
public enum DrillFork {
    /// Header keys a fork adds to the drill log's header.
    public static let forkedFromKey = "forked-from"
    public static let forkedAtKey = "forked-at"
    /// The sequence number of the last record copied from the live log.
    public static let forkedSeqKey = "forked-seq"

    /// The history a fork will copy, read and checked, and the district it makes.
    public struct Plan {
        /// The live log as named in the drill's header (an absolute path when it can be resolved).
        public let source: String
        /// The moment of the fork: every record at or before it is copied.
        public let at: Timestamp
        /// The district as it was at `at`: the fold of the copied records.
        public let state: DistrictState
        /// How many records are copied (the sequence numbers 1...records).
        public let records: UInt64
        /// The time of the last record copied.
        public let lastTime: Timestamp?
        /// Whether the live log has records after the fork (left out).
        public let goesOn: Bool
        /// Things worth telling the user (a torn tail in the live log, ignored).
        public let notices: [LogNotice]
        /// Where the copied lines come from.
        let copy: Copy

        enum Copy {
            /// The open live log file and where the copied bytes start and end in it.
            /// Holding the descriptor means a repair that renames the file cannot
            /// change what is copied.
            case bytes(LogFile, from: Int, to: Int)
            /// A store that hands its lines over as stored (a database): records 1...last.
            case lines(any StoredLines, through: UInt64)
        }

        /// The drill log's header for a fork made at `created` (wall time).
        public func header(created: Timestamp) -> LogHeader {
            LogHeader(mode: .drill, created: created, extra: [
                DrillFork.forkedFromKey: source,
                DrillFork.forkedAtKey: at.iso8601,
                DrillFork.forkedSeqKey: String(records),
            ])
        }
    }

    /// Reads the live log at `path` read-only up to `time` (inclusive), checking
    /// every record (checksum, sequence, that it is a possible event).
    ///
    /// Records are in time order (a writer never goes back in time), so the
    /// history is the longest run of records from the first whose times are at or
    /// before `time`; the first record after `time` ends it.
    public static func prepare(from path: String, at time: Timestamp) throws -> Plan {
        try prepare(from: FileEventStore(path: path, writable: false), at: time)
    }

    /// Reads `store` (a file, or a database district whose lines it hands over as
    /// stored) up to `time`, as `prepare(from:at:)` reads a file. The drill log
    /// `write` makes from it is a file either way.
    public static func prepare(from store: EventStore, at time: Timestamp) throws -> Plan {
        let path = store.name
        let copy: (LogPosition) throws -> Plan.Copy
        if let file = store as? FileEventStore {
            copy = { .bytes(file.file, from: file.start.offset, to: $0.offset) }
        } else if let lines = store as? any StoredLines {
            copy = { .lines(lines, through: $0.seq) }
        } else {
            throw LogError.refused(path: path, reason: "this store cannot hand over its records as stored, so it cannot be forked")
        }
        var state = DistrictState()
        var kept = store.start
        // The first record after the fork ends the history; the rest need not be read.
        let goesOn = try store.fold(&state, at: &kept, through: .time(time))
        guard kept.seq > 0 else {
            throw LogError.refused(path: path, reason: "nothing to fork: the log has no record at or before \(time.iso8601)")
        }
        return Plan(source: store is FileEventStore ? absolutePath(path) : path, at: time, state: state, records: kept.seq,
                    lastTime: state.lastTime, goesOn: goesOn, notices: store.notices, copy: try copy(kept))
    }

    /// Writes the drill log at `out` (mode 0600; never over an existing file):
    /// the drill header, then the planned history byte for byte.
    ///
    /// The log is built beside `out` under a temporary name, synced, then linked
    /// into place, so `out` never names a half-copied fork.
    public static func write(_ plan: Plan, to out: String, created: Timestamp) throws {
        if access(out, F_OK) == 0 { throw LogFileError(path: out, operation: .create, code: EEXIST) }
        let temporary = out + ".forking-\(getpid())"
        _ = unlink(temporary)
        try LogFile.create(path: temporary, permissions: .ownerOnly, header: plan.header(created: created).line)
        do {
            let copy = try LogFile.openForAppending(path: temporary)
            switch plan.copy {
            case let .bytes(file, from, to):
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                var offset = from
                while offset < to {
                    let want = min(buffer.count, to - offset)
                    let n = try buffer.withUnsafeMutableBytes { try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<want])) }
                    guard n == want else {
                        throw LogError.refused(path: plan.source, reason: "the live log became shorter while it was being copied")
                    }
                    try buffer.withUnsafeBytes { try copy.append(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
                    offset += n
                }
            case let .lines(store, last):
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 20)
                var copied: UInt64 = 0
                try store.forEachLine(after: 0, through: last) { line in
                    buffer.append(contentsOf: line)
                    buffer.append(10)
                    copied += 1
                    if buffer.count >= 1 << 20 { try buffer.withUnsafeBytes { try copy.append($0) }; buffer.removeAll(keepingCapacity: true) }
                }
                try buffer.withUnsafeBytes { try copy.append($0) }
                guard copied == last else {
                    throw LogError.refused(path: plan.source, reason: "the log handed over \(copied) of its first \(last) records")
                }
            }
            try copy.sync()
            guard link(temporary, out) == 0 else { throw LogFileError(path: out, operation: .create, code: errno) }
            _ = unlink(temporary)
            try LogFile.syncDirectory(of: out)
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }

    /// Forks in one go: `prepare` then `write`.
    @discardableResult
    public static func fork(from path: String, at time: Timestamp, to out: String, created: Timestamp) throws -> Plan {
        let plan = try prepare(from: path, at: time)
        try write(plan, to: out, created: created)
        return plan
    }

    static func absolutePath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A store that hands over its records' lines exactly as it holds them (checksums
/// included), so a copy of them is byte for byte the log (a database district).
public protocol StoredLines: EventStore {
    /// Streams the lines of records `after + 1 ... through` (to the end when nil),
    /// in order, each without its newline.
    func forEachLine(after seq: UInt64, through last: UInt64?, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws
}

// MARK: - Reading a drill's header

extension LogHeader {
    /// The live log a drill was forked from, if this log is such a fork.
    public var forkedFrom: String? { mode == .drill ? extra[DrillFork.forkedFromKey] : nil }

    /// The moment a drill was forked at, if this log is such a fork.
    public var forkedAt: Timestamp? {
        guard mode == .drill, let text = extra[DrillFork.forkedAtKey] else { return nil }
        return Timestamp.parse(text)
    }
}
