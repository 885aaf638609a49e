#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TowerwatchCore

/// The snapshots of one log, kept in a folder beside it (`LOG.snapshots/`).
public struct SnapshotShelf: Sendable {
    public let logPath: String
    public var directory: String { logPath + ".snapshots" }
    /// The fold this shelf writes and trusts: this build's, except in tests that
    /// play another build.
    public let foldVersion: Int

    public init(logPath: String, foldVersion: Int = DistrictState.foldVersion) {
        self.logPath = logPath
        self.foldVersion = foldVersion
    }

    /// Snapshot files by sequence, newest first (names only; their contents are not
    /// trusted yet). Only files that pass `distrust` are listed: none at all when the
    /// folder itself does not.
    public func files() -> [(seq: UInt64, path: String)] {
        guard distrust == nil, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.compactMap { name -> (UInt64, String)? in
            guard name.hasPrefix("snap-"), name.hasSuffix(".twsnap"), let seq = UInt64(name.dropFirst(5).dropLast(7)) else { return nil }
            let path = directory + "/" + name
            guard SnapshotShelf.distrust(path, directory: false) == nil else { return nil }
            return (seq, path)
        }.sorted { $0.0 > $1.0 }
    }

    /// Why the snapshot folder cannot be trusted, or nil (also when there is none).
    /// A snapshot is a fold the console believes without replaying: the folder and
    /// its files must be what this user (or root) made, and no one else may write
    /// them; a symbolic link planted in its place is never followed.
    public var distrust: String? {
        var st = stat()
        guard lstat(directory, &st) == 0 else { return nil }
        return SnapshotShelf.distrust(directory, directory: true)
    }

