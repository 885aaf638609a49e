import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Forking a drill from a moment of a live log: exactly the history up to that
/// moment, byte for byte, in a log marked as a drill; the live log untouched;
/// everything appended afterwards a drill record that never counts live.
@Suite struct DrillForkTests {
    let dir = LogFixture.makeDirectory()
    var live: String { dir + "/live.twlog" }
    var drill: String { dir + "/drill.twlog" }

    /// The busy fixture district, and the record whose time the fork is made at.
    func makeLive(forkAfter index: Int = 40) throws -> (records: [EventRecord], at: Timestamp) {
        try LogFixture.makeBusyDistrict(at: live)
        let records = try LogFixture.records(live)
        precondition(records.count > index + 5, "the fixture is too small for this test")
        return (records, records[index].time)
    }

    /// The record lines of a log (without its header line).
    func recordLines(_ path: String) -> [[UInt8]] { Array(LogFixture.lines(LogFixture.contents(path)).dropFirst()) }

    // MARK: - What the fork holds

    @Test func `a fork holds exactly the history up to the moment, byte for byte, and nothing after`() throws {
        defer { LogFixture.remove(dir) }
        let (records, at) = try makeLive()
        let plan = try DrillFork.fork(from: live, at: at, to: drill, created: at + .minutes(1))

        let expected = records.filter { $0.time <= at }
        #expect(expected.count < records.count, "the fixture must have records after the fork for this test to mean anything")
        let forked = try LogFixture.records(drill)
        #expect(forked == expected)
        #expect(forked.allSatisfy { !$0.drill }, "history is copied as it was: never marked as a drill")
        #expect(plan.records == UInt64(expected.count))
        #expect(plan.goesOn)
        // Byte for byte: the same lines, sequence numbers and checksums as the live log's first ones.
        let liveLines = recordLines(live)
        #expect(recordLines(drill) == Array(liveLines.prefix(expected.count)))
        #expect(forked.last.map { $0.time <= at } == true)
        #expect(records[expected.count].time > at, "the first record left out is after the moment")
    }

    @Test func `the moment is inclusive: a record at exactly that time is history`() throws {
        defer { LogFixture.remove(dir) }
        let (records, _) = try makeLive()
        let at = records[20].time
        try DrillFork.fork(from: live, at: at, to: drill, created: at)
        let forked = try LogFixture.records(drill)
        #expect(forked.last?.seq == records.last { $0.time <= at }?.seq)
        #expect(forked.contains { $0.seq == records[20].seq })
        let before = at - Span(millis: 1)
        try DrillFork.fork(from: live, at: before, to: drill + "2", created: at)
        #expect(try LogFixture.records(drill + "2").allSatisfy { $0.time <= before })
    }

