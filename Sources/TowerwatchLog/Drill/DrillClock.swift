import TowerwatchCore

/// The clock of a drill forked from the past: it reads the fork's moment when
/// the fork was made, and runs on at the wall clock's pace from there.
///
/// A fork copies history up to `forked-at`, which may be last week. If the
/// trainee's console and the scenario player went by the wall clock, every
/// hazard open at that moment would look days overdue and the drill's records
/// would jump from last week to today. So every process acting on a drill log
/// takes its "now" from this clock instead: wall time minus (`created` −
/// `forked-at`), both read from the header, so separate processes agree
/// without talking to each other.
///
/// The drill's time starts running when the fork is made, whether or not
/// anybody is watching: fork right before the trainee sits down.
public struct DrillClock: Clock {
    /// How far the drill's time is behind the base clock (negative: ahead, for a fork of a log
    /// whose history runs into the future, as a simulated history may).
    public let lag: Span
    public let base: any Clock

    public init(lag: Span, base: any Clock = WallClock()) {
        self.lag = lag
        self.base = base
    }

    public func now() -> Timestamp { base.now() - lag }

    /// The clock for acting on a log with this header: a `DrillClock` for a fork
    /// (one with `created` and `forked-at`), otherwise `base` itself.
    public static func forLog(_ header: LogHeader, base: any Clock = WallClock()) -> any Clock {
        guard let forkedAt = header.forkedAt, let created = header.created, created != forkedAt else { return base }
        return DrillClock(lag: created - forkedAt, base: base)
    }
}
