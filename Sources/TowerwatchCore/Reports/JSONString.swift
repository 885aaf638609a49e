/// JSON string literals, written one way for every JSON towerwatch prints
/// (`log dump`'s records, the report's `--format json`).
///
/// Quotes and backslashes are escaped, and so is every character a reader
/// could trip on: C0 controls and DEL as `\u00XX` (tab, CR and LF by their
/// short forms), and U+2028 / U+2029, which end a line in JavaScript. Other
/// text, CJK included, is written as UTF-8.
public enum JSONString {
    /// Appends `text` as a JSON string literal, quotes included, to UTF-8 bytes.
    public static func append(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var bytes = text.utf8.makeIterator()
        while let b = bytes.next() {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20, 0x7F: appendEscape(UInt32(b), to: &out)
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9; any other E2 sequence passes as it is.
                guard let second = bytes.next() else { out.append(b); break }
                guard second == 0x80, let third = bytes.next() else { out.append(contentsOf: [b, second]); break }
                if third == 0xA8 || third == 0xA9 { appendEscape(0x2000 | UInt32(third - 0xA8 + 0x28), to: &out) }
                else { out.append(contentsOf: [b, second, third]) }
            default: out.append(b)
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
