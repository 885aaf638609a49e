import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Snapshots are cached folds: using one must give exactly the state a full
/// replay gives, and a snapshot that does not match its log must never be trusted.
@Suite("Snapshots")
struct SnapshotTests {
    /// A busy log spanning two days (so closed hazards are archived on the way),
    /// its full-replay state, and the position after every record.
    static func makeLog(_ dir: String) throws -> (path: String, full: DistrictState, positions: [LogPosition]) {
        let path = dir + "/district.twlog"
        let d = try LogFixture.makeBusyDistrict(at: path)
        let o1 = Actor.officer("O-01")
        var time = (d.state.lastTime ?? LogFixture.t0) + .minutes(1)
        for round in 0..<6 {
            // A hazard a round, dispatched, answered and closed; rounds 10 hours apart.
            let report = HazardReport(category: round % 2 == 0 ? .dispute : .traffic, source: .officer, tower: "T01", floor: "1",
                                      zone: StandardZone.lobby, note: "round \(round)")
            let reported = try LogFixture.mustExecute(d, Command(o1, .reportHazard(report)), at: time)
            guard case .hazardReported(let h, _, _, _, _, _, _, _, _) = reported[0].event else { throw FixtureError("no report") }
            let dispatched = try LogFixture.mustExecute(d, Command(o1, .dispatch(hazard: h, guard: "G-005")), at: time + .seconds(5))
            guard case .guardDispatched(let dispatch, _, _) = dispatched[0].event else { throw FixtureError("no dispatch") }
            try LogFixture.mustExecute(d, Command(.guard("G-005"), .acknowledge(dispatch, channel: .console)), at: time + .seconds(30))
            try LogFixture.mustExecute(d, Command(.guard("G-005"), .arrive(dispatch)), at: time + .minutes(3))
            try LogFixture.mustExecute(d, Command(.guard("G-005"), .scan(guard: "G-005", checkpoint: "T01-CP01")), at: time + .minutes(4))
            try LogFixture.mustExecute(d, Command(.guard("G-005"), .clear(dispatch, note: "done")), at: time + .minutes(9))
            try LogFixture.mustExecute(d, Command(o1, .close(h, note: "ok")), at: time + .minutes(10))
            time = time + .hours(10)
        }
        try d.store.flush()
        let store = try FileEventStore(path: path, writable: false)
        var state = DistrictState()
        var positions: [LogPosition] = []
        _ = try store.read(after: store.start) { r, at in
            #expect(state.apply(r) == nil)
            positions.append(at)
        }
        return (path, state, positions)
    }

    /// Opening the log uses no snapshot, says why, and folds to `full` all the same.
    static func expectOpensWithoutSnapshot(_ path: String, equalTo full: DistrictState, noticeSays reason: String,
                                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let opened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(opened.openedFromSnapshot == 0, sourceLocation: sourceLocation)
        #expect(opened.snapshotNotices.first?.message.contains(reason) == true, "\(opened.snapshotNotices)", sourceLocation: sourceLocation)
        #expect(opened.state == full, sourceLocation: sourceLocation)
    }

    /// The busy log with a snapshot at its end, written by a console's log.
    static func makeLogWithSnapshot(_ dir: String) throws -> (path: String, full: DistrictState, snapshot: String) {
        let (path, full, _) = try makeLog(dir)
        let snapshot = try DistrictLog.open(FileEventStore(path: path, writable: true)).writeSnapshot()!
        return (path, full, snapshot)
    }

