import TowerwatchCore

/// Decodes and checks a log's record lines one by one, whatever medium they come
/// from: the file store reads them from its file, the PostgreSQL store from a
/// `COPY` stream, and both give the same records and the same errors for the
/// same bytes.
///
/// A line is one record's bytes without its newline. Each is checksummed and
/// decoded (`RecordCodec`), then checked to continue the sequence of the one
/// before and to be marked as the log's mode requires (`RecordChecks`); a line
/// that fails either is reported by the store's name, its line number and the
/// sequence it claims.
public struct RecordLineReader: ~Copyable {
    private var reader: FieldReader
    private let checks: RecordChecks
    public let name: String

    /// A reader for the store `name` in `mode`. `manyRecords` keeps a cache of the
    /// short ids met, which pays off over a replay but not over a follower's few.
    public init(name: String, mode: LogMode, manyRecords: Bool) {
        self.name = name
        reader = FieldReader(idCache: manyRecords ? IDCache.replaySlots : 0)
        checks = RecordChecks(name: name, mode: mode)
    }

    /// The record in `line`, which must follow the record at `previous` (its line
    /// number is `previous.line + 1`). Throws `LogError.badRecord` saying where.
    @inline(__always)
    public mutating func record(_ line: UnsafeBufferPointer<UInt8>, after previous: LogPosition) throws -> EventRecord {
        let lineNo = previous.line + 1
        let record: EventRecord
        do throws(RecordError) { record = try RecordCodec.decode(line, using: &reader) } catch {
            throw LogError.badRecord(path: name, line: lineNo, seq: RecordCodec.leadingSeq(line), reason: error.reason)
        }
        try checks.check(record, after: previous.seq, line: lineNo)
        return record
    }
}
