#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore

/// Mends a damaged log: every good record is kept, every bad one is moved,
/// byte for byte, to a quarantine file beside the log.
///
/// A record is bad when it fails its checksum or syntax, repeats a sequence
/// number already kept, or is impossible given the records kept before it (for
/// example a dispatch of a hazard whose report was damaged). Kept records after
/// a removed one are renumbered so the sequence stays contiguous; the original
/// file is kept as `PATH.before-repair` for the record.
public enum LogRepair {
    public struct Outcome: Sendable {
        public var kept = 0
        public var quarantined: [(line: Int, reason: String)] = []
        public var renumbered = 0
        public var tornTailBytes = 0
        public var quarantinePath: String?
        public var backupPath: String?
        /// The real file repaired when the path given was a symbolic link to it.
        public var realPath: String?
        /// Lost set-up records rebuilt from a snapshot (the snapshot's file named), and
        /// those no trusted snapshot held, written as `SetupRecordLost` placeholders.
        public var recovered: [(entity: LostSetUp, snapshot: String)] = []
        public var placeholders: [LostSetUp] = []
        /// Snapshots passed over as untrusted while looking for lost records.
        public var snapshotNotices: [LogNotice] = []
        public var changed: Bool { !quarantined.isEmpty || renumbered > 0 || tornTailBytes > 0 || !recovered.isEmpty || !placeholders.isEmpty }
    }

    /// Repairs the log at `path`. A symbolic link is followed to the real file,
    /// which is repaired where it lies (the link keeps naming the mended log).
    /// The mended file gets the original's owner, group and mode; the quarantine
    /// its owner and group, readable by the owner only; the original is kept,
    /// byte for byte, as `PATH.before-repair-N` beside them. `progress` hears how
    /// far the reading has got, by line.
    public static func repair(path given: String, progress: ReadProgress? = nil) throws -> Outcome {
        let path = try realFile(of: given)
        var original = stat()
        guard lstat(path, &original) == 0 else { throw LogFileError.current(.stat, path) }
        guard original.st_mode & S_IFMT == S_IFREG else {
            throw LogError.refused(path: given, reason: "not a regular file: log repair mends only a log file")
        }
        let store = try FileEventStore(path: path, writable: true)
        return try store.withWriteLock { () throws -> Outcome in
            var out = Outcome()
            if path != given { out.realPath = path }
            // Snapshots are read before anything changes: a lost set-up record is
            // recovered from the newest trusted one that holds it.
            let (snapshots, notices) = trustedSnapshots(given: given, real: path, store: store)
            out.snapshotNotices = notices
            var mend = Mending(mode: store.header.mode, good: store.header.line, snapshots: snapshots)
            var lineNo = 1
            var reader = FieldReader()
            var progress = progress
            let scan = try store.file.forEachChunk(from: store.start.offset) { chunkOffset, lines in
                var s = 0
                while s < lines.count {
                    guard let e = lines[s...].firstIndex(of: 10) else { break }
                    lineNo += 1
                    progress?.passed(chunkOffset + e + 1)
                    mend.take(UnsafeBufferPointer(rebasing: lines[s..<e]), line: lineNo, reader: &reader)
                    s = e + 1
                }
            }
            mend.endCommand(cutShort: "part of a command cut short at the end of the log (its later parts are missing)")
            out.kept = mend.kept
            out.renumbered = mend.renumbered
            out.quarantined = mend.quarantined
            out.recovered = mend.recovered
            out.placeholders = mend.placeholders
            var bad = mend.bad
            if let tail = scan.tail {
                out.tornTailBytes = tail.bytes.count
                out.quarantined.append((lineNo + 1, "torn final record (\(tail.bytes.count) bytes without an end)"))
                bad.append(contentsOf: tail.bytes); bad.append(10)
            }
            guard out.changed else { return out }
            let stamp = String(WallClock().now().millis)
            if !bad.isEmpty {
                let q = path + ".quarantine-" + stamp
                try LogFile.create(path: q, permissions: .ownerOnly, header: Array("# records removed from \(path) by towerwatch log repair\n".utf8))
                try keepOwner(of: original, on: q, mode: 0o600)
                let qf = try LogFile.openForAppending(path: q)
                try qf.append(bad); try qf.sync()
                out.quarantinePath = q
            }
            // Write the mended log beside the original, then swap them by rename:
            // at every moment the path names a complete log.
            let tmp = path + ".repair-" + stamp
            try LogFile.create(path: tmp, permissions: .ownerOnly, header: mend.good)
            do {
                try keepOwner(of: original, on: tmp, mode: original.st_mode & 0o7777)
            } catch {
                _ = unlink(tmp)
                throw error
            }
            let backup = path + ".before-repair-" + stamp
            guard link(path, backup) == 0 else { throw LogFileError.current(.create, backup) }
            guard rename(tmp, path) == 0 else { throw LogFileError.current(.create, path) }
            try LogFile.syncDirectory(of: path)
            out.backupPath = backup
            return out
        }
    }

