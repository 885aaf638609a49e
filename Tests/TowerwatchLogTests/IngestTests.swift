import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// `towerwatch ingest`: JSON lines on standard input (a pipe), each checked and
/// appended; bad lines reported by number and reason, the rest go on.
@Suite struct IngestTests {
    /// With group commit the lines that arrive together are decided in order under
    /// one lock and written at once; every outcome must be the same.
    @Test(arguments: [false, true])
    func aMixOfGoodAndBadLines(groupCommit: Bool) throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/ingest.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = try LogFixture.records(path).count
        let input = [
            #"{"as": "feed:plate-camera", "command": "report-hazard", "category": "parking", "tower": "T01", "floor": "B1", "zone": "garage", "note": "plate 浙A12345 in a fire lane\twith = signs"}"#,
            #"this is not json"#,
            #"{"as": "O-01", "command": "dispatch", "hazard": "H-999999", "guard": "G-001"}"#,
            #"{"as": "O-01", "command": "dispatch", "hazard": "H-000001", "guard": "G-001"}"#,
            #""#,
            #"{"command": "scan", "checkpoint": "T01-CP01"}"#,
            #"{"as": "G-002", "command": "scan", "checkpoint": "T09-CP99"}"#,
            #"{"as": "G-002", "command": "scan", "checkpoint": "T01-CP01"}"#,
            #"{"as": "O-02", "command": "dispatch", "hazard": "H-000001", "guard": "G-001"}"#,
            #"{"as": "nobody", "command": "scan", "checkpoint": "T01-CP01"}"#,
            #"{"as": "O-01", "command": "teleport"}"#,
            #"{"as": "O-01", "command": "close", "hazard": "H-000001", "floor": 12}"#,
            #"{"as": "G-001", "command": "ack", "dispatch": "D-000001"}"#,
        ].joined(separator: "\n") + "\n"
        let run = try ChildProcess.run(["ingest", "--log", path] + (groupCommit ? ["--group-commit"] : []), stdin: Array(input.utf8), in: dir)
        #expect(run.status != 0, "a bad line must make the exit status non-zero")
        let errors = run.stderr.split(separator: "\n").map(String.init)
        let expected: [(Int, String)] = [
            (2, "not a JSON object"),
            (3, "unknown hazard H-999999"),
            (6, "missing \"as\""),
            (7, "unknown checkpoint T09-CP99"),
            (9, "already holds open dispatch"),
            (10, "unknown identity 'nobody'"),
            (11, "unknown command 'teleport'"),
            (12, "does not take --floor"),
        ]
        #expect(errors.count == expected.count, "stderr: \(run.stderr)")
        for (line, reason) in expected {
            #expect(errors.contains { $0.hasPrefix("line \(line): ") && $0.contains(reason) }, "line \(line) (\(reason)) not reported: \(run.stderr)")
        }
        #expect(run.stdout.contains("ingested 4 of 12"), "\(run.stdout)")

        let records = try LogFixture.records(path)
        let added = records.dropFirst(before).map(\.event.kind)
        #expect(added == [.hazardReported, .guardDispatched, .checkpointScanned, .dispatchAcknowledged])
        if case let .hazardReported(_, _, source, _, _, _, _, _, note) = records[before].event {
            #expect(note == "plate 浙A12345 in a fire lane\twith = signs")
            #expect(source == .plateCamera)
        }
        #expect(records[before].actor == .feed("plate-camera"))
        _ = try DistrictLog(store: FileEventStore(path: path, writable: false))
    }

    @Test func allGoodLinesExitZero() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/ingest.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = try LogFixture.records(path).count
        var lines: [String] = []
        for i in 0..<20 { lines.append(#"{"as": "feed:patrol-scanner", "command": "scan", "guard": "G-00\#(i % 9 + 1)", "checkpoint": "T01-CP02"}"#) }
        lines.append(#"{"command": "report-hazard", "category": "flood", "tower": "T02", "floor": 1, "zone": "lobby", "severity": "critical"}"#)
        let run = try ChildProcess.run(["ingest", "--log", path, "--as", "O-03"], stdin: Array((lines.joined(separator: "\n") + "\n").utf8), in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("ingested 21 of 21"))
        let records = try LogFixture.records(path)
        #expect(records.count == before + 21)
        #expect(records.last?.actor == .officer("O-03"))
        // Empty input: nothing to do, still success.
        let empty = try ChildProcess.run(["ingest", "--log", path], stdin: [], in: dir)
        #expect(empty.status == 0, "\(empty.stderr)")
    }

    @Test func oneLineActionsPrintTheRejectionAndExitNonZero() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/actions.twlog"
        try LogFixture.makeDistrict(at: path)
        let ok = try ChildProcess.run(["report-hazard", "--log", path, "--as", "O-01", "--category", "crime", "--tower", "T01",
                                       "--floor", "3", "--zone", "lobby", "--note", "中福广场 theft"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = try ChildProcess.run(["dispatch", "H-000001", "--guard", "G-404", "--log", path, "--as", "O-01"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("rejected") && bad.stderr.contains("G-404"), "\(bad.stderr)")
    }
}
