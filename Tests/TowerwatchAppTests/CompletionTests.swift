import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// The ids a shell completes, read from a log file the command line names.
@Suite struct CompletionTests {
    /// The demo district in a file, with H-000001 open and dispatched (D-000001) and
    /// H-000002 closed.
    static func logFile() throws -> (path: String, directory: String) {
        let dir = AppFixture.temporaryDirectory()
        let path = dir + "/ids.twlog"
        let start = AppFixture.start
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: start))
        let log = try DistrictLog(store: try FileEventStore(path: path, writable: true))
        try DemoDistrict.write(to: log, at: start)
        let officer = Actor.officer("O-01")
        for g in ["G-001", "G-002"] { try AppFixture.expectSuccess(log.execute(Command(officer, .goOnDuty(GuardID(g))), now: start)) }
        for minute in [1, 2] {
            try AppFixture.expectSuccess(log.execute(Command(.guard("G-001"), .reportHazard(HazardReport(
                category: .parking, source: .patrol, tower: "T01", floor: "B1", zone: "garage", note: "blocked"))), now: start + .minutes(Int64(minute))))
        }
        try AppFixture.expectSuccess(log.execute(Command(officer, .dispatch(hazard: "H-000001", guard: "G-002")), now: start + .minutes(3)))
        try AppFixture.expectSuccess(log.execute(Command(officer, .close("H-000002", note: "towed")), now: start + .minutes(4)))
        try log.store.flush()
        return (path, dir)
    }

    @Test func `guards, officers, open hazards and open dispatches complete from the log named by --log`() throws {
        let (path, dir) = try Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let words = ["towerwatch", "guard", "", "--log", path]
        let guards = IDCompletion.ids(.guardID, words: words, environment: [:])
        #expect(guards.count == 240)
        #expect(guards.first == "G-001")
        #expect(IDCompletion.ids(.guardID, words: words, prefix: "g-01", environment: [:]) == (10...19).map { "G-0\($0)" },
                "case aside: g-01 finds G-010 to G-019")
        #expect(IDCompletion.ids(.officer, words: words, environment: [:]).contains("O-01"))
        #expect(IDCompletion.ids(.hazard, words: words, environment: [:]) == ["H-000001"], "the closed H-000002 is not offered")
        #expect(IDCompletion.ids(.dispatch, words: words, environment: [:]) == ["D-000001"])
        let actors = IDCompletion.ids(.actor, words: words, prefix: "O-0", environment: [:])
        #expect(actors.contains("O-01") && !actors.contains("G-001"))
    }

    @Test func `without --log the log is $TOWERWATCH_LOG; with neither, or a log that cannot be read, nothing`() throws {
        let (path, dir) = try Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(IDCompletion.ids(.hazard, words: ["towerwatch", "close", ""], environment: ["TOWERWATCH_LOG": path]) == ["H-000001"])
        #expect(IDCompletion.ids(.hazard, words: ["towerwatch", "close", "", "--log=\(path)"], environment: [:]) == ["H-000001"])
        #expect(IDCompletion.ids(.hazard, words: ["towerwatch", "close", ""], environment: [:]).isEmpty)
        #expect(IDCompletion.ids(.hazard, words: ["towerwatch", "close", "", "--log", dir + "/none.twlog"], environment: [:]).isEmpty)
    }

    @Test func `a one-line command completes its subject, the ids its options name, and its options`() throws {
        let (path, dir) = try Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["TOWERWATCH_LOG": path]
        #expect(VerbCompletion.candidates(.dispatch, words: ["towerwatch", "dispatch", "H-"], index: 2, prefix: "H-", environment: env) == ["H-000001"])
        #expect(VerbCompletion.candidates(.ack, words: ["towerwatch", "ack", ""], index: 2, prefix: "", environment: env) == ["D-000001"])
        let guards = VerbCompletion.candidates(.dispatch, words: ["towerwatch", "dispatch", "H-000001", "--guard", "G-00"], index: 4, prefix: "G-00", environment: env)
        #expect(guards == (1...9).map { "G-00\($0)" })
        #expect(VerbCompletion.candidates(.dispatch, words: ["towerwatch", "dispatch", "H-000001", "-"], index: 3, prefix: "-", environment: env) == ["--guard"])
        #expect(VerbCompletion.candidates(.clear, words: ["towerwatch", "clear", "D-000001", "--note", ""], index: 4, prefix: "", environment: env).isEmpty,
                "free text is not completed")
        // The cursor further back than the last word: the word at the index is what was typed.
        let back = ["towerwatch", "dispatch", "H-", "--log", path]
        #expect(VerbCompletion.candidates(.dispatch, words: back, index: 2, prefix: String(path.prefix(2)), environment: [:]) == ["H-000001"])
    }

    @Test func `a log whose tail no snapshot covers is not replayed at a prompt past the limit; after a snapshot it is`() throws {
        let (path, dir) = try Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let words = ["towerwatch", "ack", "", "--log", path]
        #expect(IDCompletion.ids(.dispatch, words: words, environment: [:], maximumReplayBytes: 1024).isEmpty,
                "the whole log to replay, over the limit")
        try SnapshotShelf(logPath: path).writeAll()
        #expect(IDCompletion.ids(.dispatch, words: words, environment: [:], maximumReplayBytes: 1024) == ["D-000001"],
                "read from the snapshot, nothing left to replay")
    }
}
