import TowerwatchCore

/// The district as recorded in one log: the store, the state folded from it,
/// and the one way to act on it.
///
/// Opening replays the whole log (every record checked, including that it is a
/// possible event); `catchUp` folds what other processes appended since;
/// `execute` runs a command through `decide` under the store's write lock,
/// after catching up, so two officers racing for one guard cannot both win.
public final class DistrictLog {
    public private(set) var store: EventStore
    public private(set) var state: DistrictState
    public private(set) var position: LogPosition
    /// The latest notable records (not patrol scans or set-up), oldest first, for the event feed.
    public private(set) var recent: [EventRecord] = []
    public var recentLimit = 200
    /// The time rules `decide` checks alarms against.
    public var policy: Policy = .standard
    /// The operating-system account of this process. When set, every record this
    /// log writes names it (`by=`), and a command the account may not ask (see
    /// `CallerCheck`) is rejected under the lock, against the roster as it stands.
    public var caller: String?

    /// Opens and replays `store`. Throws `LogError` at the first record that cannot be trusted.
    public init(store: EventStore) throws {
        self.store = store
        state = DistrictState()
        position = store.start
        _ = try fold(keeping: 0)
    }

    /// Starts from a cached fold (a snapshot) and replays only what follows it;
    /// `progress` hears how far the replay has got.
    public init(store: EventStore, state: DistrictState, position: LogPosition, recent: [EventRecord] = [],
                progress: ReadProgress? = nil) throws {
        self.store = store
        self.state = state
        self.position = position
        self.recent = recent
        _ = try fold(keeping: 0, progress: progress)
    }

    /// The sequence the newest trusted snapshot stopped at when this log was opened (0: none).
    public private(set) var openedFromSnapshot: UInt64 = 0
    /// Why snapshots found beside the log were not used.
    public private(set) var snapshotNotices: [LogNotice] = []

    /// Opens a log, starting from its newest snapshot that still matches the log
    /// (beside a file, or in the database beside its records) and replaying only
    /// the tail; without a usable snapshot, from the start. `progress` hears how
    /// far the replay has got.
    public static func open(_ store: EventStore, useSnapshots: Bool = true, progress: ReadProgress? = nil) throws -> DistrictLog {
        guard useSnapshots, let source = SnapshotSource(store) else {
            return try DistrictLog(store: store, state: DistrictState(), position: store.start, progress: progress)
        }
        let (snapshot, notices) = source.newestValid()
        let log: DistrictLog
        if let snapshot {
            log = try DistrictLog(store: store, state: snapshot.state, position: snapshot.position, recent: snapshot.recent, progress: progress)
            log.openedFromSnapshot = snapshot.position.seq
        } else {
            log = try DistrictLog(store: store, state: DistrictState(), position: store.start, progress: progress)
        }
        log.snapshotNotices = notices
        return log
    }

    /// True when the file at the log's path is no longer the one this process has
    /// open (a repair swapped in a mended file, or the log was moved).
    public var isReplaced: Bool { (store as? FileEventStore)?.isReplaced ?? false }

    /// Opens the file now at the log's path and replays it (from a snapshot that
    /// matches it, if any): after a repair, a console follows the mended log.
    public func reopen() throws {
        guard let old = store as? FileEventStore else { return }
        let fresh = try FileEventStore(path: old.path, writable: old.isWritable, durability: old.durability)
        let (snapshot, notices) = SnapshotShelf(logPath: old.path).newestValid(for: fresh)
        store = fresh
        state = snapshot?.state ?? DistrictState()
        position = snapshot?.position ?? fresh.start
        recent = snapshot?.recent ?? []
        openedFromSnapshot = snapshot?.position.seq ?? 0
        snapshotNotices = notices
        _ = try fold(keeping: 0)
    }

    /// What a follower does when the log may have changed: catch up, or reopen the
    /// log when the file was replaced. Returns true when it reopened.
    @discardableResult
    public func followChanges() throws -> Bool {
        if isReplaced {
            try reopen()
            return true
        }
        try catchUp()
        return false
    }

    /// Writes a snapshot of the state as it stands now, beside the log.
    @discardableResult
    public func writeSnapshot() throws -> String? {
        try SnapshotSource(store)?.write(state: state, recent: recent, position: position)
    }

    public var isDrill: Bool { store.header.mode == .drill }

    /// Folds in whatever was appended since the last read; returns those records
    /// (at most the latest `freshLimit`, so that catching up on a year of history
    /// holds no more than that in memory).
    @discardableResult
    public func catchUp() throws -> [EventRecord] { try fold(keeping: freshLimit) }

