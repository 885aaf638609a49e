import Foundation
import TowerwatchCore

/// Moves through a log's history, forward and back, reading it read-only.
///
/// The state at a moment T is the fold of every record up to T, exactly as a
/// live console had it. Going back starts again from the nearest checkpoint (a
/// snapshot beside the log, or one taken in memory while indexing) and folds
/// forward, so rewinding shows the earlier state exactly, without replaying
/// the whole log on each seek.
public final class ReplayCursor {
    /// A cached fold to start seeks from: in memory, or a snapshot file read when needed.
    public struct Checkpoint: Sendable {
        public var position: LogPosition
        public var time: Timestamp
        var fold: Fold

        enum Fold: Sendable {
            case memory(DistrictState, [EventRecord])
            case file(String)
        }
    }

    public let store: FileEventStore
    public private(set) var state = DistrictState()
    public private(set) var position: LogPosition
    /// The latest notable records before the cursor, for the feed.
    public private(set) var recent: [EventRecord] = []
    public private(set) var checkpoints: [Checkpoint] = []
    /// Times of the first and last records, and the last sequence number.
    public private(set) var firstTime: Timestamp?
    public private(set) var lastTime: Timestamp?
    public private(set) var lastSeq: UInt64 = 0
    /// Records folded by seeks so far (to show that seeks do not replay from the start).
    public private(set) var foldedBySeeks = 0
    /// What happened when, for the timeline: hazards, dispatches and alarms.
    public private(set) var marks: [TimelineMark] = []

    static let recentKept = 200

    /// Indexes the log: starts from the snapshots beside it, and takes a checkpoint
    /// in memory every `interval` records of whatever it has to read itself.
    public init(store: FileEventStore, interval: Int = 50_000, useSnapshots: Bool = true) throws {
        self.store = store
        position = store.start
        var headers: [SnapshotHeader] = []
        if useSnapshots {
            headers = SnapshotShelf(logPath: store.path).matchingHeaders(for: store)
            checkpoints = headers.map { Checkpoint(position: $0.position, time: $0.time, fold: .file($0.path)) }
        }
        // Read what no snapshot covers (all of it, without snapshots), taking checkpoints.
        var previous = (hazards: 0, alarms: 0)
        for h in headers {
            // Snapshots hold counts, not events: mark each stretch with what it added.
            marks += Array(repeating: TimelineMark(time: h.time, kind: .hazard), count: max(0, h.hazards - previous.hazards))
            marks += Array(repeating: TimelineMark(time: h.time, kind: .alarm), count: max(0, h.alarms - previous.alarms))
            previous = (h.hazards, h.alarms)
        }
        // A snapshot that cannot be read is dropped; an earlier one or the start serves.
        try rebase(on: checkpoints.last, goingBack: true)
        var sinceCheckpoint = 0
        let end = try store.read(after: position) { record, at in
            try fold(record, at)
            switch record.event {
            case .hazardReported: marks.append(TimelineMark(time: record.time, kind: .hazard))
            case .guardDispatched: marks.append(TimelineMark(time: record.time, kind: .dispatch))
            case .alarmRaised: marks.append(TimelineMark(time: record.time, kind: .alarm))
            case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
                 .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .shiftStarted, .shiftEnded, .guardWentOnDuty,
                 .guardWentOffDuty, .checkpointScanned, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared,
                 .dispatchDeclined, .dispatchWithdrawn, .hazardEscalated, .hazardClosed, .bulletinIssued:
                break  // no mark on the timeline
            }
            sinceCheckpoint += 1
            if sinceCheckpoint >= interval {
                sinceCheckpoint = 0
                checkpoints.append(Checkpoint(position: at, time: record.time, fold: .memory(state, recent)))
            }
        }
        lastSeq = end.seq
        lastTime = state.lastTime
        firstTime = try firstRecordTime()
        // Start at the beginning of the history.
        try seek(toSeq: 0)
    }

