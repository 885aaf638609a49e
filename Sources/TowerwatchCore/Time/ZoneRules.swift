/// A time zone's offsets from UTC over time: what the district's clocks read
/// at any moment the log holds.
///
/// The core never asks the system which zone it is in nor what a zone's rules
/// are: a layer that may use Foundation builds this value from the zone's name
/// (`Asia/Shanghai`) and passes it in, as it passes the clock. The log itself
/// stays in UTC; only what people read and type is local.
public struct ZoneRules: Hashable, Sendable {
    /// From `at` on, local time is UTC plus `offset` seconds (until the next change).
    public struct Change: Hashable, Sendable {
        public var at: Timestamp
        public var offset: Int
        public init(at: Timestamp, offset: Int) { self.at = at; self.offset = offset }
    }

    /// The zone's name, as the district records it (`Asia/Shanghai`, `UTC`).
    public let identifier: String
    /// Seconds east of UTC before the first change.
    public let initialOffset: Int
    /// Offset changes (daylight saving, a country moving its clocks), oldest first.
    public let changes: [Change]

    public init(identifier: String, initialOffset: Int, changes: [Change] = []) {
        self.identifier = identifier
        self.initialOffset = initialOffset
        self.changes = changes.sorted { $0.at < $1.at }
    }

    /// A zone whose clocks never change: `+08:00` all year, as Asia/Shanghai keeps.
    public static func fixed(_ identifier: String, offsetSeconds: Int) -> ZoneRules {
        ZoneRules(identifier: identifier, initialOffset: offsetSeconds)
    }

    public static let utc = ZoneRules.fixed("UTC", offsetSeconds: 0)

    /// Seconds east of UTC at the moment `t`.
    public func offset(at t: Timestamp) -> Int {
        // The last change at or before t: binary search, changes are few and sorted.
        var low = 0, high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid].at <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : changes[low - 1].offset
    }

    /// The moment a local wall-clock reading names, the reading given as
    /// milliseconds since 1970-01-01T00:00 local.
    ///
    /// A reading that happens twice (clocks set back) is the first of the two;
    /// one that never happens (clocks set forward past it) is read with the
    /// offset before the change, so it lands just after the change.
    public func moment(localMillis: Int64) -> Timestamp {
        var candidates = [initialOffset]
        for c in changes where !candidates.contains(c.offset) { candidates.append(c.offset) }
        var found: Timestamp?
        for offset in candidates {
            let t = Timestamp(millis: localMillis - Int64(offset) * 1000)
            if self.offset(at: t) == offset, found.map({ t < $0 }) ?? true { found = t }
        }
        if let found { return found }
        // In a gap: read it with the offset in force just before the gap.
        let guess = Timestamp(millis: localMillis - Int64(initialOffset) * 1000)
        let before = offset(at: guess - .hours(26))
        return Timestamp(millis: localMillis - Int64(before) * 1000)
    }
}
