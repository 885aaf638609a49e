import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// A log replaced under a running console, a repair that must keep every byte of
/// good records, and a catch-up stopped by a bad record.
@Suite struct FollowAndRepairTests {
    @Test func `a follower reopens the log when the file is replaced, as a repair does`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeBusyDistrict(at: path)
        let follower = try DistrictLog.open(FileEventStore(path: path, writable: false))
        // Another log (the same one with one more scan) is swapped in by rename.
        let other = dir + "/other.twlog"
        try FileManager.default.copyItem(atPath: path, toPath: other)
        let writer = try DistrictLog(store: FileEventStore(path: other, writable: true))
        try LogFixture.mustExecute(writer, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP02")))
        #expect(rename(other, path) == 0)
        #expect(follower.isReplaced)
        #expect(try follower.followChanges(), "it reopened")
        #expect(follower.position.seq == writer.position.seq)
        #expect(follower.state == writer.state)
        #expect(!follower.isReplaced)
    }

    @Test func `repair keeps a good record's own bytes, fields from a newer build included`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeBusyDistrict(at: path)
        var lines = LogFixture.lines(LogFixture.contents(path))
        // A scan near the end carries a field this build does not know; an earlier scan is damaged.
        let scans = lines.indices.filter { String(decoding: lines[$0], as: UTF8.self).contains("\tCheckpointScanned\t") }
        let extended = scans.last!, damaged = scans.first!
        lines[extended] = LogFixture.sealed(LogFixture.body(lines[extended]) + Array("\tweather=rain".utf8))
        lines[damaged][lines[damaged].count - 1] ^= 0x01
        LogFixture.write(LogFixture.join(lines), to: path)
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.quarantined.count == 1)
        let repaired = String(decoding: LogFixture.contents(path), as: UTF8.self)
        #expect(repaired.contains("\tweather=rain\t"), "the unknown field survives renumbering")
        _ = try DistrictLog(store: FileEventStore(path: path, writable: false))
    }

    @Test func `a catch-up stopped by a bad record does not fold the records before it twice`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        let writer = try LogFixture.makeBusyDistrict(at: path)
        let follower = try DistrictLog(store: FileEventStore(path: path, writable: false))
        let scansBefore = follower.state.liveFigures.checkpointScans
        try LogFixture.mustExecute(writer, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP02")))
        try writer.store.flush()
        // Then a record of a type this build does not know (a newer writer), sealed.
        let next = writer.position.seq + 1
        let alien = LogFixture.sealed(Array("\(next)\t2026-11-29T12:00:00.000Z\tShiftHandedOver\tsystem\tshift=S1".utf8))
        let file = try LogFile.openForAppending(path: path)
        try file.append(alien + [10])
        #expect(throws: LogError.self) { try follower.catchUp() }
        #expect(throws: LogError.self) { try follower.catchUp() }
        #expect(follower.state.liveFigures.checkpointScans == scansBefore + 1)
        #expect(follower.position.seq == next - 1)
    }
}
