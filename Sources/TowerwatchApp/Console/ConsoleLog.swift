#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// A log opened for a live console (the officer's or a guard's), the same way
/// for both: writable if the user may write it, from its newest snapshot that
/// still matches (`DistrictLog.open`), with its escalation policy, and with
/// what the user must be told first.
public struct ConsoleLog {
    public let district: DistrictLog
    public let store: EventStore
    /// The last thing to tell the user as the console opens: a torn tail cut off,
    /// a snapshot not used, or that the log is read-only (which outranks the rest).
    public let status: StatusMessage?

    /// Opens `path`; `policy` is `--policy` (see `PolicyFile.resolve`). `caller` is
    /// the operating-system account acting (see `DistrictLog.caller`); `openStore`
    /// opens the log itself and says whether it is writable: a set-group-id install
    /// opens the district's log with the group it lends, and nothing else.
    ///
    /// - Throws: `LogFileError` or `LogError` for a log that cannot be opened or
    ///   trusted, `PolicyFileError` for a bad policy.
    public static func open(path: String, policy: String?, caller: String? = nil,
                            openStore: (String) throws -> (store: EventStore, writable: Bool) = ConsoleLog.openWithOwnRights) throws -> ConsoleLog {
        let (store, writable) = try openStore(path)
        return try open(path: path, store: store, writable: writable, policy: policy, caller: caller)
    }

    /// Replays `store`, already opened (writable or not, as `writable` says), the same
    /// way; `progress` hears how far the replay has got (`OpeningProgress`).
    public static func open(path: String, store: EventStore, writable: Bool, policy: String?, caller: String? = nil,
                            progress: ReadProgress? = nil) throws -> ConsoleLog {
        let district = try LogLocation.openDistrict(store, progress: progress)
        district.caller = caller
        district.policy = try PolicyFile.resolve(explicit: policy, logPath: path)
        var status = (store.notices + district.snapshotNotices).last.map { StatusMessage(text: $0.message, isError: true) }
        if !writable { status = StatusMessage(text: "read-only: you cannot write \(path)", isError: true) }
        return ConsoleLog(district: district, store: store, status: status)
    }

    /// Opens `path` writable when this process may write it.
    public static func openWithOwnRights(_ path: String) throws -> (store: EventStore, writable: Bool) {
        let writable = LogLocation.mayWrite(path)
        return (try LogLocation.openStore(path, writable: writable), writable)
    }

    /// `.drill` for a drill log, so it can never pass for the live district.
    public var mode: ConsoleMode { store.header.mode == .drill ? .drill : .live }

    /// The log as a live console follows it, on the wall clock or a forked drill's own,
    /// running on from a record written ahead of it (see `FollowingClock`).
    public var live: LiveLog { LiveLog(district, clock: FollowingClock.forLog(store.header)) }

    /// The bytes of `store` that opening it replays (none to tell for a database).
    public static func replayStretch(of store: EventStore) -> (start: Int, end: Int)? {
        guard let file = store as? FileEventStore else { return nil }
        return SnapshotShelf(logPath: file.path).replayStretch(for: file)
    }

    /// Records replayed after the snapshot the log opened from: a long tail is
    /// worth caching for the next start.
    public var replayedTail: UInt64 { district.position.seq - district.openedFromSnapshot }
}
