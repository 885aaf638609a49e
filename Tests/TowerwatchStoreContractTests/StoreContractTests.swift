import Foundation
import Testing
import TowerwatchCore
import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// What every store promises, checked on each: the file, memory and PostgreSQL.
///
/// Records come back exactly as written and in order; an append that does not
/// continue the log where the writer read up to is a conflict and writes
/// nothing; writers racing through `DistrictLog` each get their turn and the
/// sequence has no gap or repeat; a follower learns of another handle's append.
@Suite struct StoreContractTests {
    // MARK: - Round trip

    @Test(arguments: StoreKind.allCases)
    func recordsComeBackAsWritten(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind) else { return }
        let district = try log.makeDistrict()
        for i in 0..<40 { try StoreUnderTest.mustExecute(district, StoreUnderTest.scan(StoreUnderTest.guards[i % 8], i)) }
        let written = try log.records()
        #expect(written.count == Int(district.position.seq))
        #expect(written.map(\.seq) == Array(1...district.position.seq))
        // A fresh handle folds to the same state; each record re-encodes to the same line.
        let reopened = try DistrictLog(store: log.open(false))
        #expect(reopened.state == district.state)
        #expect(reopened.position.seq == district.position.seq)
        // Reading from a middle position gives exactly the rest.
        let store = try log.open(false)
        var middle = store.start
        var rest: [EventRecord] = []
        let end = try store.read(after: store.start) { record, at in if record.seq == 10 { middle = at } }
        let end2 = try store.read(after: middle) { record, _ in rest.append(record) }
        #expect(rest == Array(written.dropFirst(10)))
        #expect(end == end2)
        // At the end, nothing more.
        var more = 0
        #expect(try store.read(after: end) { _, _ in more += 1 } == end)
        #expect(more == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func theHeaderComesBack(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind, mode: .drill) else { return }
        let store = try log.open(false)
        #expect(store.header.mode == .drill)
        #expect(store.header.created == StoreUnderTest.t0)
    }

    // MARK: - Conflicts

    @Test(arguments: StoreKind.allCases)
    func anAppendBehindTheEndIsAConflictAndWritesNothing(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind) else { return }
        let first = try log.makeDistrict()
        let second = try DistrictLog(store: log.open(true))
        let stale = second.position
        try StoreUnderTest.mustExecute(first, StoreUnderTest.scan("G-001", 0))
        let before = try log.records()

        let record = EventRecord(seq: stale.seq + 1, time: StoreUnderTest.t0 + Span(millis: 9_000), actor: .guard("G-002"),
                                 drill: false, event: .checkpointScanned(guard: "G-002", checkpoint: "T01-CP01"))
        #expect(throws: LogError.self) { _ = try second.store.withWriteLock { try second.store.append([record], at: stale) } }
        do {
            _ = try second.store.withWriteLock { try second.store.append([record], at: stale) }
        } catch let error as LogError {
            guard case .conflict(let expected, _) = error else { Issue.record("not a conflict: \(error)"); return }
            #expect(expected == stale.seq)
        }
        #expect(try log.records() == before, "a conflicting append wrote something")

        // Through DistrictLog the second writer catches up and decides again: no conflict.
        let written = try StoreUnderTest.mustExecute(second, StoreUnderTest.scan("G-002", 1))
        #expect(written.map(\.seq) == [before.last!.seq + 1])
    }

    @Test(arguments: StoreKind.allCases)
    func recordsThatDoNotContinueTheSequenceAreRefused(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind) else { return }
        let district = try log.makeDistrict()
        let end = district.position
        let before = try log.records()
        func scan(_ seq: UInt64, drill: Bool = false) -> EventRecord {
            EventRecord(seq: seq, time: StoreUnderTest.t0 + Span(millis: 9_000), actor: .guard("G-001"), drill: drill,
                        event: .checkpointScanned(guard: "G-001", checkpoint: "T01-CP01"))
        }
        let store = district.store
        #expect(throws: LogError.self) { _ = try store.withWriteLock { try store.append([scan(end.seq + 2)], at: end) } }
        #expect(throws: LogError.self) { _ = try store.withWriteLock { try store.append([scan(end.seq + 1), scan(end.seq + 3)], at: end) } }
        #expect(throws: LogError.self) { _ = try store.withWriteLock { try store.append([scan(end.seq + 1, drill: true)], at: end) } }
        #expect(try log.records() == before)
    }

    @Test(arguments: StoreKind.allCases)
    func aReadOnlyHandleNeverWrites(_ kind: StoreKind) throws {
        guard kind != .memory, let log = try StoreUnderTest.make(kind) else { return }
        _ = try log.makeDistrict()
        let reader = try DistrictLog(store: log.open(false))
        #expect(throws: LogError.readOnly(path: reader.store.name)) {
            _ = try reader.execute(StoreUnderTest.scan("G-001", 0), now: StoreUnderTest.t0 + Span(millis: 60_000))
        }
    }

    // MARK: - Concurrent writers

    /// Eight writers, each on its own handle (its own file descriptor or database
    /// session), execute scans at once: every scan lands once, in one contiguous sequence.
    @Test(arguments: StoreKind.allCases)
    func eightConcurrentWritersEachGetTheirTurn(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind) else { return }
        let setUp = try log.makeDistrict().position.seq
        let perWriter = 30
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: 8) { w in
            do {
                let district = try DistrictLog(store: log.open(true))
                let g = StoreUnderTest.guards[w]
                for i in 0..<perWriter {
                    let now = StoreUnderTest.t0 + Span(millis: 10_000 + Int64(i))
                    if case .failure(let r) = try district.execute(StoreUnderTest.scan(g, i), now: now) { failures.add("\(g): \(r.reason)") }
                }
            } catch {
                failures.add("writer \(w): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let all = try log.records()
        #expect(all.map(\.seq) == Array(1...(setUp + UInt64(8 * perWriter))))
        for g in StoreUnderTest.guards {
            let scans = all.filter { if case .checkpointScanned(let who, _) = $0.event { return who == g } else { return false } }
            #expect(scans.count == perWriter, "\(g)")
        }
    }

    // MARK: - Snapshots

    /// A snapshot (beside the file, or in the database beside the records) opens
    /// the log where it stops, with only the tail replayed, to the state a full
    /// replay gives; one made by another fold is passed over and said so; replay
    /// seeks from it to the same states as without it.
    @Test(arguments: StoreKind.allCases)
    func aSnapshotOpensTheLogWhereItStops(_ kind: StoreKind) throws {
        guard kind != .memory, let log = try StoreUnderTest.make(kind) else { return }
        let district = try log.makeDistrict()
        for i in 0..<20 { try StoreUnderTest.mustExecute(district, StoreUnderTest.scan(StoreUnderTest.guards[i % 8], i)) }
        let cut = district.position
        let snapshots = try #require(SnapshotSource(log.open(false)))
        try snapshots.write(state: district.state, recent: district.recent, position: cut)
        for i in 20..<30 { try StoreUnderTest.mustExecute(district, StoreUnderTest.scan(StoreUnderTest.guards[i % 8], i)) }
        // Another fold's snapshot, newer: never trusted.
        let other = DistrictState.foldVersion + 1
        try #require(SnapshotSource(log.open(false), foldVersion: other)).write(state: district.state, recent: [], position: district.position)

        let opened = try DistrictLog.open(log.open(false))
        #expect(opened.openedFromSnapshot == cut.seq)
        #expect(opened.state == district.state)
        #expect(opened.position == district.position)
        #expect(opened.snapshotNotices.count == 1)
        #expect(opened.snapshotNotices.first?.message.contains("fold version \(other)") == true, "\(opened.snapshotNotices)")

        let cursor = try ReplayCursor(store: log.open(false))
        #expect(cursor.waypoints.map(\.position.seq) == [cut.seq])
        let plain = try ReplayCursor(store: log.open(false), useSnapshots: false)
        for seq in [cut.seq + 4, cut.seq - 3, district.position.seq] {
            try cursor.seek(toSeq: seq)
            try plain.seek(toSeq: seq)
            #expect(cursor.state == plain.state, "at \(seq)")
        }
    }

    // MARK: - Following

    /// A follower on another handle is woken by the change descriptor (where the
    /// store has one) and catches up on exactly the new records.
    @Test(arguments: StoreKind.allCases)
    func aFollowerSeesAnotherHandlesAppend(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind) else { return }
        let writer = try log.makeDistrict()
        let follower = try DistrictLog(store: log.open(false))
        let descriptor = follower.store.changeDescriptor
        if kind != .memory { #expect(descriptor != nil) }
        // Whatever the descriptor said before (a new listener wakes once), take it now.
        if let descriptor { _ = waitReadable(descriptor, millis: 200); follower.store.drainChanges() }
        try follower.catchUp()

        let written = try StoreUnderTest.mustExecute(writer, StoreUnderTest.scan("G-003", 0))
        if let descriptor {
            #expect(waitReadable(descriptor, millis: 5_000), "no wake-up within 5 s of another handle's append")
            follower.store.drainChanges()
        }
        let fresh = try follower.catchUp()
        #expect(fresh == written)
        #expect(follower.state == writer.state)
    }

    /// A follower whose connections are cut reports it, comes back, catches up on
    /// what was appended meanwhile, and folds nothing twice.
    @Test(arguments: StoreKind.allCases)
    func aFollowerComesBackAfterItsConnectionsAreCut(_ kind: StoreKind) throws {
        guard let log = try StoreUnderTest.make(kind), let tear = log.tear else { return }
        let writer = try log.makeDistrict()
        let follower = try DistrictLog(store: log.open(false))
        guard let descriptor = follower.store.changeDescriptor else { Issue.record("no change descriptor"); return }
        _ = waitReadable(descriptor, millis: 200)
        follower.store.drainChanges()

        try tear(follower.store)
        let written = try StoreUnderTest.mustExecute(writer, StoreUnderTest.scan("G-004", 0))
        // The cut shows as a readable socket; draining it finds the connection gone
        // (the server's farewell and the close may arrive a moment apart).
        #expect(waitReadable(descriptor, millis: 5_000))
        follower.store.drainChanges()
        let noticeBy = Date().addingTimeInterval(5)
        while follower.store.followingProblem == nil && Date() < noticeBy {
            _ = waitReadable(descriptor, millis: 100)
            follower.store.drainChanges()
        }
        #expect(follower.store.followingProblem != nil)
        // The first catch-up may fail on the cut statement connection; a later one succeeds.
        var caught: [EventRecord]?
        let deadline = Date().addingTimeInterval(10)
        while (caught == nil || follower.store.followingProblem != nil) && Date() < deadline {
            if let fd = follower.store.changeDescriptor { _ = waitReadable(fd, millis: 200); follower.store.drainChanges() }
            if caught == nil { caught = try? follower.catchUp() } else { #expect(try follower.catchUp().isEmpty, "folded twice") }
            usleep(50_000)
        }
        #expect(caught == written)
        #expect(follower.state == writer.state)
        #expect(follower.store.followingProblem == nil)
        // Following works again on the new connection.
        let later = try StoreUnderTest.mustExecute(writer, StoreUnderTest.scan("G-005", 1))
        if let fd = follower.store.changeDescriptor {
            #expect(waitReadable(fd, millis: 5_000))
            follower.store.drainChanges()
        }
        #expect(try follower.catchUp() == later)
    }
}

func waitReadable(_ fd: Int32, millis: Int32) -> Bool {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&p, 1, millis) > 0
}

final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
