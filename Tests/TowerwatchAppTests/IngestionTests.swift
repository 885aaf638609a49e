import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

/// `ingest` as a library: JSON lines to commands, lines split into batches as
/// they arrive, and every line's outcome the same with or without group commit.
@Suite struct IngestionTests {
    /// A source that hands out `pieces` one read at a time, then ends.
    static func reader(_ pieces: [String]) -> InputLines {
        var queue = pieces.map { Array($0.utf8) }
        return InputLines { buffer, count in
            guard !queue.isEmpty else { return 0 }
            let piece = queue.removeFirst()
            precondition(piece.count <= count)
            piece.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: piece.count) }
            return piece.count
        }
    }

    @Test func `lines come in the batches they arrive in, a split line waits for its end, the last needs no newline`() {
        var lines = Self.reader(["one\ntwo\nthr", "ee\n", "fo", "ur\nfive"])
        #expect(lines.nextBatch() == ["one", "two"])
        #expect(lines.nextBatch() == ["three"])
        #expect(lines.nextBatch() == ["four"])
        #expect(lines.nextBatch() == ["five"])
        #expect(lines.nextBatch() == nil)
        var empty = Self.reader([])
        #expect(empty.nextBatch() == nil)
        var blank = Self.reader(["\n\n", "中福\n"])
        #expect(blank.nextBatch() == ["", ""])
        #expect(blank.nextBatch() == ["中福"])
    }

    @Test func `a JSON line becomes a verb with its arguments; numbers are text, anything else is refused by key`() throws {
        let line = try IngestLine.parse(#"{"as": "feed:plate-camera", "command": "report-hazard", "category": "parking", "tower": "T05", "floor": 12, "zone": "garage"}"#, defaultActor: nil)
        #expect(line.verb == .reportHazard)
        #expect(line.actor == "feed:plate-camera")
        #expect(line.values == ["category": "parking", "tower": "T05", "floor": "12", "zone": "garage"])
        #expect(try IngestLine.parse(#"{"command": "scan", "checkpoint": "T01-CP01"}"#, defaultActor: "G-001").actor == "G-001")
        #expect(throws: Rejection("not a JSON object")) { try IngestLine.parse("[1, 2]", defaultActor: nil) }
        #expect(throws: Rejection("not a JSON object")) { try IngestLine.parse("scan T01-CP01", defaultActor: nil) }
        #expect(throws: Rejection("\"note\" must be a string or a number")) {
            try IngestLine.parse(#"{"as": "O-01", "command": "close", "hazard": "H-1", "note": ["a"]}"#, defaultActor: nil)
        }
        #expect(throws: Rejection("missing \"command\"")) { try IngestLine.parse(#"{"as": "O-01"}"#, defaultActor: nil) }
        #expect(throws: Rejection("missing \"as\" (who acts) and no --as given")) {
            try IngestLine.parse(#"{"command": "scan", "checkpoint": "T01-CP01"}"#, defaultActor: nil)
        }
    }

    static let mixedLines = [
        #"{"as": "O-01", "command": "dispatch", "hazard": "H-000001", "guard": "G-002"}"#,
        #"not json"#,
        "  ",
        #"{"as": "O-02", "command": "dispatch", "hazard": "H-000001", "guard": "G-002"}"#,
        #"{"as": "G-002", "command": "ack", "dispatch": "D-000001"}"#,
        #"{"as": "nobody", "command": "scan", "checkpoint": "T01-CP01"}"#,
    ]

    @Test(arguments: [false, true])
    func `each line goes in or is refused with its number and reason, with or without group commit`(groupCommit: Bool) throws {
        let (district, store, clock) = try AppFixture.district()
        let before = store.records.count
        var ingestion = Ingestion(into: district, defaultActor: nil, groupCommit: groupCommit, clock: clock)
        let first = try ingestion.take(Array(Self.mixedLines.prefix(3)))
        let second = try ingestion.take(Array(Self.mixedLines.dropFirst(3)))
        #expect(first.map(\.line) == [2])
        #expect(first.first?.reason == "not a JSON object")
        #expect(second.map(\.line) == [4, 6], "lines are numbered across batches; a blank line counts but is not a command")
        #expect(second.first?.reason.contains("already holds open dispatch") == true, "decide's reason: \(second)")
        #expect(second.last?.reason.contains("unknown identity 'nobody'") == true)
        #expect(ingestion.lines == 6 && ingestion.accepted == 2 && ingestion.refused == 3)
        let added = store.records.dropFirst(before)
        #expect(added.map(\.event.kind) == [.guardDispatched, .dispatchAcknowledged])
        #expect(added.allSatisfy { $0.time == clock.now() })
    }
}
