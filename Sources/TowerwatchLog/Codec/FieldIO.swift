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
public struct FieldReader {
    private var base: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    /// Start and end of each tab-separated field.
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// For fields from `firstKeyed` on: the offset of the `=` (key end).
    private var equals: [Int] = []
    private var firstKeyed = 0

    public init() {
        starts.reserveCapacity(32); ends.reserveCapacity(32); equals.reserveCapacity(32)
    }

    var count: Int { starts.count }

    mutating func split(_ body: UnsafeBufferPointer<UInt8>) throws(RecordError) {
        base = body
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var s = 0, i = 0
        let n = body.count
        while i < n {
            let c = body[i]
            if c == RecordCodec.tab {
                starts.append(s); ends.append(i); s = i + 1
            } else if c < 32 || c == 127 {
                throw RecordError("raw control byte 0x\(String(c, radix: 16)) at byte \(i + 1) of the record")
            }
            i += 1
        }
        starts.append(s); ends.append(n)
    }

    @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[starts[i]..<ends[i]])
    }
    func text(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    mutating func indexKeys(from first: Int) throws(RecordError) {
        firstKeyed = first
        equals.removeAll(keepingCapacity: true)
        for f in first..<starts.count {
            var e = starts[f]
            while e < ends[f] && base[e] != 61 { e += 1 }
            guard e < ends[f], e > starts[f] else {
                throw RecordError("field \(f + 1) '\(text(f))' is not key=value")
            }
            equals.append(e)
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
        while f < starts.count { if keyMatches(f, key) { return f }; f += 1 }
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
        while f < starts.count {
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
