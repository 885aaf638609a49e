/// Where "now" comes from. The core never asks the system: live consoles pass
/// a wall clock, replays pass the log's own clock, tests pass a `ManualClock`.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// A clock that moves only when told to: the test double for time.
public final class ManualClock: Clock, @unchecked Sendable {
    private var current: Timestamp
    public init(_ start: Timestamp) { current = start }
    public func now() -> Timestamp { current }
    public func advance(by span: Span) { current = current + span }
    public func set(_ t: Timestamp) { current = t }
}
