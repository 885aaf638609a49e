#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore

/// The default store: one append-only text file shared by many processes.
///
/// Writers take an advisory lock, catch up, and write each batch of records
/// with one `write`; readers take no lock and never write a byte.
public final class FileEventStore: EventStore {
    public let path: String
    public let header: LogHeader
    public let isWritable: Bool
    public let start: LogPosition
    public private(set) var notices: [LogNotice] = []
    public var durability: Durability

    let file: LogFile
    private var follower: LogFollower?
    private var unsynced = 0
    /// When the last sync was, on the monotonic clock (group commit's interval).
    private var lastSync = ContinuousClock.now

    public var name: String { path }

    /// Where a new log's permissions come from: never readable by others.
    public enum Sharing: Sendable { case ownerOnly, group }

    /// Creates a new log with its header. Fails if the file exists.
    public static func create(path: String, header: LogHeader, sharing: Sharing = .ownerOnly) throws {
        try LogFile.create(path: path, permissions: sharing == .group ? .groupReadable : .ownerOnly, header: header.line)
    }

    /// Opens an existing log. A read-only open never locks and never writes.
    public init(path: String, writable: Bool, durability: Durability = .everyAppend) throws {
        self.path = path
        self.isWritable = writable
        self.durability = durability
        let file = writable ? try LogFile.openForAppending(path: path) : try LogFile.openForReading(path: path)
        self.file = file
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = try buffer.withUnsafeMutableBytes { try file.read(at: 0, into: $0) }
        guard n > 0 else { throw LogError.badHeader(path: path, reason: "the file is empty: not a towerwatch log (or still being created)") }
        guard let nl = buffer[..<n].firstIndex(of: 10) else {
            throw LogError.badHeader(path: path, reason: "the header line is incomplete or longer than 4096 bytes")
        }
        do { header = try LogHeader.parse(Array(buffer[..<nl])) } catch { throw LogError.badHeader(path: path, reason: error.reason) }
        start = LogPosition(seq: 0, offset: nl + 1, line: 1)
    }

    deinit { try? flush() }

    // MARK: - Reading

    /// Reads of at least this many bytes decode on a second thread while the
    /// caller folds (see `DecodePipeline`); smaller ones, like a follower's
    /// catch-up, are read on the caller's thread alone.
    public var pipelineMinimumBytes = 2 << 20
    /// Records per hand-over from the decoding thread (small in tests, to cross many).
    var pipelineBatchSize = 2048
    /// Reads that started a decoding thread (for tests of the one-record path).
    private(set) var pipelinedReads = 0

    public func read(after position: LogPosition, _ body: (EventRecord, LogPosition) throws -> Void) throws -> LogPosition {
        // Following and appending read a few new records at a time: size the buffer to
        // what is there (a 4 MiB buffer per catch-up costs more than the records).
        let pending = max(0, try file.size() - position.offset)
        let chunk = min(4 << 20, max(16 << 10, pending + 1))
        let read: ReadEnd
        #if canImport(Glibc)
        if pending >= pipelineMinimumBytes {
            pipelinedReads += 1
            read = try readPipelined(after: position, chunkSize: chunk, body)
        } else {
            read = try readSerially(after: position, chunkSize: chunk, body)
        }
        #else
        read = try readSerially(after: position, chunkSize: chunk, body)
        #endif
        guard let torn = read.torn else { return read.delivered }
        if isWritable && !file.isWriteLockedByCurrentThread {
            // Only under the lock can a writer tell a crashed append from one under
            // way: take it and read the rest again, which cuts what is really torn.
            return try file.withWriteLock { try self.read(after: read.delivered, body) }
        }
        try noteTorn(torn)
        return read.delivered
    }

    /// How far a read got: the position after the last command applied whole, and
    /// what follows it that is not yet (or never will be) a whole command.
    private struct ReadEnd {
        var delivered: LogPosition
        var torn: TornEnd?
    }

