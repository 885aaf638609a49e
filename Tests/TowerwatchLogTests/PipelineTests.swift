import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Replay decodes on a second thread when there is much to read. It must give
/// exactly what the one-thread reader gives: the same records folded, the same
/// position, the same notices, and the same error at the same line for a bad log.
@Suite struct PipelineTests {
    enum Outcome: Equatable {
        case opened(state: DistrictState, position: LogPosition, notices: [String])
        case failed(String)
    }

    /// Replays `path` into a district with decoding on a second thread (`batch`
    /// records per hand-over) or, with `batch` nil, on the caller's thread only.
    static func replay(_ path: String, batch: Int?) throws -> Outcome {
        do {
            let store = try FileEventStore(path: path, writable: false)
            if let batch {
                store.pipelineMinimumBytes = 0
                store.pipelineBatchSize = batch
            } else {
                store.pipelineMinimumBytes = .max
            }
            let district = try DistrictLog(store: store)
            return .opened(state: district.state, position: district.position, notices: store.notices.map(\.message))
        } catch let e as LogError {
            return .failed(e.description)
        }
    }

    /// A log long enough to cross many hand-overs: the busy fixture, then rounds of patrol.
    static func makeLongLog(at path: String) throws {
        let d = try LogFixture.makeBusyDistrict(at: path)
        var commands: [Command] = []
        for i in 0..<600 {
            let g = LogFixture.guards[i % LogFixture.guards.count]
            commands.append(Command(.feed("patrol-scanner"), .scan(guard: g, checkpoint: LogFixture.checkpoints[i % 3])))
        }
        _ = try d.executeAll(commands, now: LogFixture.t0 + .hours(2))
        try d.store.flush()
    }

    @Test func pipelinedReplayEqualsSerialReplayOnASoundLog() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/long.twlog"
        try Self.makeLongLog(at: path)
        let serial = try Self.replay(path, batch: nil)
        guard case let .opened(_, position, notices) = serial else { Issue.record("serial replay failed: \(serial)"); return }
        #expect(position.seq > 600)
        #expect(notices.isEmpty)
        for batch in [1, 2, 7, 64, 2048] {
            #expect(try Self.replay(path, batch: batch) == serial, "batch \(batch)")
        }
    }

    @Test func pipelinedReplayEqualsSerialReplayOnDamagedLogs() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/damaged.twlog"
        try Self.makeLongLog(at: path)
        let original = LogFixture.contents(path)
        var rng = SeededRNG(seed: 0x919E_11AE)
        var failures = 0
        for iteration in 0..<150 {
            let m = ReaderFuzzTests.Mutation.allCases[iteration % ReaderFuzzTests.Mutation.allCases.count]
            let bytes = ReaderFuzzTests.mutate(original, m, &rng)
            LogFixture.write(bytes, to: path)
            let serial = try Self.replay(path, batch: nil)
            if case .failed = serial { failures += 1 }
            let batch = [1, 3, 50, 2048][iteration % 4]
            #expect(try Self.replay(path, batch: batch) == serial, "iteration \(iteration) (\(m)), batch \(batch)")
        }
        #expect(failures > 60, "most mutations must fail the open (\(failures))")
    }

    @Test func aTornTailIsReportedTheSameWay() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/torn.twlog"
        try Self.makeLongLog(at: path)
        let original = LogFixture.contents(path)
        LogFixture.write(Array(original.dropLast(20)), to: path)
        let serial = try Self.replay(path, batch: nil)
        guard case let .opened(_, _, notices) = serial else { Issue.record("torn tail must not fail a read-only open: \(serial)"); return }
        #expect(notices.count == 1 && notices[0].contains("unfinished append"))
        #expect(try Self.replay(path, batch: 5) == serial)
    }

    @Test func aFoldThatStopsEarlyStopsTheDecoder() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/stop.twlog"
        try Self.makeLongLog(at: path)
        struct Enough: Error {}
        for stopAt in [1, 2, 40, 300] {
            let store = try FileEventStore(path: path, writable: false)
            store.pipelineMinimumBytes = 0
            store.pipelineBatchSize = 3
            var seen = 0
            #expect(throws: Enough.self) {
                _ = try store.read(after: store.start) { _, _ in
                    seen += 1
                    if seen == stopAt { throw Enough() }
                }
            }
            #expect(seen == stopAt)
        }
    }

    @Test func recordsMovedBetweenThreadsKeepTheirText() throws {
        // Hazard notes and bulletins with awkward text cross the hand-over intact.
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/text.twlog"
        try Self.makeLongLog(at: path)
        let serial = try LogFixture.records(path)
        let store = try FileEventStore(path: path, writable: false)
        store.pipelineMinimumBytes = 0
        store.pipelineBatchSize = 4
        var piped: [EventRecord] = []
        _ = try store.read(after: store.start) { r, _ in piped.append(r) }
        #expect(piped == serial)
    }
}

