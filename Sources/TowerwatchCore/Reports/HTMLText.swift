import TowerwatchText

/// Text made safe for the HTML report: the one sanitizer first, then entities.
///
/// A name or a note in the log is written by whoever could append to it, so a
/// guard called `<script>` must read as those eight characters and nothing
/// more. Everything from the log goes through `escape`, which
/// - passes the text through `Sanitizer` (escape sequences dropped, controls
///   made U+FFFD, bidirectional overrides and isolates dropped), so a page can
///   never read in another order than the log stores it;
/// - writes `&`, `<`, `>`, `"` and `'` as character references, so text can
///   neither open an element nor leave an attribute;
/// - replaces the two noncharacters U+FFFE and U+FFFF with U+FFFD: XML forbids
///   them, and the page must stay well-formed for an XML parser.
///
/// Only the five references XML knows are used (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`), never HTML's named ones such as `&nbsp;`.
public enum HTMLText {
    /// `text` sanitized and escaped for an element's content or an attribute's value.
    public static func escape(_ text: String) -> String {
        let clean = Sanitizer.sanitize(text)
        guard clean.unicodeScalars.contains(where: needsReference) else { return clean }
        var out = ""
        out.reserveCapacity(clean.utf8.count + 16)
        for scalar in clean.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{FFFE}", "\u{FFFF}": out.unicodeScalars.append(Sanitizer.replacement)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @inline(__always)
    private static func needsReference(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "&", "<", ">", "\"", "'", "\u{FFFE}", "\u{FFFF}": return true
        default: return false
        }
    }

    /// A number for an attribute or a coordinate: at most two decimals, no exponent,
    /// no trailing zeros (`12`, `12.5`, `0.25`), so that SVG stays short and exact to read.
    public static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite else { return "0" }
        let n = Int64(hundredths)
        let sign = n < 0 ? "-" : ""
        let whole = abs(n) / 100, frac = abs(n) % 100
        if frac == 0 { return sign + String(whole) }
        let digits = frac < 10 ? "0\(frac)" : "\(frac)"
        return sign + String(whole) + "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
    }
}
