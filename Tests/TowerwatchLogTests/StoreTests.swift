import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Opening, recovery and detection: torn tails, damaged records, unknown types and
/// newer formats, file modes, read-only opens that never write, following.
@Suite struct StoreTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    /// Opens the log read-only and replays it; returns the district or the error.
    func replay(_ p: String? = nil) -> Result<DistrictLog, Error> {
        Result { try DistrictLog(store: FileEventStore(path: p ?? path, writable: false)) }
    }

    func expectBadRecord(_ result: Result<DistrictLog, Error>, line: Int, seq: UInt64?, reasonContains: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        switch result {
        case .success: Issue.record("the damaged log opened", sourceLocation: sourceLocation)
        case .failure(let error):
            guard case let .badRecord(p, l, s, reason) = error as? LogError else {
                Issue.record("not a bad-record error: \(error)", sourceLocation: sourceLocation); return
            }
            #expect(p == path, sourceLocation: sourceLocation)
            #expect(l == line, "line", sourceLocation: sourceLocation)
            #expect(s == seq, "sequence", sourceLocation: sourceLocation)
            #expect(reason.contains(reasonContains), "reason: \(reason)", sourceLocation: sourceLocation)
            let text = "\(error)"
            #expect(text.hasPrefix("\(path):\(line): "), "\(text)", sourceLocation: sourceLocation)
            if let seq { #expect(text.contains("record \(seq)"), "\(text)", sourceLocation: sourceLocation) }
        }
    }

    // MARK: - Torn tails

    @Test func aTornTailAtEveryByteOfTheLastRecord() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let whole = LogFixture.contents(path)
        let all = try LogFixture.records(path)
        let lastLine = LogFixture.lines(whole).last!
        let lastStart = whole.count - lastLine.count - 1
        #expect(lastLine.count > 60)

        // Every cut from 1 byte of the last record up to all of it but its newline.
        for keep in 1...lastLine.count {
            let torn = Array(whole[..<(lastStart + keep)])
            LogFixture.write(torn, to: path)

            // Read-only: every earlier record, a notice, and not a byte written.
            do {
                let store = try FileEventStore(path: path, writable: false)
                let district = try DistrictLog(store: store)
                #expect(district.position.seq == all.count - 1, "cut at \(keep)")
                #expect(store.notices.count == 1, "cut at \(keep): \(store.notices)")
                #expect(store.notices.first?.message.contains("incomplete") == true)
                #expect(store.notices.first?.message.contains("\(path):\(all.count + 1)") == true, "\(store.notices)")
                #expect(LogFixture.contents(path) == torn, "a read-only open wrote to the file (cut at \(keep))")
            }
            // Writable: the next append cuts it, says so, and the file is sound.
            do {
                let store = try FileEventStore(path: path, writable: true)
                let district = try DistrictLog(store: store)
                let written = try LogFixture.mustExecute(district, Command(.guard("G-005"), .scan(guard: "G-005", checkpoint: "T02-CP01")))
                #expect(written.map(\.seq) == [UInt64(all.count)], "the new record takes the torn one's number")
                #expect(store.notices.contains { $0.message.contains("cut off a torn final record (\(keep) bytes") }, "\(store.notices)")
            }
            let after = try LogFixture.records(path)
            #expect(Array(after.dropLast()) == Array(all.dropLast()), "cut at \(keep)")
            #expect(after.last?.event == .checkpointScanned(guard: "G-005", checkpoint: "T02-CP01"))
            let reopened = try FileEventStore(path: path, writable: false)
            _ = try DistrictLog(store: reopened)
            #expect(reopened.notices.isEmpty, "cut at \(keep): \(reopened.notices)")
            #expect(Array(LogFixture.contents(path).prefix(lastStart)) == Array(whole.prefix(lastStart)))
        }
    }

    // MARK: - Damage in the middle

    /// The busy log's lines, the index of a middle record line, and the records.
    func busyLines() throws -> (lines: [[UInt8]], records: [EventRecord]) {
        try LogFixture.makeBusyDistrict(at: path)
        return (LogFixture.lines(LogFixture.contents(path)), try LogFixture.records(path))
    }

    @Test func aFlippedByteInAMiddleRecordIsDetectedWithFileLineAndSequence() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let lineIndex = lines.count / 2              // 0-based; line number lineIndex + 1
        let seq = records[lineIndex - 1].seq
        var rng = SeededRNG(seed: 0x5EED_0001)
        let target = lines[lineIndex]
        // Flip a byte after the sequence field (so the sequence still reads) in many places.
        let firstTab = target.firstIndex(of: 9)!
        for _ in 0..<40 {
            var damaged = lines
            let at = Int.random(in: (firstTab + 1)..<target.count, using: &rng)
            var byte = damaged[lineIndex][at]
            repeat { byte = UInt8.random(in: 32...126, using: &rng) } while byte == damaged[lineIndex][at] || byte == 10
            damaged[lineIndex][at] = byte
            LogFixture.write(LogFixture.join(damaged), to: path)
            let result = replay()
            if case .failure(let e) = result, case let .badRecord(_, l, s, _) = e as? LogError {
                #expect(l == lineIndex + 1)
                #expect(s == seq)
            } else {
                Issue.record("flip at byte \(at) of line \(lineIndex + 1) not detected: \(result)")
            }
        }
        // A flip inside the sequence number itself still names file and line.
        var damaged = lines
        damaged[lineIndex][0] ^= 0x01
        LogFixture.write(LogFixture.join(damaged), to: path)
        if case .failure(let e) = replay(), let le = e as? LogError {
            #expect(le.line == lineIndex + 1)
            #expect("\(le)".contains("checksum mismatch"))
        } else { Issue.record("flip in the sequence number not detected") }
    }

    @Test func aFlippedDigitInAValueIsCaughtByTheChecksum() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        // floor=12 -> floor=13: still a valid event (Redis would load it silently).
        guard let i = lines.firstIndex(where: { String(decoding: $0, as: UTF8.self).contains("\tHazardReported\t")
                                                 && String(decoding: $0, as: UTF8.self).contains("\tfloor=12\t") }) else {
            Issue.record("no hazard on floor 12 in the fixture"); return
        }
        var damaged = lines
        damaged[i] = LogFixture.replacing(lines[i], "\tfloor=12\t", "\tfloor=13\t")
        // Without the checksum the line would decode: prove the change is otherwise valid.
        let resealed = LogFixture.sealed(LogFixture.body(damaged[i]))
        let decoded = try resealed.withUnsafeBufferPointer { try RecordCodec.decode($0) }
        if case let .hazardReported(_, _, _, _, floor, _, _, _, _) = decoded.event { #expect(floor == "13") }
        LogFixture.write(LogFixture.join(damaged), to: path)
        expectBadRecord(replay(), line: i + 1, seq: records[i - 1].seq, reasonContains: "checksum mismatch")
        // The same digit flip in a checkpoint's floor, and in a sequence of a scan.
        guard let j = lines.firstIndex(where: { String(decoding: $0, as: UTF8.self).contains("\tCheckpointInstalled\t") }) else { return }
        damaged = lines
        damaged[j] = LogFixture.replacing(lines[j], "\tfloor=12\t", "\tfloor=13\t")
        LogFixture.write(LogFixture.join(damaged), to: path)
        expectBadRecord(replay(), line: j + 1, seq: records[j - 1].seq, reasonContains: "checksum mismatch")
    }

    @Test func aDeletedLineIsASequenceGap() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let i = lines.count / 2
        var damaged = lines
        damaged.remove(at: i)
        LogFixture.write(LogFixture.join(damaged), to: path)
        // Line i+1 now holds the record after the deleted one.
        expectBadRecord(replay(), line: i + 1, seq: records[i].seq, reasonContains: "sequence gap")
    }

    @Test func aDuplicatedLineIsDetected() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let i = lines.count / 2
        var damaged = lines
        damaged.insert(lines[i], at: i + 1)
        LogFixture.write(LogFixture.join(damaged), to: path)
        expectBadRecord(replay(), line: i + 2, seq: records[i - 1].seq, reasonContains: "repeats")
        // A duplicated last line is detected too (not taken for a harmless tail).
        LogFixture.write(LogFixture.join(lines + [lines.last!]), to: path)
        expectBadRecord(replay(), line: lines.count + 1, seq: records.last!.seq, reasonContains: "repeats")
    }

    @Test func swappedLinesAreDetected() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let i = lines.count / 2
        var damaged = lines
        damaged.swapAt(i, i + 1)
        LogFixture.write(LogFixture.join(damaged), to: path)
        expectBadRecord(replay(), line: i + 1, seq: records[i].seq, reasonContains: "sequence gap")
    }

    @Test func anImpossibleEventStopsTheStart() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        // A well-formed, correctly sealed dispatch of a hazard that was never reported.
        let next = records.last!.seq + 1
        let r = EventRecord(seq: next, time: records.last!.time, actor: .officer("O-01"),
                            event: .guardDispatched(dispatch: "D-000099", hazard: "H-000777", guard: "G-010"))
        LogFixture.write(LogFixture.join(lines) + RecordCodec.encode(r), to: path)
        expectBadRecord(replay(), line: lines.count + 1, seq: next, reasonContains: "impossible event GuardDispatched")
    }

    @Test func anUnknownEventTypeIsAClearErrorNotASkip() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let i = lines.count / 2
        var damaged = lines
        let kind = records[i - 1].event.typeName
        damaged[i] = LogFixture.sealed(LogFixture.replacing(LogFixture.body(lines[i]), "\t\(kind)\t", "\tGuardTeleported\t"))
        LogFixture.write(LogFixture.join(damaged), to: path)
        expectBadRecord(replay(), line: i + 1, seq: records[i - 1].seq, reasonContains: "unknown event type 'GuardTeleported'")
        // `log verify` says so and fails.
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("GuardTeleported"), "\(verify.stdout)")
        #expect(verify.stdout.contains("\(path):\(i + 1)"), "\(verify.stdout)")
    }

    @Test func aNewerFormatVersionIsAClearError() throws {
        defer { LogFixture.remove(dir) }
        let (lines, _) = try busyLines()
        var damaged = lines
        damaged[0] = LogFixture.replacing(lines[0], "format=1", "format=\(RecordCodec.formatVersion + 1)")
        LogFixture.write(LogFixture.join(damaged), to: path)
        switch replay() {
        case .success: Issue.record("a newer format opened")
        case .failure(let e):
            guard case let .badHeader(p, reason) = e as? LogError else { Issue.record("\(e)"); return }
            #expect(p == path)
            #expect(reason.contains("newer"), "\(reason)")
            #expect("\(e)".hasPrefix("\(path):1: "))
        }
        // Nor does a writer touch it.
        #expect(throws: LogError.self) { try DistrictLog(store: FileEventStore(path: path, writable: true)) }
        #expect(LogFixture.contents(path) == LogFixture.join(damaged))
        for header in ["not a log\tformat=1\tmode=live", "#towerwatch-log\tmode=live", "#towerwatch-log\tformat=1\tmode=party", ""] {
            LogFixture.write(Array(header.utf8) + [10] + LogFixture.join(Array(lines.dropFirst())), to: path)
            guard case .failure(let e) = replay(), case .badHeader = e as? LogError else {
                Issue.record("header '\(header)' was accepted"); continue
            }
        }
        LogFixture.write([], to: path)
        guard case .failure(let e) = replay(), case .badHeader = e as? LogError else { Issue.record("an empty file opened"); return }
    }

    @Test func aDrillRecordInALiveLogIsRefusedAndDetected() throws {
        defer { LogFixture.remove(dir) }
        let (lines, records) = try busyLines()
        let store = try FileEventStore(path: path, writable: true)
        var at = store.start
        _ = try store.read(after: at) { _, p in at = p }
        let drill = EventRecord(seq: at.seq + 1, time: LogFixture.t0, actor: .system, drill: true, event: .shiftEnded(shift: "S"))
        #expect(throws: LogError.self) { try store.withWriteLock { try store.append([drill], at: at) } }
        #expect(LogFixture.lines(LogFixture.contents(path)) == lines, "nothing written")
        LogFixture.write(LogFixture.join(lines) + RecordCodec.encode(drill), to: path)
        expectBadRecord(replay(), line: lines.count + 1, seq: records.last!.seq + 1, reasonContains: "drill")
    }

    // MARK: - Appending

    @Test func anAppendAtAStalePositionIsAConflict() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeDistrict(at: path)
        let a = try FileEventStore(path: path, writable: true)
        let b = try DistrictLog(store: FileEventStore(path: path, writable: true))
        var at = a.start
        _ = try a.read(after: at) { _, p in at = p }
        try LogFixture.mustExecute(b, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")))
        let r = EventRecord(seq: at.seq + 1, time: LogFixture.t0, actor: .system, event: .shiftEnded(shift: "S"))
        #expect(throws: LogError.self) { try a.withWriteLock { try a.append([r], at: at) } }
        let records = try LogFixture.records(path)
        #expect(records.last?.event == .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
    }

    @Test func aRejectedCommandWritesNothing() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeDistrict(at: path)
        let before = LogFixture.contents(path)
        let result = try district.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000404", guard: "G-001")), now: LogFixture.t0)
        guard case .failure(let rejection) = result else { Issue.record("dispatch to a missing hazard accepted"); return }
        #expect(rejection.reason.contains("unknown hazard H-000404"))
        #expect(LogFixture.contents(path) == before)
    }

    // MARK: - Modes and read-only opens

    @Test func initCreatesOwnerOnlyOrGroupReadableFiles() throws {
        defer { LogFixture.remove(dir) }
        let a = dir + "/a.twlog", b = dir + "/b.twlog"
        let ra = try ChildProcess.run(["init", "--log", a, "--district", "empty"], in: dir)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(LogFixture.mode(a) == 0o600)
        let rb = try ChildProcess.run(["init", "--log", b, "--district", "empty", "--group-readable"], in: dir)
        #expect(rb.status == 0, "\(rb.stderr)")
        #expect(LogFixture.mode(b) == 0o640)
        // An existing log is never overwritten.
        let bytes = LogFixture.contents(a)
        let again = try ChildProcess.run(["init", "--log", a, "--district", "empty"], in: dir)
        #expect(again.status != 0)
        #expect(LogFixture.contents(a) == bytes)
        // The library's own create, whatever the umask.
        let old = umask(0)
        defer { umask(old) }
        try FileEventStore.create(path: dir + "/c.twlog", header: LogHeader())
        #expect(LogFixture.mode(dir + "/c.twlog") == 0o600)
    }

    @Test func aReadOnlyOpenOfA0400FileWorksAndWritesNothing() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        // With a torn tail too: a reader must report it, not cut it.
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = "17\t2026-".withCString { write(fd, $0, 7) }
        close(fd)
        #expect(chmod(path, 0o400) == 0)
        let before = LogFixture.contents(path)
        var st0 = stat(); stat(path, &st0)

        let store = try FileEventStore(path: path, writable: false)
        let district = try DistrictLog(store: store)
        #expect(district.state.hazards.count == 2)
        #expect(store.notices.count == 1)
        #expect(throws: LogError.self) { try store.withWriteLock { 0 } }
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.stdout.contains("records read"), "\(verify.stdout) \(verify.stderr)")
        #expect(verify.stdout.contains("incomplete"), "verify reports the torn tail: \(verify.stdout)")
        let dump = try ChildProcess.run(["log", "dump", path], in: dir)
        #expect(dump.status == 0, "\(dump.stderr)")
        #expect(dump.stdout.split(separator: "\n").count == Int(district.position.seq))

        var st1 = stat(); stat(path, &st1)
        #expect(LogFixture.contents(path) == before, "a reader changed the file")
        #expect(st1.st_mtim.tv_sec == st0.st_mtim.tv_sec && st1.st_mtim.tv_nsec == st0.st_mtim.tv_nsec, "a reader modified the file")
        #expect(LogFixture.mode(path) == 0o400)
    }

    @Test func verifySaysSoundForASoundLog() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("sound"))
        #expect(verify.stdout.contains("CheckpointScanned"))
    }

    // MARK: - Following

    @Test func aFollowerSeesAnotherProcesssAppend() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeDistrict(at: path)
        let store = try FileEventStore(path: path, writable: false)
        let district = try DistrictLog(store: store)
        let before = district.position.seq
        #expect(store.changeDescriptor != nil)
        #expect(!store.waitForChange(timeoutMillis: 0), "nothing has changed yet")

        let start = LogFixture.monotonic()
        var child = try ChildProcess.start(["_exercise", "append", "--log", path, "--count", "1", "--guard", "G-003"], in: dir)
        var seen: [EventRecord] = []
        while seen.isEmpty && LogFixture.monotonic() - start < 10 {
            guard store.waitForChange(timeoutMillis: 10_000) else { break }
            store.drainChanges()
            seen += try district.catchUp()
        }
        #expect(child.wait(timeout: 10) == 0, "\(child.stderr)")
        #expect(seen.map(\.event) == [.checkpointScanned(guard: "G-003", checkpoint: "T01-CP01")])
        #expect(seen.first?.seq == before + 1)
        #expect(child.stdout == "\(before + 1)\n")
        #expect(district.state.guards["G-003"]?.lastScan?.checkpoint == "T01-CP01")
    }
}
