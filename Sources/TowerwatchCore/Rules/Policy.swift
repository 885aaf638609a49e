/// The time rules of the district: targets every clock is measured against.
///
/// The defaults come from the programme: a guard on scene within 5 minutes of
/// an alert, a hazard rectified within half an hour.
public struct Policy: Hashable, Sendable, Codable {
    /// A dispatch not acknowledged within this is flagged.
    public var ackTimeout: Span = .seconds(60)
    /// A guard must be on scene within this of the hazard's report.
    public var sceneTarget: Span = .minutes(5)
    /// A hazard should be rectified (closed) within this of its report.
    public var rectifyTarget: Span = .minutes(30)
    /// A guard on duty with no checkpoint scan for this long is flagged silent.
    public var silentAfter: Span = .minutes(15)
    /// A running clock turns to warning at this share of its target (0...1).
    public var warningShare: Double = 0.6

    public init() {}
    public static let standard = Policy()
}

/// How a clock stands against its target.
public enum ClockLevel: Int, Sendable, Comparable, Codable {
    case normal = 0, warning = 1, overdue = 2
    public static func < (a: ClockLevel, b: ClockLevel) -> Bool { a.rawValue < b.rawValue }
    /// A symbol that carries the level without colour.
    public var symbol: String {
        switch self { case .normal: " "; case .warning: "!"; case .overdue: "‼" }
    }
}

/// A clock measured against a target: running until its stop moment.
public struct ClockReading: Hashable, Sendable {
    public var started: Timestamp
    public var stopped: Timestamp?
    public var target: Span
    public var elapsed: Span
    public var level: ClockLevel
    public var isRunning: Bool { stopped == nil }
    /// True when the clock stopped within its target.
    public var met: Bool { stopped != nil && elapsed <= target }

    public init(from start: Timestamp, to stop: Timestamp?, now: Timestamp, target: Span, warningShare: Double) {
        started = start
        stopped = stop
        self.target = target
        elapsed = (stop ?? now) - start
        if elapsed > target { level = .overdue }
        else if stop == nil, Double(elapsed.millis) >= Double(target.millis) * warningShare { level = .warning }
        else { level = .normal }
    }
}
