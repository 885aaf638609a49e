import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// Every long read of a log tells how far it has got: opening, verifying,
/// snapshotting, repairing and indexing for replay report every
/// `ReadProgress.stride` records, with offsets that grow to the file's end.
@Suite struct ReadProgressTests {
    /// Reports as they came: records read so far and the offset reached.
    final class Heard {
        var reports: [(records: Int, offset: Int)] = []
        var progress: ReadProgress { ReadProgress { [self] in reports.append(($0, $1)) } }

        func check(records: Int, fileSize: Int, _ what: String) {
            #expect(reports.map(\.records) == (1...(records / ReadProgress.stride)).map { $0 * ReadProgress.stride }, "\(what): one report a stride")
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.offset < $1.offset }, "\(what): offsets grow")
            #expect(reports.last.map { $0.offset <= fileSize && $0.offset > fileSize / 2 } == true, "\(what): up to the end")
        }
    }

    @Test func `open, verify, snapshot, repair and replay's index all report their reading`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/history.twlog"
        _ = try Simulator.writeHistory(to: path, length: .hours(12), seed: 5, start: Timestamp(year: 2026, month: 3, day: 2, hour: 6))
        let size = Int((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        let records = Int(try DistrictLog.open(FileEventStore(path: path, writable: false)).position.seq)
        try #require(records > 2 * ReadProgress.stride, "enough records for several reports")

        let opening = Heard()
        _ = try DistrictLog.open(FileEventStore(path: path, writable: false), progress: opening.progress)
        opening.check(records: records, fileSize: size, "opening")

        let verifying = Heard()
        #expect(try LogVerification.verify(store: FileEventStore(path: path, writable: false), progress: verifying.progress).isSound)
        verifying.check(records: records, fileSize: size, "verify")

        let indexing = Heard()
        _ = try ReplayCursor(store: FileEventStore(path: path, writable: false), progress: indexing.progress)
        indexing.check(records: records, fileSize: size, "replay")

        let repairing = Heard()
        #expect(try LogRepair.repair(path: path, progress: repairing.progress).changed == false)
        repairing.check(records: records, fileSize: size, "repair")

        let snapshotting = Heard()
        try SnapshotShelf(logPath: path).writeAll(progress: snapshotting.progress)
        snapshotting.check(records: records, fileSize: size, "snapshot")

        // After the snapshot, opening replays nothing: nothing to report, nothing left to replay.
        let reopening = Heard()
        let store = try FileEventStore(path: path, writable: false)
        _ = try DistrictLog.open(store, progress: reopening.progress)
        #expect(reopening.reports.isEmpty)
        let stretch = SnapshotShelf(logPath: path).replayStretch(for: store)
        #expect(stretch.start == stretch.end && stretch.end == size)
    }
}