    /// The end of the file after the last whole command: the complete records of a
    /// command missing its last parts, and a final line without its newline.
    struct TornEnd {
        /// Where the cut would start: the first held part, or the partial line.
        var offset: Int
        /// The line number of the first line cut.
        var line: Int
        /// The held parts, in words ("record 41 (part 1 of 2 of one command)"), if any.
        var parts: String?
        /// Bytes of the final line without a newline (0: none).
        var partialLineBytes: Int
        /// The file's size when this was seen.
        var fileEnd: Int

        var description: String {
            var what: [String] = []
            if let parts { what.append(parts) }
            if partialLineBytes > 0 { what.append("a partial line of \(partialLineBytes) bytes") }
            return what.joined(separator: " and ")
        }
    }

    private func tornEnd(_ scan: LogFile.ChunkScan, units: CommandAssembly, readTo: LogPosition) -> TornEnd? {
        guard scan.tail != nil || !units.isEmpty else { return nil }
        let tailBytes = scan.tail?.bytes.count ?? 0
        let from = units.isEmpty ? readTo : units.start
        return TornEnd(offset: from.offset, line: from.line + 1, parts: units.heldDescription,
                       partialLineBytes: tailBytes, fileEnd: scan.endOfLines + tailBytes)
    }

    /// One record needs one small read: a line longer than this grows the buffer.
    static let oneRecordReadSize = 4096

    public func record(after position: LogPosition) throws -> (record: EventRecord, position: LogPosition)? {
        var found: (record: EventRecord, position: LogPosition)?
        do {
            _ = try readSerially(after: position, chunkSize: Self.oneRecordReadSize) { record, next in
                found = (record, next)
                throw OneRecordRead()
            }
        } catch is OneRecordRead {}
        return found
    }

    /// Ends a one-record read after its record.
    private struct OneRecordRead: Error {}

    /// Decodes, checks and folds each record in turn on the caller's thread.
    private func readSerially(after position: LogPosition, chunkSize chunk: Int,
                              _ body: (EventRecord, LogPosition) throws -> Void) throws -> ReadEnd {
        var p = position
        var delivered = position
        var units = CommandAssembly()
        // Remembering ids pays off over many records, not over a follower's few.
        var reader = RecordLineReader(name: path, mode: header.mode, manyRecords: chunk >= 256 << 10)
        let scan = try file.forEachLine(from: position.offset, chunkSize: chunk) { line, end in
            let record = try reader.record(line, after: p)
            let next = LogPosition(seq: record.seq, offset: end, line: p.line + 1)
            try units.pass(record, at: next, read: &p, applied: &delivered, name: path, body)
        }
        return ReadEnd(delivered: delivered, torn: tornEnd(scan, units: units, readTo: p))
    }

    #if canImport(Glibc)
    /// The same reading with decoding on a second thread: records arrive decoded,
    /// in order, and are checked and folded here exactly as `readSerially` does.
    private func readPipelined(after position: LogPosition, chunkSize chunk: Int,
                               _ body: (EventRecord, LogPosition) throws -> Void) throws -> ReadEnd {
        var p = position
        var delivered = position
        var units = CommandAssembly()
        let checks = RecordChecks(name: path, mode: header.mode)
        // No second thread to be had (a process at its thread limit): read on this one.
        guard let pipeline = try? DecodePipeline(file: file, from: position.offset, chunkSize: chunk, batchSize: pipelineBatchSize) else {
            return try readSerially(after: position, chunkSize: chunk, body)
        }
        defer { pipeline.stop() }
        while true {
            let batch = pipeline.next()
            if let records = batch.records {
                let slots = records.slots
                let count = records.count
                var i = 0
                // Whatever happens, the records not moved out stay the buffer's to destroy.
                defer { records.taken(i) }
                while i < count {
                    let record = (slots + i).move()
                    i += 1
                    let lineNo = p.line + 1
                    try checks.check(record, after: p.seq, line: lineNo)
                    let next = LogPosition(seq: record.seq, offset: batch.ends[i - 1], line: lineNo)
                    try units.pass(record, at: next, read: &p, applied: &delivered, name: path, body)
                }
            }
            if let failure = batch.failure {
                throw LogError.badRecord(path: path, line: p.line + 1, seq: failure.seq, reason: failure.reason)
            }
            if let error = batch.error { throw error }
            if let scan = batch.scan { return ReadEnd(delivered: delivered, torn: tornEnd(scan, units: units, readTo: p)) }
        }
    }
    #endif

