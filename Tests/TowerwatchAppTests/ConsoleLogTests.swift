import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// Both live consoles open their log one way: from the newest snapshot that
/// still matches, with the policy beside the log, and say what the user must know.
@Suite struct ConsoleLogTests {
    static func makeLog(in dir: String) throws -> String {
        let path = dir + "/district.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: AppFixture.start))
        let log = try DistrictLog(store: FileEventStore(path: path, writable: true))
        try DemoDistrict.write(to: log, at: AppFixture.start)
        try log.store.flush()
        return path
    }

    @Test func `a console opens from the snapshot, replays only the tail, and takes the policy beside the log`() throws {
        let dir = AppFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.makeLog(in: dir)
        let writer = try DistrictLog(store: FileEventStore(path: path, writable: true))
        #expect(try writer.writeSnapshot() != nil)
        let atSnapshot = writer.position.seq
        try AppFixture.expectSuccess(writer.execute(Command(.officer("O-01"), .goOnDuty("G-017")), now: AppFixture.start + .minutes(1)))
        try writer.store.flush()
        try "ackTimeoutSeconds: 90\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)

        let opened = try ConsoleLog.open(path: path, policy: nil)
        #expect(opened.district.openedFromSnapshot == atSnapshot)
        #expect(opened.replayedTail == 1)
        #expect(opened.district.state.guards["G-017"]?.onDuty == true)
        #expect(opened.district.policy.ackTimeout == .seconds(90))
        #expect(opened.status == nil)
        #expect(opened.mode == .live)
        #expect(opened.live.now() >= AppFixture.start + .minutes(1))
    }

    @Test func `a bad policy fails the opening, before any screen is taken`() throws {
        let dir = AppFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.makeLog(in: dir)
        #expect(throws: PolicyFileError(message: "cannot read the policy file \(dir)/none.yaml")) {
            try ConsoleLog.open(path: path, policy: dir + "/none.yaml")
        }
        try "warningShare: 2\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        #expect(throws: PolicyFileError(message: "\(dir)/policy.yaml: warningShare must be between 0 and 1")) {
            try ConsoleLog.open(path: path, policy: nil)
        }
    }
}
