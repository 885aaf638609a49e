import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// Log files are checked like ssh checks its keys: no symbolic link unless asked,
/// no file or directory others may write, and the file opened is the one checked.
@Suite struct PathCheckTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/checked.twlog" }

    func expectRefused(_ fragment: String, checks: PathChecks = PathChecks(), writable: Bool = true, at target: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let target = target ?? path
        do {
            _ = writable ? try LogFile.openForAppending(path: target, checks: checks) : try LogFile.openForReading(path: target, checks: checks)
            Issue.record("opening \(target) must be refused (\(fragment))", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aSymbolicLinkIsRefusedUnlessFollowed() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeDistrict(at: path)
        let link = dir + "/link.twlog"
        #expect(symlink(path, link) == 0)
        expectRefused("is a symbolic link", at: link)
        expectRefused("is a symbolic link", writable: false, at: link)
        let followed = try LogFile.openForAppending(path: link, checks: PathChecks(followSymlinks: true))
        #expect(try followed.size() == LogFixture.contents(path).count)
        // Through the command line: refused with its reason and status 1, accepted with the flag.
        let refused = try ChildProcess.run(["scan", "T01-CP01", "--as", "G-001", "--log", link], in: dir)
        #expect(refused.status == 1 && refused.stderr.contains("symbolic link"), "\(refused.stderr)")
        let accepted = try ChildProcess.run(["scan", "T01-CP01", "--as", "G-001", "--log", link, "--follow-symlinks"], in: dir)
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func aFileOrDirectoryOthersMayWriteIsRefused() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeDistrict(at: path)
        #expect(chmod(path, 0o602) == 0)
        expectRefused("writable by others")
        expectRefused("writable by others", writable: false)
        #expect(chmod(path, 0o620) == 0)
        expectRefused("writable by its group")
        _ = try LogFile.openForAppending(path: path, checks: PathChecks(groupWritable: true))
        #expect(chmod(path, 0o600) == 0)
        _ = try LogFile.openForAppending(path: path, checks: PathChecks())
        // The directory: others may replace the file there.
        #expect(chmod(dir, 0o777) == 0)
        expectRefused("its directory \(dir) is writable by others")
        // With the sticky bit (as /tmp), only the owner may replace the file: accepted.
        #expect(chmod(dir, 0o1777) == 0)
        _ = try LogFile.openForAppending(path: path, checks: PathChecks())
        #expect(chmod(dir, 0o700) == 0)
    }

    /// Snapshots are trusted only from a folder and files of this user's, that no
    /// one else may write; a planted symbolic link is never followed.
    @Test func snapshotsAreCheckedForOwnerModeAndLinks() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeDistrict(at: path)
        let snapshot = try #require(try district.writeSnapshot())
        func open() throws -> DistrictLog { try DistrictLog.open(FileEventStore(path: path, writable: false)) }
        #expect(try open().openedFromSnapshot > 0)
        #expect(chmod(snapshot, 0o664) == 0)
        let writable = try open()
        #expect(writable.openedFromSnapshot == 0)
        #expect(writable.snapshotNotices.contains { $0.message.contains("ignored: the file is writable by others") }, "\(writable.snapshotNotices)")
        #expect(chmod(snapshot, 0o600) == 0)
        #expect(try open().openedFromSnapshot > 0)
        // A folder planted as a link to someone else's snapshots.
        let shelf = path + ".snapshots"
        #expect(rename(shelf, dir + "/elsewhere") == 0)
        #expect(symlink(dir + "/elsewhere", shelf) == 0)
        let linked = try open()
        #expect(linked.openedFromSnapshot == 0)
        #expect(linked.snapshotNotices.contains { $0.message.contains("snapshots ignored: the folder is a symbolic link") }, "\(linked.snapshotNotices)")
    }
}
