import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchLog
import TowerwatchLogMemory

/// Every record names the account that wrote it (`by=`), old logs without it
/// stay readable, and `log verify --audit` finds what the rules would have refused.
@Suite struct AccountRecordTests {
    static let time = Timestamp(year: 2026, month: 11, day: 29, hour: 8)

    static func line(_ r: EventRecord) -> String { String(decoding: RecordCodec.encode(r), as: UTF8.self) }

    static func decode(_ text: String) throws -> EventRecord {
        var bytes = Array(text.utf8)
        if bytes.last == 10 { bytes.removeLast() }
        return try bytes.withUnsafeBufferPointer { b throws(RecordError) in try RecordCodec.decode(b) }
    }

    @Test func `the account is written after the actor and read back`() throws {
        let r = EventRecord(seq: 7, time: Self.time, actor: .guard("G-017"), drill: true,
                            event: .guardWentOnDuty(guard: "G-017"), account: "wang.g-17")
        let text = Self.line(r)
        #expect(text.contains("guard:G-017\tby=wang.g-17\tdrill=1\tguard=G-017"))
        #expect(try Self.decode(text) == r)
    }

    @Test func `a record without an account reads as before`() throws {
        let r = EventRecord(seq: 1, time: Self.time, actor: .officer("O-01"), event: .hazardClosed(hazard: "H-000001", note: "by=not an account"))
        let text = Self.line(r)
        #expect(!text.contains("\tby="))
        let back = try Self.decode(text)
        #expect(back == r && back.account == nil)
    }

    @Test func `scans with an account take the fast path to the same record, and the account is cached`() throws {
        var reader = FieldReader(idCache: 64)
        let scans = (1...3).map { i in
            EventRecord(seq: UInt64(i), time: Self.time + .seconds(Int64(i)), actor: .guard("G-001"),
                        event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"), account: "zhangw")
        }
        for r in scans {
            let bytes = RecordCodec.encode(r).dropLast()
            let back = try Array(bytes).withUnsafeBufferPointer { b throws(RecordError) in try RecordCodec.decode(b, using: &reader) }
            #expect(back == r)
        }
    }

    @Test func `an account with characters to escape still round-trips, and an empty one is an error`() throws {
        let r = EventRecord(seq: 2, time: Self.time, actor: .system, event: .shiftEnded(shift: "S-1"), account: "odd\tname")
        #expect(try Self.decode(Self.line(r)) == r)
        var line = RecordCodec.encode(r)
        line.removeLast()
        let empty = LogFixture.sealed(LogFixture.replacing(LogFixture.body(line), "by=odd\\tname", "by="))
        #expect(throws: RecordError.self) { try Self.decode(String(decoding: empty, as: UTF8.self)) }
    }

    static let historyStart = Timestamp(year: 2026, month: 11, day: 1)

    /// An empty district whose first record, by root, makes `account` its administrator.
    static func administered(by account: String) throws -> InMemoryEventStore {
        let store = InMemoryEventStore()
        let first = EventRecord(seq: 1, time: historyStart, actor: .system, event: .accountLinked(account: account, actor: .system), account: "root")
        _ = try store.withWriteLock { try store.append([first], at: store.start) }
        return store
    }

    /// A district whose history an administrator account wrote: the simulator plays
    /// every guard and officer under it, and the audit finds nothing to refuse.
    @Test func `a long simulated history passes the audit with no finding`() throws {
        let store = try Self.administered(by: "ops")
        let report = try Simulator.writeHistory(to: store, length: .days(2), seed: 7, start: Self.historyStart, account: "ops")
        #expect(report.rejections == 0)
        var audit = RecordAudit()
        var findings: [String] = []
        var count = 0
        _ = try store.read(after: store.start) { record, _ in
            count += 1
            #expect(record.account != nil)
            if let reason = audit.check(record), findings.count < 5 { findings.append("\(record.seq): \(reason)") }
        }
        #expect(count > 50_000)
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func `the simulator refuses to play people for an account that may not`() throws {
        let store = try Self.administered(by: "ops")
        let report = try Simulator.writeHistory(to: store, length: .hours(1), seed: 7, start: Self.historyStart, account: "mallory")
        #expect(report.rejections == report.commands)
        #expect(store.records.count == 1)
    }

    /// The forgeries of the issue, appended by hand with valid checksums: each is
    /// listed as FILE:LINE: record SEQ with its reason, and the exit status says so.
    @Test func `log verify --audit lists each hand-made forgery by file, line and sequence`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/forged.twlog"
        let d = try LogFixture.makeBusyDistrict(at: path)
        d.caller = "root"
        try LogFixture.mustExecute(d, Command(.system, .linkAccount("guard1", to: .guard("G-001"))))
        try LogFixture.mustExecute(d, Command(.system, .linkAccount("officer1", to: .officer("O-01"))))
        try LogFixture.mustExecute(d, Command(.system, .linkAccount("scanner", to: .feed("patrol-scanner"))))
        d.caller = "officer1"
        try LogFixture.mustExecute(d, Command(.officer("O-01"), .reportHazard(HazardReport(category: .dispute, source: .officer, tower: "T01",
                                                                                            floor: "3", zone: StandardZone.lobby))))
        try d.store.flush()
        let clean = try ChildProcess.run(["log", "verify", "--audit", path], in: dir)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("0 the rules would have refused"))

        let h = HazardID("H-000003")
        var seq = d.position.seq, time = d.state.lastTime! + .seconds(1)
        func forged(_ actor: Actor, _ event: Event, _ account: String?) -> [UInt8] {
            seq += 1; time = time + .seconds(1)
            return RecordCodec.encode(EventRecord(seq: seq, time: time, actor: actor, event: event, account: account))
        }
        var bytes = LogFixture.contents(path)
        let firstLine = LogFixture.lines(bytes).count + 1
        bytes += forged(.guard("G-001"), .hazardClosed(hazard: h, note: "done"), "guard1")
        bytes += forged(.officer("O-99"), .hazardEscalated(hazard: "H-000002", to: .police, note: ""), "guard1")
        bytes += forged(.system, .officerEnrolled(officer: "O-66", name: "假"), "guard1")
        bytes += forged(.officer("O-66"), .hazardEscalated(hazard: "H-000002", to: .police, note: ""), "guard1")
        bytes += forged(.feed("x"), .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"), "scanner")
        LogFixture.write(bytes, to: path)

        let plain = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(plain.status == 0, "the checksums are right, so the plain check passes: \(plain.stdout)")
        let run = try ChildProcess.run(["log", "verify", "--audit", path], in: dir)
        #expect(run.status == 1)
        let findings = run.stdout.split(separator: "\n").filter { $0.hasPrefix(path + ":") }.map(String.init)
        #expect(findings.count == 5, "\(run.stdout)")
        let first = d.position.seq + 1
        for (i, finding) in findings.enumerated() {
            #expect(finding.hasPrefix("\(path):\(firstLine + i): record \(first + UInt64(i)):"), "\(finding)")
        }
        guard findings.count == 5 else { return }
        #expect(findings[0].contains("only an officer can close"))
        #expect(findings[1].contains("O-99"))
        #expect(findings[2].contains("not as system"))
        #expect(findings[3].contains("not as officer:O-66"))
        #expect(findings[4].contains("not as feed:x"))
        #expect(run.stdout.contains("5 the rules would have refused"))
    }
}