    /// The offset of the torn end last reported, so that it is reported once.
    private var reportedTornEnd: Int?

    /// A torn end: cut off when this writer holds the lock (only a crashed or
    /// stopped writer leaves one then), otherwise reported once if no writer is
    /// appending now, and left for the next writer to cut. An append under way is
    /// not a torn end and is not reported.
    private func noteTorn(_ torn: TornEnd) throws {
        if isWritable && file.isWriteLockedByCurrentThread {
            // Writers hold the lock for their whole write: an unfinished command seen
            // under the lock can only be an append that stopped mid-way.
            try file.truncate(to: torn.offset)
            notices.append(LogNotice(message: "\(path):\(torn.line): cut off a torn end: \(torn.description) (an append that never completed; none of it was reported written)"))
            reportedTornEnd = nil
            return
        }
        guard reportedTornEnd != torn.offset else { return }
        // A writer holding the lock may be writing these very bytes: say nothing then.
        let stillTorn = try file.whileNoWriterHoldsLock { try file.size() == torn.fileEnd }
        guard stillTorn == true else { return }
        reportedTornEnd = torn.offset
        notices.append(LogNotice(message: "\(path):\(torn.line): the log ends with an unfinished append: \(torn.description); ignored (a writer that stopped mid-way left it; the next writer cuts it off)"))
    }

    // MARK: - Writing

    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        guard isWritable else { throw LogError.readOnly(path: path) }
        return try file.withWriteLock(body)
    }

    /// Whether the path now names another file (the log was repaired or moved).
    public var isReplaced: Bool { (try? file.isDetachedFromPath()) ?? true }

    public func append(_ records: [EventRecord], at position: LogPosition) throws -> LogPosition {
        guard isWritable else { throw LogError.readOnly(path: path) }
        guard !records.isEmpty else { return position }
        try validateForAppend(records, at: position)
        return try file.withWriteLock {
            // A repair replaces the file by rename; appending to the old one would be lost.
            guard try !file.isDetachedFromPath() else {
                throw LogError.refused(path: path, reason: "the log file was replaced (repaired or moved) while open; reopen it")
            }
            guard try file.size() == position.offset else { throw LogError.conflict(expected: position.seq, actual: nil) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(records.count * 120)
            for r in records { RecordCodec.encode(r, into: &bytes) }
            do {
                try file.append(bytes)
            } catch {
                // A short write (a full disk) leaves part of the command: take it back
                // now, under the lock, so the log never holds half of it. If even that
                // fails, the next writer cuts it as a torn end.
                try? file.truncate(to: position.offset)
                throw error
            }
            unsynced += records.count
            try syncPerPolicy()
            return LogPosition(seq: records.last!.seq, offset: position.offset + bytes.count, line: position.line + records.count)
        }
    }

    private func syncPerPolicy() throws {
        switch durability {
        case .everyAppend:
            try file.sync(); unsynced = 0
        case let .group(count, millis):
            let now = ContinuousClock.now
            if unsynced >= count || now - lastSync >= .milliseconds(millis) {
                try file.sync(); unsynced = 0; lastSync = now
            }
        }
    }

    public func flush() throws {
        guard isWritable, unsynced > 0 else { return }
        try file.sync()
        unsynced = 0
        lastSync = .now
    }

    // MARK: - Following

    public var changeDescriptor: Int32? {
        if follower == nil { follower = try? LogFollower(path: path) }
        return follower?.fileDescriptor
    }

    public func drainChanges() { _ = try? follower?.drain() }

    /// Waits up to `timeoutMillis` for the file to change; true when it may have.
    public func waitForChange(timeoutMillis: Int32) -> Bool {
        if follower == nil { follower = try? LogFollower(path: path) }
        return follower?.wait(timeoutMillis: timeoutMillis) ?? false
    }
}

extension RecordCodec {
    /// The sequence number a damaged line claims, if its first field reads as one.
    static func leadingSeq(_ line: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let tab = line.firstIndex(of: 9) else { return nil }
        return parseDecimal(UnsafeBufferPointer(rebasing: line[..<tab]))
    }
}
