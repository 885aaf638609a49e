/// Medians, worst cases and the histogram of an after-action report.
///
/// Every figure works on whole milliseconds, so a test can compute it by hand.
public enum ReportStatistics {
    /// The median of `spans`: the middle value, or for an even count the mean of
    /// the two middle values rounded down to the millisecond. Nil when empty.
    public static func median(_ spans: [Span]) -> Span? {
        guard !spans.isEmpty else { return nil }
        let sorted = spans.map(\.millis).sorted()
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return Span(millis: sorted[mid]) }
        let sum = sorted[mid - 1] + sorted[mid]
        return Span(millis: sum >= 0 ? sum / 2 : (sum - 1) / 2)
    }

    /// The largest of `spans`, or nil when empty.
    public static func worst(_ spans: [Span]) -> Span? { spans.max() }
}

/// Times counted in equal buckets: `[0, width)`, `[width, 2·width)`, ... and one
/// last open bucket for everything at or beyond `width × (count − 1)`.
public struct ReportHistogram: Hashable, Sendable {
    public var bucketWidth: Span
    /// How many values fell in each bucket; the last bucket is open-ended.
    public var counts: [Int]

    /// The eight block characters of a sparkline, lowest first.
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(bucketWidth: Span, buckets: Int) {
        precondition(buckets >= 2 && bucketWidth.millis > 0)
        self.bucketWidth = bucketWidth
        counts = Array(repeating: 0, count: buckets)
    }

    public init(_ values: [Span], bucketWidth: Span, buckets: Int) {
        self.init(bucketWidth: bucketWidth, buckets: buckets)
        for v in values { add(v) }
    }

    /// Which bucket a value falls in (negative values count in the first).
    public func bucket(of value: Span) -> Int {
        min(counts.count - 1, max(0, Int(value.millis / bucketWidth.millis)))
    }

    public mutating func add(_ value: Span) { counts[bucket(of: value)] += 1 }

    public var total: Int { counts.reduce(0, +) }

    /// One character per bucket: a space for an empty bucket, otherwise the block
    /// `ceil(8 × count / largest count)` (so the fullest bucket is `█` and any
    /// non-empty bucket shows at least `▁`).
    public var sparkline: String {
        let top = counts.max() ?? 0
        guard top > 0 else { return String(repeating: " ", count: counts.count) }
        return String(counts.map { n -> Character in
            n == 0 ? " " : ReportHistogram.blocks[(8 * n + top - 1) / top - 1]
        })
    }

    /// A label for bucket `i`: `0-1m`, `4-5m`, `10m+` (minute-wide buckets), or in seconds otherwise.
    public func label(of i: Int) -> String {
        let wholeMinutes = bucketWidth.millis % 60_000 == 0
        func text(_ k: Int) -> String {
            let m = bucketWidth.millis * Int64(k)
            return wholeMinutes ? "\(m / 60_000)m" : "\(m / 1000)s"
        }
        if i == counts.count - 1 { return text(i) + "+" }
        let from = text(i), to = text(i + 1)
        return String(from.dropLast()) + "-" + to
    }
}
