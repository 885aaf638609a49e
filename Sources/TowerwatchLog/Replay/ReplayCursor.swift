import Foundation
import TowerwatchCore

/// Moves through a log's history, forward and back, reading it read-only.
///
/// The state at a moment T is the fold of every record up to T, exactly as a
/// live console had it. Going back starts again from the nearest waypoint (a
/// snapshot beside the log, or a fold kept in memory while indexing) and folds
/// forward, so rewinding shows the earlier state exactly, without replaying
/// the whole log on each seek. Every fold is the log's one fold
/// (`EventStore.fold`); stepping one record reads only that record.
public final class ReplayCursor {
    /// A cached fold to start seeks from: in memory, or a snapshot read when needed.
    /// (Not a patrol checkpoint: a point on the way through the log.)
    public struct Waypoint: Sendable {
        public var position: LogPosition
        public var time: Timestamp
        var fold: Fold

        enum Fold: Sendable {
            case memory(DistrictState, [EventRecord])
            case snapshot(SnapshotHeader)
        }
    }

    public let store: EventStore
    /// Where the log's snapshots are (beside the file, or in the database).
    private let snapshots: SnapshotSource?
    public private(set) var state = DistrictState()
    public private(set) var position: LogPosition
    /// The latest notable records before the cursor, for the feed.
    public private(set) var recent: [EventRecord] = []
    public private(set) var waypoints: [Waypoint] = []
    /// Times of the first and last records, and the last sequence number.
    public private(set) var firstTime: Timestamp?
    public private(set) var lastTime: Timestamp?
    public private(set) var lastSeq: UInt64 = 0
    /// The district's time zone as the whole log leaves it: a replay reads every moment in it.
    public private(set) var districtTimeZone: String?
    /// Records folded by seeks so far (to show that seeks do not replay from the start).
    public private(set) var foldedBySeeks = 0
    /// What happened when, for the timeline: hazards, dispatches and alarms.
    public private(set) var marks: [TimelineMark] = []

    static let recentKept = 200

    /// Indexes the log: starts from the snapshots beside it, and keeps a waypoint
    /// in memory every `interval` records of whatever it has to read itself.
    /// `progress` hears how far that reading has got.
    public init(store: EventStore, interval: Int = 50_000, useSnapshots: Bool = true, progress: ReadProgress? = nil) throws {
        self.store = store
        snapshots = useSnapshots ? SnapshotSource(store) : nil
        position = store.start
        let headers = snapshots?.matchingHeaders() ?? []
        waypoints = headers.map { Waypoint(position: $0.position, time: $0.time, fold: .snapshot($0)) }
        // Read what no snapshot covers (all of it, without snapshots), keeping waypoints.
        var previous = (hazards: 0, alarms: 0)
        for h in headers {
            // Snapshots hold counts, not events: mark each stretch with what it added.
            marks += Array(repeating: TimelineMark(time: h.time, kind: .hazard), count: max(0, h.hazards - previous.hazards))
            marks += Array(repeating: TimelineMark(time: h.time, kind: .alarm), count: max(0, h.alarms - previous.alarms))
            previous = (h.hazards, h.alarms)
        }
        // A snapshot that cannot be read is dropped; an earlier one or the start serves.
        try rebase(on: waypoints.last, goingBack: true)
        var sinceWaypoint = 0
        var found = marks, kept = waypoints
        var progress = progress
        try foldForward(through: .logEnd) { record, at, state, feed in
            progress?.passed(at.offset)
            switch record.event {
            case .hazardReported, .hazardReportSplit: found.append(TimelineMark(time: record.time, kind: .hazard))
            case .guardDispatched: found.append(TimelineMark(time: record.time, kind: .dispatch))
            case .alarmRaised: found.append(TimelineMark(time: record.time, kind: .alarm))
            case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
                 .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .setUpLost, .shiftStarted, .shiftEnded, .guardWentOnDuty,
                 .guardWentOffDuty, .checkpointScanned, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared,
                 .dispatchDeclined, .dispatchWithdrawn, .hazardEscalated, .hazardClosed, .hazardNoteAdded, .bulletinIssued, .districtTimeZoneSet,
                 .hazardReportJoined, .rectifyBaselineSet, .safetyDrillHeld:
                break  // no mark on the timeline (a note or a joined report shows in the detail pane of the moment replayed)
            }
            sinceWaypoint += 1
            if sinceWaypoint >= interval {
                sinceWaypoint = 0
                kept.append(Waypoint(position: at, time: record.time, fold: .memory(copy state, feed)))
            }
        }
        marks = found
        waypoints = kept
        lastSeq = position.seq
        lastTime = state.lastTime
        districtTimeZone = state.timeZone
        firstTime = try store.record(after: store.start)?.record.time
        // Start at the beginning of the history.
        try seek(toSeq: 0)
    }

