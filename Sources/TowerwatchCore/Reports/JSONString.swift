import TowerwatchText
/// JSON string literals, written one way for every JSON towerwatch prints
/// (`log dump`'s records, the report's `--format json`).
///
/// Quotes and backslashes are escaped, and so is every character a reader or a
/// terminal could trip on (`Sanitizer.mustEscapeInJSON`): C0 and C1 controls and
/// DEL as `\u00XX` (tab, CR and LF by their short forms), U+2028 / U+2029, which
/// end a line in JavaScript, and the bidirectional controls (U+202A-U+202E,
/// U+2066-U+2069). Other text, CJK included, is written as UTF-8.
public enum JSONString {
    /// Appends `text` as a JSON string literal, quotes included, to UTF-8 bytes.
    public static func append(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Plain ASCII text (most fields) is copied byte by byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out.append(contentsOf: text.utf8)
            out.append(0x22)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case _ where Sanitizer.mustEscapeInJSON(scalar): appendEscape(scalar.value, to: &out)
            default: out.append(contentsOf: String(scalar).utf8)
            }
        }
        out.append(0x22)
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `\uXXXX` for a code point below U+10000.
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, 0x75])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 15)]) }
    }
}
