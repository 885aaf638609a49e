import CTowerwatchCodec
import TowerwatchCore

/// Writes `key=value` fields after the record's head.
public struct FieldWriter {
    var out: [UInt8]

    mutating func put(_ key: StaticString, _ value: String) {
        out.append(RecordCodec.tab)
        out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        out.append(61) // "="
        FieldText.escape(value, into: &out)
    }
    mutating func put<T>(_ key: StaticString, _ id: ID<T>) { put(key, id.raw) }
    mutating func put(_ key: StaticString, _ value: Int) { put(key, String(value)) }
    mutating func putOptional(_ key: StaticString, _ value: String?) { if let value { put(key, value) } }
    mutating func putList(_ key: StaticString, _ values: [String]) { for v in values { put(key, v) } }
}

/// Splits a record into fields and finds values by key, reusing its storage.
///
/// The offsets live in buffers sized once for the longest record seen, with
/// `fieldCount` saying how many are in use: the replay loop calls `split` for
/// every record, and filling preallocated slots through raw pointers costs far
/// less than appending to arrays (a uniqueness and capacity check per field).
/// The buffers belong to a `FieldSlots` object, so a reader stays a value.
///
/// Lifetimes, which the type enforces as far as it can:
/// - The field offsets and `base` describe the line last split, and `base`
///   points into the caller's buffer, not into the reader: they are valid only
///   while that line's buffer lives, that is, inside the one `RecordCodec.decode`
///   call that split it. Every accessor is internal to this module and used only
///   there; a decoded `EventRecord` owns all its strings and never points back.
/// - A reader cannot be copied (`~Copyable`): the offset buffers and the id cache
///   belong to exactly one reader, so two decoders can never overwrite each
///   other's fields. Pass it `inout` (one per thread: the decoding thread has its own).
public struct FieldReader: ~Copyable {
    private var base: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    /// How many bytes past the end of `base` may be read (never used as data):
    /// lets every eight-byte load be a whole word.
    private var slack = 0
    /// Owns the offset buffers; the pointers below are its, copied here so that the
    /// per-field loops touch no object (no retain, no exclusivity check).
    private var slots: FieldSlots
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var equals: UnsafeMutablePointer<Int>
    private var keyWords: UnsafeMutablePointer<UInt64>
    private var fieldCount = 0
    private var firstKeyed = 0
    /// Short ids met before, when the reader decodes many records (see `IDCache`).
    private let idCache: IDCache?
    let ids: IDTable?

    /// A reader; `idCache` slots for remembering short ids (0: none), worth it
    /// only when many records will be read.
    public init(idCache: Int = 0) {
        slots = FieldSlots(capacity: 64)
        starts = slots.starts; ends = slots.ends; equals = slots.equals; keyWords = slots.keyWords
        self.idCache = idCache > 0 ? IDCache(slots: idCache) : nil
        ids = self.idCache?.table
    }

    /// The day of the last time read, as its first ten bytes (`2026-11-29`), and the
    /// millisecond that day starts at: records of one day share it, so only the
    /// time of day is worked out again.
    private var dayWord: UInt64 = 0
    private var dayTail: UInt16 = 0
    private var dayStart: Int64 = 0
    private var knowsDay = false

    /// A record's time (`YYYY-MM-DDTHH:MM:SS.mmmZ`), exactly as `Timestamp.parseFixed`
    /// reads it; nil for anything else.
    mutating func time(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count == 24, let p = b.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        let word = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if knowsDay && word == dayWord && tail == dayTail {
            // The date is one already read and checked: check and add the time of day.
            guard p[10] == 84, p[13] == 58, p[16] == 58, p[19] == 46, p[23] == 90,
                  let h = FieldReader.digits(p, 11, 2), let mi = FieldReader.digits(p, 14, 2),
                  let s = FieldReader.digits(p, 17, 2), let ms = FieldReader.digits(p, 20, 3),
                  h < 24, mi < 60, s < 61 else { return nil }
            return Timestamp(millis: dayStart + ((h * 60 + mi) * 60 + s) * 1000 + ms)
        }
        guard let t = Timestamp.parseFixed(b) else { return nil }
        // Valid, so these digits are too.
        let h = FieldReader.digits(p, 11, 2)!, mi = FieldReader.digits(p, 14, 2)!
        let s = FieldReader.digits(p, 17, 2)!, ms = FieldReader.digits(p, 20, 3)!
        dayStart = t.millis - (((h * 60 + mi) * 60 + s) * 1000 + ms)
        dayWord = word; dayTail = tail; knowsDay = true
        return t
    }

