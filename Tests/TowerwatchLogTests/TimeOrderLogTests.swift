import Foundation
import Testing
import TowerwatchCore
import TowerwatchLog

/// Time only moves forward in a log file: the writer stamps so, and `log verify` checks it.
@Suite("Time order in the log", .serialized)
struct TimeOrderLogTests {
    let o1 = Actor.officer("O-01")
    let g1 = Actor.guard("G-001")

    /// A district with H-000001 reported and D-000001 dispatched to G-001.
    func dispatched(at path: String) throws -> DistrictLog {
        let d = try LogFixture.makeDistrict(at: path)
        try LogFixture.mustExecute(d, Command(o1, .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "12",
                                                                              zone: StandardZone.escapeRoute))))
        try LogFixture.mustExecute(d, Command(o1, .dispatch(hazard: "H-000001", guard: "G-001")))
        try d.store.flush()
        return d
    }

    @Test func `under the write lock a record is stamped no earlier than the last one, however far back the clock is`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/district.twlog"
        let d = try dispatched(at: path)
        let last = try #require(d.state.lastTime)
        guard case .success(let records) = try d.execute(Command(g1, .acknowledge("D-000001", channel: .console)), now: last - .minutes(10)) else {
            Issue.record("a clock behind the log must not refuse the command"); return
        }
        #expect(records.map(\.time) == [last])
        let batch = try d.executeAll([Command(g1, .arrive("D-000001"))], now: last - .hours(1))
        guard case .success(let arrived) = batch.first else { Issue.record("arrival refused"); return }
        #expect(arrived.map(\.time) == [last])
        try d.store.flush()
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("sound"))
    }

    @Test func `verify refuses a hand-made log whose acknowledgement precedes its dispatch, naming file, line and sequence`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/handmade.twlog"
        let d = try dispatched(at: path)
        let dispatchedAt = try #require(d.state.dispatches["D-000001"]?.assignedAt)
        // Written past decide, as a hand or a wrong clock would: 80 seconds before the dispatch.
        let ack = EventRecord(seq: d.position.seq + 1, time: dispatchedAt - .seconds(80), actor: g1,
                              event: .dispatchAcknowledged(dispatch: "D-000001", guard: "G-001", channel: .console))
        _ = try d.store.append([ack], at: d.position)
        try d.store.flush()
        let lines = String(decoding: LogFixture.contents(path), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("DispatchAcknowledged") }) + 1

        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        let expected = "\(path):\(line): record \(ack.seq): DispatchAcknowledged at \(ack.time.iso8601) precedes D-000001's dispatch at \(dispatchedAt.iso8601)"
        #expect(verify.stdout.contains("out of time order: " + expected), "\(verify.stdout)")
        #expect(!verify.stdout.contains("\nsound"))
    }

    @Test func `verify reports a record whose time goes backwards`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/backwards.twlog"
        let d = try dispatched(at: path)
        let last = try #require(d.state.lastTime)
        let scan = EventRecord(seq: d.position.seq + 1, time: last - .seconds(5), actor: .feed("alliance"),
                               event: .bulletinIssued(bulletin: "B-00001", from: "alliance", text: "late", tower: nil))
        _ = try d.store.append([scan], at: d.position)
        try d.store.flush()
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("record \(scan.seq): time goes backwards: BulletinIssued at \(scan.time.iso8601) follows record \(scan.seq - 1) at \(last.iso8601)"),
                "\(verify.stdout)")
    }

    @Test func `the district's zone goes through the file and its snapshots`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/zone.twlog"
        let d = try LogFixture.makeDistrict(at: path)
        try LogFixture.mustExecute(d, Command(o1, .setTimeZone("Asia/Shanghai")))
        try d.store.flush()
        #expect(try DistrictLog(store: FileEventStore(path: path, writable: false)).state.timeZone == "Asia/Shanghai")
        try d.writeSnapshot()
        let reopened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(reopened.openedFromSnapshot == d.position.seq)
        #expect(reopened.state.timeZone == "Asia/Shanghai")
        #expect(SystemZones.localTime(for: reopened.state).time.zoneLabel(LogFixture.t0) == "+08:00")
    }

    @Test func `the machine's zone database gives zones their offsets, daylight saving included`() throws {
        let shanghai = try #require(SystemZones.rules(for: "Asia/Shanghai"))
        #expect(shanghai.offset(at: Timestamp(year: 2026, month: 11, day: 29)) == 8 * 3600)
        let newYork = try #require(SystemZones.rules(for: "America/New_York"))
        #expect(newYork.offset(at: Timestamp(year: 2026, month: 1, day: 15)) == -5 * 3600)
        #expect(newYork.offset(at: Timestamp(year: 2026, month: 7, day: 15)) == -4 * 3600)
        #expect(SystemZones.rules(for: "Nowhere/Atlantis") == nil)
        var unknown = DistrictState()
        unknown.timeZone = "Nowhere/Atlantis"
        #expect(SystemZones.localTime(for: unknown).unknown == "Nowhere/Atlantis")
        #expect(SystemZones.localTime(for: unknown).time == .utc)
    }
    @Test func `the report reads in the district's zone: its window, its rows, and the times typed to it`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/zoned.twlog"
        let d = try LogFixture.makeDistrict(at: path)
        try LogFixture.mustExecute(d, Command(o1, .setTimeZone("Asia/Shanghai")))
        let reportedAt = Timestamp(millis: (LogFixture.t0.millis / 3_600_000 + 2) * 3_600_000)
        try LogFixture.mustExecute(d, Command(o1, .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "12",
                                                                              zone: StandardZone.escapeRoute))), at: reportedAt)
        try d.store.flush()
        let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        let text = try ChildProcess.run(["report", path], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Times    local, Asia/Shanghai (+08:00)"), "\(text.stdout)")
        #expect(text.stdout.contains("→ \(shanghai.dateTime(reportedAt))"))
        // --from in local time: a minute before the report counts it, a minute after does not.
        let before = shanghai.date(reportedAt) + "T" + shanghai.clockMinutes(reportedAt - .minutes(1))
        let after = shanghai.date(reportedAt) + "T" + shanghai.clockMinutes(reportedAt + .minutes(1))
        let from = try ChildProcess.run(["report", path, "--from", before, "--format", "csv", "--table", "hazards"], in: dir)
        #expect(from.stdout.contains("H-000001"), "\(from.stdout)\(from.stderr)")
        let late = try ChildProcess.run(["report", path, "--from", after, "--format", "csv", "--table", "hazards"], in: dir)
        #expect(!late.stdout.contains("H-000001"), "\(late.stdout)")
        let bad = try ChildProcess.run(["report", path, "--from", "tomorrow"], in: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--from tomorrow: not a time"))
    }
    @Test func `simulate --speed on a live log is refused with the reason; on a drill log it runs`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let live = dir + "/live.twlog"
        try LogFixture.makeDistrict(at: live)
        let before = LogFixture.contents(live)
        let refused = try ChildProcess.run(["simulate", "--log", live, "--speed", "60", "--duration", "1m"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--speed 60: \(live) is a live log, whose records carry the real time"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Speed is for drill logs, whose clock is their own"))
        #expect(LogFixture.contents(live) == before, "nothing written")
        let fresh = try ChildProcess.run(["simulate", "--log", dir + "/new.twlog", "--speed", "2", "--duration", "1m"], in: dir)
        #expect(fresh.status == 2)
        #expect(access(dir + "/new.twlog", F_OK) != 0, "a refused run creates no log")
        let drill = dir + "/drill.twlog"
        let made = try ChildProcess.run(["drill", "--out", drill], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let fast = try ChildProcess.run(["simulate", "--log", drill, "--speed", "600", "--duration", "2m"], in: dir)
        #expect(fast.status == 0, "\(fast.stderr)")
        let verify = try ChildProcess.run(["log", "verify", drill], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("DistrictTimeZoneSet"), "drill --out records the machine's zone")
    }
}