/// Short ids found again by their bytes must be exactly the ids the general path makes.
@Suite struct IDCacheTests {
    /// Decodes `text` as field `key`'s value of a scan record through a reader with a cache.
    static func decodeGuard(_ text: String, reader: inout FieldReader) throws -> GuardID {
        let r = EventRecord(seq: 1, time: LogFixture.t0, actor: .feed("x"), event: .checkpointScanned(guard: GuardID(text), checkpoint: "CP-1"))
        let line = Array(RecordCodec.encode(r).dropLast())
        let decoded = try line.withUnsafeBufferPointer { try RecordCodec.decode($0, using: &reader) }
        guard case let .checkpointScanned(g, _) = decoded.event else { throw FixtureError("not a scan") }
        return g
    }

    @Test func cachedIdsEqualFreshOnes() throws {
        var reader = FieldReader(idCache: 64)
        let texts = ["G-001", "G-002", "G-001", "CP-03-07", "T01-CP01", "a", "0123456789abcdef", "0123456789abcdefg",
                     "中福广场", "tab\there", "back\\slash", "G 1", "~", "G-001", "é", "x=y", "0123456789abcdef"]
        for _ in 0..<3 {
            for text in texts {
                let g = try Self.decodeGuard(text, reader: &reader)
                #expect(g.raw == text)
                #expect(g.hashKey == text.hashValue, "\(text)")
                #expect(g == GuardID(text))
            }
        }
    }

    @Test func idsThatShareASlotNeverMix() throws {
        // The smallest cache, one pair of slots: ids evict each other all the time,
        // and each lookup must still be right.
        var reader = FieldReader(idCache: 1)
        var rng = SeededRNG(seed: 0x1D5)
        for _ in 0..<2000 {
            let length = Int.random(in: 1...16, using: &rng)
            let text = String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x21...0x7E, using: &rng))) })
            let g = try Self.decodeGuard(text, reader: &reader)
            #expect(g.raw == text && g.hashKey == text.hashValue)
        }
    }

    @Test func idsThatDifferInAFewDigitsSpreadOverTheSlots() {
        // 324 checkpoint ids of one pattern into 4,096 slots: placed at random they
        // take about 311 distinct slots; a weak mix once left them in 157.
        var slots = Set<Int>()
        for t in 1...27 {
            for c in 1...12 {
                let text = "CP-" + (t < 10 ? "0" : "") + "\(t)-" + (c < 10 ? "0" : "") + "\(c)"
                var w0: UInt64 = 0, w1: UInt64 = 0
                for (i, b) in text.utf8.enumerated() { if i < 8 { w0 |= UInt64(b) << (8 * UInt64(i)) } else { w1 |= UInt64(b) << (8 * UInt64(i - 8)) } }
                slots.insert(IDTable.slot(w0, w1, text.utf8.count) & 4095)
            }
        }
        #expect(slots.count >= 290, "\(slots.count) slots")
    }

    @Test func aRawControlByteIsReportedWhereItIs() throws {
        // The word-wise splitter must name the first bad byte's position exactly.
        let r = EventRecord(seq: 12, time: LogFixture.t0, actor: .guard("G-001"), event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
        let line = Array(RecordCodec.encode(r).dropLast())
        let body = LogFixture.body(line)
        for bad: UInt8 in [0x00, 0x01, 0x0A, 0x0D, 0x1F, 0x7F] {
            for at in 0..<body.count where body[at] != 9 {
                var damaged = body
                damaged[at] = bad
                let sealed = LogFixture.sealed(damaged)
                var reader = FieldReader(idCache: 16)
                #expect(throws: RecordError("raw control byte 0x\(String(bad, radix: 16)) at byte \(at + 1) of the record")) {
                    _ = try sealed.withUnsafeBufferPointer { try RecordCodec.decode($0, using: &reader) }
                }
            }
        }
    }
}

