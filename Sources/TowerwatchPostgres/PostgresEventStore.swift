#if Postgres
#if canImport(Glibc)
import Glibc
#endif
import TowerwatchCore
import TowerwatchLog

/// A district's log kept in PostgreSQL, behind the same protocol as the file.
///
/// Records are stored as the file format's exact lines and read back by
/// streaming `COPY … TO STDOUT` into the same line reader the file store uses,
/// so a record has one encoding, one checksum and one set of checks whatever
/// holds it. The database enforces the sequence (see `PostgresSchema`): an
/// append that does not continue the district's log is a conflict, which
/// `DistrictLog` never meets because writers first take the district's
/// advisory lock, catch up, and decide — exactly as under the file lock, but
/// across hosts.
///
/// Positions count records: `offset` is the sequence number of the last record
/// read, `line` one more (the header is line 1 in the file too).
public final class PostgresEventStore: EventStore, StoredLines, @unchecked Sendable {
    public let location: PostgresLocation
    public let header: LogHeader
    /// The header line as stored (without its newline): the file's first line on export.
    public let headerLine: [UInt8]
    public let isWritable: Bool
    public let durability: Durability
    public let start = LogPosition(seq: 0, offset: 0, line: 1)
    public private(set) var notices: [LogNotice] = []
    public var name: String { location.description }

    let connection: PostgresConnection
    private var follower: PostgresFollower?
    private var backoff = ReconnectBackoff()
    private var unsynced = 0

    // MARK: - Creating and opening

    /// Creates the schema if the database has none, and a new district with `header`.
    /// Fails if the district exists.
    public static func create(_ location: PostgresLocation, header: LogHeader) throws {
        let connection = try PostgresConnection(location)
        try connection.executeScript(PostgresSchema.script, doing: "installing towerwatch's tables in \(location)")
        try insertDistrict(location, headerLine: Array(header.line.dropLast()), on: connection)
    }

    /// Whether the database holds the district (false when it holds no towerwatch tables).
    public static func districtExists(_ location: PostgresLocation) throws -> Bool {
        let connection = try PostgresConnection(location)
        do {
            return try !connection.execute("SELECT 1 FROM towerwatch_districts WHERE district = $1", [location.district],
                                           doing: "looking up district \(location.district)").isEmpty
        } catch let e as PostgresError where e.state == PostgresState.undefinedTable {
            return false
        }
    }

    /// Adds the district's row with its header line as the file would hold it.
    static func insertDistrict(_ location: PostgresLocation, headerLine: [UInt8], on connection: PostgresConnection) throws {
        do {
            try connection.execute("INSERT INTO towerwatch_districts (district, header) VALUES ($1, $2)",
                                   [location.district, String(decoding: headerLine, as: UTF8.self)],
                                   doing: "creating district \(location.district)")
        } catch let e as PostgresError where e.state == PostgresState.uniqueViolation {
            throw LogError.refused(path: location.description, reason: "district \(location.district) already exists")
        }
    }

    /// Opens an existing district. `durability: .group` lets PostgreSQL confirm
    /// commits before they reach the disk (`synchronous_commit = off`): a crash of
    /// the server may lose the last fraction of a second, never a record out of order.
    public init(_ location: PostgresLocation, writable: Bool, durability: Durability = .everyAppend) throws {
        self.location = location
        self.isWritable = writable
        self.durability = durability
        connection = try PostgresConnection(location)
        let rows: [[String?]]
        do {
            rows = try connection.execute("SELECT header FROM towerwatch_districts WHERE district = $1", [location.district],
                                          doing: "opening district \(location.district)")
        } catch let e as PostgresError where e.state == PostgresState.undefinedTable {
            throw LogError.badHeader(path: location.description, reason: "this database holds no towerwatch log (create one with: towerwatch init --log URL)")
        }
        guard let line = rows.first?.first ?? nil else {
            throw LogError.badHeader(path: location.description, reason: "no district \(location.district) in this database (create it with: towerwatch init --log URL)")
        }
        headerLine = Array(line.utf8)
        do { header = try LogHeader.parse(headerLine) } catch { throw LogError.badHeader(path: location.description, reason: error.reason) }
        if case .group = durability {
            try connection.execute("SET synchronous_commit = off", doing: "choosing group commit")
        }
        // Staff roles may not insert: they append through the function that checks
        // who they are (PostgresIdentity). The tables' owner inserts directly.
        if writable {
            let direct = try connection.execute("SELECT has_table_privilege('towerwatch_records', 'INSERT')", doing: "checking what this role may do")
            appendsThroughRoster = direct.first?.first ?? nil != "t"
        }
    }

