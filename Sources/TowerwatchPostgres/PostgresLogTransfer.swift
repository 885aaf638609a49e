#if Postgres
#if canImport(Glibc)
import Glibc
#endif
import TowerwatchCore
import TowerwatchLog

/// Moves a district's log between a file and a database, byte for byte: the
/// header line and every record line (checksums included) arrive as they left.
///
/// Every record is read and checked on the way (checksum, syntax, sequence),
/// so a damaged source stops the move with its line number, and nothing of the
/// move is kept: a database import is one transaction, a file export is
/// written beside the target and linked into place only when complete.
public enum PostgresLogTransfer {
    /// What was moved.
    public struct Outcome: Sendable {
        public var records: Int
        /// A torn final line in the source file, left behind (it was never a complete record).
        public var notices: [LogNotice]
    }

    // MARK: - File to database

    /// Copies the log file at `path` into a new district at `location`; `progress`
    /// hears how far into the file the copy has got.
    public static func importFile(_ path: String, into location: PostgresLocation, progress: ReadProgress? = nil) throws -> Outcome {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LogError.refused(path: path, reason: "cannot open it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var lines = FileLines(fd: fd)
        guard let headerLine = try lines.next() else { throw LogError.badHeader(path: path, reason: "the file is empty: not a towerwatch log") }
        let header: LogHeader
        do { header = try LogHeader.parse(headerLine) } catch { throw LogError.badHeader(path: path, reason: error.reason) }

        let connection = try PostgresConnection(location)
        try connection.executeScript(PostgresSchema.script, doing: "installing towerwatch's tables in \(location)")
        try connection.executeScript("BEGIN", doing: "importing \(path)")
        var count = 0
        do {
            try PostgresEventStore.insertDistrict(location, headerLine: headerLine, on: connection)
            var reader = RecordLineReader(name: path, mode: header.mode, manyRecords: true)
            var position = LogPosition(seq: 0, offset: 0, line: 1)
            let district = Array(location.district.utf8)
            var progress = progress
            var offset = headerLine.count + 1
            try connection.copyIn("COPY towerwatch_records (district, seq, line)", doing: "importing \(path) into \(location)") { send in
                var row: [UInt8] = []
                while let line = try lines.next() {
                    let record = try line.withUnsafeBufferPointer { try reader.record($0, after: position) }
                    position = LogPosition(seq: record.seq, offset: 0, line: position.line + 1)
                    row.removeAll(keepingCapacity: true)
                    BinaryCopyStream.appendRow([district, BinaryCopyStream.int8(record.seq), line], to: &row)
                    try send(row)
                    count += 1
                    offset += line.count + 1
                    progress?.passed(offset)
                }
            }
            try connection.executeScript("COMMIT", doing: "importing \(path)")
        } catch {
            _ = try? connection.executeScript("ROLLBACK", doing: "abandoning the import of \(path)")
            throw error
        }
        let notices = lines.tornTail.map { [LogNotice(message: "\(path):\(count + 2): the last record is incomplete (\($0) bytes); not copied")] } ?? []
        return Outcome(records: count, notices: notices)
    }

    // MARK: - Database to file

    /// Writes the district at `location` to a new log file at `path` (mode 0600);
    /// `progress` hears how many records (and bytes) have been written.
    public static func exportDistrict(_ location: PostgresLocation, to path: String, progress: ReadProgress? = nil) throws -> Outcome {
        guard access(path, F_OK) != 0 else { throw LogError.refused(path: path, reason: "the file exists; export writes a new one") }
        let store = try PostgresEventStore(location, writable: false)
        let temporary = path + ".export-\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LogError.refused(path: temporary, reason: "cannot create it: \(String(cString: strerror(errno)))") }
        var written = false
        defer {
            close(fd)
            if !written { unlink(temporary) }
        }
        var out = store.headerLine + [10]
        out.reserveCapacity(1 << 20)
        var reader = RecordLineReader(name: store.name, mode: store.header.mode, manyRecords: true)
        var position = store.start
        var count = 0
        var progress = progress
        var offset = out.count
        try store.forEachLine { line in
            let record = try reader.record(line, after: position)
            position = LogPosition(seq: record.seq, offset: 0, line: position.line + 1)
            out.append(contentsOf: line)
            out.append(10)
            count += 1
            offset += line.count + 1
            progress?.passed(offset)
            if out.count >= 1 << 20 { try writeAll(fd, out, path: temporary); out.removeAll(keepingCapacity: true) }
        }
        try writeAll(fd, out, path: temporary)
        guard fsync(fd) == 0 else { throw LogError.refused(path: temporary, reason: "fsync failed: \(String(cString: strerror(errno)))") }
        // link() refuses to replace a file that appeared meanwhile; rename() would not.
        guard link(temporary, path) == 0 else { throw LogError.refused(path: path, reason: "cannot put the export in place: \(String(cString: strerror(errno)))") }
        unlink(temporary)
        written = true
        return Outcome(records: count, notices: [])
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw LogError.refused(path: path, reason: "write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
    }
}

/// The complete lines of a file, read in large pieces; a last line without its
/// newline is not a line (a torn append) and is only counted.
private struct FileLines {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private(set) var tornTail: Int?

    init(fd: Int32) { self.fd = fd }

    mutating func next() throws -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 10) {
                defer { start = nl + 1 }
                return Array(buffer[start..<nl])
            }
            if ended {
                if start < buffer.count { tornTail = buffer.count - start }
                return nil
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw LogError.refused(path: "", reason: "read failed: \(String(cString: strerror(errno)))") }
            if n == 0 { ended = true; continue }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
#endif
