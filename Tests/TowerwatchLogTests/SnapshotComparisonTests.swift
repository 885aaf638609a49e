import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// `towerwatch log verify --snapshots`: every snapshot is compared with the log
/// refolded to its record; one edited by hand is named, and the verdict fails.
@Suite struct SnapshotComparisonTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    /// The busy district with a snapshot every 10 records; the snapshot files, oldest first.
    func makeSnapshots() throws -> [String] {
        try LogFixture.makeBusyDistrict(at: path)
        let shelf = SnapshotShelf(logPath: path)
        try shelf.writeAll(every: 10)
        return shelf.files().reversed().map(\.path)
    }

    /// Replaces `old` with `new` in the snapshot's state; with `reseal`, makes its
    /// body checksum match again (a forger who knows the format).
    func forge(_ file: String, _ old: String, _ new: String, reseal: Bool) {
        let bytes = LogFixture.contents(file)
        let nl = bytes.firstIndex(of: 10)!
        var header = String(decoding: bytes[..<nl], as: UTF8.self)
        let body = LogFixture.replacing(Array(bytes[(nl + 1)...]), old, new)
        if reseal {
            let crc = body.withUnsafeBytes { CRC32C.checksum($0) }
            let fields = header.split(separator: "\t").map { $0.hasPrefix("body-crc=") ? "body-crc=" + RecordCodec.hex(crc) : String($0) }
            header = fields.joined(separator: "\t")
        }
        LogFixture.write(Array(header.utf8) + [10] + body, to: file)
    }

    @Test func everySnapshotOfAnUntouchedLogMatches() throws {
        defer { LogFixture.remove(dir) }
        let files = try makeSnapshots()
        #expect(files.count >= 4)
        let comparison = try SnapshotComparison.compare(logPath: path)
        #expect(comparison.findings.count == files.count)
        #expect(comparison.differing.isEmpty, "\(comparison.report)")
        let run = try ChildProcess.run(["log", "verify", "--snapshots", path], in: dir)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("snapshots: \(files.count) of \(files.count) match the log"), "\(run.stdout)")
    }

    @Test func aSnapshotForgedByEditingIsNamedAndVerifyFails() throws {
        defer { LogFixture.remove(dir) }
        let files = try makeSnapshots()
        let forged = files[files.count - 2]
        forge(forged, "Guard G-001 王", "FORGED", reseal: true)
        // The forgery reads as a sound snapshot: only refolding the log shows it.
        let snap = try Snapshot.decode(LogFixture.contents(forged), path: forged)
        #expect(snap.state.guards["G-001"]?.name == "FORGED")

        let comparison = try SnapshotComparison.compare(logPath: path)
        #expect(comparison.differing.map(\.path) == [forged])
        #expect(comparison.differing.first?.difference?.contains("guards G-001") == true, "\(comparison.report)")

        let run = try ChildProcess.run(["log", "verify", "--snapshots", path], in: dir)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stdout.contains("snapshot differs: \(forged):"), "\(run.stdout)")
        #expect(run.stdout.contains("1 differ"), "\(run.stdout)")
        // Without --snapshots the log itself is still sound.
        #expect(try ChildProcess.run(["log", "verify", path], in: dir).status == 0)
    }

    @Test func anEditedSnapshotWhoseChecksumNoLongerMatchesIsNamedToo() throws {
        defer { LogFixture.remove(dir) }
        let files = try makeSnapshots()
        forge(files[0], "Guard G-002 王", "FORGED", reseal: false)
        let comparison = try SnapshotComparison.compare(logPath: path)
        #expect(comparison.differing.map(\.path) == [files[0]])
        #expect(comparison.differing.first?.difference?.contains("checksum") == true, "\(comparison.report)")
        let run = try ChildProcess.run(["log", "verify", "--snapshots", path], in: dir)
        #expect(run.status == 1)
    }
}
