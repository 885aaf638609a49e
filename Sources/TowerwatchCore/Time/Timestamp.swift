/// A moment, in whole milliseconds since 1970-01-01T00:00:00Z (UTC).
///
/// The core never reads the wall clock: every moment it sees comes from an
/// event's record or from the clock a caller passes in.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millis: Int64

    @inlinable public init(millis: Int64) { self.millis = millis }
    @inlinable public init(seconds: Int64) { self.millis = seconds * 1000 }

    @inlinable public static func < (a: Timestamp, b: Timestamp) -> Bool { a.millis < b.millis }
    @inlinable public static func + (a: Timestamp, d: Span) -> Timestamp { Timestamp(millis: a.millis + d.millis) }
    @inlinable public static func - (a: Timestamp, d: Span) -> Timestamp { Timestamp(millis: a.millis - d.millis) }
    @inlinable public static func - (a: Timestamp, b: Timestamp) -> Span { Span(millis: a.millis - b.millis) }

    public var description: String { iso8601 }

    public init(from decoder: Decoder) throws { millis = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(millis) }
}

/// A length of time in milliseconds; negative when the end precedes the start.
public struct Span: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millis: Int64
    @inlinable public init(millis: Int64) { self.millis = millis }
    @inlinable public static func millis(_ ms: Int64) -> Span { Span(millis: ms) }
    @inlinable public static func seconds(_ s: Int64) -> Span { Span(millis: s * 1000) }
    @inlinable public static func minutes(_ m: Int64) -> Span { Span(millis: m * 60_000) }
    @inlinable public static func hours(_ h: Int64) -> Span { Span(millis: h * 3_600_000) }
    @inlinable public static func days(_ d: Int64) -> Span { Span(millis: d * 86_400_000) }
    @inlinable public static func < (a: Span, b: Span) -> Bool { a.millis < b.millis }
    @inlinable public static func + (a: Span, b: Span) -> Span { Span(millis: a.millis + b.millis) }
    @inlinable public static func * (a: Span, k: Int64) -> Span { Span(millis: a.millis * k) }
    public var seconds: Int64 { millis / 1000 }

    /// A short clock-style text: `42s`, `4m05s`, `1h02m`, `3d04h`.
    public var description: String { compact }
    public var compact: String {
        let negative = millis < 0
        let total = abs(millis) / 1000
        let text: String
        if total < 60 { text = "\(total)s" }
        else if total < 3600 { text = "\(total / 60)m" + pad2(total % 60) + "s" }
        else if total < 86_400 { text = "\(total / 3600)h" + pad2((total % 3600) / 60) + "m" }
        else { text = "\(total / 86_400)d" + pad2((total % 86_400) / 3600) + "h" }
        return negative ? "-" + text : text
    }

    public init(from decoder: Decoder) throws { millis = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(millis) }
}

@inline(__always) func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }

// MARK: - Calendar arithmetic (UTC, proleptic Gregorian), no Foundation

extension Timestamp {
    /// Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil).
    @inlinable static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days in a month of the proleptic Gregorian calendar: no 2023-02-29, no 2026-04-31.
    @inlinable static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(days z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        let d = Timestamp.days(year: Int64(year), month: Int64(month), day: Int64(day))
        millis = ((d * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
    }

    /// Broken-down UTC fields.
    public var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        var days = millis / 86_400_000
        var rest = millis % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let (y, m, d) = Timestamp.civil(days: days)
        return (Int(y), Int(m), Int(d), Int(rest / 3_600_000), Int(rest / 60_000 % 60), Int(rest / 1000 % 60), Int(rest % 1000))
    }

    /// `2026-11-29T08:15:00.250Z`: the fixed-width form used in the log.
    public var iso8601: String {
        let f = fields
        func p(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(f.year, 4))-\(p(f.month, 2))-\(p(f.day, 2))T\(p(f.hour, 2)):\(p(f.minute, 2)):\(p(f.second, 2)).\(p(f.millisecond, 3))Z"
    }

    /// `08:15:00`, the time of day in UTC.
    public var clockText: String {
        let f = fields
        return "\(pad2(Int64(f.hour))):\(pad2(Int64(f.minute))):\(pad2(Int64(f.second)))"
    }

    /// Parses the fixed-width log form from UTF-8 bytes without allocating.
    /// Accepts `YYYY-MM-DDTHH:MM:SS.mmmZ` only; returns nil for anything else.
    @inlinable public static func parseFixed(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count == 24, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 46, b[23] == 90 else { return nil }
        @inline(__always) func num(_ from: Int, _ n: Int) -> Int64? {
            var v: Int64 = 0
            for i in from..<(from + n) {
                let c = b[i] &- 48
                if c > 9 { return nil }
                v = v * 10 + Int64(c)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
              let mi = num(14, 2), let s = num(17, 2), let ms = num(20, 3),
              (1...12).contains(mo), d >= 1, d <= daysInMonth(y, mo), h < 24, mi < 60, s < 61 else { return nil }
        let days = Timestamp.days(year: y, month: mo, day: d)
        return Timestamp(millis: ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
    }

    /// Parses a user-typed time: the log form, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` (with `T` or a space, optional `Z`).
    public static func parse(_ text: String) -> Timestamp? {
        var s = Array(text.utf8)
        if s.count == 24 { return s.withUnsafeBufferPointer { parseFixed($0) } }
        if s.last == 90 { s.removeLast() }
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= s.count else { return nil }
            var v = 0
            for i in r { let c = Int(s[i]) - 48; guard (0...9).contains(c) else { return nil }; v = v * 10 + c }
            return v
        }
        guard s.count >= 10, s[4] == 45, s[7] == 45, let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              (1...12).contains(m), d >= 1, d <= Int(daysInMonth(Int64(y), Int64(m))) else { return nil }
        if s.count == 10 { return Timestamp(year: y, month: m, day: d) }
        guard s.count >= 16, s[10] == 84 || s[10] == 32, s[13] == 58, let h = num(11..<13), let mi = num(14..<16), h < 24, mi < 60 else { return nil }
        if s.count == 16 { return Timestamp(year: y, month: m, day: d, hour: h, minute: mi) }
        guard s.count == 19, s[16] == 58, let sec = num(17..<19), sec < 61 else { return nil }
        return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: sec)
    }
}
