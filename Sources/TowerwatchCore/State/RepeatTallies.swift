/// Who or where a run of hazards belongs to: the tenant responsible, or the
/// place (tower, floor, zone) whoever was responsible.
public enum RepeatSubject: Hashable, Sendable, Codable {
    case tenant(TenantID)
    case place(tower: TowerID, floor: String, zone: String)
}

/// A subject and a category: "fire-safety hazards at 湘味小厨".
public struct RepeatKey: Hashable, Sendable, Codable {
    public var subject: RepeatSubject
    public var category: HazardCategory
    public init(_ subject: RepeatSubject, _ category: HazardCategory) { self.subject = subject; self.category = category }
}

/// One day of one key: hazards reported that day, and those rectified (closed)
/// that day with the time each took from report to close.
public struct DayTally: Hashable, Sendable, Codable {
    /// Days since 1970-01-01, counted in UTC (see `RepeatTallies.day(of:)`).
    public var day: Int32
    public var reported: Int32 = 0
    public var rectified: Int32 = 0
    /// The sum and the longest of the times to rectify, in seconds.
    public var rectifySeconds: Int64 = 0
    public var longestRectifySeconds: Int64 = 0

    public init(day: Int32) { self.day = day }
}

/// What the repeat-offender view counts, kept by the fold so it works live and
/// in replay without rereading the log: per tenant or place, per category, per
/// day, only the last `keptDays` days. Memory grows with the places and tenants
/// that have had hazards, never with the number of hazards: a hazard archived a
/// day after its close still counts here for its 90 days.
///
/// Drill hazards never count: an exercise is no offence.
public struct RepeatTallies: Hashable, Sendable, Codable {
    /// Each key's days, oldest first, none older than `keptDays` before its newest.
    public var days: [RepeatKey: [DayTally]] = [:]

    /// The longest window the view offers; older days are dropped.
    public static let keptDays = 90
    /// The window a new hazard's "3rd at this tenant" counts over.
    public static let recentDays = 30
    /// The windows the view and the report offer.
    public static let windows = [7, 30, 90]

    public init() {}

    /// The day `t` falls on, counted in UTC days since 1970 (a window of N days
    /// is the N UTC days up to and including the one of its end).
    @inline(__always)
    public static func day(of t: Timestamp) -> Int32 {
        let d = t.millis >= 0 ? t.millis / 86_400_000 : (t.millis - 86_399_999) / 86_400_000
        return Int32(truncatingIfNeeded: d)
    }

    /// Counts a hazard reported at `t`; returns how many the key now has in the
    /// `recentDays` days up to `t`, this one included.
    @discardableResult
    mutating func countReport(_ key: RepeatKey, at t: Timestamp) -> Int {
        let day = Self.day(of: t)
        update(key, day: day) { $0.reported += 1 }
        return reported(key, days: Self.recentDays, endingOn: day)
    }

    /// Counts a hazard rectified at `t` after `took` from its report.
    mutating func countRectified(_ key: RepeatKey, at t: Timestamp, took: Span) {
        let seconds = max(0, took.seconds)
        update(key, day: Self.day(of: t)) { d in
            d.rectified += 1
            d.rectifySeconds += seconds
            d.longestRectifySeconds = max(d.longestRectifySeconds, seconds)
        }
    }

    /// Hazards reported for `key` in the `days` days ending on `day`.
    public func reported(_ key: RepeatKey, days: Int, endingOn day: Int32) -> Int {
        guard let list = self.days[key] else { return 0 }
        var n = 0
        let first = day - Int32(days) + 1
        for d in list.reversed() {
            if d.day < first { break }
            if d.day <= day { n += Int(d.reported) }
        }
        return n
    }

    /// Changes the tally of `day` for `key`, adding it in order and dropping
    /// days that fell out of `keptDays`. Records arrive in time order, so the
    /// day is nearly always the last one: no search, no shift.
    @inline(__always)
    private mutating func update(_ key: RepeatKey, day: Int32, _ change: (inout DayTally) -> Void) {
        days[key, default: []].withTallies(day: day, keep: Int32(Self.keptDays), change)
    }
}

extension Array where Element == DayTally {
    @inline(__always)
    fileprivate mutating func withTallies(day: Int32, keep: Int32, _ change: (inout DayTally) -> Void) {
        if let last = indices.last, self[last].day == day {
            change(&self[last])
            return
        }
        // A day before the last (a log whose clock went back): find or insert it in order.
        var i = endIndex
        while i > startIndex && self[i - 1].day > day { i -= 1 }
        if i > startIndex && self[i - 1].day == day {
            change(&self[i - 1])
            return
        }
        var tally = DayTally(day: day)
        change(&tally)
        insert(tally, at: i)
        // Drop what the newest day no longer keeps.
        if let newest = last?.day, let first = first?.day, first <= newest - keep {
            removeAll { $0.day <= newest - keep }
        }
    }
}