/// The one-pass C scanner (checksum, tabs, control bytes) must agree with the
/// Swift splitter and the Swift checksum on every input.
@Suite struct RecordScanTests {
    /// Fields, first bad byte and checksum of `body` both ways.
    static func both(_ body: [UInt8], slack: Int) -> (scan: ([Range<Int>], Int?, UInt32), split: ([Range<Int>], Int?, UInt32)) {
        // The body followed by `slack` readable bytes (tabs, to tempt a wrong read).
        let padded = body + [UInt8](repeating: 9, count: slack)
        return padded.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[..<body.count])
            var r1 = FieldReader()
            let (crc, bad) = r1.scan(b, slack: slack)
            let scanned = ((0..<r1.count).map { r1.fieldRange($0) }, bad, crc)
            var r2 = FieldReader()
            var splitBad: Int?
            var splitFields: [Range<Int>] = []
            do throws(RecordError) {
                try r2.split(b, slack: slack)
                splitFields = (0..<r2.count).map { r2.fieldRange($0) }
            } catch {
                // "raw control byte 0x.. at byte N of the record"
                splitBad = Int(error.reason.split(separator: " ")[6])! - 1
            }
            return (scanned, (splitFields, splitBad, CRC32C.checksum(b)))
        }
    }

    @Test func theScannerAgreesWithTheSplitter() throws {
        guard FieldReader.scannerAvailable else { return }
        var rng = SeededRNG(seed: 0x5CA9)
        let alphabet: [UInt8] = Array("abcXYZ019=-:.\\ ".utf8) + [9, 9, 9, 0xE4, 0xB8, 0xAD]
        for length in 0...260 {
            for round in 0..<6 {
                var body = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
                if round >= 3 && length > 0 {
                    // One or two forbidden bytes somewhere.
                    for _ in 0..<(round - 2) { body[Int.random(in: 0..<length, using: &rng)] = [0x00, 0x01, 0x0A, 0x0D, 0x1F, 0x7F].randomElement(using: &rng)! }
                }
                let slack = [0, 3, 9, 16][round % 4]
                let (scan, split) = Self.both(body, slack: slack)
                #expect(scan.2 == split.2, "checksum, length \(length)")
                #expect(scan.1 == split.1, "first bad byte, length \(length) round \(round)")
                if split.1 == nil { #expect(scan.0 == split.0, "fields, length \(length) round \(round)") }
            }
        }
    }
}

/// Scans are read without key look-ups when laid out as writers write them; any
/// other layout takes the general path. Both must give the same record or error.
@Suite struct PlainScanTests {
    static func decode(_ body: String, cached: Bool) -> Result<EventRecord, RecordError> {
        let line = LogFixture.sealed(Array(body.utf8))
        var reader = FieldReader(idCache: cached ? 64 : 0)
        return line.withUnsafeBufferPointer { b in Result { () throws(RecordError) -> EventRecord in try RecordCodec.decode(b, using: &reader) } }
    }

