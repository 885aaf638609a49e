import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// `LogRepair.repair` (and `towerwatch log repair`): bad lines go to a quarantine
/// file byte for byte, every good record stays, the result verifies, the original is kept.
@Suite struct RepairTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    func lineIndex(_ lines: [[UInt8]], _ contains: String, after: Int = 1) -> Int {
        lines.indices.first { $0 >= after && String(decoding: lines[$0], as: UTF8.self).contains(contains) }!
    }

    /// Damages the busy log: a flipped byte in the plate-camera hazard's report (its
    /// escalation stays, against a placeholder), a flipped byte in a scan, a duplicated line.
    /// Returns the damaged lines and the 0-based indices of the lines that must go.
    func damage() throws -> (original: [[UInt8]], damaged: [[UInt8]], bad: [Int], reasons: [String]) {
        try LogFixture.makeBusyDistrict(at: path)
        let lines = LogFixture.lines(LogFixture.contents(path))
        var damaged = lines
        let hazard = lineIndex(lines, "浙A12345")
        let escalation = lineIndex(lines, "\tHazardEscalated\t")
        let scan = lineIndex(lines, "\tCheckpointScanned\t", after: escalation)
        damaged[hazard] = LogFixture.replacing(damaged[hazard], "浙A12345", "浙A12346")
        damaged[scan][damaged[scan].count / 2] ^= 0x20
        let duplicated = damaged.count - 3
        damaged.insert(lines[duplicated], at: duplicated + 1)
        return (lines, damaged, [hazard, scan, duplicated + 1], ["checksum mismatch", "checksum mismatch", "repeats"])
    }

    @Test func quarantinesExactlyTheBadLinesAndKeepsEveryGoodRecord() throws {
        defer { LogFixture.remove(dir) }
        let (original, damaged, bad, reasons) = try damage()
        let originalRecords: [EventRecord] = try original.dropFirst().map { l in try l.withUnsafeBufferPointer { try RecordCodec.decode($0) } }
        let damagedBytes = LogFixture.join(damaged)
        LogFixture.write(damagedBytes, to: path)
        #expect(throws: LogError.self) { try DistrictLog(store: FileEventStore(path: path, writable: false)) }

        let outcome = try LogRepair.repair(path: path)

        // The quarantine file holds exactly the bad lines, in order, byte for byte.
        #expect(outcome.quarantined.map(\.line) == bad.map { $0 + 1 })
        for (q, reason) in zip(outcome.quarantined, reasons) { #expect(q.reason.contains(reason), "line \(q.line): \(q.reason)") }
        let quarantinePath = try #require(outcome.quarantinePath)
        let qLines = LogFixture.lines(LogFixture.contents(quarantinePath))
        #expect(qLines.first.map { String(decoding: $0, as: UTF8.self).hasPrefix("#") } == true, "a comment line says where they came from")
        #expect(Array(qLines.dropFirst()) == bad.map { damaged[$0] })
        #expect(LogFixture.mode(quarantinePath) == 0o600)

        // The original is kept, byte for byte.
        let backup = try #require(outcome.backupPath)
        #expect(LogFixture.contents(backup) == damagedBytes)

        // Every good record is kept, in order (renumbered past the removed ones), and the result verifies.
        let removedOriginals = Set([bad[0], bad[1]].map { originalRecords[$0 - 1].seq })
        let expected = originalRecords.filter { !removedOriginals.contains($0.seq) }
        let store = try FileEventStore(path: path, writable: false)
        let repaired = try DistrictLog(store: store)
        #expect(store.notices.isEmpty)
        let all = try LogFixture.records(path)
        // One record repair wrote: the placeholder for the lost report, just before its escalation.
        let kept = all.filter { if case .setUpLost = $0.event { return false } else { return true } }
        #expect(all.count == kept.count + 1)
        #expect(all.contains { $0.event == .setUpLost(kind: .hazard, id: "H-000002") })
        #expect(outcome.placeholders == [LostSetUp(.hazard, "H-000002")])
        #expect(outcome.kept == expected.count)
        #expect(kept.count == expected.count)
        #expect(all.map(\.seq) == Array(1...UInt64(all.count)))
        for (k, e) in zip(kept, expected) {
            #expect(k.event == e.event && k.actor == e.actor && k.time == e.time && k.drill == e.drill)
        }
        // The placeholder takes the lost report's number; the records after the lost scan move down one.
        #expect(outcome.renumbered == expected.filter { $0.seq > originalRecords[bad[1] - 1].seq }.count)
        #expect(repaired.state.isLostInRepair(.hazard, "H-000002"))
        #expect(repaired.state.hazards["H-000002"]?.escalations.count == 1, "the escalation is kept")
        #expect(repaired.state.hazards["H-000001"]?.isOpen == false)
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")

        // A second repair finds nothing to do and writes nothing.
        let bytes = LogFixture.contents(path)
        let again = try LogRepair.repair(path: path)
        #expect(!again.changed)
        #expect(LogFixture.contents(path) == bytes)
    }

    @Test func aDuplicateAfterARemovedRecordIsStillQuarantined() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let lines = LogFixture.lines(LogFixture.contents(path))
        var damaged = lines
        // Damage a scan early on, then duplicate a later scan: once numbers after the
        // removed record shift down, the copy must still be recognised as a repeat.
        let early = lineIndex(lines, "\tCheckpointScanned\t")
        damaged[early][damaged[early].count - 3] ^= 0x01
        let later = damaged.count - 2
        damaged.insert(lines[later], at: later + 1)
        LogFixture.write(LogFixture.join(damaged), to: path)
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.quarantined.map(\.line) == [early + 1, later + 2], "\(outcome.quarantined)")
        let kept = try LogFixture.records(path)
        #expect(kept.count == lines.count - 2, "the duplicated scan was kept as a new record")
    }

    @Test func aLostReportKeepsItsDispatchAndEveryStepAgainstAPlaceholder() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let lines = LogFixture.lines(LogFixture.contents(path))
        var damaged = lines
        // Lose the first hazard's report: its dispatch and every later step stay, against a placeholder.
        let report = lineIndex(lines, "\tHazardReported\t")
        damaged[report][damaged[report].count - 12] ^= 0x04
        LogFixture.write(LogFixture.join(damaged), to: path)
        let outcome = try LogRepair.repair(path: path)
        let reasons = outcome.quarantined.map(\.reason)
        #expect(reasons.count == 1 && reasons.first?.contains("checksum mismatch") == true, "\(reasons)")
        #expect(outcome.placeholders == [LostSetUp(.hazard, "H-000001")])
        let store = try FileEventStore(path: path, writable: true)
        let district = try DistrictLog(store: store)
        #expect(district.state.dispatches["D-000001"]?.phase == .cleared)
        #expect(district.state.hazards["H-000001"]?.isOpen == false)
        #expect(district.state.isLostInRepair(.hazard, "H-000001"))
        // The repaired log takes new work: a new report must not reuse a kept hazard's id,
        // a new dispatch must not reuse a kept dispatch's.
        let o1 = Actor.officer("O-01")
        let reported = try LogFixture.mustExecute(district, Command(o1, .reportHazard(HazardReport(
            category: .flood, source: .officer, tower: "T02", floor: "1", zone: "lobby"))))
        guard case let .hazardReported(id, _, _, _, _, _, _, _, _) = reported.first?.event else { Issue.record("no report"); return }
        #expect(id != "H-000002", "a new hazard reused the id of a kept one")
        try LogFixture.mustExecute(district, Command(o1, .dispatch(hazard: id, guard: "G-011")))
        _ = try DistrictLog(store: FileEventStore(path: path, writable: false))
    }

    @Test func aTornTailIsMovedToQuarantine() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeDistrict(at: path)
        let whole = LogFixture.contents(path)
        let torn = Array("99\t2026-11-29T08:00".utf8)
        LogFixture.write(whole + torn, to: path)
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.tornTailBytes == torn.count)
        #expect(Array(LogFixture.lines(LogFixture.contents(outcome.quarantinePath!)).dropFirst()) == [torn])
        #expect(LogFixture.contents(path) == whole)
    }

    @Test func theRepairCommandSaysWhatItDid() throws {
        defer { LogFixture.remove(dir) }
        let (_, damaged, bad, _) = try damage()
        LogFixture.write(LogFixture.join(damaged), to: path)
        let before = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(before.status == 1)
        #expect(before.stdout.contains("first problem: \(path):\(bad[0] + 1):"), "\(before.stdout)")
        let run = try ChildProcess.run(["log", "repair", path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("moved \(bad.count) to"), "\(run.stdout)")
        for b in bad { #expect(run.stdout.contains("line \(b + 1):"), "\(run.stdout)") }
        #expect(run.stdout.contains("before-repair"))
        let after = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(after.status == 0, "\(after.stdout)")
    }

    /// The busy log with one byte of its first scan flipped; returns its lines as written.
    func damageOneScan() throws -> [[UInt8]] {
        try LogFixture.makeBusyDistrict(at: path)
        var lines = LogFixture.lines(LogFixture.contents(path))
        let scan = lineIndex(lines, "\tCheckpointScanned\t")
        lines[scan][lines[scan].count - 2] ^= 0x01
        LogFixture.write(LogFixture.join(lines), to: path)
        return lines
    }

    /// The mended log keeps the original's owner, group and mode: a root repair of a
    /// user's 0640 log leaves it the user's, 0640; the quarantine is the owner's, 0600.
    @Test func repairKeepsOwnerGroupAndMode() throws {
        defer { LogFixture.remove(dir) }
        let lines = try damageOneScan()
        #expect(chmod(path, 0o640) == 0)
        let owner: uid_t = getuid() == 0 ? 4321 : getuid()
        let group: gid_t = getuid() == 0 ? 4322 : getgid()
        if getuid() == 0 { #expect(chown(path, owner, group) == 0) }
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.quarantined.count == 1)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o640 && st.st_uid == owner && st.st_gid == group, "mode \(String(st.st_mode & 0o7777, radix: 8)) uid \(st.st_uid) gid \(st.st_gid)")
        var q = stat()
        #expect(stat(outcome.quarantinePath!, &q) == 0)
        #expect(q.st_mode & 0o7777 == 0o600 && q.st_uid == owner && q.st_gid == group)
        #expect(LogFixture.contents(outcome.backupPath!) == LogFixture.join(lines), "the original is kept byte for byte")
    }

    /// Repair through a symbolic link mends the real file where it lies; the link
    /// still names the (mended) log.
    @Test func repairThroughASymlinkMendsTheRealFile() throws {
        defer { LogFixture.remove(dir) }
        let lines = try damageOneScan()
        let link = dir + "/link.twlog"
        #expect(symlink(path, link) == 0)
        let outcome = try LogRepair.repair(path: link)
        #expect(outcome.realPath == path)
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
        _ = try DistrictLog(store: FileEventStore(path: path, writable: false))
        #expect(outcome.backupPath?.hasPrefix(path + ".before-repair-") == true)
    }

    /// One bad part of a command takes its whole command to quarantine, never half.
    @Test func aCommandWithABadPartLeavesWhole() throws {
        defer { LogFixture.remove(dir) }
        let d = try LogFixture.makeBusyDistrict(at: path)
        let o1 = Actor.officer("O-01")
        try LogFixture.mustExecute(d, Command(o1, .reportHazard(HazardReport(category: .parking, source: .patrol, tower: "T01", floor: "B1", zone: StandardZone.garage))))
        let hazard = d.state.hazards.keys.max()!
        try LogFixture.mustExecute(d, Command(o1, .dispatch(hazard: hazard, guard: "G-003")))
        let dispatch = d.state.dispatches.keys.max()!
        let reassign = try LogFixture.mustExecute(d, Command(o1, .reassign(dispatch, to: "G-004")))
        try LogFixture.mustExecute(d, Command(.guard("G-005"), .scan(guard: "G-005", checkpoint: "T01-CP01")))
        try d.store.flush()
        var lines = LogFixture.lines(LogFixture.contents(path))
        let second = lines.firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("\(reassign[1].seq)\t") }!
        lines[second][lines[second].count - 3] ^= 0x01
        LogFixture.write(LogFixture.join(lines), to: path)
        let outcome = try LogRepair.repair(path: path)
        #expect(Set(outcome.quarantined.map(\.line)) == [second, second + 1], "\(outcome.quarantined)")
        let repaired = try DistrictLog(store: FileEventStore(path: path, writable: false))
        #expect(repaired.state.dispatches[dispatch]?.guard == "G-003" && repaired.state.dispatches[dispatch]?.isOpen == true,
                "the withdrawal of a reassignment whose new dispatch was lost must go too")
        #expect(try LogFixture.records(path).last?.event == .checkpointScanned(guard: "G-005", checkpoint: "T01-CP01"))
    }
}
