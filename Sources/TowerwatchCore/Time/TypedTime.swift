/// Times people type (`--from`, `--to`, `--at`, replay's `g`), read in the
/// district's zone unless they name their own.
///
/// Accepted forms, each optionally followed by `Z` or an offset (`+08:00`,
/// `+0800`, `+08`), which then rules instead of the district's zone:
/// - `2026-11-29` (local midnight), `2026-11-29T14:15`, `2026-11-29 14:15:30`,
///   `2026-11-29T14:15:30.250`, and the log's own `2026-11-29T06:15:30.250Z`;
/// - `14:15` or `14:15:30` alone, on a given day (the day being replayed) only.
public enum TypedTime {
    /// Why a typed time was refused, with the range it had to fall in.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        public var text: String
        public var unreadable: Bool
        public var range: String
        public var description: String {
            unreadable
                ? "not a time: \(text) (try 14:30, 2026-11-29 14:30 or 2026-11-29T14:30+08:00); the log runs \(range)"
                : "\(text) is outside the log: it runs \(range)"
        }
    }

    /// The moment `text` names, or nil when it cannot be read. A time without a
    /// date falls on the local day of `day`; without `day` it is refused.
    public static func parse(_ text: String, in time: LocalTimeText, day: Timestamp? = nil) -> Timestamp? {
        var s = Array(text.utf8)
        while s.first == 32 { s.removeFirst() }
        while s.last == 32 { s.removeLast() }
        guard !s.isEmpty else { return nil }

        // The date, if any: YYYY-MM-DD, then a `T` or a space before the time.
        var date: (year: Int, month: Int, day: Int)?
        var rest = s[...]
        if s.count >= 10, s[4] == 45, s[7] == 45 {
            guard let y = number(s[0..<4]), let m = number(s[5..<7]), let d = number(s[8..<10]),
                  (1...12).contains(m), d >= 1, d <= Int(Timestamp.daysInMonth(Int64(y), Int64(m))) else { return nil }
            date = (y, m, d)
            rest = s[10...]
            if let first = rest.first {
                if first == 84 || first == 32 { rest = rest.dropFirst() }         // `T` or a space
                else if first != 90 && first != 122 { return nil }              // only `Z` may follow a bare date
            }
        }

        // The time of day, if any: HH:MM[:SS[.fff]].
        var clock = (hour: 0, minute: 0, second: 0, milli: 0)
        if let first = rest.first, (48...57).contains(first) {
            let r = Array(rest)
            guard r.count >= 5, r[2] == 58, let h = number(r[0..<2]), let mi = number(r[3..<5]), h < 24, mi < 60 else { return nil }
            clock.hour = h; clock.minute = mi
            var i = 5
            if i < r.count, r[i] == 58 {
                guard r.count >= i + 3, let sec = number(r[(i + 1)..<(i + 3)]), sec < 61 else { return nil }
                clock.second = sec
                i += 3
                if i < r.count, r[i] == 46 {
                    guard r.count >= i + 4, let ms = number(r[(i + 1)..<(i + 4)]) else { return nil }
                    clock.milli = ms
                    i += 4
                }
            }
            rest = r[i...]
        } else if date == nil {
            return nil
        } else if !rest.isEmpty, rest.first != 90, rest.first != 122 {
            return nil
        }
        while rest.first == 32 { rest = rest.dropFirst() }

        // The zone the reading is in: its own, or the district's.
        var ownOffset: Int?
        if !rest.isEmpty {
            guard let offset = offsetSeconds(Array(rest)) else { return nil }
            ownOffset = offset
        }

        let civil: (year: Int, month: Int, day: Int)
        if let date {
            civil = date
        } else {
            guard let day else { return nil }
            let f = time.fields(day)
            civil = (f.year, f.month, f.day)
        }
        let localMillis = Timestamp(year: civil.year, month: civil.month, day: civil.day, hour: clock.hour,
                                    minute: clock.minute, second: clock.second, millisecond: clock.milli).millis
        if let ownOffset { return Timestamp(millis: localMillis - Int64(ownOffset) * 1000) }
        return time.zone.moment(localMillis: localMillis)
    }

    /// Reads `text` and checks it lies within `range` (the log's records, or the
    /// replay's window); a refusal names the range in local time.
    public static func resolve(_ text: String, in time: LocalTimeText, day: Timestamp? = nil,
                               within range: ClosedRange<Timestamp>) -> Result<Timestamp, Refusal> {
        let rangeText = time.range(range.lowerBound, range.upperBound)
        guard let t = parse(text, in: time, day: day) else {
            return .failure(Refusal(text: text, unreadable: true, range: rangeText))
        }
        guard range.contains(t) else {
            return .failure(Refusal(text: text + " (" + time.dateTime(t) + ")", unreadable: false, range: rangeText))
        }
        return .success(t)
    }

    // MARK: - Pieces

    /// `Z`, `+08:00`, `+0800` or `+08` as seconds east of UTC.
    static func offsetSeconds(_ b: [UInt8]) -> Int? {
        if b == [90] || b == [122] { return 0 }
        guard b.count == 3 || b.count == 5 || b.count == 6, b[0] == 43 || b[0] == 45 else { return nil }
        let sign = b[0] == 45 ? -1 : 1
        guard let h = number(b[1..<3]), h <= 14 else { return nil }
        var m = 0
        if b.count == 5 { guard let v = number(b[3..<5]) else { return nil }; m = v }
        if b.count == 6 { guard b[3] == 58, let v = number(b[4..<6]) else { return nil }; m = v }
        guard m < 60 else { return nil }
        return sign * (h * 3600 + m * 60)
    }

    /// ASCII digits as a number; nil for anything else.
    static func number<C: Collection>(_ digits: C) -> Int? where C.Element == UInt8 {
        guard !digits.isEmpty else { return nil }
        var v = 0
        for c in digits {
            guard (48...57).contains(c) else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }
}
