/// Where a record stands among the records of the command that wrote it.
///
/// A command's events are one unit: a reader applies all of them or none. A
/// command of one event is `.whole` (most of a log: scans, reports, answers); the
/// records of a longer command are parts 1...count, written together with one
/// append. The log marks the parts so that a reader can tell a command cut short
/// (by a crash or a full disk) from a complete one. See docs/log-format.md.
public struct CommandPart: Hashable, Sendable {
    /// This record's place in its command, from 1.
    public var index: UInt16
    /// How many records the command wrote.
    public var count: UInt16

    public init(index: UInt16, count: UInt16) {
        precondition(index >= 1 && index <= count, "a command part is numbered 1...count")
        self.index = index; self.count = count
    }

    /// The only record of a one-event command.
    public static let whole = CommandPart(index: 1, count: 1)

    /// Whether this record is its command's last (a unit ends with it).
    @inline(__always) public var isLast: Bool { index == count }
}

extension EventRecord {
    /// The records of one command: its events stamped with the sequence numbers
    /// after `seq`, one time, one actor, the drill marking, and their parts.
    ///
    /// Every writer builds a command's records here, so that no command reaches the
    /// log without its parts marked.
    public static func command(_ events: [Event], after seq: UInt64, time: Timestamp, actor: Actor, drill: Bool,
                               account: String? = nil) -> [EventRecord] {
        precondition(events.count <= Int(UInt16.max), "a command writes at most 65,535 records")
        let count = UInt16(events.count)
        var next = seq
        var index: UInt16 = 0
        return events.map { event in
            next += 1
            index += 1
            return EventRecord(seq: next, time: time, actor: actor, drill: drill, part: CommandPart(index: index, count: count), event: event, account: account)
        }
    }
}
