import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchLog
import TowerwatchLogMemory

/// Every writer turns commands into records the one way (`CommandRecorder`): the
/// live log's `execute` and `executeAll`, the demo set-up and the history writer.
/// The digests below were taken from the records these paths wrote before they
/// shared the recorder, so a change in what any of them writes shows here; and
/// the state each leaves is the fold of what it wrote.
@Suite struct CommandPathTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    /// CRC-32C of a log's bytes after its header: the records exactly as written.
    static func recordsDigest(_ records: [EventRecord]) -> String {
        var bytes: [UInt8] = []
        for r in records { RecordCodec.encode(r, into: &bytes) }
        return RecordCodec.hex(bytes.withUnsafeBytes { CRC32C.checksum($0) }) + "/\(records.count)"
    }

    /// The state a log's records fold to, from scratch.
    static func refold(_ store: EventStore) throws -> DistrictState {
        try DistrictLog(store: store).state
    }

    @Test func executeWritesTheSameRecords() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeBusyDistrict(at: path)
        let records = try LogFixture.records(path)
        // Pinned when the command path became one; changed once since, on purpose,
        // when the records of a command of several records began to carry `part=I/N`.
        #expect(Self.recordsDigest(records) == "d3234b11/52")
        #expect(try Self.refold(FileEventStore(path: path, writable: false)) == district.state)
    }

    @Test func executeAllWritesTheSameRecordsAndResults() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeDistrict(at: path)
        let before = district.position.seq
        let o1 = Actor.officer("O-01")
        let batch: [Command] = [
            Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")),
            Command(o1, .reportHazard(HazardReport(category: .fireSafety, source: .officer, tower: "T01", floor: "3",
                                                   zone: StandardZone.escapeRoute, note: "boxes"))),
            Command(o1, .dispatch(hazard: "H-000001", guard: "G-002")),
            Command(o1, .dispatch(hazard: "H-000001", guard: "G-002")),   // rejected: already on it
            Command(.guard("G-002"), .acknowledge("D-000001", channel: .radio)),  // rejected: radio is the officer's to record
            Command(.guard("G-002"), .acknowledge("D-000001", channel: .console)),
            Command(o1, .close("H-000404", note: "no such hazard")),        // rejected
        ]
        let results = try district.executeAll(batch, now: LogFixture.t0 + .hours(1))
        let outcome = results.map { r -> String in
            switch r { case .success(let recs): return "ok \(recs.map(\.seq))"; case .failure(let why): return "no: \(why.reason)" }
        }
        #expect(outcome == [
            "ok [36]", "ok [37]", "ok [38]",
            "no: G-002 Guard G-002 王 already holds open dispatch D-000001; a guard holds one dispatch at a time",
            "no: only an officer records an acknowledgement received by radio",
            "ok [39]",
            "no: unknown hazard H-000404",
        ])
        let written = try LogFixture.records(path).filter { $0.seq > before }
        #expect(Self.recordsDigest(written) == "cb3e285d/4")
        #expect(try Self.refold(FileEventStore(path: path, writable: false)) == district.state)
    }

    @Test func demoSetUpWritesTheSameRecords() throws {
        let store = InMemoryEventStore()
        let log = try DistrictLog(store: store)
        let count = try DemoDistrict.write(to: log, at: Timestamp(year: 2026, month: 3, day: 2, hour: 6))
        #expect(count == store.records.count)
        #expect(Self.recordsDigest(store.records) == "b022af01/934")
        #expect(try Self.refold(store) == log.state)
    }

    @Test func historyWritesTheSameRecords() throws {
        let store = InMemoryEventStore()
        let report = try Simulator.writeHistory(to: store, length: .hours(6), seed: 7, start: Timestamp(year: 2026, month: 3, day: 2, hour: 6))
        #expect(Self.recordsDigest(store.records) == "9c212d38/11650")
        #expect(report.events == store.records.count && report.commands == 11650 && report.rejections == 0)
        #expect(try Self.refold(store).lastSeq == 11650)
    }

    /// A failure in the middle of recording writes nothing and leaves the state the
    /// log's: the recorder folds into the state itself, so the log is folded again.
    @Test func aFailedRecordingWritesNothingAndKeepsTheState() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeBusyDistrict(at: path)
        let (state, position, recent) = (district.state, district.position, district.recent)
        let bytes = LogFixture.contents(path)
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try district.record { recorder in
                let scan = Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP02"))
                guard case .success(let records) = try recorder.record(scan, at: LogFixture.t0 + .hours(2)) else { return }
                #expect(records.map(\.seq) == [position.seq + 1] && recorder.state.lastSeq == position.seq + 1)
                throw Abandoned()
            }
        }
        #expect(LogFixture.contents(path) == bytes)
        #expect(district.state == state && district.position == position && district.recent == recent)

        // The demo set-up on a log with towers of its own: its companies are stamped,
        // then its tower T01 is rejected, and the whole set-up is abandoned.
        let demo = try DemoDistrictWrite.attempt(on: district)
        #expect(demo?.rejection.reason.contains("T01") == true, "\(String(describing: demo))")
        #expect(LogFixture.contents(path) == bytes && district.state == state)

        // And the log goes on from there.
        let next = try district.execute(Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP02")), now: LogFixture.t0 + .hours(2))
        #expect(try next.get().map(\.seq) == [position.seq + 1])
        #expect(try Self.refold(FileEventStore(path: path, writable: false)) == district.state)
    }
}

/// Writing the demo district onto a log that already has towers of its own.
enum DemoDistrictWrite {
    static func attempt(on log: DistrictLog) throws -> DemoDistrict.WriteError? {
        do { try DemoDistrict.write(to: log, at: LogFixture.t0 + .hours(1)); return nil } catch let e as DemoDistrict.WriteError { return e }
    }
}

