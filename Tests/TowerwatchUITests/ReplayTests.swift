import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
@testable import TowerwatchUI

/// Replay draws the district exactly as the live console drew it: the same
/// state, the same clocks, the same colours, at every moment, forward or back.
@Suite("Replay")
struct ReplayTests {
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 8)
    static let size = Size(width: 160, height: 45)

    /// Writes a shift to a real log through DistrictLog, rendering the live
    /// console's frame at each `moments` time as it goes.
    func liveShift(path: String, moments: [Timestamp]) throws -> [Timestamp: Grid] {
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: start))
        let live = try DistrictLog(store: FileEventStore(path: path, writable: true, durability: .group(records: 10_000, millis: 60_000)))
        try DemoDistrict.write(to: live, at: start)
        let o = Actor.officer("O-01")
        var script: [(Span, Command)] = []
        for (i, g) in ["G-001", "G-002", "G-003", "G-011"].enumerated() { script.append((.seconds(Int64(i)), Command(o, .goOnDuty(GuardID(g))))) }
        script += [
            (.minutes(1), Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01"))),
            (.minutes(2), Command(.guard("G-001"), .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: "T01", floor: "3",
                                                                              zone: "escape-route", note: "装修垃圾")))),
            (.minutes(2) + .seconds(30), Command(o, .dispatch(hazard: "H-000001", guard: "G-002"))),
            (.minutes(3), Command(.guard("G-002"), .acknowledge("D-000001", channel: .console))),
            (.minutes(4), Command(.feed("plate-camera"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T02",
                                                                                    floor: "B1", zone: "garage")))),
            (.minutes(6), Command(.guard("G-002"), .arrive("D-000001"))),
            (.minutes(9), Command(.guard("G-003"), .scan(guard: "G-003", checkpoint: "T01-CP02"))),
            (.minutes(10), Command(.system, .raiseAlarm(.sceneOverdue, hazard: "H-000002", dispatch: nil))),
            (.minutes(12), Command(.guard("G-002"), .clear("D-000001", note: "清理完毕"))),
            (.minutes(13), Command(o, .close("H-000001", note: "ok"))),
        ]
        var frames: [Timestamp: Grid] = [:]
        var pending = moments.sorted()
        func renderDue(before t: Timestamp) {
            while let m = pending.first, m < t {
                frames[m] = render(state: live.state, recent: live.recent, now: m, mode: .live)
                pending.removeFirst()
            }
        }
        for (offset, command) in script {
            let t = start + .minutes(10) + offset
            renderDue(before: t)
            guard case .success = try live.execute(command, now: t) else { Issue.record("rejected \(command)"); continue }
        }
        renderDue(before: start + .hours(10))
        try live.store.flush()
        return frames
    }

    func render(state: DistrictState, recent: [EventRecord], now: Timestamp, mode: ConsoleMode) -> Grid {
        var model = ConsoleModel(mode: mode)
        model.tables[.hazards] = TableState()
        let frame = ConsoleFrame(state: state, recent: recent, now: now, theme: .standard, logName: "shift.twlog", time: ConsoleFixture.shanghai)
        return ConsoleScreen.render(model, frame, rows: ConsoleRows(state: state, recent: recent, now: now, policy: .standard, time: ConsoleFixture.shanghai),
                                    size: Self.size).grid
    }

    /// The live and replayed frames differ only in the mode's name, the date a replay's
    /// clock carries (`2026-11-29 16:11:00 +08:00`) and the hint bar's keys.
    func comparable(_ grid: Grid) -> [String] {
        var lines = grid.lines(trimmingTrailingSpaces: true)
        lines[0] = lines[0].replacingOccurrences(of: " REPLAY ", with: " LIVE ")
            .replacingOccurrences(of: "towerwatch 2026-11-29 ", with: "towerwatch ")
        lines.removeLast()
        return lines
    }

    var moments: [Timestamp] {
        [start + .minutes(11), start + .minutes(12) + .seconds(40), start + .minutes(14) + .seconds(59),
         start + .minutes(16) + .seconds(10), start + .minutes(17) + .seconds(1), start + .minutes(22), start + .minutes(24)]
    }

    @Test("the replayed frame equals the live frame at several times, forward and after rewinding")
    func framesMatchLive() throws {
        let dir = NSTemporaryDirectory() + "towerwatch-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/shift.twlog"
        let live = try liveShift(path: path, moments: moments)
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false), interval: 5)
        // Forward.
        for t in moments.sorted() {
            try cursor.seek(to: t)
            #expect(comparable(render(state: cursor.state, recent: cursor.recent, now: t, mode: .replay)) == comparable(live[t]!), "forward at \(t)")
        }
        // Back again: rewinding shows the earlier state exactly.
        for t in moments.sorted().reversed() {
            try cursor.seek(to: t)
            #expect(comparable(render(state: cursor.state, recent: cursor.recent, now: t, mode: .replay)) == comparable(live[t]!), "rewound to \(t)")
        }
    }

    @Test("stepping back one event and forward again gives the same state; rewind equals forward")
    func stepBackAndForth() throws {
        let dir = NSTemporaryDirectory() + "towerwatch-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/shift.twlog"
        _ = try liveShift(path: path, moments: [])
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false), interval: 100)
        try cursor.seek(to: start + .minutes(16))
        let here = cursor.state
        let seq = cursor.position.seq
        try cursor.seek(toSeq: seq - 3)
        #expect(cursor.state.lastSeq == seq - 3)
        #expect(cursor.state != here)
        try cursor.step(); try cursor.step(); try cursor.step()
        #expect(cursor.state == here)
        // A fresh cursor going straight there agrees.
        let fresh = try ReplayCursor(store: FileEventStore(path: path, writable: false), useSnapshots: false)
        try fresh.seek(to: start + .minutes(16))
        #expect(fresh.state == here)
    }

    @Test("seeking starts from the nearest checkpoint, not from the start of the log")
    func seeksUseCheckpoints() throws {
        let dir = NSTemporaryDirectory() + "towerwatch-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/shift.twlog"
        _ = try liveShift(path: path, moments: [])
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false), interval: 50)
        #expect(cursor.waypoints.count >= 15)
        try cursor.seek(to: start + .minutes(24))
        let before = cursor.foldedBySeeks
        try cursor.seek(to: start + .minutes(16))   // back: from a checkpoint near it
        #expect(cursor.foldedBySeeks - before <= 50)
    }

    @Test("replay reads a file its user cannot write and leaves it byte-identical")
    func readOnly() throws {
        let dir = NSTemporaryDirectory() + "towerwatch-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/shift.twlog"
        _ = try liveShift(path: path, moments: [])
        chmod(path, 0o400)
        let before = FileManager.default.contents(atPath: path)
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false))
        try cursor.seek(to: start + .hours(1))
        try cursor.seek(toSeq: 3)
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(throws: LogError.self) { try cursor.store.withWriteLock {} }
    }

    @Test("replay keys: play, speed, steps, minutes, bookmarks, go to")
    func replayKeys() {
        var model = ReplayModel(from: start, to: start + .hours(1), local: .utc)
        let rows = ConsoleRows(state: DistrictState(), recent: [], now: start, policy: .standard, time: .utc)
        let layout = ConsoleLayout(size: Self.size, focus: .hazards)
        func press(_ k: KeyEvent) -> [ReplayEffect] { model.handle(k, rows: rows, state: DistrictState(), layout: layout) }
        _ = press(.character(" "))
        #expect(model.playing)
        _ = press(.character("+")); _ = press(.character("+"))
        #expect(model.speed == 5)
        #expect(press(.right) == [.step(forward: true)])
        #expect(!model.playing)
        #expect(press(.character("]")) == [.seek(start + .minutes(1))])
        #expect(press(.character("{")) == [.seek(start)])   // clamped to the start
        _ = press(.character("m"))
        #expect(model.bookmarks == [start])
        _ = press(.character("g"))
        for c in "08:30" { _ = press(.character(c)) }
        #expect(press(.enter) == [.seek(start + .minutes(30))])
        #expect(press(.character("d")) == [.console(.bell)], "officer actions are refused in replay")
    }
    @Test("g reads local time on the replayed day; a bad or outside time is refused with the range; the refusal clears on the next good jump")
    func goToLocalTime() {
        // Two days of log: 2026-11-29 16:00 to 2026-11-30 18:00 in Shanghai.
        var model = ReplayModel(from: start, to: start + .hours(26), local: ConsoleFixture.shanghai)
        let rows = ConsoleRows(state: DistrictState(), recent: [], now: start, policy: .standard, time: ConsoleFixture.shanghai)
        let layout = ConsoleLayout(size: Self.size, focus: .hazards)
        func go(_ text: String) -> [ReplayEffect] {
            _ = model.handle(.character("g"), rows: rows, state: DistrictState(), layout: layout)
            for c in text { _ = model.handle(.character(c), rows: rows, state: DistrictState(), layout: layout) }
            return model.handle(.enter, rows: rows, state: DistrictState(), layout: layout)
        }
        // 17:30 local on the day being replayed (29 November) is 09:30Z.
        #expect(go("17:30") == [.seek(start + .minutes(90))])
        model.time = start + .minutes(90)
        #expect(go("2026-11-30T14:15+08:00") == [.seek(Timestamp(year: 2026, month: 11, day: 30, hour: 6, minute: 15))])
        #expect(go("2026-11-30 06:15Z") == [.seek(Timestamp(year: 2026, month: 11, day: 30, hour: 6, minute: 15))])
        // Before the log starts on its first day: refused, never clamped.
        #expect(go("09:00") == [])
        #expect(model.console.status?.isError == true)
        #expect(model.console.status?.text == "09:00 (2026-11-29 09:00:00 +08:00) is outside the log: it runs 2026-11-29 16:00:00 – 2026-11-30 18:00:00 +08:00")
        #expect(go("14h15") == [])
        #expect(model.console.status?.text.hasPrefix("not a time: 14h15") == true)
        #expect(model.console.status?.text.hasSuffix("the log runs 2026-11-29 16:00:00 – 2026-11-30 18:00:00 +08:00") == true)
        // The next good jump clears it.
        #expect(go("18:00") == [.seek(start + .hours(2))])
        #expect(model.console.status == nil)
        _ = go("nonsense")
        #expect(model.console.status?.isError == true)
        #expect(model.handle(.character("]"), rows: rows, state: DistrictState(), layout: layout) == [.seek(start + .minutes(91))])
        #expect(model.console.status == nil)
    }

    @Test("a replay over two days shows dates: in the header and at both ends of the timeline")
    func twoDayTimeline() {
        var model = ReplayModel(from: start, to: start + .hours(26), local: ConsoleFixture.shanghai)
        model.time = start + .hours(9)      // 01:00 on 30 November in Shanghai
        let size = Size(width: 120, height: 30)
        let frame = ConsoleFrame(state: DistrictState(), recent: [], now: model.time, theme: .standard, logName: "shift.twlog",
                                 time: ConsoleFixture.shanghai)
        let rows = ConsoleRows(state: DistrictState(), recent: [], now: model.time, policy: .standard, time: ConsoleFixture.shanghai)
        let lines = ReplayScreen.render(model, frame, rows: rows, marks: [], size: size).grid.lines(trimmingTrailingSpaces: true)
        #expect(lines[0].hasPrefix(" towerwatch 2026-11-30 01:00:00 +08:00 "))
        #expect(lines[size.height - 1].hasSuffix(" 11-29 16:00 – 11-30 18:00 +08:00"))
    }
}
