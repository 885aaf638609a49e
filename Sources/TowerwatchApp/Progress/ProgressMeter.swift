/// How far a long piece of work has got and what that says about the rest: the
/// share done, the rate, the time left, in words a person reads at a glance.
///
/// A pure value: the caller hands in the moments (milliseconds on a monotonic
/// clock), so tests move time by hand. The rate is the average since the start,
/// which a read of a file keeps steady; the time left is what remains at that rate.
public struct ProgressMeter: Sendable, Hashable {
    /// The size of the whole work in bytes (nil: unknown, as for a database).
    public let totalBytes: Int?
    /// Where the work started, in bytes (a console replaying after a snapshot starts there).
    public let startOffset: Int
    /// When it started (milliseconds).
    public let startMillis: Int
    public private(set) var offset: Int
    public private(set) var records = 0
    public private(set) var nowMillis: Int

    public init(totalBytes: Int?, startOffset: Int = 0, startMillis: Int) {
        self.totalBytes = totalBytes
        self.startOffset = startOffset
        self.startMillis = startMillis
        offset = startOffset
        nowMillis = startMillis
    }

    /// The work has reached byte `offset` after `records` records, at `millis`.
    public mutating func update(records: Int, offset: Int, at millis: Int) {
        self.records = records
        self.offset = offset
        nowMillis = max(nowMillis, millis)
    }

    public var elapsedSeconds: Double { Double(nowMillis - startMillis) / 1000 }
    public var bytesDone: Int { max(0, offset - startOffset) }

    /// The share done, 0...1 (nil when the total is unknown).
    public var fraction: Double? {
        guard let totalBytes else { return nil }
        let work = totalBytes - startOffset
        guard work > 0 else { return 1 }
        return min(1, max(0, Double(bytesDone) / Double(work)))
    }

    /// Whole percent done, never 100 before the end.
    public var percent: Int? { fraction.map { $0 >= 1 ? 100 : min(99, Int($0 * 100)) } }

    /// Bytes a second so far (nil before a tenth of a second has passed: too soon to say).
    public var bytesPerSecond: Double? {
        guard elapsedSeconds >= 0.1 else { return nil }
        return Double(bytesDone) / elapsedSeconds
    }

    /// Records a second so far.
    public var recordsPerSecond: Double? {
        guard elapsedSeconds >= 0.1 else { return nil }
        return Double(records) / elapsedSeconds
    }

    /// Seconds left at the rate so far (nil when it cannot be told yet).
    public var secondsLeft: Double? {
        guard let totalBytes, let rate = bytesPerSecond, rate > 0, bytesDone > 0 else { return nil }
        return Double(max(0, totalBytes - offset)) / rate
    }

    /// The figures, most telling first: `620 MB of 1.5 GB · 2.1M records · 180 MB/s · 3 s left`
    /// (`2.1M records · 310k records/s` when the size is unknown).
    public var details: [String] {
        // Without a size (a database) offsets are not bytes: records tell the story.
        guard let totalBytes else {
            var parts = ["\(ProgressText.count(records)) records"]
            if let rate = recordsPerSecond { parts.append("\(ProgressText.count(Int(rate))) records/s") }
            return parts
        }
        var parts = ["\(ProgressText.bytes(bytesDone)) of \(ProgressText.bytes(max(0, totalBytes - startOffset)))"]
        parts.append("\(ProgressText.count(records)) records")
        if let rate = bytesPerSecond { parts.append("\(ProgressText.bytes(Int(rate)))/s") }
        if let left = secondsLeft { parts.append("\(ProgressText.duration(left)) left") }
        return parts
    }

    /// One line for standard error: `reading the log ████░░░░ 41% · 620 MB of 1.5 GB · …`,
    /// at most `width` cells (the bar goes first, then figures from the end).
    public func line(label: String, width: Int = 100) -> String {
        var head = label
        if let fraction, let percent {
            head += " " + ProgressText.bar(fraction, cells: 12) + " \(percent)%"
        }
        var parts = details
        while true {
            let line = ([head] + parts).joined(separator: " · ")
            if line.count <= width || parts.isEmpty { return String(line.prefix(max(0, width))) }
            if head.contains("█") || head.contains("░"), let percent {
                head = label + " \(percent)%"
            } else {
                parts.removeLast()
            }
        }
    }
}

/// Numbers as a progress line writes them: short, with units people know.
public enum ProgressText {
    /// `512 B`, `16 KB`, `620 MB`, `1.5 GB` (powers of 1024, one decimal under ten).
    public static func bytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(max(0, n))
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(value)) B" }
        return "\(oneDecimalUnderTen(value)) \(units[unit])"
    }

    /// `950`, `12.5k`, `310k`, `2.1M`.
    public static func count(_ n: Int) -> String {
        switch n {
        case ..<1000: return String(n)
        case ..<1_000_000: return oneDecimalUnderTen(Double(n) / 1000, below: 100) + "k"
        default: return oneDecimalUnderTen(Double(n) / 1_000_000, below: 100) + "M"
        }
    }

    /// `0.4`, `3.2`, `41`: a rate that is small still shows (never `0`).
    public static func rate(_ x: Double) -> String {
        guard x.isFinite, x > 0 else { return "0" }
        if x < 10 { return String(Double((x * 10).rounded()) / 10) }
        return count(Int(x.rounded()))
    }

    /// `under 1 s`, `7 s`, `2 min 05 s`, `1 h 04 min`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "under 1 s" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(twoDigits(s % 60)) s" }
        return "\(s / 3600) h \(twoDigits(s % 3600 / 60)) min"
    }

    /// A bar of `cells` cells, `fraction` of them filled.
    public static func bar(_ fraction: Double, cells: Int) -> String {
        let filled = min(cells, max(0, Int((fraction * Double(cells)).rounded(.down))))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    private static func oneDecimalUnderTen(_ x: Double, below limit: Double = 10) -> String {
        if x < limit {
            let tenths = Int((x * 10).rounded())
            return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
        }
        return String(Int(x.rounded()))
    }
}