    /// The decimal number in `p[at..<at + count]`, or nil if a byte is not a digit.
    @inline(__always) static func digits(_ p: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Int64? {
        var v: Int64 = 0
        for i in at..<(at + count) {
            let d = p[i] &- 48
            guard d <= 9 else { return nil }
            v = v * 10 + Int64(d)
        }
        return v
    }

    /// Makes room for `count` fields.
    @inline(__always) private mutating func reserve(_ count: Int) {
        guard count > slots.capacity else { return }
        slots = FieldSlots(capacity: max(count, slots.capacity * 2))
        starts = slots.starts; ends = slots.ends; equals = slots.equals; keyWords = slots.keyWords
    }

    var count: Int { fieldCount }

    /// Splits `body` into its tab-separated fields. `slack` bytes after `body` must
    /// be readable (a record's checksum field follows its body): they are loaded
    /// with the last word, never taken as data.
    mutating func split(_ body: UnsafeBufferPointer<UInt8>, slack: Int) throws(RecordError) {
        base = body
        self.slack = slack
        let n = body.count
        // A record of n bytes has at most n + 1 fields.
        reserve(n + 1)
        guard let p = body.baseAddress else { starts[0] = 0; ends[0] = 0; fieldCount = 1; return }
        let found = FieldReader.splitFields(p, n, slack, starts, ends)
        guard found >= 0 else {
            let i = -found - 1
            let c = p[i]
            throw RecordError("raw control byte 0x\(String(c, radix: 16)) at byte \(i + 1) of the record")
        }
        fieldCount = found
    }

    /// Whether `scan` may be used: the one-pass C scanner runs on this CPU.
    static let scannerAvailable = tw_scan_record_available() != 0

    /// Checksums and splits `body` in one pass (the C scanner; see `scannerAvailable`).
    /// Returns the body's CRC-32C and the offset of its first raw control byte other
    /// than tab (nil when none). The fields are set whatever the checksum says: the
    /// caller checks it first and trusts nothing else when it does not match.
    mutating func scan(_ body: UnsafeBufferPointer<UInt8>, slack: Int) -> (crc: UInt32, firstBad: Int?) {
        base = body
        self.slack = slack
        let n = body.count
        reserve(n + 1)
        guard let p = body.baseAddress else { starts[0] = 0; ends[0] = 0; fieldCount = 1; return (0, nil) }
        var crc: UInt32 = 0
        var bad = 0
        let count = starts.withMemoryRebound(to: Int64.self, capacity: n + 1) { st in
            ends.withMemoryRebound(to: Int64.self, capacity: n + 1) { en in
                tw_scan_record(p, n, slack, &crc, st, en, &bad)
            }
        }
        fieldCount = count
        return (crc, bad < n ? bad : nil)
    }

    /// Records the fields of `p[0..<n]` in `st`/`en`; returns their count, or
    /// `-(i + 1)` for the first raw control byte (other than tab) at offset `i`.
    ///
    /// Sixty-four bytes at a time, without a branch per byte: exact per-byte masks
    /// on eight-byte words find the tabs and gather any other byte below 0x20 or
    /// DEL; the tabs of a block become one bit each in a 64-bit mask, taken lowest
    /// first. (Walking each word's tabs separately costs a mispredicted branch per
    /// word; this costs one per block.) Only a record with a bad byte is walked
    /// again, to say where it is.
    @inline(__always)
    private static func splitFields(_ p: UnsafePointer<UInt8>, _ n: Int, _ slack: Int,
                                    _ st: UnsafeMutablePointer<Int>, _ en: UnsafeMutablePointer<Int>) -> Int {
        var k = 0, s = 0, block = 0
        var bad: UInt64 = 0
        while block < n {
            var tabMask: UInt64 = 0
            var j = 0
            while j < 64 && block &+ j < n {
                let (w, valid) = word(p, block &+ j, n, slack)
                let tabs = SWAR.zeroBytes(w ^ SWAR.ones &* 0x09) & valid
                bad |= ((SWAR.below(w, 0x20) & ~tabs) | SWAR.zeroBytes(w ^ SWAR.ones &* 0x7F)) & valid
                tabMask |= SWAR.highBits(tabs) << UInt64(j)
                j &+= 8
            }
            while tabMask != 0 {
                let at = block &+ tabMask.trailingZeroBitCount
                st[k] = s; en[k] = at; k &+= 1; s = at &+ 1
                tabMask &= tabMask &- 1
            }
            block &+= 64
        }
        if bad != 0 {
            var j = 0
            while j < n { let c = p[j]; if (c < 0x20 && c != 0x09) || c == 0x7F { return -(j + 1) }; j += 1 }
        }
        st[k] = s; en[k] = n
        return k &+ 1
    }

    /// The bytes `p[from..<min(from + 8, end)]` as a little-endian word, zero-padded,
    /// and a mask of the bytes that are real. Loads a whole word when `slack` allows.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, _ slack: Int) -> (UInt64, UInt64) {
        let real = end &- from
        if from &+ 8 <= end &+ slack {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + from).loadUnaligned(as: UInt64.self))
            if real >= 8 { return (w, ~0) }
            let valid: UInt64 = (1 << (8 &* UInt64(real))) &- 1
            return (w & valid, valid)
        }
        // Near the end of what may be read: four, two and one byte loads as the
        // length needs (no loop, and a branch per size that a call site predicts).
        let count = min(max(real, 0), 8)
        if count == 8 { return (UInt64(littleEndian: UnsafeRawPointer(p + from).loadUnaligned(as: UInt64.self)), ~0) }
        let q = UnsafeRawPointer(p + from)
        var v: UInt64 = 0
        var at = 0
        if count & 4 != 0 { v = UInt64(UInt32(littleEndian: q.loadUnaligned(as: UInt32.self))); at = 4 }
        if count & 2 != 0 { v |= UInt64(UInt16(littleEndian: q.loadUnaligned(fromByteOffset: at, as: UInt16.self))) << (8 &* UInt64(at)); at &+= 2 }
        if count & 1 != 0 { v |= UInt64(q.load(fromByteOffset: at, as: UInt8.self)) << (8 &* UInt64(at)) }
        return (v, (1 << (8 &* UInt64(count))) &- 1)
    }

    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[starts[i]..<ends[i]])
    }

    /// A scan written the way every writer writes one, read without looking keys
    /// up: exactly two keyed fields, `guard=` then `checkpoint=`, both plain short
    /// ids (see `IDCache`). Most of a log is scans. Anything else (another order, a
    /// `drill` field, an id that needs unescaping) gives nil, and the general path
    /// reads the record, to the same event or the same error.
    /// `first`: the field after the record-level ones (4, or 5 after `by=`).
    @inline(__always) func plainScan(from first: Int = 4) -> Event? {
        guard fieldCount == first &+ 2, let ids, let p = base.baseAddress else { return nil }
        let limit = base.count &+ slack
        // "guard=" is 6 bytes, "checkpoint=" 11: compare them as words.
        let g = starts[first], c = starts[first &+ 1]
        let gEnd = ends[first], cEnd = ends[first &+ 1]
        guard gEnd - g > 6, cEnd - c > 11,
              FieldReader.word(p, g, g &+ 6, limit &- g &- 6).0 == FieldReader.guardKey,
              FieldReader.word(p, c, c &+ 8, limit &- c &- 8).0 == FieldReader.checkpointKeyHead,
              FieldReader.word(p, c &+ 8, c &+ 11, limit &- c &- 11).0 == FieldReader.checkpointKeyTail,
              let guardID: GuardID = ids.id(p, g &+ 6, gEnd, slack: limit &- gEnd),
              let checkpoint: CheckpointID = ids.id(p, c &+ 11, cEnd, slack: limit &- cEnd) else { return nil }
        return .checkpointScanned(guard: guardID, checkpoint: checkpoint)
    }

    /// The record-level `by=ACCOUNT` when it is field `i` (the writer puts it right
    /// after the actor); nil when field `i` is something else. Costs three byte
    /// compares when absent; a short plain account name repeated record after
    /// record comes from the id cache, like a guard id.
    @inline(__always) func account(at i: Int) throws(RecordError) -> String? {
        guard i < fieldCount, let p = base.baseAddress else { return nil }
        let s = starts[i], e = ends[i]
        guard e &- s >= 3, p[s] == 0x62, p[s &+ 1] == 0x79, p[s &+ 2] == 0x3D else { return nil }   // "by="
        guard e &- s > 3 else { throw RecordError("field 'by' is empty") }
        if let ids, let known: ID<AccountTag> = ids.id(p, s &+ 3, e, slack: base.count &+ slack &- e) { return known.raw }
        do { return try FieldText.unescape(UnsafeBufferPointer(start: p + s + 3, count: e - s - 3)) } catch {
            throw RecordError("field by: \(error)")
        }
    }

    static let guardKey = word(Array("guard=".utf8))
    static let checkpointKeyHead = word(Array("checkpoi".utf8))
    static let checkpointKeyTail = word(Array("nt=".utf8))
    private static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { word($0.baseAddress!, 0, $0.count, 0).0 }
    }

    /// Field `i`'s offsets in the record.
    func fieldRange(_ i: Int) -> Range<Int> { starts[i]..<ends[i] }

    /// Field `i`'s bounds in the record, and how many readable bytes follow it.
    @inline(__always) func bounds(_ i: Int) -> (start: Int, end: Int, slack: Int) {
        (starts[i], ends[i], base.count &+ slack &- ends[i])
    }
    var record: UnsafePointer<UInt8>? { base.baseAddress }
    func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    mutating func indexKeys(from first: Int) throws(RecordError) {
        firstKeyed = first
        var f = first
        while f < fieldCount {
            let start = starts[f], end = ends[f]
            // The first `=`, eight bytes at a time.
            var e = start
            var found = false
            if let p = base.baseAddress {
                while e < end {
                    let (w, valid) = FieldReader.word(p, e, end, slack)
                    let hits = SWAR.zeroBytes(w ^ SWAR.ones &* 0x3D) & valid
                    if hits != 0 { e &+= hits.trailingZeroBitCount / 8; found = true; break }
                    e &+= 8
                }
            }
            guard found, e > start else {
                throw RecordError("field \(f + 1) '\(text(f))' is not key=value")
            }
            equals[f] = e
            keyWords[f] = FieldReader.word(base.baseAddress!, start, min(e, start &+ 8), slack).0
            f += 1
        }
    }

    /// A key's first eight bytes as `indexKeys` stores them.
    @inline(__always)
    static func keyWord(_ key: StaticString) -> UInt64 {
        word(key.utf8Start, 0, min(key.utf8CodeUnitCount, 8), 0).0
    }

    @inline(__always) private func keyMatches(_ f: Int, _ key: StaticString, _ word: UInt64) -> Bool {
        guard keyWords[f] == word else { return false }
        let start = starts[f]
        let len = equals[f] - start
        guard len == key.utf8CodeUnitCount else { return false }
        guard len > 8 else { return true }
        let k = key.utf8Start
        var i = 8
        while i < len { if base[start + i] != k[i] { return false }; i += 1 }
        return true
    }

    private func valueBytes(_ f: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[(equals[f] + 1)..<ends[f]])
    }

    /// An id from field `f` through the cache, when the value is a plain short id.
    @inline(__always) private func knownID<T>(_ f: Int) -> ID<T>? {
        guard let ids, let p = base.baseAddress else { return nil }
        let from = equals[f] + 1
        return ids.id(p, from, ends[f], slack: base.count &+ slack &- ends[f])
    }

    private func find(_ key: StaticString) -> Int? {
        let word = FieldReader.keyWord(key)
        var f = firstKeyed
        while f < fieldCount { if keyMatches(f, key, word) { return f }; f += 1 }
        return nil
    }

    func has(_ key: StaticString) -> Bool { find(key) != nil }

    func optionalString(_ key: StaticString) throws(RecordError) -> String? {
        guard let f = find(key) else { return nil }
        do { return try FieldText.unescape(valueBytes(f)) } catch { throw RecordError("field \(key): \(error)") }
    }

    func string(_ key: StaticString) throws(RecordError) -> String {
        guard let v = try optionalString(key) else { throw RecordError("missing field '\(key)'") }
        return v
    }

    func id<T>(_ key: StaticString) throws(RecordError) -> ID<T> {
        guard let f = find(key) else { throw RecordError("missing field '\(key)'") }
        if let known: ID<T> = knownID(f) { return known }
        let v = try string(key)
        guard !v.isEmpty else { throw RecordError("field '\(key)' is empty") }
        return ID<T>(v)
    }

    func optionalID<T>(_ key: StaticString) throws(RecordError) -> ID<T>? {
        guard let f = find(key) else { return nil }
        if let known: ID<T> = knownID(f) { return known }
        return try optionalString(key).map { ID<T>($0) }
    }

    func int(_ key: StaticString) throws(RecordError) -> Int {
        let v = try string(key)
        guard let n = Int(v) else { throw RecordError("field '\(key)' is not a whole number: '\(v)'") }
        return n
    }

    func strings(_ key: StaticString) throws(RecordError) -> [String] {
        var out: [String] = []
        let word = FieldReader.keyWord(key)
        var f = firstKeyed
        while f < fieldCount {
            if keyMatches(f, key, word) {
                do { out.append(try FieldText.unescape(valueBytes(f))) } catch { throw RecordError("field \(key): \(error)") }
            }
            f += 1
        }
        return out
    }

    func value<E: RawRepresentable>(_ key: StaticString, as: E.Type) throws(RecordError) -> E where E.RawValue == String {
        let v = try string(key)
        guard let e = E(rawValue: v) else { throw RecordError("field '\(key)' has unknown value '\(v)'") }
        return e
    }
}

