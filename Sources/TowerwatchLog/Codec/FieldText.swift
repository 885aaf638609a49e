/// Escaping of field values so a value can never break the line format.
///
/// A log line is split on tabs and ends at a newline, so a value must not contain
/// either; other control characters are escaped too so a log stays readable in a
/// terminal and `grep`-able. The escapes are:
///
/// | byte                      | written as |
/// |---------------------------|------------|
/// | `\` (0x5C)                | `\\`       |
/// | tab (0x09)                | `\t`       |
/// | newline (0x0A)            | `\n`       |
/// | carriage return (0x0D)    | `\r`       |
/// | other 0x00–0x1F, DEL 0x7F | `\xHH` (two lowercase hex digits) |
///
/// Everything else, `=` and all non-ASCII UTF-8 included, is written as is: the key
/// of a `key=value` field ends at the first `=`, so later ones belong to the value.
///
/// Decoding is strict so that every accepted field has exactly one spelling: a raw
/// control byte, an unknown escape, `\x` for a byte that needs no escape, or invalid
/// UTF-8 is an error rather than something silently repaired.
public enum FieldText {
    /// Why a field value could not be decoded; `offset` is the byte index in the field.
    public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
        /// A backslash followed by something that is not a known escape.
        case badEscape(offset: Int, found: String)
        /// A backslash (or `\x` escape) cut short by the end of the field.
        case truncatedEscape(offset: Int)
        /// A control byte that the writer would have escaped appears raw.
        case unescapedControl(offset: Int, byte: UInt8)
        /// The bytes are not valid UTF-8 from `offset` on.
        case invalidUTF8(offset: Int)

