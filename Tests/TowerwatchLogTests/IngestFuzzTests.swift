import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// `ingest` checks every line at the edge: invalid UTF-8 refused with the line and
/// byte, a field of the wrong type refused by name, a line over 1 MiB refused and
/// skipped, and every good line after them still goes in.
@Suite struct IngestFuzzTests {
    static func scan(_ g: String) -> String { #"{"as":"\#(g)","command":"scan","checkpoint":"T01-CP01"}"# }

    @Test func badLinesAreRefusedByLineAndTheRestGoIn() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/fuzz.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = try LogFixture.records(path).count
        var input: [UInt8] = []
        func line(_ bytes: [UInt8]) { input += bytes; input.append(10) }
        line(Array(Self.scan("G-001").utf8))                                                          // 1 good
        line(Array(#"{"as":"G-002","command":"scan","checkpoint":"T01-CP0"#.utf8) + [0xFF] + Array(#"1"}"#.utf8))  // 2 bad byte
        line(Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":true,"zone":"garage"}"#.utf8)) // 3
        line(Array(String(repeating: "x", count: (1 << 20) + 1).utf8))                               // 4 too long
        line(Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":["B1"],"zone":"garage"}"#.utf8)) // 5
        line(Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":null,"zone":"garage"}"#.utf8)) // 6
        line(Array(Self.scan("G-002").utf8))                                                          // 7 good
        line([0xE4, 0xB8])                                                                            // 8 cut short
        line(Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":"B1","zone":"garage","note":"\#(String(repeating: "n", count: 3_000))"}"#.utf8)) // 9
        line(Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":"B1","zone":"garage","note":"ok"}"#.utf8)) // 10 good
        input += Array(String(repeating: "y", count: 3 << 20).utf8)                                    // 11 too long, no newline
        let started = LogFixture.monotonic()
        let run = try ChildProcess.run(["ingest", "--log", path], stdin: input, in: dir, timeout: 60)
        let errors = run.stderr.split(separator: "\n").map(String.init)
        let expected: [(Int, String)] = [
            (2, "not valid UTF-8 (byte 53 of the line)"),
            (3, "\"floor\" must be a string or a number, not a boolean"),
            (4, "the line is 1048577 bytes long; the limit is 1048576 bytes (1 MiB)"),
            (5, "\"floor\" must be a string or a number, not an array"),
            (6, "\"floor\" must be a string or a number, not null"),
            (8, "not valid UTF-8 (byte 1 of the line)"),
            (9, "note is 3000 bytes long; the limit is 2000 bytes"),
            (11, "the line is 3145728 bytes long"),
        ]
        #expect(errors.count == expected.count, "\(errors)")
        for (e, (n, text)) in zip(errors, expected) {
            #expect(e.hasPrefix("line \(n): rejected: ") && e.contains(text), "\(e) (expected line \(n): \(text))")
        }
        #expect(run.status == 2, "some lines were refused")
        #expect(run.stdout.contains("ingested 3 of 11 commands"), "\(run.stdout)")
        let records = try LogFixture.records(path)
        #expect(records.count == before + 3)
        #expect(!records.contains { if case let .hazardReported(_, _, _, _, floor, _, _, _, _) = $0.event { return floor == "1" } else { return false } },
                "true must not become floor 1")
        #expect(LogFixture.monotonic() - started < 30)
    }

    /// Random lines built from the pieces that broke ingest before: the process
    /// never crashes, answers every line, and whatever it wrote verifies.
    @Test func randomHostileLinesNeverBreakTheLog() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/random.twlog"
        try LogFixture.makeDistrict(at: path)
        var rng = SeededRNG(seed: 0x1A9E_57)
        let pieces: [[UInt8]] = [
            Array(#"{"as":"O-01","command":"report-hazard","category":"parking","tower":"T01","floor":"B1","zone":"garage","note":""#.utf8),
            Array(#"{"as":"G-001","command":"scan","checkpoint":"T01-CP01"}"#.utf8),
            Array(#"{"as":"feed:cam","command":"report-hazard","category":"parking","tower":"T01","floor":true}"#.utf8),
            [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0x00], [0x1B, 0x5D, 0x30, 0x3B, 0x58, 0x07], [0xC2, 0x9B],
            Array("\u{202E}".utf8), Array("中福".utf8), Array(#"\u0000"#.utf8), Array(#""}"#.utf8), Array(#"":1e999}"#.utf8), [0x22, 0x7D],
        ]
        var input: [UInt8] = []
        let lineCount = 300
        for _ in 0..<lineCount {
            let n = Int.random(in: 1...5, using: &rng)
            for _ in 0..<n { input += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            if Int.random(in: 0..<40, using: &rng) == 0 { input += [UInt8](repeating: 0x61, count: Int.random(in: 1_000_000...1_200_000, using: &rng)) }
            input.append(10)
        }
        let run = try ChildProcess.run(["ingest", "--log", path, "--group-commit"], stdin: input, in: dir, timeout: 60)
        #expect(run.status == 0 || run.status == 2, "\(run.status): \(run.stderr.suffix(500))")
        let answered = run.stdout.split(separator: " ")
        #expect(answered.count >= 5 && answered[0] == "ingested", "\(run.stdout)")
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0 && verify.stdout.hasSuffix("sound\n"), "\(verify.stdout)")
        #expect(HostileTextTests.rawControls(Array((run.stdout + run.stderr).utf8)).isEmpty)
    }

    /// The line reader itself: linear in the input, and it goes on after a long line.
    @Test func feedLinesSplitsSkipsAndValidates() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writer = fds[1]
        let input = Array("one\n".utf8) + [UInt8](repeating: 0x7A, count: 300) + Array("\ntwo\n".utf8) + [0x61, 0xFF, 0x0A] + Array("end".utf8)
        let thread = Thread {
            input.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count { let n = write(writer, raw.baseAddress! + done, min(7, raw.count - done)); if n > 0 { done += n } }
            }
            close(writer)
        }
        thread.start()
        var reader = FeedLines(fd: fds[0], maximumLineBytes: 100)
        var lines: [FeedLines.Line] = []
        while let batch = reader.nextBatch() { lines += batch }
        close(fds[0])
        #expect(lines == [.text("one"), .tooLong(bytes: 300), .text("two"), .notUTF8(byteOffset: 1), .text("end")])
    }

    /// An argument that is not UTF-8 is refused (a usage error), saying which and where.
    @Test func anArgumentThatIsNotUTF8IsRefused() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/args.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = LogFixture.contents(path)
        // The shell builds the bytes: a Swift String cannot hold them.
        let status = system("'\(ChildProcess.binary)' scan \"T01-CP$(printf '\\377')01\" --as G-001 --log '\(path)' >'\(dir)/out' 2>'\(dir)/err'")
        #expect(status >> 8 == 64, "exit status \(status >> 8)")
        let err = String(decoding: LogFixture.contents(dir + "/err"), as: UTF8.self)
        #expect(err == "towerwatch: argument 2 is not valid UTF-8 (byte 7 of it)\n", "\(err)")
        #expect(LogFixture.contents(path) == before)
    }
}
