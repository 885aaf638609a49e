import Foundation
import Testing
@testable import TowerwatchLog

/// Checks the POSIX layer: exclusive creation with exact permissions, read-only
/// access that cannot write, line-aligned chunked reading with torn-tail reporting,
/// and a write lock that keeps concurrent writers' lines whole.
@Suite struct LogFileTests {
    let dir = LogFixture.makeDirectory()

    func path(_ name: String = "events.twlog") -> String { dir + "/" + name }

    // MARK: create

    /// Both permission cases in one test: the umask is per process, so tests that
    /// change it must not run at the same time as each other.
    @Test func createSetsExactPermissionsWhateverTheUmask() throws {
        defer { LogFixture.remove(dir) }
        let saved = umask(0)
        defer { umask(saved) }

        // A permissive umask: the result is not wider than asked for.
        try LogFile.create(path: path("a.twlog"), header: Array("H".utf8))
        #expect(LogFixture.mode(path("a.twlog")) == 0o600)
        try LogFile.create(path: path("b.twlog"), permissions: .groupReadable, header: Array("H".utf8))
        #expect(LogFixture.mode(path("b.twlog")) == 0o640)

        // A restrictive umask would turn 0640 into 0600 without the fchmod.
        umask(0o077)
        try LogFile.create(path: path("c.twlog"), permissions: .groupReadable, header: Array("H".utf8))
        #expect(LogFixture.mode(path("c.twlog")) == 0o640)
    }

