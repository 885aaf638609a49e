/// Turns untrusted text (log records, guard names, free-text notes, feed lines,
/// command-line arguments) into text that is safe to hand to a terminal.
///
/// The one sanitizer for every output: the full-screen consoles draw through it,
/// and the command line prints every message and line through it (and escapes
/// the same characters in the JSON it prints). It lives in the core, which has
/// no I/O, so that the log, the command line and the UI share it.
///
/// This is a security rule, not cosmetics: a log line containing
/// `ESC ] 52 ; …` could write the officer's clipboard, `ESC [ 2 J` could wipe
/// the screen, and a bare carriage return could overwrite a column with
/// forged content. Nothing read from the log reaches the terminal raw.
///
/// What it does:
/// - whole escape sequences are dropped: CSI (`ESC [` or C1 `0x9B`), OSC
///   (`ESC ]`/`0x9D`, ended by BEL or ST), DCS/SOS/PM/APC strings (ended by
///   ST), and two- or three-byte escapes such as `ESC c` or `ESC ( B`;
///   an unterminated string sequence swallows the rest of the text, because
///   there is no way to know where the attacker meant it to end;
/// - tab, newline, carriage return and the Unicode line and paragraph
///   separators become a space, so a record stays on one row;
/// - every other C0 control, DEL and C1 control becomes U+FFFD, so the
///   reader sees that something was there;
/// - bidirectional overrides and isolates are dropped, so text cannot be
///   made to read in a different order than it is stored ("Trojan Source").
public enum Sanitizer {
    /// The visible stand-in for a control character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Returns `text` with escape sequences removed and controls made visible.
    public static func sanitize(_ text: String) -> String {
        if isAlreadySafe(text) { return text }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            switch v {
            case 0x1B:
                i = skipEscape(scalars, from: i)
                continue
            case 0x9B:  // C1 CSI
                i = skipControlSequence(scalars, from: i + 1)
                continue
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // C1 DCS, SOS, OSC, PM, APC
                i = skipString(scalars, from: i + 1)
                continue
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                output.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                output.append(replacement)
            case 0x202A...0x202E, 0x2066...0x2069:
                break  // bidi embedding, override and isolate controls
            default:
                output.append(scalars[i])
            }
            i += 1
        }
        return String(output)
    }

    /// Returns `text` sanitized line by line: its line ends (`\n`, or `\r\n` as
    /// CSV writes them) stay line breaks, so a message of several lines stays
    /// several lines; everything else as `sanitize`.
    public static func sanitizeLines(_ text: String) -> String {
        if isAlreadySafe(text) { return text }
        // Split on the scalar: "\r\n" is one Character, and must still end a line.
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let crlf = line.last == "\r"
            return sanitize(String(String.UnicodeScalarView(crlf ? line.dropLast() : line[...]))) + (crlf ? "\r" : "")
        }.joined(separator: "\n")
    }

    /// Whether JSON output must write `scalar` as a `\uXXXX` escape rather than raw:
    /// C0 and C1 controls, DEL, the line and paragraph separators and the
    /// bidirectional controls. Escaped, they reach a program reading the JSON
    /// unchanged, and never a terminal showing it.
    @inline(__always)
    public static func mustEscapeInJSON(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Appends `scalar` to `out` as a JSON `\uXXXX` escape.
    public static func appendJSONEscape(_ scalar: Unicode.Scalar, to out: inout String) {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    // MARK: - Escape sequence parsing

    private static func isAlreadySafe(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x2028...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) {
                return false
            }
        }
        return true
    }

    /// Skips an escape sequence starting at the ESC at `start`; returns the
    /// index just past it.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        switch s[next].value {
        case 0x5B:  // '[' CSI
            return skipControlSequence(s, from: next + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ']' OSC, 'P' DCS, 'X' SOS, '^' PM, '_' APC
            return skipString(s, from: next + 1)
        default:
            // nF escapes: intermediates 0x20-0x2F, then one final byte.
            var i = next
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        }
    }

    /// Skips CSI parameters, intermediates and the final byte.
    private static func skipControlSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if (0x40...0x7E).contains(v) { return i + 1 }  // final byte
            if (0x20...0x3F).contains(v) {
                i += 1
                continue
            }
            // Anything else breaks the sequence; stop before it so it is
            // judged on its own (a control becomes U+FFFD, text stays).
            return i
        }
        return i
    }

    /// Skips a string sequence up to and including its terminator: BEL, ST
    /// (`ESC \`) or C1 ST (0x9C).
    private static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            switch s[i].value {
            case 0x07, 0x9C:
                return i + 1
            case 0x1B:
                if i + 1 < s.count, s[i + 1].value == 0x5C { return i + 2 }
                return i + 1 // a new escape aborts the string; drop the ESC too
            default:
                i += 1
            }
        }
        return i
    }
}

extension String {
    /// This text with escape sequences removed and controls made visible;
    /// see ``Sanitizer``.
    public var sanitizedForTerminal: String { Sanitizer.sanitize(self) }
}
