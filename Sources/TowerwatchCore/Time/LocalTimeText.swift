/// The one way every screen and report writes a moment: local time in the
/// district's zone, with the zone's offset beside it (`14:15:02 +08:00`), and
/// the date whenever a day boundary could leave the reader unsure which day.
///
/// The convention is the numeric offset, never an abbreviation: `CST` names
/// three different zones, and the system gives most zones none (`GMT+8`). The
/// offset reads the same on every machine and can be typed back as it is
/// (`2026-11-29T14:15+08:00`).
///
/// Pure: the zone's rules come in as a value (see `ZoneRules`).
public struct LocalTimeText: Hashable, Sendable {
    public let zone: ZoneRules

    public init(zone: ZoneRules) { self.zone = zone }

    /// UTC: what a log without a recorded zone reads in tests and tools.
    public static let utc = LocalTimeText(zone: .utc)

    /// A moment's local calendar and clock fields, and the offset they are read with.
    public struct Fields: Hashable, Sendable {
        public var year, month, day, hour, minute, second, millisecond: Int
        /// Seconds east of UTC.
        public var offset: Int
    }

    public func fields(_ t: Timestamp) -> Fields {
        let offset = zone.offset(at: t)
        let f = Timestamp(millis: t.millis + Int64(offset) * 1000).fields
        return Fields(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second,
                      millisecond: f.millisecond, offset: offset)
    }

    // MARK: - Pieces

    /// `+08:00`, `-04:00`, `+00:00`: the zone's offset at `t`.
    public func zoneLabel(_ t: Timestamp) -> String { Self.offsetText(zone.offset(at: t)) }

    /// `14:15:02`: the local time of day.
    public func clock(_ t: Timestamp) -> String {
        let f = fields(t)
        return "\(p2(f.hour)):\(p2(f.minute)):\(p2(f.second))"
    }

    /// `14:15`: the local time of day to the minute.
    public func clockMinutes(_ t: Timestamp) -> String {
        let f = fields(t)
        return "\(p2(f.hour)):\(p2(f.minute))"
    }

    /// `2026-11-29`: the local date.
    public func date(_ t: Timestamp) -> String {
        let f = fields(t)
        return "\(p4(f.year))-\(p2(f.month))-\(p2(f.day))"
    }

    // MARK: - Whole readings

    /// `14:15:02 +08:00`: a clock that says which zone it reads.
    public func clockWithZone(_ t: Timestamp) -> String { clock(t) + " " + zoneLabel(t) }

    /// `2026-11-29 14:15:02 +08:00`.
    public func dateTime(_ t: Timestamp) -> String { date(t) + " " + clockWithZone(t) }

    /// `2026-11-29T14:15:02.250+08:00`: the full moment for machines (csv, json), local with its offset.
    public func iso8601(_ t: Timestamp) -> String {
        let f = fields(t)
        return "\(p4(f.year))-\(p2(f.month))-\(p2(f.day))T\(p2(f.hour)):\(p2(f.minute)):\(p2(f.second)).\(p3(f.millisecond))"
            + Self.offsetText(f.offset)
    }

    /// The time of day when `t` falls on the same local day as `reference`,
    /// else `11-28 23:59:10`: a feed row from before midnight says so.
    public func clock(_ t: Timestamp, sameDayAs reference: Timestamp) -> String {
        if sameDay(t, reference) { return clock(t) }
        let f = fields(t)
        let year = fields(reference).year == f.year ? "" : "\(p4(f.year))-"
        return "\(year)\(p2(f.month))-\(p2(f.day)) \(clock(t))"
    }

    /// The ends of a stretch of time with the zone once: `2026-11-29 08:00:00–16:00:00 +08:00`
    /// on one local day, `2026-11-28 23:00:00 – 2026-11-29 01:00:00 +08:00` across days.
    /// `compact` (a timeline's ends) leaves out the year and the seconds: `11-28 23:00 – 11-29 01:00 +08:00`.
    public func range(_ from: Timestamp, _ to: Timestamp, compact: Bool = false) -> String {
        let zoneText = zoneLabel(from) == zoneLabel(to) ? " " + zoneLabel(to) : ""
        func day(_ t: Timestamp) -> String { compact ? String(date(t).dropFirst(5)) : date(t) }
        func time(_ t: Timestamp) -> String { compact ? clockMinutes(t) : clock(t) }
        func end(_ t: Timestamp) -> String { day(t) + " " + time(t) + (zoneText.isEmpty ? " " + zoneLabel(t) : "") }
        if sameDay(from, to), !zoneText.isEmpty { return day(from) + " " + time(from) + "–" + time(to) + zoneText }
        return end(from) + " – " + end(to) + zoneText
    }

    // MARK: - Days

    /// Whether two moments fall on the same local calendar day.
    public func sameDay(_ a: Timestamp, _ b: Timestamp) -> Bool { dayNumber(a) == dayNumber(b) }

    /// Local midnight at the start of `t`'s local day.
    public func startOfDay(_ t: Timestamp) -> Timestamp {
        zone.moment(localMillis: dayNumber(t) * 86_400_000)
    }

    /// Days since 1970-01-01 of `t`'s local date.
    func dayNumber(_ t: Timestamp) -> Int64 {
        let local = t.millis + Int64(zone.offset(at: t)) * 1000
        return local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
    }

    // MARK: - Text

    /// `+08:00` for 28800 seconds; `-03:30` for -12600.
    public static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + p2(minutes / 60) + ":" + p2(minutes % 60)
    }
}

@inline(__always) private func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@inline(__always) private func p3(_ v: Int) -> String { v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)" }
private func p4(_ v: Int) -> String { let s = String(v); return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s }
