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
}