    /// The set-up entity a damaged line names, read from its type and its id field
    /// alone (`TowerRegistered` ... `tower=T05`), so damage anywhere else in the line
    /// does not hide it; nil when the line is not a set-up record others depend on.
    static func setUpNamed(by line: UnsafeBufferPointer<UInt8>) -> LostSetUp? {
        let fields = line.split(separator: RecordCodec.tab, omittingEmptySubsequences: false)
        guard fields.count > 4 else { return nil }
        let type = String(decoding: fields[2], as: UTF8.self)
        guard let kind = SetUpKind.allCases.first(where: { $0.recordName == type }) else { return nil }
        let key = Array((kind.rawValue + "=").utf8)
        guard let field = fields.dropFirst(4).first(where: { $0.starts(with: key) }),
              let id = try? FieldText.unescape(Array(field.dropFirst(key.count))), !id.isEmpty else { return nil }
        return LostSetUp(kind, id)
    }

    /// The trusted snapshots of the log (by the name given, then by the real file's),
    /// newest first, and notices for those passed over.
    static func trustedSnapshots(given: String, real: String, store: FileEventStore) -> ([Snapshot], [LogNotice]) {
        var (found, notices) = SnapshotShelf(logPath: given).trusted(for: store)
        if real != given {
            let (more, moreNotices) = SnapshotShelf(logPath: real).trusted(for: store)
            found += more; notices += moreNotices
            found.sort { $0.position.seq > $1.position.seq }
        }
        return (found, notices)
    }

