#if Postgres
import CLibpq
#if canImport(Glibc)
import Glibc
#endif

/// One connection to the server (libpq's `PGconn`), used by one thread at a time.
///
/// libpq is synchronous, like the rest of the log: a statement returns when the
/// server has answered, and `PQsocket` is a plain descriptor that the consoles'
/// `poll` loop can wait on beside the keyboard.
final class PostgresConnection {
    private(set) var handle: OpaquePointer?
    let location: PostgresLocation

    init(_ location: PostgresLocation) throws {
        self.location = location
        handle = PQconnectdb(location.connection)
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError(state: "", message: lastMessage, doing: "connecting to \(location)")
            PQfinish(handle)
            handle = nil
            throw error
        }
        // Notices (a table that already exists) are not the user's business.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// libpq's message for the connection's last failure, on one line.
    var lastMessage: String {
        guard let text = PQerrorMessage(handle) else { return "unknown error" }
        return String(cString: text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    var isBroken: Bool { handle == nil || PQstatus(handle) != CONNECTION_OK }

    /// Connects again after the connection was lost; true when it is back.
    func reset() -> Bool {
        unanswered = false
        PQreset(handle)
        return !isBroken
    }

    /// The server process serving this connection.
    var backendPid: Int32 { PQbackendPID(handle) }

    /// The descriptor that becomes readable when the server sends something.
    var socket: Int32 { PQsocket(handle) }

    // MARK: - Statements

    /// Runs one statement with text parameters (autocommit: it is its own
    /// transaction) and returns its rows as text.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = [], doing: @autoclosure () -> String) throws -> [[String?]] {
        settle()
        let result = withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, doing: doing())
        var rows: [[String?]] = []
        let columns = PQnfields(result)
        for r in 0..<PQntuples(result) {
            rows.append((0..<columns).map { c in
                PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
            })
        }
        return rows
    }

    /// Runs one statement whose last parameter is `bytes`, sent as they are (a
    /// `bytea`, binary: no escaping, no doubling), after the text `parameters`.
    func execute(_ sql: String, _ parameters: [String?], bytes: [UInt8], doing: @autoclosure () -> String) throws {
        settle()
        let count = parameters.count + 1
        let lengths = parameters.map { _ in Int32(0) } + [Int32(bytes.count)]
        let formats = parameters.map { _ in Int32(0) } + [Int32(1)]
        let result = withCStrings(parameters) { values in
            bytes.withUnsafeBytes { raw in
                let all = values + [raw.baseAddress?.assumingMemoryBound(to: CChar.self)]
                return PQexecParams(handle, sql, Int32(count), nil, all, lengths, formats, 0)
            }
        }
        defer { PQclear(result) }
        try check(result, doing: doing())
    }