    private func firstRecordTime() throws -> Timestamp? {
        var first: Timestamp?
        do {
            _ = try store.read(after: store.start) { r, _ in first = r.time; throw Stop() }
        } catch is Stop {}
        return first
    }

    // MARK: - Moving

    /// Folds forward up to and including every record at or before `time`.
    public func advance(to time: Timestamp) throws {
        guard position.seq < lastSeq else { return }
        do {
            _ = try store.read(after: position) { record, at in
                if record.time > time { throw Stop() }
                try fold(record, at)
            }
        } catch is Stop {}
    }

    /// Folds forward exactly one record; returns it (nil at the end).
    @discardableResult
    public func step() throws -> EventRecord? {
        guard position.seq < lastSeq else { return nil }
        var stepped: EventRecord?
        do {
            _ = try store.read(after: position) { record, at in
                try fold(record, at)
                stepped = record
                throw Stop()
            }
        } catch is Stop {}
        return stepped
    }

    /// The state after every record up to `time`, from the nearest checkpoint before it.
    public func seek(to time: Timestamp) throws {
        let base = checkpoints.last { $0.time <= time }
        try rebase(on: base, goingBack: (state.lastTime.map { $0 > time } ?? false))
        let before = position.seq
        try advance(to: time)
        foldedBySeeks += Int(position.seq - before)
    }

    /// The state after record `seq` exactly (0: before the first record).
    public func seek(toSeq seq: UInt64) throws {
        let base = checkpoints.last { $0.position.seq <= seq }
        try rebase(on: base, goingBack: seq < position.seq)
        let before = position.seq
        if position.seq < seq {
            do {
                _ = try store.read(after: position) { record, at in
                    try fold(record, at)
                    if record.seq >= seq { throw Stop() }
                }
            } catch is Stop {}
        }
        foldedBySeeks += Int(position.seq - before)
    }

    /// Going back: restart from the checkpoint (or the start). Going forward: jump to
    /// the checkpoint only when it is ahead of the cursor.
    private func rebase(on base: Checkpoint?, goingBack: Bool) throws {
        guard let base else { if goingBack { reset() }; return }
        guard goingBack || base.position.seq > position.seq else { return }
        do {
            try restore(base)
        } catch {
            // A snapshot that cannot be read is dropped: an earlier checkpoint (or the
            // start) gives the same state, only slower.
            checkpoints.removeAll { $0.position == base.position }
            try rebase(on: checkpoints.last { $0.position.seq <= base.position.seq }, goingBack: true)
        }
    }

    /// The time of the record after the cursor, if any.
    public func nextRecordTime() throws -> Timestamp? {
        guard position.seq < lastSeq else { return nil }
        var next: Timestamp?
        do {
            _ = try store.read(after: position) { r, _ in next = r.time; throw Stop() }
        } catch is Stop {}
        return next
    }

    // MARK: - Folding

    private func fold(_ record: EventRecord, _ at: LogPosition) throws {
        if let problem = state.apply(record) {
            throw LogError.badRecord(path: store.path, line: at.line, seq: record.seq, reason: "impossible event \(record.event.typeName): \(problem)")
        }
        position = at
        if RecordText.isNotable(record.event) {
            recent.append(record)
            if recent.count > 2 * Self.recentKept { recent.removeFirst(recent.count - Self.recentKept) }
        }
    }

    private func restore(_ c: Checkpoint) throws {
        switch c.fold {
        case let .memory(s, r):
            state = s
            recent = r
        case let .file(path):
            guard let data = FileManager.default.contents(atPath: path) else { throw RecordError("\(path): snapshot disappeared") }
            do throws(RecordError) {
                let snap = try Snapshot.decode(Array(data), path: path)
                state = snap.state
                recent = snap.recent
            } catch {
                throw RecordError("\(path): \(error.reason)")
            }
        }
        position = c.position
    }

    private func reset() {
        state = DistrictState()
        position = store.start
        recent = []
    }

    private struct Stop: Error {}
}

