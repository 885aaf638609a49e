#if Postgres
import Foundation
import Testing
import TowerwatchCore
import TowerwatchLog
@testable import TowerwatchPostgres

/// The rules the database itself holds, whatever client writes: the sequence is
/// checked on insert (no gap, no repeat, one winner of a race), records are
/// never changed or removed, and districts in one database keep their own
/// sequences. Statements here go to the server directly, as `psql` would.
@Suite struct PostgresDatabaseRulesTests {
    /// A new district in the test database, or nil (reason printed).
    static func district(_ name: String) throws -> PostgresLocation? {
        guard let url = ProcessInfo.processInfo.environment["TOWERWATCH_TEST_PG"], !url.isEmpty else {
            print("PostgreSQL rule tests skipped: TOWERWATCH_TEST_PG is not set")
            return nil
        }
        let location = try PostgresLocation(url + (url.contains("?") ? "&" : "?") + "district=\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try PostgresEventStore.create(location, header: LogHeader(mode: .live, created: Timestamp(millis: 1_795_000_000_000)))
        return location
    }

    static func line(_ seq: UInt64, guard g: String = "G-001") -> String {
        let r = EventRecord(seq: seq, time: Timestamp(millis: 1_795_000_000_000 + Int64(seq)), actor: .system, drill: false,
                            event: .companyRegistered(company: CompanyID("C\(seq)"), name: "company \(g)"))
        return String(decoding: RecordCodec.encode(r).dropLast(), as: UTF8.self)
    }

    func insert(_ c: PostgresConnection, _ l: PostgresLocation, _ seqs: [UInt64]) throws {
        let values = seqs.map { "(\(c.literal(l.district)), \($0), \(c.literal(Self.line($0))))" }.joined(separator: ", ")
        try c.execute("INSERT INTO towerwatch_records (district, seq, line) VALUES \(values)", doing: "a test insert")
    }

    func state(of error: Error) -> String? { (error as? PostgresError)?.state }

    @Test func aGapARepeatOrAStartAnywhereButTheEndIsRefused() throws {
        guard let l = try Self.district("rules") else { return }
        let c = try PostgresConnection(l)
        try insert(c, l, [1, 2])
        for bad: [UInt64] in [[4], [2], [1], [3, 5], [3, 4, 4]] {
            do {
                try insert(c, l, bad)
                Issue.record("inserting \(bad) after 2 was accepted")
            } catch {
                #expect(["TW409", "TW400", "23505"].contains(state(of: error) ?? ""), "\(bad): \(error)")
            }
        }
        try insert(c, l, [3, 4])
        let store = try PostgresEventStore(l, writable: false)
        #expect(try store.lastSequence() == 4)
        var seqs: [UInt64] = []
        _ = try store.read(after: store.start) { r, _ in seqs.append(r.seq) }
        #expect(seqs == [1, 2, 3, 4])
    }

    @Test func recordsAreNeverChangedOrRemoved() throws {
        guard let l = try Self.district("kept") else { return }
        let c = try PostgresConnection(l)
        try insert(c, l, [1])
        let d = c.literal(l.district)
        for statement in ["UPDATE towerwatch_records SET line = 'x' WHERE district = \(d)",
                          "DELETE FROM towerwatch_records WHERE district = \(d)",
                          "TRUNCATE towerwatch_records CASCADE"] {
            #expect(throws: PostgresError.self, "\(statement)") { try c.execute(statement, doing: "a test") }
            do { try c.execute(statement, doing: "a test") } catch { #expect(state(of: error) == "TW405") }
        }
        #expect(try PostgresEventStore(l, writable: false).lastSequence() == 1)
    }

    @Test func districtsKeepTheirOwnSequences() throws {
        guard let a = try Self.district("north"), let b = try Self.district("south") else { return }
        let c = try PostgresConnection(a)
        try insert(c, a, [1, 2, 3])
        try insert(c, b, [1])
        #expect(try PostgresEventStore(a, writable: false).lastSequence() == 3)
        #expect(try PostgresEventStore(b, writable: false).lastSequence() == 1)
    }

    /// Many sessions insert the same next number at once: exactly one wins each round.
    @Test func aRaceForOneNumberHasOneWinner() throws {
        guard let l = try Self.district("race") else { return }
        let wins = Counter()
        for round in 1...5 {
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                guard let c = try? PostgresConnection(l) else { return }
                if (try? insert(c, l, [UInt64(round)])) != nil { wins.add() }
            }
            #expect(wins.value == round, "round \(round)")
        }
    }

    @Test func theHeaderLineIsKeptAsWritten() throws {
        guard let l = try Self.district("header") else { return }
        let store = try PostgresEventStore(l, writable: false)
        #expect(store.headerLine + [10] == LogHeader(mode: .live, created: Timestamp(millis: 1_795_000_000_000)).line)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
#endif