    /// Runs a query of one `bytea` column and returns each row's bytes as stored
    /// (the result in binary form).
    func fetchBytes(_ sql: String, _ parameters: [String?], doing: @autoclosure () -> String) throws -> [[UInt8]] {
        settle()
        let result = withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 1)
        }
        defer { PQclear(result) }
        try check(result, doing: doing())
        return (0..<PQntuples(result)).map { r in
            let n = Int(PQgetlength(result, r, 0))
            guard n > 0, let value = PQgetvalue(result, r, 0) else { return [] }
            return value.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
        }
    }

    /// Whether a statement was sent whose answer is not read yet (see `send`).
    private var unanswered = false

    /// Sends one statement and returns without waiting for the server's answer,
    /// which the next statement on this connection reads first and drops: for a
    /// statement whose outcome nothing waits on (releasing the write lock), so the
    /// caller saves a round trip. The server runs it as soon as it arrives.
    func send(_ sql: String, _ parameters: [String?]) {
        settle()
        let sent = withCStrings(parameters) { values in
            PQsendQueryParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        unanswered = sent == 1
    }

    /// Reads and drops the answer to a statement `send` sent, if any.
    private func settle() {
        guard unanswered else { return }
        unanswered = false
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Runs statements separated by semicolons (literals already quoted) in one
    /// round trip and returns the last one's rows, whose first column is text:
    /// each value's bytes are handed to `row` as the server sent them, in order.
    func lastRows(_ sql: String, doing: @autoclosure () -> String, _ row: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        settle()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, doing: doing())
        let count = PQntuples(result)
        for r in 0..<count {
            let n = Int(PQgetlength(result, r, 0))
            guard let value = PQgetvalue(result, r, 0) else { continue }
            try value.withMemoryRebound(to: UInt8.self, capacity: n) { try row(UnsafeBufferPointer(start: $0, count: n)) }
        }
        return Int(count)
    }

    /// Runs statements separated by semicolons, without parameters (schema set-up).
    func executeScript(_ sql: String, doing: @autoclosure () -> String) throws {
        settle()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, doing: doing())
    }

    private func check(_ result: OpaquePointer?, doing: String) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_OUT, PGRES_COPY_IN: return
        default: throw error(from: result, doing: doing)
        }
    }

    func error(from result: OpaquePointer?, doing: String) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let message = field("M") ?? lastMessage
        return PostgresError(state: field("C") ?? "", message: message, detail: field("D"), doing: doing)
    }

    /// A string as an SQL literal, quoted and escaped for this connection.
    func literal(_ text: String) -> String {
        guard let quoted = PQescapeLiteral(handle, text, text.utf8.count) else { return "''" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// A name as an SQL identifier, quoted.
    func identifier(_ text: String) -> String {
        guard let quoted = PQescapeIdentifier(handle, text, text.utf8.count) else { return "\"\"" }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    // MARK: - COPY

    /// Runs `COPY (query) TO STDOUT (FORMAT binary)` for a query of one `text`
    /// column and hands each value's bytes to `row`, in order, without a copy.
    ///
    /// Binary, because the text format escapes tabs and backslashes, and a
    /// record's line must reach the decoder exactly as it was stored. If `row`
    /// throws, the rest of the stream is cancelled and drained, so the
    /// connection stays usable, and the error is rethrown.
    func copyOut(_ query: String, doing: @autoclosure () -> String, _ row: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        settle()
        let started = PQexec(handle, "COPY (\(query)) TO STDOUT (FORMAT binary)")
        guard PQresultStatus(started) == PGRES_COPY_OUT else {
            defer { PQclear(started) }
            throw error(from: started, doing: doing())
        }
        PQclear(started)
        var stream = BinaryCopyStream()
        do {
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let n = PQgetCopyData(handle, &buffer, 0)
                if n == -1 { break }
                guard n >= 0, let buffer else { throw PostgresError(state: "", message: lastMessage, doing: doing()) }
                defer { PQfreemem(buffer) }
                let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
                try stream.feed(UnsafeBufferPointer(start: bytes, count: Int(n)), row)
            }
        } catch {
            abandonCopy()
            throw error
        }
        try finishResults(doing: doing())
        if !stream.ended {
            throw PostgresError(state: "", message: "the COPY stream ended without its trailer", doing: doing())
        }
    }

    /// Sends rows to `COPY table (columns) FROM STDIN (FORMAT binary)`: `rows`
    /// hands each row, already in binary form (`BinaryCopyStream.appendRow`), to `send`.
    func copyIn(_ statement: String, doing: @autoclosure () -> String,
                _ rows: (_ send: ([UInt8]) throws -> Void) throws -> Void) throws {
        settle()
        let started = PQexec(handle, statement + " FROM STDIN (FORMAT binary)")
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            defer { PQclear(started) }
            throw error(from: started, doing: doing())
        }
        PQclear(started)
        var pending = BinaryCopyStream.header
        let what = doing()
        func put(_ bytes: [UInt8]) throws {
            guard PQputCopyData(handle, bytes, Int32(bytes.count)) == 1 else {
                throw PostgresError(state: "", message: lastMessage, doing: what)
            }
        }
        do {
            try rows { row in
                pending += row
                if pending.count >= 1 << 16 { try put(pending); pending.removeAll(keepingCapacity: true) }
            }
            pending += BinaryCopyStream.trailer
            try put(pending)
        } catch {
            _ = PQputCopyEnd(handle, "towerwatch stopped the copy")
            try? finishResults(doing: doing())
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw PostgresError(state: "", message: lastMessage, doing: doing()) }
        try finishResults(doing: doing())
    }

    /// Reads every result left (a COPY's final one) and throws the first error.
    private func finishResults(doing: String) throws {
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if failure == nil && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK {
                failure = error(from: result, doing: doing)
            }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    /// Stops a COPY out midway: asks the server to cancel, then drains what it sent.
    private func abandonCopy() {
        if let cancel = PQgetCancel(handle) {
            var reason = [CChar](repeating: 0, count: 256)
            _ = PQcancel(cancel, &reason, Int32(reason.count))
            PQfreeCancel(cancel)
        }
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let n = PQgetCopyData(handle, &buffer, 0)
            if let buffer { PQfreemem(buffer) }
            if n < 0 { break }
        }
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    // MARK: - Notifications

    /// Reads what the server sent without waiting; false when the connection is gone.
    func consumeInput() -> Bool { PQconsumeInput(handle) == 1 && !isBroken }

    /// Takes the notifications received; returns how many there were.
    func takeNotifications() -> Int {
        var count = 0
        while let note = PQnotifies(handle) {
            count += 1
            PQfreemem(note)
        }
        return count
    }
}

/// Calls `body` with the strings as a C array of NUL-terminated strings (nil stays NULL).
private func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for c in copies { free(c) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
#endif
