import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Random bytes and mutated valid logs into the reader: never a crash, always either
/// a clean read or a `LogError` with a clear reason, and never a changed record
/// accepted as good. Seeded, so a failure names the case that reproduces it.
@Suite struct ReaderFuzzTests {
    enum Outcome { case read([EventRecord], notices: [LogNotice]); case failed(LogError) }

    /// Opens `path` read-only and replays it into a district, as a console does at start.
    static func open(_ path: String) throws -> Outcome {
        do {
            let store = try FileEventStore(path: path, writable: false)
            let district = try DistrictLog(store: store)
            var records: [EventRecord] = []
            let end = try store.read(after: store.start) { r, _ in records.append(r) }
            #expect(end.seq == district.position.seq)
            return .read(records, notices: store.notices)
        } catch let e as LogError {
            return .failed(e)
        }
        // Anything else (a LogFileError, a crash) escapes and fails the test.
    }

    static func checkClear(_ e: LogError, _ path: String, _ what: String) {
        let text = e.description
        #expect(text.hasPrefix(path + ":"), "\(what): no file in '\(text)'")
        switch e {
        case let .badRecord(_, line, _, reason):
            #expect(line >= 2, "\(what): line \(line)")
            #expect(reason.count >= 8, "\(what): reason '\(reason)'")
        case let .badHeader(_, reason):
            #expect(reason.count >= 8, "\(what): reason '\(reason)'")
        default:
            Issue.record("\(what): unexpected error \(e)")
        }
    }

    enum Mutation: CaseIterable { case flipBits, truncate, insertBytes, deleteBytes, swapLines, duplicateLine, overwriteRange, joinLines }

    static func mutate(_ bytes: [UInt8], _ m: Mutation, _ rng: inout SeededRNG) -> [UInt8] {
        var b = bytes
        switch m {
        case .flipBits:
            for _ in 0..<Int.random(in: 1...3, using: &rng) { b[Int.random(in: 0..<b.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng) }
        case .truncate:
            b.removeLast(Int.random(in: 1..<b.count, using: &rng))
        case .insertBytes:
            let at = Int.random(in: 0...b.count, using: &rng)
            b.insert(contentsOf: (0..<Int.random(in: 1...4, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
        case .deleteBytes:
            let at = Int.random(in: 0..<b.count, using: &rng)
            b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...4, using: &rng)))
        case .swapLines, .duplicateLine:
            var lines = LogFixture.lines(b)
            let i = Int.random(in: 1..<lines.count, using: &rng), j = Int.random(in: 1..<lines.count, using: &rng)
            if m == .swapLines { lines.swapAt(i, j) } else { lines.insert(lines[i], at: j) }
            b = LogFixture.join(lines)
        case .overwriteRange:
            let at = Int.random(in: 0..<b.count, using: &rng)
            for k in at..<min(b.count, at + Int.random(in: 1...16, using: &rng)) { b[k] = UInt8.random(in: 0...255, using: &rng) }
        case .joinLines:
            if let nl = b.indices.filter({ b[$0] == 10 }).dropLast().randomElement(using: &rng) { b.remove(at: nl) }
        }
        return b
    }

    @Test func mutatedValidLogsGiveACleanReadOrAClearError() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/fuzz.twlog"
        try LogFixture.makeBusyDistrict(at: path)
        let original = LogFixture.contents(path)
        let originalRecords = try LogFixture.records(path)
        let headerEnd = original.firstIndex(of: 10)! + 1
        var rng = SeededRNG(seed: 0xF022_2026)
        var errors = 0, cleanReads = 0

        for iteration in 0..<1200 {
            let m = Mutation.allCases[iteration % Mutation.allCases.count]
            let bytes = Self.mutate(original, m, &rng)
            if bytes == original { continue }
            LogFixture.write(bytes, to: path)
            let what = "iteration \(iteration) (\(m))"
            switch try Self.open(path) {
            case .failed(let e):
                errors += 1
                Self.checkClear(e, path, what)
            case let .read(records, notices):
                cleanReads += 1
                // Whatever was read is exactly what was written: never a changed record.
                #expect(records.count <= originalRecords.count, "\(what)")
                #expect(Array(originalRecords.prefix(records.count)) == records, "\(what): a damaged record was accepted")
                if records.count < originalRecords.count && notices.isEmpty {
                    // Only a cut exactly at a line boundary loses records silently.
                    #expect(m == .truncate && Array(original.prefix(bytes.count)) == bytes && bytes.last == 10, "\(what): records lost without a word")
                }
                if records.count == originalRecords.count && notices.isEmpty {
                    // Everything read and nothing said: only the (unchecksummed) header may differ.
                    #expect(Array(bytes[bytes.firstIndex(of: 10)! + 1 ..< bytes.count]) == Array(original[headerEnd...]), "\(what)")
                }
            }
        }
        #expect(errors > 800, "most mutations must be detected (\(errors) errors, \(cleanReads) clean reads)")
    }

    @Test func randomBytesGiveAClearError() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/random.twlog"
        let header = LogHeader(mode: .live, created: LogFixture.t0).line
        var rng = SeededRNG(seed: 0xBADB_17E5)
        for iteration in 0..<400 {
            let count = Int.random(in: 0...700, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if iteration % 3 == 1 { bytes.insert(contentsOf: header, at: 0) }
            if iteration % 3 == 2 {
                // Text-like noise: tabs, newlines, digits, '=' and letters, behind a real header.
                let alphabet = Array("0123456789\t\n=abcdefCheckpointScanned-:TZ.\\".utf8)
                bytes = header + (0..<count).map { _ in alphabet.randomElement(using: &rng)! }
            }
            LogFixture.write(bytes, to: path)
            switch try Self.open(path) {
            case .failed(let e): Self.checkClear(e, path, "iteration \(iteration)")
            case let .read(records, _): #expect(records.isEmpty, "iteration \(iteration): noise read as \(records.count) records")
            }
        }
    }

    @Test func theCodecRejectsEverySingleBitFlip() throws {
        var rng = SeededRNG(seed: 0x0B17)
        let samples = RecordCodecTests.records()
        var checked = 0
        for r in samples {
            let line = Array(RecordCodec.encode(r).dropLast())
            for _ in 0..<150 {
                var damaged = line
                damaged[Int.random(in: 0..<damaged.count, using: &rng)] ^= 1 << UInt8.random(in: 0...7, using: &rng)
                do {
                    let decoded = try damaged.withUnsafeBufferPointer { try RecordCodec.decode($0) }
                    Issue.record("a flipped bit decoded as \(decoded)")
                } catch let error as RecordError {
                    #expect(!error.reason.isEmpty)
                }
                checked += 1
            }
            // Random lines, sealed with a valid checksum, test the parser behind the checksum.
            for _ in 0..<100 {
                var body = Array(line[..<(line.count - 9)])
                let at = Int.random(in: 0..<body.count, using: &rng)
                body.replaceSubrange(at..<min(body.count, at + Int.random(in: 1...6, using: &rng)),
                                     with: (0..<Int.random(in: 0...6, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
                let sealed = LogFixture.sealed(body)
                do { _ = try sealed.withUnsafeBufferPointer { try RecordCodec.decode($0) } } catch let error as RecordError { #expect(error.reason.count >= 8) }
            }
        }
        #expect(checked == samples.count * 150)
    }
}