    /// Folds what follows `position`, keeping the latest `keep` records to return and
    /// the latest notable ones for the feed. Each is kept in a ring, so replaying
    /// millions of records copies each at most once and never shifts an array.
    private func fold(keeping keep: Int, progress: ReadProgress? = nil) throws -> [EventRecord] {
        var fresh = RecordRing(capacity: keep)
        var notable = RecordRing(capacity: recentLimit)
        // Fold into local values, moved out of this object and back: a stored
        // property of a class pays for a run-time exclusivity check on every access.
        var folded = state
        state = DistrictState()
        var at = position
        // The position moves with each record folded: if a later record cannot be
        // trusted, the ones before it are not folded a second time on the next call.
        defer {
            state = folded
            position = at
            remember(notable.inOrder())
        }
        var progress = progress
        try store.fold(&folded, at: &at) { record, next, _ in
            progress?.passed(next.offset)
            fresh.append(record)
            if RecordText.isNotable(record.event) { notable.append(record) }
        }
        return fresh.inOrder()
    }

    /// How many of the records read by one `catchUp` it returns, at most.
    public var freshLimit = 10_000

    /// Checks `command` against the latest state and appends its events.
    /// Returns the records written, or the rejection (and nothing is written).
    public func execute(_ command: Command, now: Timestamp) throws -> Result<[EventRecord], Rejection> {
        try record { try $0.record(command, at: now) }
    }

    /// Runs several independent commands under one hold of the write lock and appends
    /// all their records with one write: group commit for high-rate feeds. Each
    /// command is decided against the state left by the ones before it and is
    /// accepted or rejected on its own; the results come back in order.
    public func executeAll(_ commands: [Command], now: Timestamp) throws -> [Result<[EventRecord], Rejection>] {
        try record { recorder in try commands.map { try recorder.record($0, at: now) } }
    }

    /// The write path under `execute`, `executeAll` and the demo set-up: under the
    /// store's write lock and after catching up, `body` records commands with a
    /// `CommandRecorder` continuing the log; what it recorded is then appended with
    /// one write and becomes the log's state.
    ///
    /// If `body` or the write throws, nothing is written and the state is the log's
    /// as it was: the recorder folds into the state itself (moved out of this object,
    /// so no copy is made), so after a failure that recorded anything the log is
    /// folded again from its newest snapshot. Inside `body`, read the state from the
    /// recorder: this log's own is handed over to it until `body` returns.
    public func record<T>(_ body: (inout CommandRecorder) throws -> T) throws -> T {
        try store.withWriteLock {
            try catchUp()
            var recorder = CommandRecorder(continuing: store, state: state, at: position, policy: policy, account: caller)
            state = DistrictState()
            let result: T
            let records: [EventRecord]
            do {
                result = try body(&recorder)
                records = recorder.takePending()
                position = try store.append(records, at: position)
            } catch {
                if recorder.lastSeq == position.seq {
                    // Nothing was stamped: the recorder's state is the log's.
                    state = recorder.state
                } else {
                    try refold()
                }
                throw error
            }
            state = recorder.state
            remember(records)
            return result
        }
    }

    /// Folds the log again from its newest matching snapshot (or from the start).
    private func refold() throws {
        let snapshot = SnapshotSource(store)?.newestValid().0
        state = snapshot?.state ?? DistrictState()
        position = snapshot?.position ?? store.start
        recent = snapshot?.recent ?? []
        _ = try fold(keeping: 0)
    }

    /// Records every alarm that is due at `now`, as the system. Another console may
    /// have recorded one first: that rejection is expected and ignored.
    @discardableResult
    public func raiseDueAlarms(now: Timestamp) throws -> [EventRecord] {
        guard store.isWritable else { return [] }
        var written: [EventRecord] = []
        for alarm in dueAlarms(state, now: now, policy: policy) {
            if case .success(let records) = try execute(alarm.command, now: now) { written += records }
        }
        return written
    }

    private func remember(_ records: [EventRecord]) {
        let notable = records.filter { RecordText.isNotable($0.event) }
        guard !notable.isEmpty else { return }
        recent.append(contentsOf: notable)
        if recent.count > recentLimit { recent.removeFirst(recent.count - recentLimit) }
    }
}

/// The latest `capacity` records appended, oldest overwritten first.
struct RecordRing {
    private var slots: [EventRecord] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    mutating func append(_ record: EventRecord) {
        guard capacity > 0 else { return }
        if slots.count < capacity {
            slots.append(record)
        } else {
            slots[next] = record
            next = next + 1 == capacity ? 0 : next + 1
        }
    }

    /// The records kept, oldest first.
    func inOrder() -> [EventRecord] {
        next == 0 ? slots : Array(slots[next...] + slots[..<next])
    }
}
