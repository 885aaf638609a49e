import TowerwatchCore

/// The text form of one record, one line of UTF-8:
///
///     SEQ <TAB> TIME <TAB> TYPE <TAB> ACTOR [<TAB> drill=1] (<TAB> key=value)* <TAB> CRC
///
/// `CRC` is the CRC-32C of every byte before its tab, as 8 lowercase hex digits.
/// Values are escaped by `FieldText`, so a line never holds a raw tab or newline.
/// A list repeats its key (`zone=lobby<TAB>zone=garage`). See docs/log-format.md.
public enum RecordCodec {
    /// The format version this build writes; it reads every version up to it.
    public static let formatVersion = 1

    // MARK: - Encoding

    /// Appends one record, with its newline, to `out`.
    public static func encode(_ r: EventRecord, into out: inout [UInt8]) {
        let start = out.count
        appendDecimal(r.seq, to: &out)
        out.append(tab)
        out.append(contentsOf: r.time.iso8601.utf8)
        out.append(tab)
        out.append(contentsOf: r.event.typeName.utf8)
        out.append(tab)
        FieldText.escape(r.actor.description, into: &out)
        if let account = r.account { out.append(tab); out.append(contentsOf: byKey); FieldText.escape(account, into: &out) }
        if r.drill { out.append(tab); out.append(contentsOf: "drill=1".utf8) }
        // Lend the buffer to the writer and take it back: copying it would make
        // batch encoding quadratic.
        var w = FieldWriter(out: [])
        swap(&w.out, &out)
        EventFields.write(r.event, to: &w)
        swap(&w.out, &out)
        let crc = out.withUnsafeBufferPointer { CRC32C.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        out.append(tab)
        CRC32C.appendHex8(crc, to: &out)
        out.append(newline)
    }

    public static func encode(_ r: EventRecord) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        encode(r, into: &out)
        return out
    }

    // MARK: - Decoding