/// Exact per-byte tests on eight bytes at once. Each returns 0x80 in every byte
/// that passes and 0 elsewhere, with no carries between bytes (no false hits).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bytes equal to zero.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & lows) &+ lows) | x | lows)
    }

    /// The top bit of each byte of `x` (other bits clear), packed into the low
    /// eight bits: byte `i`'s flag becomes bit `i`.
    @inline(__always) static func highBits(_ x: UInt64) -> UInt64 {
        ((x >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    /// Bytes below `limit` (1...0x80).
    @inline(__always) static func below(_ x: UInt64, _ limit: UInt8) -> UInt64 {
        // (b & 0x7F) + (0x80 - limit) reaches 0x80 exactly when the low seven bits are
        // at least `limit`; a byte with its top bit set is never below.
        let atLeast = ((x & lows) &+ ones &* UInt64(0x80 &- limit)) | x
        return ~atLeast & highs
    }
}

/// The offset buffers of a `FieldReader`, sized for the longest record seen.
/// Slots are indexed by field number; `equals` and `keyWords` are set for keyed
/// fields only (the offset of the `=`, and the key's first eight bytes as a word).
/// Every stored property is a `let`: reading a class's `var` would pay for a
/// run-time exclusivity check on each access, several per field.
final class FieldSlots {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let equals: UnsafeMutablePointer<Int>
    let keyWords: UnsafeMutablePointer<UInt64>

    init(capacity: Int) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity); ends = .allocate(capacity: capacity)
        equals = .allocate(capacity: capacity); keyWords = .allocate(capacity: capacity)
    }

    deinit { starts.deallocate(); ends.deallocate(); equals.deallocate(); keyWords.deallocate() }
}
