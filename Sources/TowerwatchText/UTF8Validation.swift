/// Finds where bytes stop being UTF-8, so that input is refused with the place
/// it goes wrong instead of being silently "repaired" into U+FFFD (which is
/// what `String(decoding:as:)` does).
public enum UTF8Validation {
    /// The offset of the first byte that does not belong to a well-formed UTF-8
    /// sequence (RFC 3629: no overlong forms, no surrogates, nothing above
    /// U+10FFFF), or nil when all of `bytes` is UTF-8.
    public static func firstInvalidByte<C: Collection>(in bytes: C) -> Int? where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF   // bounds of the second byte
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i - bytes.startIndex
            }
            for k in 1..<length {
                guard i + k < end else { return i - bytes.startIndex }
                let c = bytes[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
                guard c >= lo && c <= hi else { return i - bytes.startIndex }
            }
            i += length
        }
        return nil
    }
}
