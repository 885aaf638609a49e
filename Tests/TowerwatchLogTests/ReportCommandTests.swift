import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// `towerwatch report` run as the real binary on a small log written through the store.
@Suite("towerwatch report", .serialized)
struct ReportCommandTests {
    /// Two hazards, half an hour apart, each answered by one dispatch:
    /// H-000001 at base: D-000001 to G-001 at +1m, ack +1m40s, on scene +4m (3m from the dispatch), cleared +10m, closed +20m;
    /// H-000002 at +30m: D-000002 to G-002 at +31m, ack +33m (late), on scene +39m (8m: late), cleared +50m, closed +70m.
    static func makeLog(at path: String) throws -> Timestamp {
        let d = try LogFixture.makeDistrict(at: path)
        let base = Timestamp(millis: (LogFixture.t0.millis / 3_600_000 + 2) * 3_600_000)
        func at(_ m: Int64, _ s: Int64 = 0) -> Timestamp { base + .minutes(m) + .seconds(s) }
        let o = Actor.officer("O-01"), g1 = Actor.guard("G-001"), g2 = Actor.guard("G-002")
        func run(_ actor: Actor, _ action: Action, _ time: Timestamp) throws { try LogFixture.mustExecute(d, Command(actor, action), at: time) }
        try run(o, .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "12",
                                              zone: StandardZone.escapeRoute, note: "boxes, \"many\"")), at(0))
        try run(o, .dispatch(hazard: "H-000001", guard: "G-001"), at(1))
        try run(g1, .acknowledge("D-000001", channel: .console), at(1, 40))
        try run(g1, .arrive("D-000001"), at(4))
        try run(g1, .clear("D-000001", note: "moved"), at(10))
        try run(o, .close("H-000001", note: "clear"), at(20))
        try run(o, .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T01", floor: "B1",
                                              zone: StandardZone.garage, note: "浙A12345")), at(30))
        try run(o, .dispatch(hazard: "H-000002", guard: "G-002"), at(31))
        try run(g2, .acknowledge("D-000002", channel: .console), at(33))
        try run(g2, .arrive("D-000002"), at(39))
        try run(g2, .clear("D-000002", note: "towed"), at(50))
        try run(o, .close("H-000002", note: "gone"), at(70))
        try d.store.flush()
        return base
    }

    static func withLog(_ body: (String, String, Timestamp) throws -> Void) throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/shift.log"
        let base = try makeLog(at: path)
        try body(dir, path, base)
    }

    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func `json parses and holds both dispatches with their times`() throws {
        try Self.withLog { dir, path, _ in
            let r = try ChildProcess.run(["report", path, "--format", "json"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let root = try Self.json(r.stdout)
            let live = try #require(root["live"] as? [String: Any])
            let dispatches = try #require(live["dispatches"] as? [[String: Any]])
            #expect(dispatches.map { $0["dispatch"] as? String } == ["D-000001", "D-000002"])
            #expect(dispatches.map { ($0["toSceneSeconds"] as? NSNumber)?.intValue } == [180, 480])
            #expect(dispatches.map { $0["late"] as? Bool } == [false, true])
            let hazards = try #require(live["hazards"] as? [[String: Any]])
            #expect(hazards.map { ($0["toRectifySeconds"] as? NSNumber)?.intValue } == [1200, 2400])
            #expect((live["byCategory"] as? [String: Any])?["parking"] as? Int == 1)
            let drill = try #require(root["drill"] as? [String: Any])
            #expect((drill["dispatches"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func `csv has the header and one row per dispatch, and every table as a section`() throws {
        try Self.withLog { dir, path, _ in
            let one = try ChildProcess.run(["report", path, "--format", "csv", "--table", "dispatches"], in: dir)
            #expect(one.status == 0, "\(one.stderr)")
            let lines = one.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("section,dispatch,hazard,guard,guard_name,team,team_name,tower,tower_name") == true)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("live,D-00000") })

            let hazards = try ChildProcess.run(["report", path, "--format", "csv", "--table", "hazards"], in: dir)
            #expect(hazards.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)

            let all = try ChildProcess.run(["report", path, "--format", "csv"], in: dir)
            #expect(all.status == 0)
            for name in ReportTable.names { #expect(all.stdout.contains("# \(name)\r\n")) }
        }
    }

    @Test func `csv and json read in the district's zone with its offset, as the text does; the log stays UTC`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/zoned.log"
        let d = try LogFixture.makeDistrict(at: path)
        let o = Actor.officer("O-01")
        let base = Timestamp(millis: (LogFixture.t0.millis / 3_600_000 + 2) * 3_600_000)
        try LogFixture.mustExecute(d, Command(o, .setTimeZone("Asia/Shanghai")), at: base - .minutes(5))
        try LogFixture.mustExecute(d, Command(o, .reportHazard(HazardReport(category: .parking, source: .patrol, tower: "T01",
                                                                         floor: "B1", zone: StandardZone.garage, note: "car"))), at: base)
        try LogFixture.mustExecute(d, Command(o, .dispatch(hazard: "H-000001", guard: "G-001")), at: base + .seconds(90))
        try d.store.flush()
        let local = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        #expect(local.iso8601(base).hasSuffix("+08:00"))

        let csv = try ChildProcess.run(["report", path, "--format", "csv", "--table", "dispatches"], in: dir)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        let at = try #require(rows.first?.firstIndex(of: "assigned_at"))
        #expect(rows.dropFirst().map { $0[at] } == [local.iso8601(base + .seconds(90))])

        let json = try ChildProcess.run(["report", path, "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let root = try Self.json(json.stdout)
        #expect(root["end"] as? String == local.iso8601(base + .seconds(90)))
        let live = try #require(root["live"] as? [String: Any])
        let hazards = try #require(live["hazards"] as? [[String: Any]])
        #expect(hazards.map { $0["reportedAt"] as? String } == [local.iso8601(base)])
        let dispatches = try #require(live["dispatches"] as? [[String: Any]])
        #expect(dispatches.map { ($0["waitedSeconds"] as? NSNumber)?.intValue } == [0], "durations are seconds, unchanged")
        // The log itself keeps UTC.
        #expect(String(decoding: LogFixture.contents(path), as: UTF8.self).contains("\t\(base.iso8601)\tHazardReported\t"))
    }

    @Test func `the report reads in the zone the district has at the window's end, changed after the start`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/rezoned.log"
        let d = try LogFixture.makeDistrict(at: path)
        let base = Timestamp(millis: (LogFixture.t0.millis / 3_600_000 + 2) * 3_600_000)
        try LogFixture.mustExecute(d, Command(.officer("O-01"), .setTimeZone("Asia/Shanghai")), at: base)
        try d.store.flush()
        // 6,000 scans (past the look for the zone at the start), then an officer's change of zone.
        let store = try FileEventStore(path: path, writable: true)
        var last: UInt64 = 0
        let end = try store.read(after: store.start) { record, _ in last = record.seq }
        var later = (0..<6_000).map { i in
            EventRecord(seq: last + 1 + UInt64(i), time: base + .seconds(Int64(i + 1)), actor: .guard("G-001"),
                        event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
        }
        let changedAt = base + .hours(3)
        later.append(EventRecord(seq: last + 6_001, time: changedAt, actor: .officer("O-01"), event: .districtTimeZoneSet(zone: "Europe/Berlin")))
        _ = try store.withWriteLock { try store.append(later, at: end) }
        try store.flush()
        let berlin = SystemZones.localTime(zoneNamed: "Europe/Berlin")
        try #require(berlin.unknown == nil, "the machine knows Europe/Berlin")

        let json = try ChildProcess.run(["report", path, "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try Self.json(json.stdout)["end"] as? String == berlin.time.iso8601(changedAt))
        let text = try ChildProcess.run(["report", path], in: dir)
        #expect(text.stdout.contains("Times    local, Europe/Berlin"))
    }

    @Test func `reading ends at --to: what lies after the window is never read`() throws {
        try Self.withLog { dir, path, base in
            // After the window: 6,000 scans from +2h (more than the look for the district's zone at
            // the start reads), then a record this build cannot read, sealed: reading it is an error.
            let store = try FileEventStore(path: path, writable: true)
            var last: UInt64 = 0
            let end = try store.read(after: store.start) { record, _ in last = record.seq }
            let scans = (0..<6_000).map { i in
                EventRecord(seq: last + 1 + UInt64(i), time: base + .hours(2) + .seconds(Int64(i)), actor: .guard("G-001"),
                            event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
            }
            _ = try store.withWriteLock { try store.append(scans, at: end) }
            try store.flush()
            let late = base + .hours(4)
            let alien = LogFixture.sealed(Array("\(last + 6_001)\t\(late.iso8601)\tShiftHandedOver\tsystem\tshift=S1".utf8))
            try LogFile.openForAppending(path: path).append(alien + [10])

            let whole = try ChildProcess.run(["report", path, "--format", "json"], in: dir)
            #expect(whole.status != 0 && whole.stderr.contains("ShiftHandedOver"), "the whole log reads the bad record: \(whole.stderr)")
            let window = try ChildProcess.run(["report", path, "--format", "json", "--to", (base + .hours(2)).iso8601], in: dir)
            #expect(window.status == 0, "\(window.stderr)")
            let live = try #require(try Self.json(window.stdout)["live"] as? [String: Any])
            #expect((live["hazards"] as? [[String: Any]])?.map { $0["hazard"] as? String } == ["H-000001", "H-000002"])
        }
    }

    @Test func `text holds the tables, the sparkline and the worst ten`() throws {
        try Self.withLog { dir, path, _ in
            let r = try ChildProcess.run(["report", path], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            // 3m00s falls in bucket 3-4m, 8m00s in 8-9m.
            #expect(r.stdout.contains("   █    █  "))
            #expect(r.stdout.contains("Worst ten times to scene"))
            #expect(r.stdout.contains("Worst ten times to rectify"))
            #expect(r.stdout.contains("中福广场"))
            #expect(r.stdout.contains("══ LIVE ══"))
        }
    }

    @Test func `text fits --width, 100 columns when not a terminal; progress never pollutes a pipe`() throws {
        try Self.withLog { dir, path, _ in
            for (arguments, width) in [([String](), 100), (["--width", "60"], 60), (["--width", "180"], 180)] {
                let r = try ChildProcess.run(["report", path] + arguments, in: dir)
                #expect(r.status == 0, "\(r.stderr)")
                let lines = r.stdout.split(separator: "\n").map(String.init)
                let widest = lines.map(DisplayCells.width).max() ?? 0
                #expect(widest <= width && widest > width - 30, "\(arguments): widest line \(widest)")
                #expect(r.stderr.isEmpty, "standard error is not a terminal: no progress")
            }
            let narrow = try ChildProcess.run(["report", path, "--width", "60"], in: dir)
            #expect(narrow.stdout.contains("not shown in 60 columns"))
            let quiet = try ChildProcess.run(["report", path, "--quiet", "--format", "json"], in: dir)
            #expect(quiet.status == 0 && quiet.stderr.isEmpty)
            let tooNarrow = try ChildProcess.run(["report", path, "--width", "5"], in: dir)
            #expect(tooNarrow.status == 2 && tooNarrow.stderr.contains("--width"))
        }
    }

    @Test func `json holds the window's counts and time to scene from the first dispatch`() throws {
        try Self.withLog { dir, path, base in
            // From +35m: H-000002 (reported +30m) is open at the start, D-000002 (+31m) too; both end inside.
            let from = base + .minutes(35)
            let r = try ChildProcess.run(["report", path, "--format", "json", "--from", from.iso8601], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let live = try #require(try Self.json(r.stdout)["live"] as? [String: Any])
            let counts = try #require(live["counts"] as? [String: Int])
            #expect(counts["hazardsOpenAtStart"] == 1 && counts["hazardsReported"] == 0)
            #expect(counts["hazardsClosed"] == 1 && counts["hazardsOpenAtEnd"] == 0)
            #expect(counts["dispatchesOpenAtStart"] == 1 && counts["dispatchesSent"] == 0 && counts["dispatchesEnded"] == 1)
            let carried = try #require(live["openAtStart"] as? [[String: Any]])
            #expect(carried.map { $0["hazard"] as? String } == ["H-000002"])
            #expect(carried.map { ($0["firstDispatchToSceneSeconds"] as? NSNumber)?.intValue } == [480])
        }
    }

    @Test func `--from and --to choose the hazards and dispatches`() throws {
        try Self.withLog { dir, path, base in
            let middle = base + .minutes(25)
            let early = try ChildProcess.run(["report", path, "--format", "json", "--to", middle.iso8601], in: dir)
            #expect(early.status == 0, "\(early.stderr)")
            let earlyLive = try #require(try Self.json(early.stdout)["live"] as? [String: Any])
            #expect((earlyLive["hazards"] as? [[String: Any]])?.map { $0["hazard"] as? String } == ["H-000001"])

            // The short form 2026-11-19T09:25 (minutes) is accepted too.
            let short = String(middle.iso8601.prefix(16))
            let late = try ChildProcess.run(["report", path, "--format", "json", "--from", short], in: dir)
            #expect(late.status == 0, "\(late.stderr)")
            let lateLive = try #require(try Self.json(late.stdout)["live"] as? [String: Any])
            #expect((lateLive["dispatches"] as? [[String: Any]])?.map { $0["dispatch"] as? String } == ["D-000002"])

            let bad = try ChildProcess.run(["report", path, "--from", "yesterday"], in: dir)
            #expect(bad.status == 64)
            #expect(bad.stderr.contains("not a time"))
            let badFormat = try ChildProcess.run(["report", path, "--format", "xml"], in: dir)
            #expect(badFormat.status == 64)
        }
    }

    @Test func `works on a 0400 file, leaves it byte-identical, and never takes the write lock`() throws {
        try Self.withLog { dir, path, _ in
            #expect(chmod(path, 0o400) == 0)
            let before = LogFixture.contents(path)
            var st0 = stat()
            #expect(stat(path, &st0) == 0)

            // Hold the write lock in this process: a report that tried to take it would hang (and be killed).
            let writer = try FileEventStore(path: path, writable: true)
            try writer.withWriteLock {
                for format in ["text", "csv", "json"] {
                    let r = try ChildProcess.run(["report", path, "--format", format], in: dir, timeout: 20)
                    #expect(r.status == 0, "\(format): \(r.stderr)")
                    #expect(!r.stdout.isEmpty)
                }
            }

            #expect(LogFixture.contents(path) == before)
            var st1 = stat()
            #expect(stat(path, &st1) == 0)
            #expect(st1.st_mode & 0o7777 == 0o400)
            #expect(st1.st_size == st0.st_size)
            #expect(st1.st_mtim.tv_sec == st0.st_mtim.tv_sec && st1.st_mtim.tv_nsec == st0.st_mtim.tv_nsec)
            let others = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasPrefix("child-") }
            #expect(others == ["shift.log"], "no lock or temporary file beside the log: \(others)")
        }
    }
}
