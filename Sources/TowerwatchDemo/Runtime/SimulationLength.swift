import TowerwatchCore

/// Lengths of time as a person types them for `--duration` and `--history`.
public enum SimulationLength {
    /// `90s`, `15m`, `2h`, `30d`, `2w`, `1y` (365 days), or a bare number of seconds; nil otherwise.
    public static func parse(_ text: String) -> Span? {
        let t = text.trimmingSpaces
        guard let last = t.last else { return nil }
        let unit: Int64
        var digits = Substring(t)
        switch last {
        case "s": unit = 1_000; digits = digits.dropLast()
        case "m": unit = 60_000; digits = digits.dropLast()
        case "h": unit = 3_600_000; digits = digits.dropLast()
        case "d": unit = 86_400_000; digits = digits.dropLast()
        case "w": unit = 7 * 86_400_000; digits = digits.dropLast()
        case "y": unit = 365 * 86_400_000; digits = digits.dropLast()
        default: unit = 1_000
        }
        guard let n = Int64(digits), n > 0, n <= Int64.max / unit else { return nil }
        return Span(millis: n * unit)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
