import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// The records of one command are one unit in the log: a reader applies all of
/// them or none, a command cut at the tail is a torn end (cut by the next writer,
/// reported once), a command cut in the middle of the log stops the open.
@Suite struct CommandUnitTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/units.twlog" }

    /// The busy district with dispatch D-000003 (G-003 to H-000003) then reassigned to
    /// G-004 (two records) and closed with the new dispatch open (two records).
    func makeLog() throws -> (reassign: [EventRecord], close: [EventRecord]) {
        let d = try LogFixture.makeBusyDistrict(at: path)
        let o1 = Actor.officer("O-01")
        try LogFixture.mustExecute(d, Command(o1, .reportHazard(HazardReport(category: .parking, source: .patrol, tower: "T01", floor: "B1",
                                                                            zone: StandardZone.garage, note: "van on the ramp"))))
        let hazard = d.state.hazards.keys.max()!
        let dispatched = try LogFixture.mustExecute(d, Command(o1, .dispatch(hazard: hazard, guard: "G-003")))
        guard case let .guardDispatched(dispatch, _, _) = dispatched[0].event else { throw FixtureError("no dispatch") }
        let reassign = try LogFixture.mustExecute(d, Command(o1, .reassign(dispatch, to: "G-004")))
        let close = try LogFixture.mustExecute(d, Command(o1, .close(hazard, note: "towed")))
        try d.store.flush()
        return (reassign, close)
    }

    @Test func aCommandsRecordsAreMarkedAsItsParts() throws {
        defer { LogFixture.remove(dir) }
        let (reassign, close) = try makeLog()
        #expect(reassign.map(\.part) == [CommandPart(index: 1, count: 2), CommandPart(index: 2, count: 2)])
        #expect(close.map(\.part) == [CommandPart(index: 1, count: 2), CommandPart(index: 2, count: 2)])
        let lines = LogFixture.lines(LogFixture.contents(path)).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.filter { $0.contains("\tpart=1/2\t") }.count == 2)
        #expect(lines.filter { $0.contains("\tpart=2/2\t") }.count == 2)
        // A one-record command carries no mark: a scan's line is as it always was.
        #expect(lines.filter { $0.contains("\tCheckpointScanned\t") }.allSatisfy { !$0.contains("part=") })
        // The marks survive the codec, and the records read back equal the records written.
        let read = try LogFixture.records(path)
        #expect(Array(read.suffix(4)) == reassign + close)
    }

    @Test func aBadPartMarkIsABadRecord() throws {
        let record = EventRecord(seq: 7, time: LogFixture.t0, actor: .officer("O-01"), part: CommandPart(index: 1, count: 2),
                                 event: .dispatchWithdrawn(dispatch: "D-000001", reason: "reassigned"))
        let line = Array(RecordCodec.encode(record).dropLast())
        #expect(try line.withUnsafeBufferPointer { try RecordCodec.decode($0) } == record)
        for bad in ["part=0/2", "part=3/2", "part=1/1", "part=1", "part=x/2", "part=1/70000"] {
            let damaged = LogFixture.sealed(LogFixture.replacing(LogFixture.body(line), "part=1/2", bad))
            #expect(throws: RecordError.self, "\(bad)") { try damaged.withUnsafeBufferPointer { try RecordCodec.decode($0) } }
        }
    }

    /// Every cut inside the last command (close: withdraw, then close) leaves the
    /// state as before the command for a reader, and a writer cuts all of it.
    @Test func aCommandCutAtEveryByteIsATornEnd() throws {
        defer { LogFixture.remove(dir) }
        let (_, close) = try makeLog()
        let whole = LogFixture.contents(path)
        let lines = LogFixture.lines(whole)
        let unitStart = whole.count - lines[lines.count - 1].count - lines[lines.count - 2].count - 2
        let before = try LogFixture.records(path).dropLast(2)
        let partOneEnd = unitStart + lines[lines.count - 2].count + 1
        for cut in (unitStart + 1)..<whole.count {
            let torn = Array(whole[..<cut])
            LogFixture.write(torn, to: path)
            do {
                let store = try FileEventStore(path: path, writable: false)
                let district = try DistrictLog(store: store)
                #expect(district.position.seq == close[0].seq - 1, "cut at \(cut)")
                #expect(district.state.hazards[close[1].hazardID!]?.isOpen == true, "cut at \(cut): half of the close was applied")
                #expect(store.notices.count == 1, "cut at \(cut): \(store.notices)")
                let notice = store.notices.first?.message ?? ""
                #expect(notice.contains("\(path):\(lines.count - 1): the log ends with an unfinished append"), "\(notice)")
                if cut >= partOneEnd { #expect(notice.contains("record \(close[0].seq) (part 1 of 2 of one command)"), "\(notice)") }
                #expect(LogFixture.contents(path) == torn, "a read-only open wrote to the file")
            }
            do {
                let store = try FileEventStore(path: path, writable: true)
                let district = try DistrictLog(store: store)
                #expect(store.notices.count == 1 && store.notices[0].message.contains("cut off a torn end"), "cut at \(cut): \(store.notices)")
                #expect(district.position.seq == close[0].seq - 1)
                #expect(LogFixture.contents(path) == Array(whole[..<unitStart]), "cut at \(cut): the writer must cut the whole command")
            }
            #expect(Array(try LogFixture.records(path)) == Array(before))
        }
    }

    /// A command whose later part is missing with records after it is damage, not a
    /// torn end: the open stops at the record where the missing part belongs.
    @Test func aCommandCutInTheMiddleStopsTheOpen() throws {
        defer { LogFixture.remove(dir) }
        let (reassign, _) = try makeLog()
        var lines = LogFixture.lines(LogFixture.contents(path))
        let index = lines.firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("\(reassign[1].seq)\t") }!
        lines[index] = LogFixture.sealed(LogFixture.replacing(LogFixture.body(lines[index]), "\tpart=2/2", ""))
        LogFixture.write(LogFixture.join(lines), to: path)
        for writable in [false, true] {
            do {
                _ = try DistrictLog(store: FileEventStore(path: path, writable: writable))
                Issue.record("a command cut in the middle must stop the open")
            } catch let e as LogError {
                #expect(e.description.hasPrefix("\(path):\(index + 1): record \(reassign[1].seq): command cut short"), "\(e)")
            }
        }
        // A lone later part, with no part 1 before it, is damage too.
        lines[index - 1] = LogFixture.sealed(LogFixture.replacing(LogFixture.body(lines[index - 1]), "\tpart=1/2", ""))
        lines[index] = LogFixture.sealed(LogFixture.body(lines[index]) + Array("\tpart=2/2".utf8))
        LogFixture.write(LogFixture.join(lines), to: path)
        #expect { _ = try DistrictLog(store: FileEventStore(path: path, writable: false)) } throws: { error in
            "\(error)".contains("\(path):\(index + 1): record \(reassign[1].seq): part 2 of 2 of a command whose part 1")
        }
    }

    /// A log written before commands were marked (format 1, no marks) reads as it
    /// always did: every record a command of its own.
    @Test func aLogWithoutMarksReadsAsBefore() throws {
        defer { LogFixture.remove(dir) }
        let (reassign, close) = try makeLog()
        let unmarked = LogFixture.lines(LogFixture.contents(path)).enumerated().map { i, line -> [UInt8] in
            if i == 0 { return LogFixture.replacing(line, "format=\(RecordCodec.formatVersion)", "format=1") }
            let text = String(decoding: line, as: UTF8.self)
            guard text.contains("\tpart=") else { return line }
            return LogFixture.sealed(Array(LogFixture.body(line).split(separator: 9, omittingEmptySubsequences: false)
                .filter { !$0.starts(with: Array("part=".utf8)) }.joined(separator: [9])))
        }
        LogFixture.write(LogFixture.join(unmarked), to: path)
        let records = try LogFixture.records(path)
        let store = try FileEventStore(path: path, writable: false)
        #expect(store.header.format == 1)
        let district = try DistrictLog(store: store)
        #expect(store.notices.isEmpty)
        #expect(Array(records.suffix(4).map(\.event)) == (reassign + close).map(\.event))
        #expect(records.suffix(4).allSatisfy { $0.part == .whole })
        #expect(district.position.seq == close[1].seq)
    }
}

extension EventRecord {
    var hazardID: HazardID? {
        if case let .hazardClosed(id, _) = event { return id }
        return nil
    }
}
