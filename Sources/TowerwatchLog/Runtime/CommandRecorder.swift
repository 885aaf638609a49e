import TowerwatchCore

/// The one way commands become records: decided against the state, stamped,
/// folded in, and queued for one append.
///
/// Every writer goes through it: the live log's `execute` and `executeAll`,
/// the demo set-up, the history writer, and through `execute` the drills and
/// feeds. A command's events all get the same stamp: the next sequence numbers,
/// one time (never before the last record's: a clock behind the log is pulled
/// forward so the log stays in time order), the command's actor and the log's
/// drill flag. Each is folded into `state` as it is stamped, so the next command
/// is decided against the district as it will be once these records are in the
/// log.
///
/// The recorder writes nothing: its owner appends `pending` (under the store's
/// write lock) and calls `appended()`; if the append fails, the owner must not
/// keep `state`, which then holds records the log does not.
public struct CommandRecorder {
    /// The district as it will be once `pending` is appended.
    public internal(set) var state: DistrictState
    /// Records stamped and folded, not yet appended, oldest first.
    public private(set) var pending: [EventRecord] = []
    /// The sequence number of the last record stamped (or of the log's last record).
    public private(set) var lastSeq: UInt64
    /// Whether records are stamped as drill records (the log is a drill log).
    public let drill: Bool
    /// The time rules `decide` checks alarms against.
    public var policy: Policy
    /// The log's name, for the message when `decide` and `evolve` disagree.
    let logName: String
    /// The operating-system account writing: every record names it, and each
    /// command must be one this account may give (`CallerCheck`). Nil: not checked.
    public var account: String?

    /// A recorder continuing a log whose records up to `lastSeq` are folded into `state`.
    public init(state: DistrictState, lastSeq: UInt64, drill: Bool, policy: Policy = .standard, logName: String, account: String? = nil) {
        self.account = account
        self.state = state
        self.lastSeq = lastSeq
        self.drill = drill
        self.policy = policy
        self.logName = logName
    }

    /// A recorder continuing `store` from `state`, folded up to `position`.
    public init(continuing store: EventStore, state: DistrictState, at position: LogPosition, policy: Policy = .standard, account: String? = nil) {
        self.init(state: state, lastSeq: position.seq, drill: store.header.mode == .drill, policy: policy, logName: store.name, account: account)
    }

    /// Checks that the writing account may give `command`, decides it at `time` and,
    /// when it is accepted, stamps and folds its events (see `stamp`). A rejection
    /// changes nothing.
    ///
    /// Throws only when `decide` and `evolve` disagree (a bug, not a user error).
    public mutating func record(_ command: Command, at time: Timestamp) throws -> Result<[EventRecord], Rejection> {
        let time = stampTime(time)
        if let account, let refusal = CallerCheck.refusal(account: account, command: command, in: state) {
            return .failure(refusal)
        }
        switch decide(state, command, now: time, policy: policy) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let events): return .success(try stamp(events, by: command.actor, at: time))
        }
    }

    /// Stamps decided `events` as records of `actor` at `time` (pulled forward to the
    /// last record's time if before it), folds each into `state` and queues it.
    public mutating func stamp(_ events: [Event], by actor: Actor, at time: Timestamp) throws -> [EventRecord] {
        let time = stampTime(time)
        var records: [EventRecord] = []
        records.reserveCapacity(events.count)
        for event in events {
            lastSeq += 1
            let record = EventRecord(seq: lastSeq, time: time, actor: actor, drill: drill, event: event, account: account)
            if let problem = state.apply(record) {
                throw LogError.refused(path: logName, reason: "internal error: decided event \(event.typeName) does not fold: \(problem)")
            }
            records.append(record)
        }
        pending += records
        return records
    }

    /// Takes the pending records for appending (after which they are no longer pending).
    public mutating func takePending() -> [EventRecord] {
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }

    /// Commands never go back in time.
    @inline(__always) private func stampTime(_ time: Timestamp) -> Timestamp {
        max(time, state.lastTime ?? time)
    }
}