    /// Decodes one line (without its newline). Throws `RecordError` saying what is wrong.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(RecordError) -> EventRecord {
        var scratch = FieldReader()
        return try decode(line, using: &scratch)
    }

    /// Decodes one line reusing `reader`'s storage: the replay loop's allocation-free form.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>, using reader: inout FieldReader) throws(RecordError) -> EventRecord {
        let n = line.count
        guard n > 9 else { throw RecordError("record is too short (\(n) bytes)") }
        // Checksum first: nothing in a damaged line is trusted.
        let crcTab = n - 9
        guard line[crcTab] == tab, let stored = CRC32C.parseHex8(UnsafeBufferPointer(rebasing: line[(crcTab + 1)...])) else {
            throw RecordError("record does not end with a tab and an 8-digit checksum")
        }
        let body = UnsafeBufferPointer(rebasing: line[..<crcTab])
        // With the scanner, one pass also finds the fields and any raw control byte.
        let scanned = FieldReader.scannerAvailable
        let (actual, bad) = scanned ? reader.scan(body, slack: n - crcTab) : (CRC32C.checksum(body), nil)
        guard actual == stored else {
            throw RecordError("checksum mismatch: the record says \(hex(stored)), its bytes give \(hex(actual))")
        }
        if let bad { throw RecordError("raw control byte 0x\(String(body[bad], radix: 16)) at byte \(bad + 1) of the record") }
        if !scanned { try reader.split(body, slack: n - crcTab) }
        guard reader.count >= 4 else { throw RecordError("record has \(reader.count) fields; it needs at least sequence, time, type and actor") }
        guard let seq = parseDecimal(reader.bytes(0)) else { throw RecordError("bad sequence number '\(reader.text(0))'") }
        guard let time = reader.time(reader.bytes(1)) else { throw RecordError("bad time '\(reader.text(1))'") }
        guard let kind = EventKind.match(reader.bytes(2), slack: reader.bounds(2).slack) else {
            throw RecordError("unknown event type '\(reader.text(2))' (this build knows format version \(formatVersion); a newer towerwatch may have written it)")
        }
        let actor = try decodeActor(reader.bytes(3), ids: reader.ids, bounds: reader.bounds(3), record: reader.record)
        let account = try reader.account(at: 4)
        let first = account == nil ? 4 : 5
        if kind == .checkpointScanned, let event = reader.plainScan(from: first) {
            return EventRecord(seq: seq, time: time, actor: actor, drill: false, event: event, account: account)
        }
        try reader.indexKeys(from: first)
        let drill = reader.has("drill")
        let event = try EventFields.read(kind, from: reader)
        return EventRecord(seq: seq, time: time, actor: actor, drill: drill, event: event, account: account)
    }

    /// The actor field: `guard:G-017`, `officer:O-01`, `feed:plate-camera` or `system`.
    ///
    /// The common forms are read straight from the bytes (only the value becomes a
    /// String); anything else takes the general path, `FieldText.unescape` then
    /// `Actor(text:)`, which gives the same actor or the same error as before.
    @inline(__always)
    static func decodeActor(_ b: UnsafeBufferPointer<UInt8>, ids: IDTable? = nil,
                            bounds: (start: Int, end: Int, slack: Int) = (0, 0, 0), record: UnsafePointer<UInt8>? = nil) throws(RecordError) -> Actor {
        if let actor = fastActor(b, ids: ids, bounds: bounds, record: record) { return actor }
        let actorText: String
        do { actorText = try FieldText.unescape(b) } catch { throw RecordError("actor: \(error)") }
        guard let actor = Actor(text: actorText) else { throw RecordError("bad actor '\(actorText)'") }
        return actor
    }

    /// The actor when its kind is spelled exactly and its value is plain; nil sends
    /// the field to the general path. The byte after the colon must be ASCII: then the
    /// colon is a character of its own, as `Actor(text:)` requires.
    @inline(__always)
    static func fastActor(_ b: UnsafeBufferPointer<UInt8>, ids: IDTable? = nil,
                          bounds: (start: Int, end: Int, slack: Int) = (0, 0, 0), record: UnsafePointer<UInt8>? = nil) -> Actor? {
        guard let p = b.baseAddress else { return nil }
        let n = b.count
        var colon = 0
        while colon < n && p[colon] != 0x3A { colon += 1 }
        guard colon < n else {
            // s y s t e m
            return n == 6 && p[0] == 0x73 && p[1] == 0x79 && p[2] == 0x73 && p[3] == 0x74 && p[4] == 0x65 && p[5] == 0x6D ? .system : nil
        }
        guard colon + 1 < n, p[colon + 1] < 0x80 else { return nil }
        let rest = UnsafeBufferPointer(start: p + colon + 1, count: n - colon - 1)
        switch colon {
        case 5 where p[0] == 0x67 && p[1] == 0x75 && p[2] == 0x61 && p[3] == 0x72 && p[4] == 0x64:          // guard
            if let ids, let record, let known: GuardID = ids.id(record, bounds.start + colon + 1, bounds.end, slack: bounds.slack) { return .guard(known) }
            guard let value = try? FieldText.unescape(rest) else { return nil }
            return .guard(GuardID(value))
        case 7 where p[0] == 0x6F && p[1] == 0x66 && p[2] == 0x66 && p[3] == 0x69 && p[4] == 0x63 && p[5] == 0x65 && p[6] == 0x72:  // officer
            if let ids, let record, let known: OfficerID = ids.id(record, bounds.start + colon + 1, bounds.end, slack: bounds.slack) { return .officer(known) }
            guard let value = try? FieldText.unescape(rest) else { return nil }
            return .officer(OfficerID(value))
        case 4 where p[0] == 0x66 && p[1] == 0x65 && p[2] == 0x65 && p[3] == 0x64:                            // feed
            guard let value = try? FieldText.unescape(rest) else { return nil }
            return .feed(value)
        default:
            return nil
        }
    }

    // MARK: - Bytes

    static let tab: UInt8 = 9
    /// The record-level field naming the account that wrote the record.
    static let byKey: [UInt8] = Array("by=".utf8)
    static let newline: UInt8 = 10

    @inline(__always) static func appendDecimal(_ v: UInt64, to out: inout [UInt8]) {
        if v == 0 { out.append(48); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = v, count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while n > 0 { buf[count] = UInt8(n % 10) + 48; n /= 10; count += 1 }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    @inline(__always) static func parseDecimal(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !b.isEmpty, b.count <= 19, !(b.count > 1 && b[0] == 48) else { return nil }
        var v: UInt64 = 0
        for c in b {
            let d = c &- 48
            guard d <= 9 else { return nil }
            v = v * 10 + UInt64(d)
        }
        return v
    }

    static func hex(_ v: UInt32) -> String { String(decoding: CRC32C.hex8(v), as: UTF8.self) }
}

/// What is wrong with one record, in words. The reader adds file, line and sequence.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension EventKind {
    /// A type name as the matcher keeps it: its length and its bytes as three
    /// little-endian words, zero-padded (names are at most 24 bytes).
    struct NameKey {
        let length: Int
        let words: (UInt64, UInt64, UInt64)
        let kind: EventKind
    }

    /// Every type name, scans first (the common case matches on the first try).
    static let nameKeys: [NameKey] = {
        var all = EventKind.allCases.filter { $0 != .checkpointScanned }
        all.insert(.checkpointScanned, at: 0)
        return all.map { kind in
            let bytes = Array(kind.rawValue.utf8)
            precondition(bytes.count <= 24, "event type names fit three words")
            return bytes.withUnsafeBufferPointer { b in
                NameKey(length: b.count, words: nameWords(b.baseAddress!, b.count, 0), kind: kind)
            }
        }
    }()

    /// `p[0..<n]` as three words, zero-padded; `slack` bytes after it are readable.
    @inline(__always) static func nameWords(_ p: UnsafePointer<UInt8>, _ n: Int, _ slack: Int) -> (UInt64, UInt64, UInt64) {
        (FieldReader.word(p, 0, n, slack).0,
         n > 8 ? FieldReader.word(p, 8, n, slack).0 : 0,
         n > 16 ? FieldReader.word(p, 16, n, slack).0 : 0)
    }

    /// The kind named by the bytes of a record's type field; `slack` bytes after
    /// them are readable.
    @inline(__always) static func match(_ b: UnsafeBufferPointer<UInt8>, slack: Int = 0) -> EventKind? {
        guard let p = b.baseAddress, !b.isEmpty, b.count <= 24 else { return nil }
        let n = b.count
        let w = nameWords(p, n, slack)
        return nameKeys.withUnsafeBufferPointer { keys in
            for key in keys where key.length == n && key.words.0 == w.0 && key.words.1 == w.1 && key.words.2 == w.2 {
                return key.kind
            }
            return nil
        }
    }
}


/// Account names kept in the reader's id cache (a record's `by=` field).
enum AccountTag {}
