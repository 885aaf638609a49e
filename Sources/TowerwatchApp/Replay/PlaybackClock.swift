import TowerwatchCore

/// The replay's playback: while it plays, the log's time moves `speed` times as
/// fast as the monotonic clock, and stops at the end of the window.
///
/// The runtime reads the monotonic clock (`monotonicMillis`) on every wake and
/// hands it in; nothing here reads a clock, so a test can play a shift by
/// handing in made-up ticks.
public struct PlaybackClock: Sendable, Hashable {
    /// The monotonic millisecond of the last wake.
    public private(set) var lastTick: Int

    public init(tick: Int) { lastTick = tick }

    /// Where playback stands at monotonic millisecond `tick`, from `time`: moved
    /// on by the time since the last wake times `speed` when playing, never past
    /// `window`'s end (nor before its start). Remembers `tick` either way, so a
    /// pause does not count as played.
    public mutating func advance(_ time: Timestamp, playing: Bool, speed: Int, window: ClosedRange<Timestamp>, tick: Int) -> Timestamp {
        defer { lastTick = tick }
        guard playing else { return time }
        let moved = time + Span(millis: Int64(max(0, tick - lastTick)) * Int64(speed))
        return min(max(moved, window.lowerBound), window.upperBound)
    }
}
