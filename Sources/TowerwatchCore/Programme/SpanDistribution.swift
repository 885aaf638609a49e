/// Durations counted into fixed buckets, so that their median can be read in
/// memory bounded by the number of buckets, whatever the number of durations.
///
/// Buckets are a minute wide under two days (the 30-minute target and the
/// hours around it read to the minute), an hour wide from two days to a year
/// (the "3–4 days" before the programme read to the hour), and one bucket
/// holds everything longer. A duration counts as its bucket's lower edge: the
/// median is exact to the minute under two days, to the hour beyond.
public struct SpanDistribution: Hashable, Sendable, Codable {
    /// Count per bucket index; only buckets that hold a duration are stored.
    public private(set) var counts: [Int: Int] = [:]
    public private(set) var total = 0

    static let minuteBuckets = 2 * 24 * 60
    static let hourBuckets = 365 * 24 - 2 * 24
    /// The bucket of everything a year or longer.
    static let overflow = minuteBuckets + hourBuckets

    public init() {}

    public mutating func add(_ span: Span) {
        counts[SpanDistribution.bucket(of: span), default: 0] += 1
        total += 1
    }

    /// The median: the middle duration's bucket edge, or the mean of the two middle
    /// ones for an even count (rounded down to the millisecond); nil when empty.
    public var median: Span? {
        guard total > 0 else { return nil }
        let lower = (total - 1) / 2, upper = total / 2
        var a: Span?, b: Span?
        var seen = 0
        for index in counts.keys.sorted() {
            let n = counts[index] ?? 0
            if a == nil, lower < seen + n { a = SpanDistribution.edge(of: index) }
            if upper < seen + n { b = SpanDistribution.edge(of: index); break }
            seen += n
        }
        guard let a, let b else { return nil }
        return Span(millis: (a.millis + b.millis) / 2)
    }

    static func bucket(of span: Span) -> Int {
        let minutes = max(0, span.millis) / 60_000
        if minutes < Int64(minuteBuckets) { return Int(minutes) }
        let hours = minutes / 60
        return Int(min(Int64(overflow), Int64(minuteBuckets) + hours - Int64(minuteBuckets / 60)))
    }

    static func edge(of bucket: Int) -> Span {
        if bucket < minuteBuckets { return .minutes(Int64(bucket)) }
        return .hours(Int64(bucket - minuteBuckets + minuteBuckets / 60))
    }
}
