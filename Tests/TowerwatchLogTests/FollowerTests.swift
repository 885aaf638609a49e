import Foundation
import Testing
@testable import TowerwatchLog

/// Checks that a follower wakes promptly for appends made by another process, sleeps
/// (without using CPU) when nothing changes, and notices a file being replaced.
@Suite struct FollowerTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/events.twlog" }

    /// CPU time used by the calling thread, in seconds.
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    @Test func wokenByAnAppendFromAnotherProcess() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: Array("H".utf8))
        let follower = try LogFollower(path: path)
        #expect(try follower.drain() == [])
        #expect(!follower.wait(timeoutMillis: 0))

        let start = LogFixture.monotonic()
        let child = LogFixture.spawnShell(#"printf '1\tx\n' >> "$1""#, [path])
        let woke = follower.wait(timeoutMillis: 1000)
        let elapsed = LogFixture.monotonic() - start
        #expect(LogFixture.wait(child) == 0)
        #expect(woke)
        #expect(elapsed < 1.0)
        #expect(try follower.drain().contains(.modified))
        // Drained: nothing is pending any more.
        #expect(!follower.wait(timeoutMillis: 0))
        #expect(try follower.drain() == [])
    }

    @Test func sleepsWithoutCPUWhenNothingChanges() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: Array("H\n1\ta\n".utf8))
        let follower = try LogFollower(path: path)

        // A reader reading the file is not a change.
        let reader = LogFixture.spawnShell(#"cat "$1" > /dev/null"#, [path])
        let cpuBefore = Self.threadCPUTime()
        let start = LogFixture.monotonic()
        let woke = follower.wait(timeoutMillis: 400)
        let elapsed = LogFixture.monotonic() - start
        let cpu = Self.threadCPUTime() - cpuBefore
        #expect(LogFixture.wait(reader) == 0)

        #expect(!woke, "woke although nothing changed")
        #expect(elapsed >= 0.35, "returned early after \(elapsed) s")
        #expect(cpu < 0.05, "used \(cpu) s of CPU while waiting")
        #expect(try follower.drain() == [])
    }

    @Test func theDescriptorCanBePolledWithOthers() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: [])
        let follower = try LogFollower(path: path)
        // A pipe stands in for standard input.
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }

        #expect(LogFixture.runShell(#"printf 'x\n' >> "$1""#, [path]) == 0)
        var fds = [
            pollfd(fd: pipeEnds[0], events: Int16(POLLIN), revents: 0),
            pollfd(fd: follower.fileDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        #expect(poll(&fds, 2, 1000) == 1)
        #expect(fds[0].revents == 0)
        #expect(fds[1].revents & Int16(POLLIN) != 0)
        #expect(try follower.drain() == .modified)
    }

    @Test func followingReadsEveryLineAppendedByAnotherProcess() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: Array("H".utf8))
        let reader = try LogFile.openForReading(path: path)
        let follower = try LogFollower(path: path)
        var offset = 0
        var lines: [String] = []
        func readNew() throws {
            let scan = try reader.forEachChunk(from: offset, chunkSize: 64) { _, chunk in
                lines += chunk.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            }
            offset = scan.endOfLines
        }
        try readNew()

        let count = 100
        let child = LogFixture.spawnShell(#"""
            i=0
            while [ $i -lt "$2" ]; do printf '%s\tline\n' $i >> "$1"; i=$((i+1)); done
            """#, [path, String(count)])
        let deadline = LogFixture.monotonic() + 10
        while lines.count < count + 1 && LogFixture.monotonic() < deadline {
            if follower.wait(timeoutMillis: 2000) {
                _ = try follower.drain()
                try readNew()
            }
        }
        #expect(LogFixture.wait(child) == 0)
        #expect(lines == ["H"] + (0..<count).map { "\($0)\tline" })
    }

    @Test func noticesRenameAndFollowsTheNewFile() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: [])
        let follower = try LogFollower(path: path)
        #expect(rename(path, dir + "/old.twlog") == 0)
        #expect(follower.wait(timeoutMillis: 1000))
        let changes = try follower.drain()
        #expect(changes.contains(.moved))
        #expect(!changes.isDisjoint(with: .replaced))

        // A new file at the path; after rewatch only its changes are reported (not the
        // removal of the old watch).
        try LogFile.create(path: path, header: [])
        try follower.rewatch()
        #expect(LogFixture.runShell(#"printf 'x\n' >> "$1""#, [dir + "/old.twlog"]) == 0)
        #expect(LogFixture.runShell(#"printf 'y\n' >> "$1""#, [path]) == 0)
        #expect(follower.wait(timeoutMillis: 1000))
        #expect(try follower.drain() == .modified)
    }

    @Test func noticesDeletion() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path, header: [])
        let follower = try LogFollower(path: path)
        do {
            // While a reader holds the file open, deleting it only drops the link count.
            let reader = try LogFile.openForReading(path: path)
            #expect(unlink(path) == 0)
            #expect(follower.wait(timeoutMillis: 1000))
            #expect(try follower.drain().contains(.attributes))
            #expect(try reader.isDetachedFromPath())
        }
        // The reader is gone, so the file is freed now.
        #expect(follower.wait(timeoutMillis: 1000))
        #expect(try follower.drain().contains(.deleted))
    }

    @Test func followingAMissingFileFailsClearly() {
        defer { LogFixture.remove(dir) }
        let error = #expect(throws: LogFileError.self) { _ = try LogFollower(path: path) }
        #expect(error?.description == "cannot watch \(path) for changes: No such file or directory")
    }
}
