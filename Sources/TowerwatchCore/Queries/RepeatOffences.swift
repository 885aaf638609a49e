/// A tenant or a place with repeated hazards of one category within a window:
/// how many, how many were rectified in it, and how long rectifying took.
public struct RepeatOffence: Hashable, Sendable {
    public var key: RepeatKey
    /// Hazards reported in the window.
    public var hazards: Int
    /// Hazards rectified (closed) in the window, and their times to rectify.
    public var rectified: Int
    public var meanRectify: Span?
    public var longestRectify: Span?

    public init(key: RepeatKey, hazards: Int, rectified: Int, meanRectify: Span?, longestRectify: Span?) {
        self.key = key; self.hazards = hazards; self.rectified = rectified; self.meanRectify = meanRectify; self.longestRectify = longestRectify
    }
}

extension DistrictState {
    /// Tenants and places with at least `minimum` live hazards of one category in
    /// the `days` days up to the day of `now` (UTC days, see `RepeatTallies.day(of:)`),
    /// most hazards first, then tenants before places, then by id: a pure
    /// query over the tallies the fold keeps, so it reads the same live and in replay.
    public func repeatOffences(days: Int, endingAt now: Timestamp, minimum: Int = 2) -> [RepeatOffence] {
        let last = RepeatTallies.day(of: now)
        let first = last - Int32(days) + 1
        var found: [RepeatOffence] = []
        for (key, list) in repeats.days {
            guard let newest = list.last, newest.day >= first else { continue }
            var reported = 0, rectified = 0, seconds: Int64 = 0, longest: Int64 = 0
            for d in list.reversed() {
                if d.day < first { break }
                guard d.day <= last else { continue }
                reported += Int(d.reported)
                rectified += Int(d.rectified)
                seconds += d.rectifySeconds
                longest = max(longest, d.longestRectifySeconds)
            }
            guard reported >= minimum else { continue }
            found.append(RepeatOffence(key: key, hazards: reported, rectified: rectified,
                                       meanRectify: rectified > 0 ? .seconds(seconds / Int64(rectified)) : nil,
                                       longestRectify: rectified > 0 ? .seconds(longest) : nil))
        }
        return found.sorted { a, b in
            if a.hazards != b.hazards { return a.hazards > b.hazards }
            return a.key.sortText < b.key.sortText
        }
    }

    /// Live hazards of `category` for `subject` in the `days` days up to the day of `now`.
    public func repeatCount(_ subject: RepeatSubject, _ category: HazardCategory, days: Int, endingAt now: Timestamp) -> Int {
        repeats.reported(RepeatKey(subject, category), days: days, endingOn: RepeatTallies.day(of: now))
    }

    /// Who or where a subject is, in words: the tenant's name and floor, or the place.
    public func describe(_ subject: RepeatSubject) -> String {
        switch subject {
        case .tenant(let id):
            guard let t = tenants[id] else { return id.raw }
            return "\(t.name) (\(towerLabel(t.tower)) \(Tower.floorLabel(t.floor)))"
        case let .place(tower, floor, zone):
            return "\(towerLabel(tower)) \(floor) \(zone)"
        }
    }
}

extension RepeatKey {
    /// Tenants first, then places; by id, then by category.
    var sortText: String {
        switch subject {
        case .tenant(let t): "0 \(t.raw) \(category.rawValue)"
        case let .place(tower, floor, zone): "1 \(tower.raw) \(floor) \(zone) \(category.rawValue)"
        }
    }
}

/// "1st", "2nd", "3rd", "11th", "22nd": for "the 3rd fire-safety hazard at this tenant".
public func ordinal(_ n: Int) -> String {
    let tens = (n / 10) % 10, ones = n % 10
    let suffix = tens == 1 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th"
    return "\(n)\(suffix)"
}
