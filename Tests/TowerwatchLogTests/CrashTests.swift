import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// A writer killed with SIGKILL at random moments loses nothing it reported durable,
/// and leaves a file that opens (a writable open cuts a torn tail).
@Suite struct CrashTests {
    @Test func everyAppendReportedDurableSurvivesSIGKILL() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/crash.twlog"
        try LogFixture.makeDistrict(at: path)
        let setupCount = try LogFixture.records(path).count
        var rng = SeededRNG(seed: 0xC0FFEE)
        var reported: [UInt64] = []
        var killedWhileAppending = 0
        let started = LogFixture.monotonic()

        for round in 0..<20 {
            let g = LogFixture.guards[round % 4]
            var child = try ChildProcess.start(["_exercise", "append", "--log", path, "--count", "100000", "--guard", g.raw], in: dir)
            // Even rounds: kill at a random moment from start-up on (opening, replaying,
            // the first appends). Odd rounds: wait until it is appending, then kill at a
            // random moment among the appends.
            if round % 2 == 1 {
                let deadline = LogFixture.monotonic() + 5
                while LogFixture.contents(child.stdoutPath).isEmpty && LogFixture.monotonic() < deadline { usleep(1_000) }
                usleep(UInt32.random(in: 0...30_000, using: &rng))
            } else {
                usleep(UInt32.random(in: 2_000...150_000, using: &rng))
            }
            child.kill(SIGKILL)
            let status = child.wait()
            #expect(status == 128 + SIGKILL || status == 0, "round \(round): the child failed on its own (\(status)): \(child.stderr)")
            // Only whole lines count: a number cut short was never fully reported.
            let out = child.stdout
            let complete = out.hasSuffix("\n") ? out : String(out[..<(out.lastIndex(of: "\n").map { out.index(after: $0) } ?? out.startIndex)])
            let seqs = complete.split(separator: "\n").compactMap { UInt64($0) }
            #expect(seqs.count == complete.split(separator: "\n").count, "round \(round): garbled output \(out)")
            if !seqs.isEmpty { killedWhileAppending += 1 }
            reported += seqs

            // After every kill: the file opens read-only and holds everything reported so far.
            let records = try LogFixture.records(path)
            let bySeq = Dictionary(uniqueKeysWithValues: records.map { ($0.seq, $0) })
            for s in seqs {
                guard let r = bySeq[s] else { Issue.record("round \(round): record \(s) was reported durable but is missing"); continue }
                #expect(r.event == .checkpointScanned(guard: g, checkpoint: "T01-CP01"), "round \(round): record \(s) is \(r.event)")
            }
        }
        #expect(killedWhileAppending >= 10, "too few rounds got as far as appending (\(killedWhileAppending)); the test proves little")
        #expect(Set(reported).count == reported.count, "a sequence number was reported twice")

