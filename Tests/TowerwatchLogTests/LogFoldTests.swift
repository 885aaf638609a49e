import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// The log's one fold (`EventStore.fold`) under opening, verifying, snapshotting,
/// replaying, forking and repairing: on a sound log they reach the same district;
/// on a damaged one they stop at the same record with the same words.
@Suite struct LogFoldTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    /// The busy district with record `index` replaced by a well-formed, correctly
    /// sealed dispatch of a hazard that was never reported (same sequence and time).
    func damagedLog(at index: Int) throws -> (records: [EventRecord], line: Int) {
        try LogFixture.makeBusyDistrict(at: path)
        let records = try LogFixture.records(path)
        var lines = LogFixture.lines(LogFixture.contents(path))
        let old = records[index]
        let impossible = EventRecord(seq: old.seq, time: old.time, actor: .officer("O-01"),
                                     event: .guardDispatched(dispatch: "D-000099", hazard: "H-000777", guard: "G-010"))
        var line = RecordCodec.encode(impossible)
        line.removeLast()
        lines[index + 1] = line
        LogFixture.write(LogFixture.join(lines), to: path)
        return (records, index + 2)
    }

    @Test func everyReaderReachesTheSameDistrictOnASoundLog() throws {
        defer { LogFixture.remove(dir) }
        let written = try LogFixture.makeBusyDistrict(at: path)
        let last = try LogFixture.records(path).last!

        let opened = try DistrictLog(store: FileEventStore(path: path, writable: false))
        #expect(opened.state == written.state)

        let verification = try LogVerification.verify(path: path)
        #expect(verification.isSound && verification.firstProblem == nil)
        #expect(verification.records == Int(last.seq))
        #expect(verification.report.last == "sound")

        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false), useSnapshots: false)
        try cursor.seek(toSeq: last.seq)
        #expect(cursor.state == written.state)

        let plan = try DrillFork.prepare(from: path, at: last.time)
        #expect(plan.state == written.state && !plan.goesOn)

        let (count, lastSeq) = try SnapshotShelf(logPath: path).writeAll()
        #expect(count == 1 && lastSeq == last.seq)
        let fromSnapshot = try DistrictLog.open(FileEventStore(path: path, writable: false))
        #expect(fromSnapshot.openedFromSnapshot == last.seq)
        #expect(fromSnapshot.state == written.state)
    }

    @Test func everyReaderReportsTheSameImpossibleEvent() throws {
        defer { LogFixture.remove(dir) }
        let (records, line) = try damagedLog(at: 46)
        let seq = records[46].seq
        let expected = LogError.badRecord(path: path, line: line, seq: seq,
                                          reason: "impossible event GuardDispatched: hazard H-000777 is not open")

        func error(_ body: () throws -> Void) -> LogError? {
            do { try body(); return nil } catch { return error as? LogError }
        }
        let opening = error { _ = try DistrictLog(store: FileEventStore(path: path, writable: false)) }
        #expect(opening == expected, "\(String(describing: opening))")
        #expect(try LogVerification.verify(path: path).firstProblem == opening)
        #expect(try LogVerification.verify(path: path).records == Int(seq - 1))
        #expect(error { _ = try ReplayCursor(store: FileEventStore(path: path, writable: false), useSnapshots: false) } == opening)
        #expect(error { _ = try DrillFork.prepare(from: path, at: records.last!.time) } == opening)
        #expect(error { try SnapshotShelf(logPath: path).writeAll() } == opening)

        // Forking before the damage never reads it.
        let before = try DrillFork.prepare(from: path, at: records[45].time)
        #expect(before.records == records[45].seq && before.goesOn)

        // Repair quarantines that record, with the same words.
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.quarantined.map(\.line) == [line])
        #expect(outcome.quarantined.first?.reason == "record \(seq): \(expected.reason)")
    }

    @Test func aFoldStopsAtItsLimit() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let records = try LogFixture.records(path)
        let store = try FileEventStore(path: path, writable: false)

        var state = DistrictState(), at = store.start
        #expect(try store.fold(&state, at: &at, through: .seq(20)))
        #expect(at.seq == 20 && state.lastSeq == 20)
        // Already there: nothing more is read.
        #expect(try store.fold(&state, at: &at, through: .seq(20)))
        #expect(at.seq == 20)

        var seen: [UInt64] = []
        let cut = records[40].time
        let stopped = try store.fold(&state, at: &at, through: .time(cut)) { record, next, now in
            seen.append(record.seq)
            #expect(next.seq == record.seq && now.lastSeq == record.seq)
        }
        let expected = records.filter { $0.seq > 20 && $0.time <= cut }.map(\.seq)
        #expect(stopped && seen == expected)
        #expect(try !store.fold(&state, at: &at))
        #expect(at.seq == records.last!.seq)
        #expect(state == (try DistrictLog(store: store).state))
    }

    @Test func steppingReadsOneRecordWithoutTheDecodingThread() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: path)
        let records = try LogFixture.records(path)
        let store = try FileEventStore(path: path, writable: false)
        let cursor = try ReplayCursor(store: store, useSnapshots: false)
        // From here on, any whole read would decode on a second thread.
        store.pipelineMinimumBytes = 0
        let before = store.pipelinedReads
        var stepped: [UInt64] = []
        while let record = try cursor.step() { stepped.append(record.seq) }
        #expect(stepped == records.map(\.seq))
        #expect(try cursor.nextRecordTime() == nil)
        try cursor.seek(toSeq: 10)
        #expect(try cursor.nextRecordTime() == records[10].time)
        #expect(store.pipelinedReads - before == 1, "only the seek read ahead")
        let end = LogPosition(seq: records.last!.seq, offset: LogFixture.contents(path).count, line: records.count + 1)
        #expect(try store.record(after: end) == nil)
    }
}
