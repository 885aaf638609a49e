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
/// The offsets live in arrays sized once for the longest record seen, with
/// `fieldCount` saying how many are in use: the replay loop calls `split` for
/// every record, and filling preallocated slots through one borrowed pointer
/// costs far less than appending (a uniqueness and capacity check per field).
public struct FieldReader {
    private var base: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    /// Start and end of each tab-separated field; slots `0..<fieldCount` are valid.
    private var starts: [Int]
    private var ends: [Int]
    private var fieldCount = 0
    /// For fields from `firstKeyed` on: the offset of the `=` (key end).
    private var equals: [Int]
    private var firstKeyed = 0

    public init() {
        starts = Array(repeating: 0, count: 64); ends = Array(repeating: 0, count: 64); equals = Array(repeating: 0, count: 64)
    }

    var count: Int { fieldCount }

    mutating func split(_ body: UnsafeBufferPointer<UInt8>) throws(RecordError) {
        base = body
        let n = body.count
        // A record of n bytes has at most n + 1 fields.
        if starts.count < n + 1 {
            let size = max(n + 1, starts.count * 2)
            starts = Array(repeating: 0, count: size); ends = Array(repeating: 0, count: size); equals = Array(repeating: 0, count: size)
        }
        guard let p = body.baseAddress else { starts[0] = 0; ends[0] = 0; fieldCount = 1; return }
        let found = starts.withUnsafeMutableBufferPointer { st in
            ends.withUnsafeMutableBufferPointer { en in FieldReader.splitFields(p, n, st.baseAddress!, en.baseAddress!) }
        }
        guard found >= 0 else {
            let i = -found - 1
            let c = p[i]
            throw RecordError("raw control byte 0x\(String(c, radix: 16)) at byte \(i + 1) of the record")
        }
        fieldCount = found
    }

    /// Records the fields of `p[0..<n]` in `st`/`en`; returns their count, or
    /// `-(i + 1)` for the first raw control byte (other than tab) at offset `i`.
    ///
    /// Eight bytes at a time: a word with no byte below 0x20 (tab included) and
    /// none equal to 0x7F is skipped whole; only words holding one are walked.
    @inline(__always)
    private static func splitFields(_ p: UnsafePointer<UInt8>, _ n: Int,
                                    _ st: UnsafeMutablePointer<Int>, _ en: UnsafeMutablePointer<Int>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var k = 0, s = 0, i = 0
        while i < n {
            if i &+ 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                // Any byte < 0x20, or any byte == 0x7F (exact "is there one" tests).
                let below = (w &- ones &* 0x20) & ~w & highs
                let x = w ^ (ones &* 0x7F)
                let del = (x &- ones) & ~x & highs
                if below | del == 0 { i &+= 8; continue }
                let end = i &+ 8
                while i < end {
                    let c = p[i]
                    if c < 32 || c == 127 {
                        guard c == 9 else { return -(i + 1) }
                        st[k] = s; en[k] = i; k &+= 1; s = i &+ 1
                    }
                    i &+= 1
                }
            } else {
                let c = p[i]
                if c < 32 || c == 127 {
                    guard c == 9 else { return -(i + 1) }
                    st[k] = s; en[k] = i; k &+= 1; s = i &+ 1
                }
                i &+= 1
            }
        }
        st[k] = s; en[k] = n
        return k &+ 1
    }

    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[starts[i]..<ends[i]])
    }
    func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    mutating func indexKeys(from first: Int) throws(RecordError) {
        firstKeyed = first
        var f = first
        while f < fieldCount {
            var e = starts[f]
            let end = ends[f]
            while e < end && base[e] != 61 { e += 1 }
            guard e < end, e > starts[f] else {
                throw RecordError("field \(f + 1) '\(text(f))' is not key=value")
            }
            equals[f - first] = e
            f += 1
        }
    }

    @inline(__always) private func keyMatches(_ f: Int, _ key: StaticString) -> Bool {
        let len = equals[f - firstKeyed] - starts[f]
        guard len == key.utf8CodeUnitCount else { return false }
        let k = key.utf8Start
        var i = 0
        while i < len { if base[starts[f] + i] != k[i] { return false }; i += 1 }
        return true
    }

    private func valueBytes(_ f: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[(equals[f - firstKeyed] + 1)..<ends[f]])
    }

    private func find(_ key: StaticString) -> Int? {
        var f = firstKeyed
        while f < fieldCount { if keyMatches(f, key) { return f }; f += 1 }
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
        let v = try string(key)
        guard !v.isEmpty else { throw RecordError("field '\(key)' is empty") }
        return ID<T>(v)
    }

    func optionalID<T>(_ key: StaticString) throws(RecordError) -> ID<T>? {
        try optionalString(key).map { ID<T>($0) }
    }

    func int(_ key: StaticString) throws(RecordError) -> Int {
        let v = try string(key)
        guard let n = Int(v) else { throw RecordError("field '\(key)' is not a whole number: '\(v)'") }
        return n
    }

    func strings(_ key: StaticString) throws(RecordError) -> [String] {
        var out: [String] = []
        var f = firstKeyed
        while f < fieldCount {
            if keyMatches(f, key) {
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