    /// The file a path names, following symbolic links (the real file is repaired
    /// in its own directory, so the swap by rename stays within one file system).
    static func realFile(of path: String) throws -> String {
        guard let resolved = realpath(path, nil) else { throw LogFileError.current(.openForAppending, path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Gives `path` the owner and group of `original`, and `mode`. A repair run by
    /// root on a user's log must leave the user able to write it; one that cannot
    /// (an ordinary user repairing another's file) refuses rather than take it over.
    static func keepOwner(of original: stat, on path: String, mode: mode_t) throws {
        var made = stat()
        guard stat(path, &made) == 0 else { throw LogFileError.current(.stat, path) }
        if made.st_uid != original.st_uid || made.st_gid != original.st_gid {
            guard chown(path, original.st_uid, original.st_gid) == 0 else {
                throw LogError.refused(path: path, reason: "cannot give the mended file the original's owner and group (uid \(original.st_uid), gid \(original.st_gid)): \(String(cString: strerror(errno))); run the repair as the log's owner")
            }
        }
        guard chmod(path, mode) == 0 else { throw LogFileError.current(.setPermissions, path) }
    }

    /// The records read so far, sorted into the mended log and the quarantine.
    ///
    /// A record is quarantined when it fails its checksum or syntax, repeats a
    /// sequence number already kept, is a drill record in a live log, or is
    /// impossible given what was kept before it. The parts of a command are kept
    /// or quarantined together: if one part goes, its whole command goes.
    struct Mending {
        let mode: LogMode
        var good: [UInt8]
        var bad: [UInt8] = []
        var quarantined: [(line: Int, reason: String)] = []
        var kept = 0
        var renumbered = 0
        var state = DistrictState()
        var nextSeq: UInt64 = 1
        /// The original number of the last record kept: a copy of a kept record must
        /// be caught by its own number, which renumbering no longer reflects.
        var lastKeptOriginal: UInt64 = 0

        /// The command being read (parts so far), and what to go back to if it is cut.
        var command: [(line: Int, bytes: [UInt8], part: CommandPart)] = []
        var before: (good: Int, state: DistrictState, nextSeq: UInt64, lastKept: UInt64, kept: Int, renumbered: Int)?

        /// Trusted snapshots, newest first, to recover lost set-up records from.
        let snapshots: [Snapshot]
        var recovered: [(entity: LostSetUp, snapshot: String)] = []
        var placeholders: [LostSetUp] = []

        init(mode: LogMode, good: [UInt8], snapshots: [Snapshot] = []) { self.mode = mode; self.good = good; self.snapshots = snapshots }

        mutating func quarantine(_ bytes: [UInt8], line: Int, _ reason: String) {
            quarantined.append((line, reason))
            bad.append(contentsOf: bytes); bad.append(10)
        }

        /// Ends the command being read: kept when complete, otherwise taken back
        /// out of the mended log and quarantined with `cutShort` as the reason.
        mutating func endCommand(cutShort reason: String) {
            guard let last = command.last, let undo = before else { return }
            if !last.part.isLast {
                good.removeLast(good.count - undo.good)
                (state, nextSeq, lastKeptOriginal, kept, renumbered) = (undo.state, undo.nextSeq, undo.lastKept, undo.kept, undo.renumbered)
                for part in command { quarantine(part.bytes, line: part.line, reason) }
            }
            command.removeAll()
            before = nil
        }

        mutating func take(_ line: UnsafeBufferPointer<UInt8>, line lineNo: Int, reader: inout FieldReader) {
            let record: EventRecord
            do throws(RecordError) {
                record = try RecordCodec.decode(line, using: &reader)
            } catch {
                endCommand(cutShort: "part of a command with a bad record at line \(lineNo): a command is kept whole or not at all")
                quarantine(Array(line), line: lineNo, error.reason)
                recoverInPlace(line)
                return
            }
            // A part that does not continue the command being read ends it, cut short.
            if let held = command.last?.part, !held.isLast,
               !(record.part.count == held.count && record.part.index == held.index + 1) {
                endCommand(cutShort: "part of a command cut short at line \(lineNo) (its later parts are missing)")
            }
            if record.seq <= lastKeptOriginal {
                endCommand(cutShort: "part of a command with a repeated record at line \(lineNo)")
                quarantine(Array(line), line: lineNo, "record \(record.seq) repeats a sequence number already kept")
                return
            }
            if record.drill && mode == .live {
                endCommand(cutShort: "part of a command with a drill record at line \(lineNo)")
                quarantine(Array(line), line: lineNo, "record \(record.seq) is a drill record in a live log")
                return
            }
            if record.part.count > 1 && record.part.index > 1 && command.isEmpty {
                quarantine(Array(line), line: lineNo, "record \(record.seq) is part \(record.part.index) of \(record.part.count) of a command whose first parts are missing")
                return
            }
            if record.part.count > 1 && record.part.index == 1 {
                before = (good.count, state, nextSeq, lastKeptOriginal, kept, renumbered)
            }
            var renumberedRecord = record
            renumberedRecord.seq = nextSeq
            // apply() changes nothing but the last sequence and time when it refuses.
            let (lastSeq, lastTime) = (state.lastSeq, state.lastTime)
            if let problem = state.apply(renumberedRecord) {
                (state.lastSeq, state.lastTime) = (lastSeq, lastTime)
                let missing = state.missingSetUp(for: record.event)
                if !quarantined.isEmpty && !missing.isEmpty {
                    keepDependent(Array(line), line: lineNo, of: missing, reader: &reader)
                    return
                }
                endCommand(cutShort: "part of a command with an impossible record at line \(lineNo): a command is kept whole or not at all")
                quarantine(Array(line), line: lineNo, "record \(record.seq): impossible event \(record.event.typeName): \(problem)")
                return
            }
            // Keep the record's own bytes (fields a newer build wrote stay);
            // a renumbered one changes only its sequence and checksum.
            if record.seq == nextSeq {
                good.append(contentsOf: line); good.append(10)
            } else {
                renumbered += 1
                RecordCodec.appendRenumbered(line, seq: nextSeq, into: &good)
            }
            lastKeptOriginal = record.seq
            nextSeq += 1
            kept += 1
            if record.part.count > 1 {
                command.append((lineNo, Array(line), record.part))
                if record.part.isLast { command.removeAll(); before = nil }
            }
        }
    }
}

extension LogRepair.Mending {
    /// Keeps a record that names set-up records the damage took (`missing`): writes
    /// each lost record first (rebuilt from a snapshot, or a placeholder) and reads the
    /// record again. A command whose earlier parts were kept is taken back and read
    /// again after them, so the stand-ins never come between a command's parts.
    mutating func keepDependent(_ bytes: [UInt8], line lineNo: Int, of missing: [LostSetUp], reader: inout FieldReader) {
        var held: [(line: Int, bytes: [UInt8])] = []
        if let undo = before, !command.isEmpty {
            held = command.map { ($0.line, $0.bytes) }
            good.removeLast(good.count - undo.good)
            (state, nextSeq, lastKeptOriginal, kept, renumbered) = (undo.state, undo.nextSeq, undo.lastKept, undo.kept, undo.renumbered)
            command.removeAll()
        }
        before = nil
        let dependentTime = (try? bytes.withUnsafeBufferPointer { line throws(RecordError) in try RecordCodec.decode(line) })?.time
        for entity in missing where !state.holds(entity) { standIn(for: entity, by: dependentTime) }
        for part in held + [(lineNo, bytes)] {
            part.bytes.withUnsafeBufferPointer { take($0, line: part.line, reader: &reader) }
        }
    }

    /// A damaged line that still reads as a set-up record (the damage fell elsewhere
    /// than its type and id) and that a trusted snapshot holds is rebuilt from the
    /// snapshot where it stood, with its own time: the fold then equals the undamaged
    /// one. Nothing of the damaged line is trusted but which entity it names, and
    /// that only when a snapshot holds an entity of that name.
    mutating func recoverInPlace(_ line: UnsafeBufferPointer<UInt8>) {
        guard !snapshots.isEmpty, let entity = LogRepair.setUpNamed(by: line), !state.holds(entity),
              snapshots.contains(where: { $0.state.setUpRecord(of: entity) != nil }) else { return }
        standIn(for: entity, by: nil, placeholder: false)
    }

    /// Writes the set-up record of `entity`, lost to damage: rebuilt from the newest
    /// trusted snapshot that holds it (and what it needs, first), or else a
    /// `SetupRecordLost` placeholder. Its time lies between the last record kept and
    /// `latest` (the record that needs it), so time still only moves forward.
    mutating func standIn(for entity: LostSetUp, by latest: Timestamp?, depth: Int = 0, placeholder: Bool = true) {
        let floor = state.lastTime ?? latest ?? Timestamp(millis: 0)
        func within(_ t: Timestamp?) -> Timestamp {
            guard let t else { return floor }
            return max(floor, latest.map { min(t, $0) } ?? t)
        }
        for snapshot in snapshots {
            guard let rebuilt = snapshot.state.setUpRecord(of: entity) else { continue }
            if depth < SetUpKind.allCases.count {
                for need in state.missingSetUp(for: rebuilt.event) { standIn(for: need, by: latest, depth: depth + 1) }
            }
            if write(EventRecord(seq: nextSeq, time: within(rebuilt.time), actor: rebuilt.actor, event: rebuilt.event)) {
                recovered.append((entity, snapshot.path ?? "snap-\(snapshot.position.seq).twsnap"))
                return
            }
            break
        }
        guard placeholder else { return }
        if write(EventRecord(seq: nextSeq, time: floor, actor: .system, event: .setUpLost(kind: entity.kind, id: entity.id))) {
            placeholders.append(entity)
        }
    }

    /// Folds and appends a record repair makes itself; false (nothing written) when it does not fold.
    mutating func write(_ record: EventRecord) -> Bool {
        let (lastSeq, lastTime) = (state.lastSeq, state.lastTime)
        guard state.apply(record) == nil else {
            (state.lastSeq, state.lastTime) = (lastSeq, lastTime)
            return false
        }
        RecordCodec.encode(record, into: &good)
        nextSeq += 1
        return true
    }
}

extension RecordCodec {
    /// Appends `line` (a sound record) with its sequence number replaced by `seq`
    /// and its checksum recomputed; every other byte stays as it was.
    static func appendRenumbered(_ line: UnsafeBufferPointer<UInt8>, seq: UInt64, into out: inout [UInt8]) {
        let start = out.count
        appendDecimal(seq, to: &out)
        let firstTab = line.firstIndex(of: tab) ?? 0
        out.append(contentsOf: line[firstTab..<(line.count - 9)])
        let crc = out.withUnsafeBufferPointer { CRC32C.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        out.append(tab)
        CRC32C.appendHex8(crc, to: &out)
        out.append(newline)
    }
}
