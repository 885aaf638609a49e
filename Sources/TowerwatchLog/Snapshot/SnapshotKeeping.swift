import Foundation
import TowerwatchCore

/// A store that keeps its log's snapshots itself, beside its records (a database's
/// table), where a file keeps them in a folder beside it (`SnapshotShelf`).
///
/// The rules are the shelf's: a snapshot names the record it stops at (sequence
/// and that record's checksum) and the fold that made it; one that does not
/// match the log as it is now, or was made by another fold, is passed over with
/// a notice, never trusted.
public protocol SnapshotKeeping: EventStore {
    /// The newest snapshot made by `foldVersion` (at or before `limit`, if given)
    /// whose record the log still holds as it was, and a notice for each passed over.
    func newestSnapshot(foldVersion: Int, atOrBefore limit: Timestamp?) -> (Snapshot?, [LogNotice])
    /// The headers of the snapshots made by `foldVersion` that match the log, oldest first.
    func snapshotHeaders(foldVersion: Int) -> [SnapshotHeader]
    /// Reads the snapshot a header from `snapshotHeaders` names.
    func snapshot(at header: SnapshotHeader) throws -> Snapshot
    /// Keeps `snapshot`, replacing one at the same record by the same fold; returns its name.
    func keep(_ snapshot: Snapshot) throws -> String
    /// The checksum of record `seq` as the log holds it; nil when it holds none.
    func recordCRC(seq: UInt64) throws -> UInt32?
    /// Why this connection may not keep snapshots (they are trusted without a
    /// replay, so only the log's owner writes them), or nil when it may.
    var snapshotRefusal: String? { get }
    /// Keeps a snapshot from another thread, on a connection of its own, so a
    /// console never waits for it.
    func keepInBackground(_ snapshot: Snapshot, done: @escaping @Sendable (Result<String, any Error>) -> Void)
}

/// Where a store's snapshots are: a folder beside a log file, or the store itself.
/// Everything that starts from a snapshot (opening, refolding, replay's seeks,
/// `log snapshot`) asks here, so it works on either store.
public enum SnapshotSource {
    case shelf(SnapshotShelf, FileEventStore)
    case store(any SnapshotKeeping, foldVersion: Int)

    /// The snapshots of `store`; nil for a store that keeps none (memory).
    public init?(_ store: EventStore, foldVersion: Int = DistrictState.foldVersion) {
        if let file = store as? FileEventStore {
            self = .shelf(SnapshotShelf(logPath: file.path, foldVersion: foldVersion), file)
        } else if let keeping = store as? any SnapshotKeeping {
            self = .store(keeping, foldVersion: foldVersion)
        } else {
            return nil
        }
    }

    var foldVersion: Int {
        switch self {
        case let .shelf(shelf, _): shelf.foldVersion
        case let .store(_, version): version
        }
    }

    /// The newest snapshot that matches the log, and why others were passed over.
    public func newestValid(atOrBefore limit: Timestamp? = nil) -> (Snapshot?, [LogNotice]) {
        switch self {
        case let .shelf(shelf, file): shelf.newestValid(for: file, atOrBefore: limit)
        case let .store(keeping, _): keeping.newestSnapshot(foldVersion: foldVersion, atOrBefore: limit)
        }
    }

    /// Headers of the matching snapshots, oldest first (states not decoded).
    public func matchingHeaders() -> [SnapshotHeader] {
        switch self {
        case let .shelf(shelf, file): shelf.matchingHeaders(for: file)
        case let .store(keeping, _): keeping.snapshotHeaders(foldVersion: foldVersion)
        }
    }

    /// Reads the snapshot a header names.
    public func load(_ header: SnapshotHeader) throws -> Snapshot {
        switch self {
        case .shelf:
            do throws(RecordError) {
                guard let data = FileManager.default.contents(atPath: header.path) else { throw RecordError("snapshot disappeared") }
                return try Snapshot.decode(Array(data), path: header.path)
            } catch {
                throw RecordError("\(header.path): \(error.reason)")
            }
        case let .store(keeping, _): return try keeping.snapshot(at: header)
        }
    }