    @Test func everyLayoutReadsTheSameBothWays() {
        let head = "7\t2026-11-29T08:00:00.000Z\tCheckpointScanned\tguard:G-001\t"
        let bodies = [
            "guard=G-001\tcheckpoint=T01-CP01",                       // the writers' layout
            "checkpoint=T01-CP01\tguard=G-001",                       // keys the other way round
            "guard=G-001\tcheckpoint=T01-CP01\tdrill=1",              // a drill scan
            "guard=G-001\tcheckpoint=T01-CP01\tnote=x",               // an extra field
            "guard=G\\\\1\tcheckpoint=T01-CP01",                      // an id that needs unescaping
            "guard=\tcheckpoint=T01-CP01",                            // an empty id
            "guard=G-001\tcheckpoint=",                               // an empty checkpoint
            "guard=0123456789abcdefX\tcheckpoint=T01-CP01",           // longer than the cache keeps
            "guard=中福\tcheckpoint=T01-CP01",                         // not ASCII
            "guards=G-001\tcheckpoint=T01-CP01",                      // a near miss of a key
            "guard=G-001\tcheckpoint=T01-CP01=x",                     // '=' inside a value
            "guard=G-001\tcheckpoinT=T01-CP01",                       // a key differing in its tail
            "guard=G-001\tcheck",                                     // not key=value
        ]
        for body in bodies {
            let fast = Self.decode(head + body, cached: true)
            let general = Self.decode(head + body, cached: false)
            switch (fast, general) {
            case let (.success(a), .success(b)): #expect(a == b, "\(body)")
            case let (.failure(a), .failure(b)): #expect(a == b, "\(body)")
            default: Issue.record("\(body): \(fast) vs \(general)")
            }
        }
        if case let .success(r) = Self.decode(head + bodies[0], cached: true) {
            #expect(r.event == .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01") && !r.drill)
        } else { Issue.record("the writers' layout must decode") }
    }
}

/// Ids that are equal as text are one id wherever they are written from: a log
/// that enrolls a guard in one spelling and puts them on duty in another opens.
@Suite struct EquivalentIDTests {
    @Test func canonicallyEquivalentSpellingsAreOneGuardInAReplay() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/spellings.twlog"
        let d = try LogFixture.makeDistrict(at: path)
        let precomposed = GuardID("G-\u{E9}"), decomposed = GuardID("G-e\u{301}")
        try LogFixture.mustExecute(d, Command(.system, .enrollGuard(precomposed, name: "Guard é", team: "TM1", homeTower: "T01", training: [])))
        try LogFixture.mustExecute(d, Command(.system, .goOnDuty(decomposed)))
        try LogFixture.mustExecute(d, Command(.feed("patrol-scanner"), .scan(guard: precomposed, checkpoint: "T01-CP01")))
        try d.store.flush()
        for batch in [nil, 1] as [Int?] {
            guard case let .opened(state, _, _) = try PipelineTests.replay(path, batch: batch) else {
                Issue.record("the log must open (batch \(String(describing: batch)))"); continue
            }
            #expect(state.guards[decomposed]?.onDuty == true)
            #expect(state.guards[precomposed]?.lastScan?.checkpoint == "T01-CP01")
        }
    }
}

/// The event feed after opening holds the latest notable records of the whole
/// log, however many scans came after them, and the same whether the log was
/// replayed from its start or opened from a snapshot.
@Suite struct OpeningFeedTests {
    @Test func theFeedKeepsNotableRecordsBehindManyScans() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/feed.twlog"
        let d = try LogFixture.makeBusyDistrict(at: path)
        let notable = d.recent
        #expect(!notable.isEmpty)
        var scans: [Command] = []
        for i in 0..<10_100 {
            scans.append(Command(.feed("patrol-scanner"), .scan(guard: LogFixture.guards[i % 6], checkpoint: LogFixture.checkpoints[i % 3])))
        }
        _ = try d.executeAll(scans, now: LogFixture.t0 + .hours(3))
        try d.store.flush()
        let reopened = try DistrictLog(store: FileEventStore(path: path, writable: false))
        #expect(reopened.recent == notable)
        #expect(reopened.recent.count <= reopened.recentLimit)
    }
}
