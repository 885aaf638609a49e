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
        public var changed: Bool { !quarantined.isEmpty || renumbered > 0 || tornTailBytes > 0 }
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
            var mend = Mending(mode: store.header.mode, good: store.header.line)
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

        init(mode: LogMode, good: [UInt8]) { self.mode = mode; self.good = good }

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