    @Test func `the live log is byte-identical afterwards, even when it is mode 0400`() throws {
        defer { LogFixture.remove(dir) }
        let (_, at) = try makeLive()
        chmod(live, 0o400)
        let before = LogFixture.contents(live)
        try DrillFork.fork(from: live, at: at, to: drill, created: at)
        #expect(LogFixture.contents(live) == before)
        #expect(LogFixture.mode(live) == 0o400)
        // Appending to the fork leaves the live log alone too.
        let district = try DistrictLog(store: FileEventStore(path: drill, writable: true))
        try LogFixture.mustExecute(district, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")))
        #expect(LogFixture.contents(live) == before)
    }

    @Test func `the drill log says mode=drill, forked-from and forked-at, and is mode 0600`() throws {
        defer { LogFixture.remove(dir) }
        let (records, at) = try makeLive()
        let created = at + .hours(30)
        try DrillFork.fork(from: live, at: at, to: drill, created: created)
        let header = try FileEventStore(path: drill, writable: false).header
        #expect(header.mode == .drill)
        #expect(header.forkedFrom == DrillFork.absolutePath(live))
        #expect(header.forkedFrom?.hasPrefix("/") == true)
        #expect(header.forkedAt == at)
        #expect(header.extra["forked-at"] == at.iso8601)
        #expect(header.extra["forked-seq"] == String(records.filter { $0.time <= at }.count))
        #expect(header.created == created)
        #expect(LogFixture.mode(drill) == 0o600)
        let firstLine = String(decoding: LogFixture.lines(LogFixture.contents(drill))[0], as: UTF8.self)
        #expect(firstLine.contains("\tmode=drill\t"))
        // A live log's header says none of this.
        let liveHeader = try FileEventStore(path: live, writable: false).header
        #expect(liveHeader.forkedFrom == nil && liveHeader.forkedAt == nil)
    }

    @Test func `a fork never overwrites an existing file, and makes nothing from an empty history`() throws {
        defer { LogFixture.remove(dir) }
        let (records, at) = try makeLive()
        LogFixture.write(Array("precious\n".utf8), to: drill)
        #expect(throws: LogFileError.self) { try DrillFork.fork(from: live, at: at, to: drill, created: at) }
        #expect(LogFixture.contents(drill) == Array("precious\n".utf8))
        let tooEarly = records[0].time - Span(millis: 1)
        #expect(throws: LogError.self) { try DrillFork.fork(from: live, at: tooEarly, to: dir + "/none.twlog", created: at) }
        #expect(access(dir + "/none.twlog", F_OK) != 0)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.filter { $0.contains("forking") } ?? []
        #expect(leftovers.isEmpty)
    }

    // MARK: - Taking over

    @Test func `records appended to a fork are drill records and count only in the drill figures`() throws {
        defer { LogFixture.remove(dir) }
        let (_, at) = try makeLive()
        try DrillFork.fork(from: live, at: at, to: drill, created: at)
        let district = try DistrictLog(store: FileEventStore(path: drill, writable: true))
        #expect(district.isDrill)
        let liveBefore = district.state.liveFigures
        let drillBefore = district.state.drillFigures
        let o1 = Actor.officer("O-01")
        let written = try LogFixture.mustExecute(district, Command(.feed("fire-panel"), .reportHazard(HazardReport(
            category: .fireAlarm, source: .officer, tower: "T01", floor: "12", zone: StandardZone.escapeRoute, note: "12F east"))))
            + LogFixture.mustExecute(district, Command(.guard("G-005"), .scan(guard: "G-005", checkpoint: "T01-CP01")))
        let hazard = district.state.hazards.values.filter(\.drill).map(\.id).max()!
        let more = try LogFixture.mustExecute(district, Command(o1, .dispatch(hazard: hazard, guard: "G-006")))
        #expect((written + more).allSatisfy { $0.drill })
        #expect(district.state.liveFigures == liveBefore, "a drill never moves the live figures")
        #expect(district.state.drillFigures.hazardsReported == drillBefore.hazardsReported + 1)
        #expect(district.state.drillFigures.checkpointScans == drillBefore.checkpointScans + 1)
        #expect(district.state.drillFigures.dispatches == drillBefore.dispatches + 1)

        // Reopening replays history (unmarked) followed by drill records, and agrees.
        let reopened = try DistrictLog(store: FileEventStore(path: drill, writable: false))
        #expect(reopened.state == district.state)
        let all = try LogFixture.records(drill)
        let firstDrill = all.firstIndex(where: \.drill)!
        #expect(all[..<firstDrill].allSatisfy { !$0.drill } && all[firstDrill...].allSatisfy { $0.drill })
    }

    @Test func `a drill record can never be appended to a live log`() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: live)
        let before = LogFixture.contents(live)
        let store = try FileEventStore(path: live, writable: true)
        let district = try DistrictLog(store: store)
        let record = EventRecord(seq: district.position.seq + 1, time: district.state.lastTime!, actor: .guard("G-001"), drill: true,
                                 event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
        #expect {
            try store.withWriteLock { try store.append([record], at: district.position) }
        } throws: { error in
            guard case let .refused(_, reason) = error as? LogError else { return false }
            return reason.contains("drill record can never be appended to a live log")
        }
        #expect(LogFixture.contents(live) == before)
        // Through DistrictLog, a live log's commands are never marked as a drill.
        let written = try LogFixture.mustExecute(district, Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")))
        #expect(written.allSatisfy { !$0.drill })
        // And a reader refuses a live log holding one.
        var lines = LogFixture.lines(LogFixture.contents(live))
        let last = String(decoding: LogFixture.body(lines[lines.count - 1]), as: UTF8.self)
        let parts = last.split(separator: "\t", omittingEmptySubsequences: false)
        let marked = (parts[0..<4] + ["drill=1"] + parts[4...]).joined(separator: "\t")
        lines[lines.count - 1] = LogFixture.sealed(Array(marked.utf8))
        LogFixture.write(LogFixture.join(lines), to: live)
        #expect(throws: LogError.self) { try DistrictLog(store: FileEventStore(path: live, writable: false)) }
    }

    @Test func `the drill clock starts at the fork's moment when the fork is made and runs on`() throws {
        defer { LogFixture.remove(dir) }
        let (_, at) = try makeLive()
        let created = at + .days(3)
        try DrillFork.fork(from: live, at: at, to: drill, created: created)
        let header = try FileEventStore(path: drill, writable: false).header
        let wall = ManualClock(created)
        let clock = DrillClock.forLog(header, base: wall)
        #expect(clock.now() == at)
        wall.advance(by: .minutes(7))
        #expect(clock.now() == at + .minutes(7))
        // A live log goes by the wall clock.
        let liveClock = DrillClock.forLog(try FileEventStore(path: live, writable: false).header, base: wall)
        #expect(liveClock.now() == wall.now())
    }

    // MARK: - Through the command line

    @Test func `towerwatch drill --from --at --out forks, and log verify names the mode`() throws {
        defer { LogFixture.remove(dir) }
        let (records, at) = try makeLive()
        chmod(live, 0o400)
        let before = LogFixture.contents(live)
        let run = try ChildProcess.run(["drill", "--from", live, "--at", at.iso8601, "--out", drill], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("into \(drill)"))
        #expect(LogFixture.contents(live) == before)
        #expect(try LogFixture.records(drill) == records.filter { $0.time <= at })
        #expect(LogFixture.mode(drill) == 0o600)

        let verify = try ChildProcess.run(["log", "verify", drill], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("drill log"))
        let verifyLive = try ChildProcess.run(["log", "verify", live], in: dir)
        #expect(verifyLive.stdout.contains("live log"))

        // A one-line action on the fork writes a drill record.
        let scan = try ChildProcess.run(["scan", "T01-CP01", "--as", "G-001", "--log", drill], in: dir)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(try LogFixture.records(drill).last?.drill == true)
        #expect(LogFixture.contents(live) == before)

        // Forking onto an existing file fails cleanly and changes nothing.
        let again = try ChildProcess.run(["drill", "--from", live, "--at", at.iso8601, "--out", drill], in: dir)
        #expect(again.status != 0)
        #expect(again.stderr.contains("File exists"), "\(again.stderr)")
    }
}