    /// Whether appends go through `towerwatch_append` (a role on the roster).
    private var appendsThroughRoster = false

    // MARK: - Reading

    public func read(after position: LogPosition, _ body: (EventRecord, LogPosition) throws -> Void) throws -> LogPosition {
        var p = position
        // A replay from the start reads many records: remembering ids pays off.
        var reader = RecordLineReader(name: name, mode: header.mode, manyRecords: position.seq == 0)
        func each(_ line: UnsafeBufferPointer<UInt8>) throws {
            let record = try reader.record(line, after: p)
            p = LogPosition(seq: record.seq, offset: Int(record.seq), line: p.line + 1)
            try body(record, p)
        }
        do {
            // Taking the write lock read what followed this position already (see
            // `withWriteLock`): the rest, if there may be more, comes by COPY.
            if let prefetch = catchUp, prefetch.after == position.seq {
                catchUp = nil
                for line in prefetch.lines { try line.withUnsafeBufferPointer(each) }
                if prefetch.lines.count < PostgresEventStore.catchUpRows { readUpTo = p.seq; return p }
            }
            catchUp = nil
            try reconnectIfLost()
            try connection.copyOut(recordsQuery(after: p.seq), doing: "reading \(location.district)", each)
        } catch let e as PostgresError {
            if e.isConnectionLost { backoff.failed() }
            throw e
        }
        readUpTo = p.seq
        return p
    }

    /// The sequence number this handle last read or wrote up to.
    private var readUpTo: UInt64 = 0
    /// The lines read with the write lock, after `after` (see `withWriteLock`).
    private var catchUp: (after: UInt64, lines: [[UInt8]])?
    /// The most lines the write lock's read brings; a writer further behind reads the rest by COPY.
    static let catchUpRows = 20_000

    public func record(after position: LogPosition) throws -> (record: EventRecord, position: LogPosition)? {
        try reconnectIfLost()
        var reader = RecordLineReader(name: name, mode: header.mode, manyRecords: false)
        var found: (record: EventRecord, position: LogPosition)?
        try connection.copyOut(recordsQuery(after: position.seq, limit: 1), doing: "reading \(location.district)") { line in
            let record = try reader.record(line, after: position)
            found = (record, LogPosition(seq: record.seq, offset: Int(record.seq), line: position.line + 1))
        }
        return found
    }

    /// The lines after `seq` (through `last`, if given), in order (at most `limit` of them).
    func recordsQuery(after seq: UInt64, through last: UInt64? = nil, limit: Int? = nil) -> String {
        "SELECT line FROM towerwatch_records WHERE district = \(connection.literal(location.district)) AND seq > \(seq)"
            + (last.map { " AND seq <= \($0)" } ?? "") + " ORDER BY seq" + (limit.map { " LIMIT \($0)" } ?? "")
    }

    /// Streams the lines after `seq` (through `last`, if given) as stored, each
    /// without its newline (for export and drill forks).
    public func forEachLine(after seq: UInt64 = 0, through last: UInt64? = nil, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try connection.copyOut(recordsQuery(after: seq, through: last), doing: "reading \(location.district)", body)
    }

    /// The district's last sequence number as the database holds it.
    public func lastSequence() throws -> UInt64 {
        let rows = try connection.execute("SELECT last_seq FROM towerwatch_districts WHERE district = $1", [location.district],
                                          doing: "reading the end of \(location.district)")
        return UInt64(rows.first?.first??.description ?? "0") ?? 0
    }

    // MARK: - Writing