    /// Why the snapshot folder or file at `path` cannot be trusted, or nil.
    static func distrust(_ path: String, directory: Bool) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "cannot be read" }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFLNK { return "is a symbolic link (never followed for snapshots)" }
        if kind != (directory ? S_IFDIR : S_IFREG) { return directory ? "is not a directory" : "is not a regular file" }
        if st.st_uid != geteuid() && st.st_uid != 0 { return "belongs to uid \(st.st_uid), not to this user or root" }
        if st.st_mode & (S_IWGRP | S_IWOTH) != 0 { return "is writable by others than its owner (mode \(String(st.st_mode & 0o7777, radix: 8)))" }
        return nil
    }

    /// Notices for the snapshot folder and files that were passed over as untrusted.
    public func distrustNotices() -> [LogNotice] {
        if let why = distrust { return [LogNotice(message: "\(directory): snapshots ignored: the folder \(why)")] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix("snap-") && $0.hasSuffix(".twsnap") }.compactMap { name in
            SnapshotShelf.distrust(directory + "/" + name, directory: false).map { LogNotice(message: "\(directory)/\(name): ignored: the file \($0)") }
        }
    }

    /// Writes a snapshot of `state` as it stands at `position` in `store`'s file.
    /// The file appears whole or not at all (written aside, then renamed).
    @discardableResult
    public func write(state: DistrictState, recent: [EventRecord], position: LogPosition, store: FileEventStore) throws -> String {
        guard position.seq > 0, let time = state.lastTime else { throw RecordError("nothing to snapshot: the log has no records") }
        guard let crc = try store.recordCRC(endingAt: position.offset, seq: position.seq) else {
            throw RecordError("the log does not hold record \(position.seq) at byte \(position.offset)")
        }
        let notable = recent.filter { RecordText.isNotable($0.event) }.suffix(Snapshot.recentKept)
        let snap = Snapshot(position: position, recordCRC: crc, time: time, state: state, recent: Array(notable), foldVersion: foldVersion)
        let bytes = try snap.encoded()
        if mkdir(directory, 0o700) != 0 && errno != EEXIST { throw LogFileError.current(.create, directory) }
        let final = directory + "/snap-" + String(position.seq) + ".twsnap"
        let tmp = final + ".tmp-" + String(getpid())
        unlink(tmp)
        try LogFile.create(path: tmp, permissions: .ownerOnly, header: bytes)
        guard rename(tmp, final) == 0 else { throw LogFileError.current(.create, final) }
        return final
    }

    /// Writes a snapshot of `state` at `position` on a background thread, so a
    /// console never waits for it; `done` gets the file written or the error (a
    /// failure only costs the next start speed).
    ///
    /// Only values cross to that thread: it opens the log read-only for itself to
    /// check the record the snapshot stops at, and shares no store with the caller.
    public func writeInBackground(state: DistrictState, recent: [EventRecord], position: LogPosition,
                                  done: @escaping @Sendable (Result<String, any Error>) -> Void = { _ in }) {
        Thread.detachNewThread {
            done(Result {
                let log = try FileEventStore(path: logPath, writable: false)
                return try write(state: state, recent: recent, position: position, store: log)
            })
        }
    }

    /// Folds the whole log read-only (the log's one fold) and writes a snapshot every
    /// `every` records, if given, and one at its last record. Returns how many were
    /// written and the sequence number of the last record. `progress` hears how far
    /// the fold has got.
    @discardableResult
    public func writeAll(every: Int? = nil, progress: ReadProgress? = nil) throws -> (written: Int, lastSeq: UInt64) {
        try SnapshotSource.shelf(self, FileEventStore(path: logPath, writable: false)).writeAll(every: every, progress: progress)
    }

    /// The newest snapshot that matches the log as it is now and was made by this
    /// shelf's fold, and a notice for each one that was found but could not be trusted.
    public func newestValid(for store: FileEventStore, atOrBefore limit: Timestamp? = nil) -> (Snapshot?, [LogNotice]) {
        let (found, notices) = trusted(for: store, atOrBefore: limit, all: false)
        return (found.first, notices)
    }

    /// Every snapshot that matches the log as it is now and was made by this shelf's
    /// fold, newest first (or only the newest, unless `all`), and a notice for each
    /// one that was found but could not be trusted. `log repair` reads them all to
    /// recover a lost set-up record from the newest that holds it.
    public func trusted(for store: FileEventStore, atOrBefore limit: Timestamp? = nil, all: Bool = true) -> ([Snapshot], [LogNotice]) {
        var notices: [LogNotice] = distrustNotices()
        var found: [Snapshot] = []
        for (_, path) in files() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do throws(RecordError) {
                let snap = try Snapshot.decode(Array(data), path: path, foldVersion: foldVersion)
                if let limit, snap.time > limit { continue }
                guard (try? store.recordCRC(endingAt: snap.position.offset, seq: snap.position.seq)) == snap.recordCRC else {
                    notices.append(LogNotice(message: "\(path): ignored: the log no longer holds record \(snap.position.seq) as it was snapshotted (repaired or replaced?)"))
                    continue
                }
                found.append(snap)
                if !all { break }
            } catch {
                notices.append(LogNotice(message: "\(path): ignored: \(error.reason)"))
            }
        }
        return (found, notices)
    }

    /// The headers of every snapshot made by this shelf's fold whose record still
    /// matches the log, oldest first: checked with one small read each, states not
    /// decoded (seeking loads one when needed).
    public func matchingHeaders(for store: FileEventStore) -> [SnapshotHeader] {
        files().reversed().compactMap { (_, path) -> SnapshotHeader? in
            guard let header = SnapshotHeader.read(path: path), (try? header.checkFold(foldVersion)) != nil,
                  (try? store.recordCRC(endingAt: header.position.offset, seq: header.position.seq)) == header.recordCRC else { return nil }
            return header
        }
    }
}

extension FileEventStore {
    /// The checksum record `seq` carries, if the line that ends just before `offset` is that record.
    public func recordCRC(endingAt offset: Int, seq: UInt64) throws -> UInt32? {
        guard offset > start.offset else { return nil }
        let span = min(offset - start.offset, 1 << 16)
        var buffer = [UInt8](repeating: 0, count: span)
        let n = try buffer.withUnsafeMutableBytes { try file.read(at: offset - span, into: $0) }
        guard n == span, buffer.last == 10 else { return nil }
        let lineEnd = span - 1
        let lineStart = (buffer[..<lineEnd].lastIndex(of: 10).map { $0 + 1 }) ?? 0
        let line = buffer[lineStart..<lineEnd]
        guard line.count > 9, let tab = line.firstIndex(of: 9),
              String(decoding: line[lineStart..<tab], as: UTF8.self) == String(seq) else { return nil }
        return UInt32(String(decoding: line.suffix(8), as: UTF8.self), radix: 16)
    }
}

extension SnapshotShelf {
    /// The bytes of `store` that opening it must replay: from the newest snapshot that
    /// matches it (headers only, nothing decoded) or the first record, to the end.
    /// For telling, before a replay, whether it will keep someone waiting.
    public func replayStretch(for store: FileEventStore) -> (start: Int, end: Int) {
        let start = matchingHeaders(for: store).last?.position.offset ?? store.start.offset
        let end = (try? store.file.size()) ?? start
        return (start, max(start, end))
    }
}
