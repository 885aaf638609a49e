/// The form of an operating-system account name the roster accepts: a portable
/// Unix login name (letters, digits, `.`, `_`, `-`; at most 32 bytes; not
/// starting with `-`). Anything else could not be a login, and could smuggle
/// separators into a log line or a sentence.
public enum AccountName {
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 32, bytes[0] != 0x2D else { return false }
        return bytes.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x5F || b == 0x2D
        }
    }
}
