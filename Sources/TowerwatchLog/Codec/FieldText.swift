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
        /// The bytes (after unescaping) are not valid UTF-8.
        case invalidUTF8

        public var description: String {
            switch self {
            case let .badEscape(offset, found):
                return "bad escape \"\(found)\" at byte \(offset) of a field value"
            case let .truncatedEscape(offset):
                return "escape cut short at byte \(offset) of a field value"
            case let .unescapedControl(offset, byte):
                return "unescaped control byte 0x\(hex2(byte)) at byte \(offset) of a field value"
            case .invalidUTF8:
                return "field value is not valid UTF-8"
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
        // One pass finds both the first backslash and any raw control byte, so the fast
        // path costs a single scan plus UTF-8 validation.
        var firstBackslash = -1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if needsEscape(b) {
                if b != 0x5C { throw .unescapedControl(offset: i, byte: b) }
                firstBackslash = i
                break
            }
            i += 1
        }
        if firstBackslash < 0 {
            guard let s = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
            return s
        }
        return try unescapeSlow(bytes, from: firstBackslash)
    }

    /// Decodes an escaped field value held in an array (see the buffer form).
    public static func unescape(_ bytes: [UInt8]) throws(DecodeError) -> String {
        try bytes.withUnsafeBufferPointer { (b) throws(DecodeError) -> String in try unescape(b) }
    }

    /// Resolves escapes from `start` on; the bytes before `start` are known plain.
    static func unescapeSlow(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(DecodeError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<start]))
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x5C {
                guard i + 1 < n else { throw .truncatedEscape(offset: i) }
                switch bytes[i + 1] {
                case 0x5C: out.append(0x5C); i += 2
                case 0x74: out.append(0x09); i += 2
                case 0x6E: out.append(0x0A); i += 2
                case 0x72: out.append(0x0D); i += 2
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
                    out.append(value)
                    i += 4
                default:
                    throw .badEscape(offset: i, found: show(bytes, i, 2))
                }
            } else if needsEscape(b) {
                throw .unescapedControl(offset: i, byte: b)
            } else {
                out.append(b)
                i += 1
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw .invalidUTF8 }
        return s
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