    /// Writes a snapshot of `state` as it stands at `position`; returns where it went.
    @discardableResult
    public func write(state: DistrictState, recent: [EventRecord], position: LogPosition) throws -> String {
        switch self {
        case let .shelf(shelf, file):
            return try shelf.write(state: state, recent: recent, position: position, store: file)
        case let .store(keeping, _):
            guard position.seq > 0, let time = state.lastTime else { throw RecordError("nothing to snapshot: the log has no records") }
            guard let crc = try keeping.recordCRC(seq: position.seq) else {
                throw RecordError("the log does not hold record \(position.seq)")
            }
            return try keeping.keep(snapshot(state, recent, position, time: time, crc: crc))
        }
    }

    /// Folds the whole log read-only (the log's one fold) and writes a snapshot every
    /// `every` records, if given, and one at its last record. Returns how many were
    /// written and the sequence number of the last record. `progress` hears how far
    /// the fold has got.
    @discardableResult
    public func writeAll(every: Int? = nil, progress: ReadProgress? = nil) throws -> (written: Int, lastSeq: UInt64) {
        if let every, every < 1 { throw RecordError("snapshots must be at least one record apart") }
        if case let .store(keeping, _) = self, let refusal = keeping.snapshotRefusal { throw RecordError(refusal) }
        let store: EventStore = switch self {
        case let .shelf(_, file): file
        case let .store(keeping, _): keeping
        }
        var state = DistrictState()
        var end = store.start
        var recent: [EventRecord] = []
        var written = 0
        let interval = UInt64(every ?? 0)
        // A database's connection is busy streaming the fold, so its snapshots are
        // kept once the fold is done.
        var held: [(DistrictState, [EventRecord], LogPosition)] = []
        var progress = progress
        try store.fold(&state, at: &end) { record, at, now in
            progress?.passed(at.offset)
            recent.appendToFeed(record, keeping: Snapshot.recentKept)
            if interval > 0, record.seq % interval == 0 {
                if case .store = self { held.append((copy now, recent, at)) } else { try write(state: now, recent: recent, position: at) }
                written += 1
            }
        }
        for (s, r, at) in held { try write(state: s, recent: r, position: at) }
        if end.seq > 0 && (interval == 0 || end.seq % interval != 0) {
            try write(state: state, recent: recent, position: end)
            written += 1
        }
        return (written, end.seq)
    }

    /// Writes a snapshot of `state` at `position` without making the caller wait
    /// (a console that replayed a long tail); a failure only costs the next start
    /// speed. Nothing when this user may not keep snapshots in the store.
    public func writeInBackground(state: DistrictState, recent: [EventRecord], position: LogPosition) {
        switch self {
        case let .shelf(shelf, _):
            shelf.writeInBackground(state: state, recent: recent, position: position)
        case let .store(keeping, _):
            guard keeping.snapshotRefusal == nil, position.seq > 0, let time = state.lastTime,
                  let crc = try? keeping.recordCRC(seq: position.seq) else { return }
            keeping.keepInBackground(snapshot(state, recent, position, time: time, crc: crc), done: { _ in })
        }
    }

    /// A snapshot as the store keeps it: the state, and the notable records of `recent` for the feed.
    private func snapshot(_ state: DistrictState, _ recent: [EventRecord], _ position: LogPosition, time: Timestamp, crc: UInt32) -> Snapshot {
        let notable = recent.filter { RecordText.isNotable($0.event) }.suffix(Snapshot.recentKept)
        return Snapshot(position: position, recordCRC: crc, time: time, state: state, recent: Array(notable), foldVersion: foldVersion)
    }

    /// Where snapshots go, for messages.
    public var place: String {
        switch self {
        case let .shelf(shelf, _): shelf.directory
        case .store: "the database (table towerwatch_snapshots)"
        }
    }
}
