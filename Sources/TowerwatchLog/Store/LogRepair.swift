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
        public var changed: Bool { !quarantined.isEmpty || renumbered > 0 || tornTailBytes > 0 }
    }

    public static func repair(path: String) throws -> Outcome {
        let store = try FileEventStore(path: path, writable: true)
        return try store.withWriteLock { () throws -> Outcome in
            var out = Outcome()
            var state = DistrictState()
            var good: [UInt8] = store.header.line
            var bad: [UInt8] = []
            var lineNo = 1
            var nextSeq: UInt64 = 1
            // The original number of the last record kept: a copy of a kept record must be
            // caught by its own number, which renumbering (nextSeq) no longer reflects.
            var lastKeptOriginal: UInt64 = 0
            var reader = FieldReader()
            let scan = try store.file.forEachChunk(from: store.start.offset) { _, lines in
                var s = 0
                while s < lines.count {
                    guard let e = lines[s...].firstIndex(of: 10) else { break }
                    lineNo += 1
                    let line = UnsafeBufferPointer(rebasing: lines[s..<e])
                    func quarantine(_ reason: String) {
                        out.quarantined.append((lineNo, reason))
                        bad.append(contentsOf: line); bad.append(10)
                    }
                    do throws(RecordError) {
                        var record = try RecordCodec.decode(line, using: &reader)
                        if record.seq <= lastKeptOriginal {
                            quarantine("record \(record.seq) repeats a sequence number already kept")
                        } else if record.drill && store.header.mode == .live {
                            quarantine("record \(record.seq) is a drill record in a live log")
                        } else {
                            let original = record.seq
                            record.seq = nextSeq
                            // apply() changes nothing but the last sequence and time when it refuses.
                            let (lastSeq, lastTime) = (state.lastSeq, state.lastTime)
                            var refusal: LogError?
                            do throws(LogError) { try state.fold(record, from: path, line: lineNo) } catch { refusal = error }
                            if let refusal {
                                (state.lastSeq, state.lastTime) = (lastSeq, lastTime)
                                quarantine("record \(original): \(refusal.reason)")
                            } else {
                                // Keep the record's own bytes (fields a newer build wrote stay);
                                // a renumbered one changes only its sequence and checksum.
                                if original == nextSeq {
                                    good.append(contentsOf: line); good.append(10)
                                } else {
                                    out.renumbered += 1
                                    RecordCodec.appendRenumbered(line, seq: nextSeq, into: &good)
                                }
                                lastKeptOriginal = original
                                nextSeq += 1
                                out.kept += 1
                            }
                        }
                    } catch {
                        quarantine(error.reason)
                    }
                    s = e + 1
                }
            }
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
                let qf = try LogFile.openForAppending(path: q)
                try qf.append(bad); try qf.sync()
                out.quarantinePath = q
            }
            // Write the mended log beside the original, then swap them by rename:
            // at every moment the path names a complete log.
            let tmp = path + ".repair-" + stamp
            try LogFile.create(path: tmp, permissions: .ownerOnly, header: Array(good))
            let backup = path + ".before-repair-" + stamp
            guard link(path, backup) == 0 else { throw LogFileError.current(.create, backup) }
            guard rename(tmp, path) == 0 else { throw LogFileError.current(.create, path) }
            out.backupPath = backup
            return out
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