    /// Holds the district's advisory lock (per session: released by the server if
    /// this process dies or its connection drops).
    public func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        guard isWritable else { throw LogError.readOnly(path: name) }
        try reconnectIfLost()
        // One round trip takes the lock and reads what other writers appended since
        // this handle last read: the writer's catch-up, which `read` then serves.
        // The read is a statement of its own after the lock is granted, so it sees
        // every record committed before.
        let key = connection.literal("towerwatch:" + location.district)
        // Released without waiting for the answer: a round trip fewer per write.
        // Should the release be lost with the connection, the server ends the
        // session, and with it the lock. (Releasing a lock not held only warns.)
        defer { connection.send("SELECT pg_advisory_unlock(hashtextextended($1, 0))", ["towerwatch:" + location.district]) }
        var lines: [[UInt8]] = []
        _ = try connection.lastRows("SELECT pg_advisory_lock(hashtextextended(\(key), 0)); "
                                    + recordsQuery(after: readUpTo, limit: PostgresEventStore.catchUpRows),
                                    doing: "taking the write lock of \(location.district)") { lines.append(Array($0)) }
        catchUp = (readUpTo, lines)
        defer { catchUp = nil }
        return try body()
    }

    public func append(_ records: [EventRecord], at position: LogPosition) throws -> LogPosition {
        guard isWritable else { throw LogError.readOnly(path: name) }
        guard !records.isEmpty else { return position }
        try validateForAppend(records, at: position)
        var lines: [UInt8] = []
        lines.reserveCapacity(records.count * 120)
        for r in records { RecordCodec.encode(r, into: &lines) }
        lines.removeLast()  // newlines separate the lines; the last one ends nothing
        do {
            // One statement: all the records or none, checked by the trigger.
            let statement = appendsThroughRoster ? "SELECT towerwatch_append($1, $2::bigint, $3)" : """
                INSERT INTO towerwatch_records (district, seq, line)
                SELECT $1, $2::bigint + n - 1, line FROM unnest(string_to_array($3, E'\\n')) WITH ORDINALITY AS t(line, n)
                """
            try connection.execute(statement, [location.district, String(records[0].seq), String(decoding: lines, as: UTF8.self)],
                                   doing: "appending to \(location.district)")
        } catch let e as PostgresError {
            switch e.state {
            case PostgresState.conflict: throw LogError.conflict(expected: position.seq, actual: e.detail.flatMap { UInt64($0) })
            case PostgresState.uniqueViolation: throw LogError.conflict(expected: position.seq, actual: nil)
            case PostgresState.notYours: throw LogError.refused(path: name, reason: "the database refused it: \(e.message)")
            default:
                if e.isConnectionLost { backoff.failed() }
                throw e
            }
        }
        unsynced += records.count
        readUpTo = records.last!.seq
        return LogPosition(seq: records.last!.seq, offset: Int(records.last!.seq), line: position.line + records.count)
    }

    /// With group commit, waits until every commit so far is on the server's disk:
    /// a durable commit that writes a transaction id flushes the WAL up to it.
    public func flush() throws {
        guard isWritable, unsynced > 0, case .group = durability else { return }
        try connection.executeScript("BEGIN; SET LOCAL synchronous_commit = on; SELECT txid_current(); COMMIT;",
                                     doing: "flushing \(location.district)")
        unsynced = 0
    }

    // MARK: - Following

    /// The listening connection's descriptor; nil while it is lost (then each call
    /// tries again once its backoff has passed, and a successful reconnect wakes
    /// the caller so it catches up).
    public var changeDescriptor: Int32? {
        if follower == nil { follower = PostgresFollower(location) }
        return follower?.descriptor
    }

    public func drainChanges() { follower?.drain() }

    var followerPid: Int32? { follower?.backendPid }

    /// Why this store is not following changes now (a lost connection and when it
    /// will be tried again), or nil when it is.
    public var followingProblem: String? { follower?.problem }

    /// Blocks until a change is announced or `timeoutMillis` pass; true when one was.
    public func waitForChange(timeoutMillis: Int32) -> Bool {
        guard let fd = changeDescriptor else { return false }
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&p, 1, timeoutMillis) > 0
        drainChanges()
        return ready
    }

    /// Brings the statement connection back after it was lost, at most once per backoff step.
    private func reconnectIfLost() throws {
        guard connection.isBroken else { return }
        guard backoff.mayTry() else {
            throw PostgresError(state: "", message: "the connection is lost; trying again in \(backoff.secondsLeft()) s", doing: "reaching \(location)")
        }
        guard connection.reset() else {
            backoff.failed()
            throw PostgresError(state: "", message: connection.lastMessage, doing: "reconnecting to \(location)")
        }
        backoff.succeeded()
        if case .group = durability { try connection.execute("SET synchronous_commit = off", doing: "choosing group commit") }
    }
}
#endif