    // MARK: - Moving

    /// Folds forward up to and including every record at or before `time`.
    public func advance(to time: Timestamp) throws {
        guard position.seq < lastSeq else { return }
        try foldForward(through: .time(time))
    }

    /// Folds forward exactly one record; returns it (nil at the end). Reads that one
    /// record only: no decoding thread, no megabytes read ahead.
    @discardableResult
    public func step() throws -> EventRecord? {
        guard position.seq < lastSeq, let (record, at) = try store.record(after: position) else { return nil }
        try state.fold(record, from: store.name, line: at.line)
        position = at
        recent.appendToFeed(record, keeping: Self.recentKept)
        return record
    }

    /// The state after every record up to `time`, from the nearest checkpoint before it.
    public func seek(to time: Timestamp) throws {
        let base = waypoints.last { $0.time <= time }
        try rebase(on: base, goingBack: (state.lastTime.map { $0 > time } ?? false))
        let before = position.seq
        try advance(to: time)
        foldedBySeeks += Int(position.seq - before)
    }

    /// The state after record `seq` exactly (0: before the first record).
    public func seek(toSeq seq: UInt64) throws {
        let base = waypoints.last { $0.position.seq <= seq }
        try rebase(on: base, goingBack: seq < position.seq)
        let before = position.seq
        if position.seq < seq { try foldForward(through: .seq(seq)) }
        foldedBySeeks += Int(position.seq - before)
    }

    /// Going back: restart from the waypoint (or the start). Going forward: jump to
    /// the waypoint only when it is ahead of the cursor.
    private func rebase(on base: Waypoint?, goingBack: Bool) throws {
        guard let base else { if goingBack { reset() }; return }
        guard goingBack || base.position.seq > position.seq else { return }
        do {
            try restore(base)
        } catch {
            // A snapshot that cannot be read is dropped: an earlier waypoint (or the
            // start) gives the same state, only slower.
            waypoints.removeAll { $0.position == base.position }
            try rebase(on: waypoints.last { $0.position.seq <= base.position.seq }, goingBack: true)
        }
    }

    /// The time of the record after the cursor, if any (one record read).
    public func nextRecordTime() throws -> Timestamp? {
        guard position.seq < lastSeq else { return nil }
        return try store.record(after: position)?.record.time
    }

    // MARK: - Folding

    /// Folds forward from the cursor through `limit` with the log's one fold. The
    /// state and the feed are moved into locals and back: a class's stored property
    /// pays for a run-time exclusivity check on every access. `each` sees each record
    /// folded, its position, and the state and feed it left.
    private func foldForward(through limit: FoldLimit,
                             _ each: (EventRecord, LogPosition, borrowing DistrictState, [EventRecord]) throws -> Void = { _, _, _, _ in }) throws {
        var folded = state, at = position, feed = recent
        state = DistrictState()
        recent = []
        defer { state = folded; position = at; recent = feed }
        try store.fold(&folded, at: &at, through: limit) { record, next, now in
            feed.appendToFeed(record, keeping: Self.recentKept)
            try each(record, next, now, feed)
        }
    }

    private func restore(_ c: Waypoint) throws {
        switch c.fold {
        case let .memory(s, r):
            state = s
            recent = r
        case let .snapshot(header):
            guard let snapshots else { throw RecordError("\(header.path): no snapshots") }
            let snap = try snapshots.load(header)
            state = snap.state
            recent = snap.recent
        }
        position = c.position
    }

    private func reset() {
        state = DistrictState()
        position = store.start
        recent = []
    }
}

