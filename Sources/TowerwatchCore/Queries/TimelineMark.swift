/// Something worth marking on a replay's timeline.
public struct TimelineMark: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case hazard, dispatch, alarm }
    public var time: Timestamp
    public var kind: Kind
    public init(time: Timestamp, kind: Kind) { self.time = time; self.kind = kind }
}
