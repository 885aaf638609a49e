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

/// The clock of a screen that follows a log: its base clock (the wall clock, or a
/// drill's), never behind the log's latest record, and running on from that
/// record at the base clock's pace.
///
/// A scenario or simulator played faster than real time writes records ahead of
/// the wall clock. Taking "now" as the later of the wall clock and the last record
/// (as screens once did) froze the clock at that record once the fast writer
/// stopped, until the wall clock caught up: minutes after a 20-minute scenario at
/// 10×, with every timer standing still. This clock instead notes when it first
/// saw a record ahead of it and moves on from there.
///
/// It never goes back: `now()` is monotonic as long as the base clock is.
public final class FollowingClock: Clock, @unchecked Sendable {
    public let base: any Clock
    /// The latest record seen ahead of this clock, and the base clock's reading then.
    private var anchor: (record: Timestamp, seenAt: Timestamp)?

    public init(base: any Clock) { self.base = base }

    /// The clock for a screen following the log with this header: a drill's own clock
    /// for a fork (see `DrillClock.forLog`), otherwise the wall clock, followed.
    public static func forLog(_ header: LogHeader, base: any Clock = WallClock()) -> FollowingClock {
        FollowingClock(base: DrillClock.forLog(header, base: base))
    }

    /// Tells the clock the time of the log's latest record (after a catch-up).
    public func observe(_ lastRecord: Timestamp?) {
        guard let lastRecord else { return }
        let reading = base.now()
        if lastRecord > now(at: reading) { anchor = (lastRecord, reading) }
    }

    public func now() -> Timestamp { now(at: base.now()) }

    private func now(at reading: Timestamp) -> Timestamp {
        guard let anchor else { return reading }
        return max(reading, anchor.record + (reading - anchor.seenAt))
    }
}