        // A writable open cuts any torn tail; the file is then sound and complete.
        let store = try FileEventStore(path: path, writable: true)
        let district = try DistrictLog(store: store)
        try store.withWriteLock { _ = try district.catchUp() }
        let replayStore = try FileEventStore(path: path, writable: false)
        let replay = try DistrictLog(store: replayStore)
        #expect(replayStore.notices.isEmpty, "\(replayStore.notices)")
        let seqs = Set(try LogFixture.records(path).map(\.seq))
        #expect(seqs.count == Int(replay.position.seq))
        #expect(Set(reported).isSubset(of: seqs))
        #expect(Int(replay.position.seq) >= setupCount + reported.count)
        #expect(LogFixture.monotonic() - started < 15, "the crash rounds took too long")
    }

    // MARK: - Commands of several records

    /// `ack FIRST LAST` lines a child printed in full.
    static func acknowledged(_ out: String) -> [ClosedRange<UInt64>] {
        let complete = out.hasSuffix("\n") ? out : String(out[..<(out.lastIndex(of: "\n").map { out.index(after: $0) } ?? out.startIndex)])
        return complete.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 3, f[0] == "ack", let a = UInt64(f[1]), let b = UInt64(f[2]), a <= b else { return nil }
            return a...b
        }
    }

    /// Checks what any reader must see after a crash: every acknowledged command
    /// whole, every command read whole, and `log verify` sound exactly when the file
    /// holds no command cut short.
    static func checkUnits(_ path: String, acknowledged: [ClosedRange<UInt64>], in dir: String, round: Int) throws {
        let records = try LogFixture.records(path)
        let bySeq = Dictionary(uniqueKeysWithValues: records.map { ($0.seq, $0) })
        for range in acknowledged {
            for s in range {
                guard let r = bySeq[s] else { Issue.record("round \(round): record \(s) was acknowledged but is missing"); continue }
                #expect(Int(r.part.count) == range.count && Int(r.part.index) == Int(s - range.lowerBound) + 1,
                        "round \(round): record \(s) is not part \(s - range.lowerBound + 1) of \(range.count)")
            }
        }
        // Whatever a reader applied is whole commands only.
        var i = 0
        while i < records.count {
            let n = Int(records[i].part.count)
            #expect(records[i].part.index == 1 && i + n <= records.count, "round \(round): record \(records[i].seq) starts no whole command")
            i += max(n, 1)
        }
        // The raw file: does it end with a command cut short (or a partial line)?
        let bytes = LogFixture.contents(path)
        var cutShort = bytes.last != 10
        if !cutShort, let last = LogFixture.lines(bytes).last, last.first != 35 {
            let record = try last.withUnsafeBufferPointer { try RecordCodec.decode($0) }
            cutShort = !record.part.isLast
        }
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        if cutShort {
            #expect(verify.status == 1 && !verify.stdout.contains("sound"), "round \(round): a command cut short verified as sound: \(verify.stdout)")
        } else {
            #expect(verify.status == 0 && verify.stdout.hasSuffix("sound\n"), "round \(round): \(verify.stdout) \(verify.stderr)")
        }
    }

    /// 8 writers run commands of two records (reassign; close with a dispatch open)
    /// and are killed together at random moments: no acknowledged command is lost,
    /// no reader applies half a command, and verify never calls half a command sound.
    @Test func eightWritersKilledMidCommandLoseNothingAndNeverHalfApply() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/units.twlog"
        try LogFixture.makeDistrict(at: path)
        var rng = SeededRNG(seed: 0x5EED_0008)
        var acknowledged: [ClosedRange<UInt64>] = []
        let started = LogFixture.monotonic()
        for round in 0..<4 {
            let start = dir + "/start-\(round)"
            var children: [ChildProcess] = []
            for k in 0..<8 {
                let pair = "\(LogFixture.guards[k].raw),\(LogFixture.guards[(k + 8) % 12].raw)"
                children.append(try ChildProcess.start(["_exercise", "commands", "--log", path, "--as", LogFixture.officers[k % 4].raw,
                                                        "--guards", pair, "--start-file", start], in: dir))
            }
            usleep(300_000)
            _ = open(start, O_CREAT | O_WRONLY, 0o600)
            // Kill at a random moment once they are writing (start-up is slow on a busy machine).
            let deadline = LogFixture.monotonic() + 10
            while children.allSatisfy({ LogFixture.contents($0.stdoutPath).count < 40 }) && LogFixture.monotonic() < deadline { usleep(2_000) }
            usleep(UInt32.random(in: 50_000...300_000, using: &rng))
            for child in children { child.kill(SIGKILL) }
            for var child in children {
                let status = child.wait()
                #expect(status == 128 + SIGKILL, "round \(round): a writer failed on its own (\(status)): \(child.stderr)")
                acknowledged += Self.acknowledged(child.stdout)
            }
            try Self.checkUnits(path, acknowledged: acknowledged, in: dir, round: round)
        }
        #expect(acknowledged.filter { $0.count == 2 }.count >= 8, "too few commands of two records were acknowledged to prove much")
        #expect(Set(acknowledged.map(\.lowerBound)).count == acknowledged.count, "a command was acknowledged twice")
        #expect(LogFixture.monotonic() - started < 60, "the rounds took too long")
    }

    /// A full disk (a file-size limit) cuts a writer's command short: the writer
    /// fails, the log holds no half command, every acknowledged command is there,
    /// and the next writer appends after it.
    @Test func aFullDiskNeverLeavesHalfACommand() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/full.twlog"
        try LogFixture.makeDistrict(at: path)
        var acknowledged: [ClosedRange<UInt64>] = []
        for (round, room) in [1_000, 2_357, 4_099, 8_191].enumerated() {
            let limit = LogFixture.contents(path).count + room
            let run = try ChildProcess.run(["_exercise", "commands", "--log", path, "--guards", "G-001,G-002",
                                            "--file-size-limit", String(limit)], in: dir)
            #expect(run.status == 1, "round \(round): the writer must fail when the disk is full (\(run.status)): \(run.stderr)")
            #expect(run.stderr.contains("write"), "round \(round): \(run.stderr)")
            let acked = Self.acknowledged(run.stdout)
            #expect(!acked.isEmpty)
            acknowledged += acked
            #expect(LogFixture.contents(path).last == 10, "round \(round): a partial line was left")
            try Self.checkUnits(path, acknowledged: acknowledged, in: dir, round: round)
        }
        #expect(acknowledged.contains { $0.count == 2 })
    }
}