    @Test func createWritesTheHeaderLine() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path("a.twlog"), header: Array("TWLOG 1".utf8))
        #expect(LogFixture.contents(path("a.twlog")) == Array("TWLOG 1\n".utf8))
        // A header that already ends its line gets no second newline.
        try LogFile.create(path: path("b.twlog"), header: Array("TWLOG 1\n".utf8))
        #expect(LogFixture.contents(path("b.twlog")) == Array("TWLOG 1\n".utf8))
    }

    @Test func createRefusesAnExistingFile() throws {
        defer { LogFixture.remove(dir) }
        let original = Array("TWLOG 1\n1\tsomething precious\n".utf8)
        LogFixture.write(original, to: path())
        let error = #expect(throws: LogFileError.self) {
            try LogFile.create(path: path(), header: Array("TWLOG 1".utf8))
        }
        #expect(error?.code == EEXIST)
        #expect(error?.operation == .create)
        #expect(LogFixture.contents(path()) == original)
    }

    @Test func errorsNameTheOperationThePathAndTheReason() throws {
        defer { LogFixture.remove(dir) }
        let missing = path("missing.twlog")
        let error = #expect(throws: LogFileError.self) { _ = try LogFile.openForAppending(path: missing) }
        #expect(error?.description == "cannot open \(missing) for appending: No such file or directory")
        let readError = #expect(throws: LogFileError.self) { _ = try LogFile.openForReading(path: missing) }
        #expect(readError?.description == "cannot open \(missing) for reading: No such file or directory")
        let nowhere = dir + "/no/such/dir/x.twlog"
        let createError = #expect(throws: LogFileError.self) { try LogFile.create(path: nowhere, header: []) }
        #expect(createError?.description == "cannot create \(nowhere): No such file or directory")
        #expect(LogFileError(path: "/x/y.twlog", operation: .openForAppending, code: EACCES).description
            == "cannot open /x/y.twlog for appending: Permission denied")
    }

    // MARK: read-only

    @Test func readOnlyOpenWorksOnA0400FileAndChangesNothing() throws {
        defer { LogFixture.remove(dir) }
        let bytes = Array("TWLOG 1\n1\ta\n2\tb\n".utf8)
        LogFixture.write(bytes, to: path())
        #expect(chmod(path(), 0o400) == 0)
        let before = LogFixture.status(path())

        let file = try LogFile.openForReading(path: path())
        // Tests run as root, who could open a 0400 file for writing anyway: check the
        // descriptor itself is read-only.
        #expect(fcntl(file.fileDescriptor, F_GETFL) & O_ACCMODE == O_RDONLY)
        #expect(file.access == .readOnly)
        #expect(try file.size() == bytes.count)
        var seen: [UInt8] = []
        let scan = try file.forEachChunk { _, lines in seen += lines }
        #expect(seen == bytes)
        #expect(scan.tail == nil)

        // No write lock and no writes through a reader.
        let lockError = #expect(throws: LogFileError.self) { try file.withWriteLock {} }
        #expect(lockError?.code == EBADF)
        let writeError = #expect(throws: LogFileError.self) { try file.append(Array("3\tc\n".utf8)) }
        #expect(writeError?.code == EBADF)

        let after = LogFixture.status(path())
        #expect(LogFixture.contents(path()) == bytes)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(after.st_mode == before.st_mode)
    }

    // MARK: append, read, size

    @Test func appendReadAndSize() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: Array("H".utf8))
        let file = try LogFile.openForAppending(path: path())
        #expect(try file.size() == 2)
        let big = [UInt8](repeating: 0x61, count: 3 << 20) + [0x0A]
        try file.withWriteLock {
            try file.append(Array("1\tx\n".utf8))
            try big.withUnsafeBytes { try file.append($0) }
            try file.sync()
        }
        #expect(try file.size() == 2 + 4 + big.count)

        var buffer = [UInt8](repeating: 0, count: 6)
        let n = try buffer.withUnsafeMutableBytes { try file.read(at: 0, into: $0) }
        #expect(n == 6)
        #expect(buffer == Array("H\n1\tx\n".utf8))
        // Reading past the end returns what there is.
        var rest = [UInt8](repeating: 0, count: 10)
        let m = try rest.withUnsafeMutableBytes { try file.read(at: 2 + 4 + big.count - 3, into: $0) }
        #expect(m == 3)
        #expect(Array(rest[..<3]) == [0x61, 0x61, 0x0A])
    }

    // MARK: chunked reading

    /// Lines of every length from 0 to 40 bytes, plus some longer than any chunk.
    static func sampleLines() -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for length in 0...40 {
            lines.append((0..<length).map { UInt8(0x41 + ($0 + length) % 26) } + [0x0A])
        }
        lines.insert([UInt8](repeating: 0x7A, count: 100) + [0x0A], at: 7)
        lines.append([UInt8](repeating: 0x79, count: 77) + [0x0A])
        return lines
    }

    @Test(arguments: [1, 2, 3, 7, 16, 64, 4096])
    func chunksEndAtLineBoundariesAndCarryPartialLines(chunkSize: Int) throws {
        defer { LogFixture.remove(dir) }
        let lines = Self.sampleLines()
        let whole = lines.flatMap { $0 }
        let torn = Array("99\tunfinished".utf8)
        LogFixture.write(whole + torn, to: path())

        let file = try LogFile.openForReading(path: path())
        var collected: [UInt8] = []
        var expectedOffset = 0
        var chunks = 0
        let scan = try file.forEachChunk(chunkSize: chunkSize) { offset, chunk in
            #expect(offset == expectedOffset, "chunks must be contiguous")
            #expect(chunk.last == 0x0A, "a chunk must end at a line boundary")
            collected += chunk
            expectedOffset += chunk.count
            chunks += 1
        }
        #expect(collected == whole)
        #expect(scan.endOfLines == whole.count)
        #expect(scan.tail == LogFile.TornTail(offset: whole.count, bytes: torn))
        if chunkSize < 64 { #expect(chunks > 1) }

        // Resuming from the end of the complete lines finds only the tail.
        var more = 0
        let again = try file.forEachChunk(from: scan.endOfLines, chunkSize: chunkSize) { _, _ in more += 1 }
        #expect(more == 0)
        #expect(again.tail == scan.tail)
    }

    @Test func aFileEndingInANewlineHasNoTail() throws {
        defer { LogFixture.remove(dir) }
        LogFixture.write(Array("a\nbb\nccc\n".utf8), to: path())
        let file = try LogFile.openForReading(path: path())
        var lines: [String] = []
        let scan = try file.forEachChunk(from: 2, chunkSize: 3) { _, chunk in
            lines += chunk.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(lines == ["bb", "ccc"])
        #expect(scan == LogFile.ChunkScan(endOfLines: 9, tail: nil))

        LogFixture.write([], to: path("empty.twlog"))
        let empty = try LogFile.openForReading(path: path("empty.twlog"))
        #expect(try empty.forEachChunk { _, _ in Issue.record("no chunk expected") }
            == LogFile.ChunkScan(endOfLines: 0, tail: nil))
    }

    @Test func aTornTailIsCutUnderTheLock() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: Array("H".utf8))
        let file = try LogFile.openForAppending(path: path())
        try file.withWriteLock {
            try file.append(Array("1\tok\n2\ttor".utf8))
            let scan = try file.forEachChunk { _, _ in }
            let tail = try #require(scan.tail)
            #expect(tail.offset == 7)
            #expect(tail.bytes == Array("2\ttor".utf8))
            try file.truncate(to: tail.offset)
            #expect(try file.size() == 7)
            try file.append(Array("2\tfine\n".utf8))
        }
        #expect(LogFixture.contents(path()) == Array("H\n1\tok\n2\tfine\n".utf8))
    }

    @Test func truncatingWithoutTheLockIsAProgrammingError() async throws {
        LogFixture.remove(dir)
        // Runs in a child process (exit tests cannot capture), which makes its own file.
        await #expect(processExitsWith: .failure) {
            let directory = LogFixture.makeDirectory()
            let target = directory + "/events.twlog"
            try LogFile.create(path: target, header: Array("H".utf8))
            let file = try LogFile.openForAppending(path: target)
            LogFixture.remove(directory)   // the crash below leaves nothing behind
            try file.truncate(to: 0)
        }
    }

    // MARK: the write lock

    @Test func theLockIsReleasedHoweverTheScopeEnds() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: [])
        let file = try LogFile.openForAppending(path: path())
        // A second open file description: flock locks conflict between descriptions.
        let probe = open(path(), O_RDONLY | O_CLOEXEC)
        defer { close(probe) }
        func lockedByOthers() -> Bool {
            if flock(probe, LOCK_EX | LOCK_NB) == 0 {
                flock(probe, LOCK_UN)
                return false
            }
            return errno == EWOULDBLOCK
        }

        struct Boom: Error {}
        #expect(!lockedByOthers())
        #expect(throws: Boom.self) {
            try file.withWriteLock {
                #expect(lockedByOthers())
                #expect(file.isWriteLockedByCurrentThread)
                throw Boom()
            }
        }
        #expect(!lockedByOthers())
        #expect(!file.isWriteLockedByCurrentThread)

        // Nested scopes: leaving the inner one must not drop the outer lock.
        try file.withWriteLock {
            try file.withWriteLock { #expect(lockedByOthers()) }
            #expect(lockedByOthers())
            #expect(file.isWriteLockedByCurrentThread)
        }
        #expect(!lockedByOthers())
    }

    /// Each thread writes every line in two appends with a pause between, so any gap
    /// in mutual exclusion shows up as a mixed line.
    static func appendSplitLines(_ file: LogFile, tag: String, count: Int) throws {
        let payload = String(repeating: "x", count: 40)
        for i in 0..<count {
            try file.withWriteLock {
                try file.append(Array("\(tag)-\(i)-".utf8))
                usleep(50)
                try file.append(Array("\(payload)-end\n".utf8))
            }
        }
    }

    /// Checks that every line after the header is `TAG-i-xxx…-end`, with each tag's
    /// numbers in order and complete; returns the number of lines per tag.
    static func checkWholeLines(_ bytes: [UInt8], headerLines: Int = 1) -> [String: Int] {
        let payload = String(repeating: "x", count: 40)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        var next: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst(headerLines) {
            let parts = line.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[2] == payload, parts[3] == "end", let n = Int(parts[1]) else {
                Issue.record("interleaved or damaged line: \(line)")
                return next
            }
            let tag = String(parts[0])
            #expect(n == next[tag, default: 0], "lines of \(tag) out of order")
            next[tag] = n + 1
        }
        return next
    }

    @Test func threadsWithTheirOwnDescriptorsNeverInterleave() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: Array("H".utf8))
        let target = path()
        let errors = LogFixture.runThreads(4) { k in
            let file = try LogFile.openForAppending(path: target)
            try Self.appendSplitLines(file, tag: "T\(k)", count: 150)
        }
        #expect(errors.isEmpty, "\(errors)")
        let counts = Self.checkWholeLines(LogFixture.contents(path()))
        #expect(counts == ["T0": 150, "T1": 150, "T2": 150, "T3": 150])
    }

    @Test func threadsSharingOneInstanceNeverInterleave() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: Array("H".utf8))
        let file = try LogFile.openForAppending(path: path())
        let errors = LogFixture.runThreads(4) { k in
            try Self.appendSplitLines(file, tag: "S\(k)", count: 100)
        }
        #expect(errors.isEmpty, "\(errors)")
        let counts = Self.checkWholeLines(LogFixture.contents(path()))
        #expect(counts == ["S0": 100, "S1": 100, "S2": 100, "S3": 100])
    }

    @Test func theLockExcludesAnotherProcess() throws {
        defer { LogFixture.remove(dir) }
        guard LogFixture.hasFlockCommand else { return }
        try LogFile.create(path: path(), header: [])
        let file = try LogFile.openForAppending(path: path())
        let tryLock = #"flock -n "$1" true"#
        try file.withWriteLock {
            #expect(LogFixture.runShell(tryLock, [path()]) == 1, "another process got the lock")
        }
        #expect(LogFixture.runShell(tryLock, [path()]) == 0)

        // The other way round: while a child holds the lock, withWriteLock waits. The
        // child appends a line just before releasing; seeing it once we hold the lock
        // proves we waited (an ordering check, so a slow machine cannot fail it).
        let marker = path("held")
        let child = LogFixture.spawnShell(
            #"exec flock "$1" sh -c ': > "$2"; sleep 0.3; printf "child-done\n" >> "$1"' sh "$1" "$2""#,
            [path(), marker])
        var waited = 0
        while access(marker, F_OK) != 0 && waited < 10_000 { usleep(1000); waited += 1 }
        #expect(access(marker, F_OK) == 0, "the child never took the lock")
        let seen = try file.withWriteLock { LogFixture.contents(path()) }
        #expect(seen == Array("child-done\n".utf8), "withWriteLock did not wait for the child")
        #expect(LogFixture.wait(child) == 0)
    }

    @Test func linesFromAnotherProcessAndThreadsStayWhole() throws {
        defer { LogFixture.remove(dir) }
        guard LogFixture.hasFlockCommand else { return }
        try LogFile.create(path: path(), header: Array("H".utf8))
        let target = path()
        // The child writes each line in two appends under flock(1), like the threads.
        let script = #"""
            i=0
            while [ $i -lt 60 ]; do
              flock "$1" sh -c 'printf "P-%s-" "$2" >> "$1"; sleep 0.001; printf "%s-end\n" "$3" >> "$1"' sh "$1" $i "$2"
              i=$((i+1))
            done
            """#
        let child = LogFixture.spawnShell(script, [target, String(repeating: "x", count: 40)])
        let errors = LogFixture.runThreads(2) { k in
            let file = try LogFile.openForAppending(path: target)
            try Self.appendSplitLines(file, tag: "T\(k)", count: 200)
        }
        #expect(LogFixture.wait(child) == 0)
        #expect(errors.isEmpty, "\(errors)")
        let counts = Self.checkWholeLines(LogFixture.contents(target))
        #expect(counts == ["P": 60, "T0": 200, "T1": 200])
    }

    @Test func detachedFromPathAfterRenameOrDelete() throws {
        defer { LogFixture.remove(dir) }
        try LogFile.create(path: path(), header: [])
        let file = try LogFile.openForReading(path: path())
        #expect(try !file.isDetachedFromPath())
        #expect(rename(path(), path("old.twlog")) == 0)
        #expect(try file.isDetachedFromPath())
        try LogFile.create(path: path(), header: [])
        #expect(try file.isDetachedFromPath(), "a new file at the path is another file")
        let fresh = try LogFile.openForReading(path: path())
        #expect(unlink(path()) == 0)
        #expect(try fresh.isDetachedFromPath())
    }
}
