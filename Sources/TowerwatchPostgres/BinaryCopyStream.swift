/// PostgreSQL's binary COPY format for rows of one `text` column, read and written.
///
/// The stream is a 19-byte header (signature, flags, extension length), then per
/// row a 16-bit field count (1) and the value as a 32-bit length and its bytes,
/// then a count of -1. The server sends a row per message, but nothing here
/// relies on it: a row cut between messages is carried over.
struct BinaryCopyStream {
    static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
    static let header: [UInt8] = signature + [0, 0, 0, 0, 0, 0, 0, 0]
    static let trailer: [UInt8] = [0xFF, 0xFF]

    private var carry: [UInt8] = []
    private var sawHeader = false
    private(set) var ended = false

    /// Appends a row of fields, each already in its binary form (text as its UTF-8 bytes).
    static func appendRow(_ fields: [[UInt8]], to out: inout [UInt8]) {
        let count = UInt16(fields.count)
        out += [UInt8(count >> 8), UInt8(truncatingIfNeeded: count)]
        for value in fields {
            let n = UInt32(value.count)
            out += [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
            out += value
        }
    }

    /// A `bigint` in binary COPY form: eight bytes, most significant first.
    static func int8(_ v: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * $0)) }
    }

    /// Hands every complete row value in `bytes` (plus what was carried) to `row`.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ row: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if carry.isEmpty {
            let used = try parse(bytes, row)
            if used < bytes.count { carry = Array(bytes[used...]) }
        } else {
            carry.append(contentsOf: bytes)
            let joined = carry
            let used = try joined.withUnsafeBufferPointer { try parse($0, row) }
            carry.removeFirst(used)
        }
    }

    /// Parses whole items from the front of `b`; returns how many bytes were used.
    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, _ row: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        var i = 0
        let n = b.count
        if !sawHeader {
            guard n >= 19 else { return 0 }
            guard Array(b[0..<11]) == BinaryCopyStream.signature else { throw StreamError("not a binary COPY stream") }
            let extensionLength = Int(be32(b, 15))
            guard n >= 19 + extensionLength else { return 0 }
            i = 19 + extensionLength
            sawHeader = true
        }
        while i + 2 <= n && !ended {
            let fields = Int16(bitPattern: UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            if fields == -1 { ended = true; i += 2; break }
            guard fields == 1 else { throw StreamError("a row of \(fields) columns where one was asked for") }
            guard i + 6 <= n else { break }
            let length = Int(Int32(bitPattern: be32(b, i + 2)))
            guard length >= 0 else { throw StreamError("a NULL record line") }
            guard i + 6 + length <= n else { break }
            try row(UnsafeBufferPointer(rebasing: b[(i + 6)..<(i + 6 + length)]))
            i += 6 + length
        }
        return i
    }

    @inline(__always) private func be32(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    struct StreamError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = "COPY stream: " + d }
    }
}