    @Test("snapshot plus tail equals a full replay, for random cut points")
    func snapshotPlusTail() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, positions) = try Self.makeLog(dir)
        #expect(full.hazards["H-000001"] == nil, "the first hazard closed two days before the end is archived")
        #expect(full.liveFigures.hazardsRectified == 7)
        var rng = SeededRNG(seed: 42)
        let store = try FileEventStore(path: path, writable: false)
        for _ in 0..<12 {
            let cut = Int(rng.next() % UInt64(positions.count))
            // Fold up to the cut and snapshot there.
            var state = DistrictState()
            var i = 0
            _ = try store.read(after: store.start) { r, _ in
                if i <= cut { state.apply(r) }
                i += 1
            }
            try? FileManager.default.removeItem(atPath: path + ".snapshots")
            try SnapshotShelf(logPath: path).write(state: state, recent: [], position: positions[cut], store: store)
            let opened = try DistrictLog.open(FileEventStore(path: path, writable: false))
            #expect(opened.openedFromSnapshot == positions[cut].seq)
            #expect(opened.snapshotNotices.isEmpty)
            #expect(opened.state == full, "cut after record \(positions[cut].seq)")
            #expect(opened.position == positions.last!)
        }
    }

    @Test("deleting every snapshot changes nothing but speed")
    func deletingSnapshots() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, _) = try Self.makeLog(dir)
        let withSnapshot = try DistrictLog.open(FileEventStore(path: path, writable: true))
        try withSnapshot.writeSnapshot()
        #expect(try DistrictLog.open(FileEventStore(path: path, writable: false)).openedFromSnapshot > 0)
        try FileManager.default.removeItem(atPath: path + ".snapshots")
        let without = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(without.openedFromSnapshot == 0)
        #expect(without.state == full)
    }

    @Test("a snapshot that does not match its log is ignored, and said so")
    func mismatchedSnapshot() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, _, positions) = try Self.makeLog(dir)
        var lines = LogFixture.lines(LogFixture.contents(path))
        // Cut at a scan of T01-CP01: changing it to T01-CP02 keeps the record possible.
        let scanLine = lines.lastIndex { String(decoding: $0, as: UTF8.self).contains("checkpoint=T01-CP01\t") }!
        let cut = positions.firstIndex { $0.line == scanLine + 1 }!
        let store = try FileEventStore(path: path, writable: false)
        var state = DistrictState()
        var i = 0
        _ = try store.read(after: store.start) { r, _ in
            if i <= cut { state.apply(r) }
            i += 1
        }
        try SnapshotShelf(logPath: path).write(state: state, recent: [], position: positions[cut], store: store)
        // The log is replaced by one where that very record differs (re-sealed, so it is a sound log).
        lines[scanLine] = LogFixture.sealed(LogFixture.replacing(LogFixture.body(lines[scanLine]), "T01-CP01", "T01-CP02"))
        LogFixture.write(LogFixture.join(lines), to: path)
        let reopened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(reopened.openedFromSnapshot == 0)
        #expect(reopened.snapshotNotices.contains { $0.message.contains("ignored") && $0.message.contains("no longer holds record \(positions[cut].seq)") })
        #expect(reopened.state == (try DistrictLog(store: FileEventStore(path: path, writable: false))).state)
    }

    @Test("a damaged snapshot file is ignored with its reason")
    func damagedSnapshot() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, written) = try Self.makeLogWithSnapshot(dir)
        var bytes = LogFixture.contents(written)
        bytes[bytes.count / 2] ^= 0x04
        LogFixture.write(bytes, to: written)
        try Self.expectOpensWithoutSnapshot(path, equalTo: full, noticeSays: "checksum mismatch")
    }

    @Test("the feed's latest records survive a snapshot")
    func recentRecords() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, _, _) = try Self.makeLog(dir)
        let first = try DistrictLog.open(FileEventStore(path: path, writable: true))
        try first.writeSnapshot()
        let second = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(second.recent.map(\.seq) == first.recent.filter { RecordText.isNotable($0.event) }.suffix(200).map(\.seq))
    }

    @Test("a snapshot made by another fold is not used, and said so")
    func anotherFoldVersion() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, positions) = try Self.makeLog(dir)
        // A build whose evolve folds differently wrote this snapshot at the log's end.
        let other = DistrictState.foldVersion + 1
        let written = try SnapshotShelf(logPath: path, foldVersion: other).writeAll().lastSeq
        #expect(written == positions.last!.seq)
        #expect(SnapshotHeader.read(path: SnapshotShelf(logPath: path).files()[0].path)?.foldVersion == other)

        let opened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(opened.openedFromSnapshot == 0, "the snapshot was used")
        #expect(opened.snapshotNotices.map(\.message)
                == ["\(SnapshotShelf(logPath: path).files()[0].path): ignored: made by fold version \(other); this build folds with version \(DistrictState.foldVersion)"])
        #expect(opened.state == full)
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false))
        #expect(cursor.waypoints.isEmpty, "replay seeks from it")

        // That build itself trusts it; this build, once it has written its own, uses that.
        let (snapshot, notices) = SnapshotShelf(logPath: path, foldVersion: other).newestValid(for: try FileEventStore(path: path, writable: false))
        #expect(snapshot?.position.seq == written && notices.isEmpty)
        try SnapshotShelf(logPath: path).writeAll()
        let reopened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(reopened.openedFromSnapshot == written && reopened.snapshotNotices.isEmpty && reopened.state == full)
    }

    @Test("a snapshot that names no fold (an older build's) is not used")
    func unnamedFold() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, file) = try Self.makeLogWithSnapshot(dir)
        let bytes = LogFixture.contents(file)
        let headerEnd = bytes.firstIndex(of: 10)!
        LogFixture.write(LogFixture.replacing(Array(bytes[..<headerEnd]), "\tfold=\(DistrictState.foldVersion)", "") + bytes[headerEnd...], to: file)
        try Self.expectOpensWithoutSnapshot(path, equalTo: full, noticeSays: "made by fold version unnamed (an older build)")
    }

    @Test("a snapshot written in the background opens the log")
    func backgroundSnapshot() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (path, full, positions) = try Self.makeLog(dir)
        let console = try DistrictLog.open(FileEventStore(path: path, writable: true))
        let finished = DispatchSemaphore(value: 0)
        let outcome = LogFixture.ErrorList()
        SnapshotShelf(logPath: path).writeInBackground(state: console.state, recent: console.recent, position: console.position) { result in
            switch result {
            case .success(let file): outcome.add(file)
            case .failure(let error): outcome.add("failed: \(error)")
            }
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 30) == .success)
        let file = try #require(outcome.all.first)
        #expect(file.hasSuffix("snap-\(positions.last!.seq).twsnap"))
        let reopened = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(reopened.openedFromSnapshot == positions.last!.seq && reopened.state == full)
    }
}