        public var description: String {
            switch self {
            case let .badEscape(offset, found):
                return "bad escape \"\(found)\" at byte \(offset) of a field value"
            case let .truncatedEscape(offset):
                return "escape cut short at byte \(offset) of a field value"
            case let .unescapedControl(offset, byte):
                return "unescaped control byte 0x\(hex2(byte)) at byte \(offset) of a field value"
            case let .invalidUTF8(offset):
                return "invalid UTF-8 at byte \(offset) of a field value"
            }
        }
    }

    // MARK: - Escaping

    /// Whether `byte` must be escaped in a value: backslash, C0 controls and DEL.
    @inline(__always)
    @usableFromInline
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0x5C
    }

    /// Appends the escaped UTF-8 form of `value` to `out`.
    public static func escape(_ value: String, into out: inout [UInt8]) {
        // Native strings are contiguous UTF-8: escape straight from their storage.
        if value.utf8.withContiguousStorageIfAvailable({ escape($0, into: &out) }) != nil {
            return
        }
        Array(value.utf8).withUnsafeBufferPointer { escape($0, into: &out) }
    }

    /// Returns the escaped UTF-8 form of `value` as a new array.
    public static func escaped(_ value: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        escape(value, into: &out)
        return out
    }

    /// Appends the escaped form of the raw bytes `bytes` (assumed UTF-8) to `out`.
    public static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Copy runs of plain bytes in one go; most values contain no escapes at all.
        var runStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if needsEscape(b) {
                if runStart < i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                }
                out.append(0x5C)
                switch b {
                case 0x5C: out.append(0x5C)
                case 0x09: out.append(0x74)   // t
                case 0x0A: out.append(0x6E)   // n
                case 0x0D: out.append(0x72)   // r
                default:
                    out.append(0x78)          // x
                    out.append(hexDigit(b >> 4))
                    out.append(hexDigit(b & 0xF))
                }
                runStart = i + 1
            }
            i += 1
        }
        if runStart < n {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n]))
        }
    }

    // MARK: - Unescaping

    /// Decodes an escaped field value into a String.
    ///
    /// When the field holds no backslash (the common case) the String is created
    /// straight from `bytes` after one scan; otherwise the escapes are resolved into a
    /// temporary buffer first.
    public static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecodeError) -> String {
        // One pass checks for control bytes, finds the first backslash and validates
        // UTF-8. Validating here rather than with String(validating:) matters: that
        // initializer measured about 3 times slower than String(decoding:) on short
        // fields, and String(decoding:) on already-valid bytes cannot repair anything.
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if needsEscape(b) {
                    if b != 0x5C { throw .unescapedControl(offset: i, byte: b) }
                    return try unescapeSlow(bytes, from: i)
                }
                i += 1
            } else {
                guard let length = utf8SequenceLength(bytes, at: i) else { throw .invalidUTF8(offset: i) }
                i += length
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes an escaped field value held in an array (see the buffer form).
    public static func unescape(_ bytes: [UInt8]) throws(DecodeError) -> String {
        try bytes.withUnsafeBufferPointer { (b) throws(DecodeError) -> String in try unescape(b) }
    }

    /// Resolves escapes from `start` on; the bytes before `start` are already checked.
    static func unescapeSlow(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(DecodeError) -> String {
        // Decode straight into the new String's storage (unescaping only shrinks), and
        // carry an error out of the closure by hand: the initializer only rethrows
        // untyped errors.
        var failure: DecodeError?
        let result = String(unsafeUninitializedCapacity: bytes.count) { out -> Int in
            do throws(DecodeError) {
                return try resolveEscapes(bytes, from: start, into: out)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Copies `bytes` into `out` resolving escapes; returns the decoded length.
    private static func resolveEscapes(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into out: UnsafeMutableBufferPointer<UInt8>
    ) throws(DecodeError) -> Int {
        var o = 0
        for k in 0..<start { out[k] = bytes[k] }
        o = start
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x5C {
                guard i + 1 < n else { throw .truncatedEscape(offset: i) }
                switch bytes[i + 1] {
                case 0x5C: out[o] = 0x5C; i += 2
                case 0x74: out[o] = 0x09; i += 2
                case 0x6E: out[o] = 0x0A; i += 2
                case 0x72: out[o] = 0x0D; i += 2
                case 0x78:
                    guard i + 3 < n else { throw .truncatedEscape(offset: i) }
                    guard let hi = hexValue(bytes[i + 2]), let lo = hexValue(bytes[i + 3]) else {
                        throw .badEscape(offset: i, found: show(bytes, i, 4))
                    }
                    let value = hi << 4 | lo
                    // Only bytes the writer escapes with \x are accepted: anything else
                    // would give a second spelling of the same value, and \x80–\xFF could
                    // assemble UTF-8 sequences piecemeal.
                    guard needsEscape(value), value != 0x5C, value != 0x09,
                          value != 0x0A, value != 0x0D else {
                        throw .badEscape(offset: i, found: show(bytes, i, 4))
                    }
                    out[o] = value
                    i += 4
                default:
                    throw .badEscape(offset: i, found: show(bytes, i, 2))
                }
                o += 1
            } else if b < 0x80 {
                if needsEscape(b) { throw .unescapedControl(offset: i, byte: b) }
                out[o] = b
                o += 1
                i += 1
            } else {
                // Escapes only ever produce ASCII, so validating the source's multi-byte
                // sequences as they are copied validates the whole result (and the
                // String initializer then has nothing to repair).
                guard let length = utf8SequenceLength(bytes, at: i) else { throw .invalidUTF8(offset: i) }
                for k in 0..<length { out[o + k] = bytes[i + k] }
                o += length
                i += length
            }
        }
        return o
    }

    /// The length of the well-formed UTF-8 sequence starting with the non-ASCII byte
    /// at `bytes[i]`, or nil if it is not one (Unicode 15, table 3-7: no overlong
    /// forms, no surrogates, nothing above U+10FFFF, no truncated sequences).
    @inline(__always)
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = bytes.count
        let lead = bytes[i]
        @inline(__always) func continuation(_ j: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            j < n && bytes[j] >= low && bytes[j] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : nil
        case 0xE0...0xEF:
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80     // E0: no overlongs
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF    // ED: no surrogates
            return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : nil
        case 0xF0...0xF4:
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80     // F0: no overlongs
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF    // F4: nothing past U+10FFFF
            return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        default:
            return nil                                      // 80–C1, F5–FF never lead
        }
    }

    // MARK: - Helpers

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 &+ nibble : 0x61 &- 10 &+ nibble
    }

    /// Value of a lowercase hex digit; uppercase is refused so that `\x1f` has
    /// no second spelling.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        if b &- 0x30 < 10 { return b &- 0x30 }
        if b &- 0x61 < 6 { return b &- 0x61 &+ 10 }
        return nil
    }

    static func hex2(_ b: UInt8) -> String {
        String(decoding: [hexDigit(b >> 4), hexDigit(b & 0xF)], as: UTF8.self)
    }

    /// A printable excerpt of `bytes[at..<at+length]` for error messages: the
    /// backslash is shown as is, other control bytes in escaped form.
    static func show(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ length: Int) -> String {
        var out: [UInt8] = []
        for b in bytes[at..<min(bytes.count, at + length)] {
            if b == 0x5C {
                out.append(b)
            } else {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { one in
                    one[0] = b
                    escape(UnsafeBufferPointer(one), into: &out)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
