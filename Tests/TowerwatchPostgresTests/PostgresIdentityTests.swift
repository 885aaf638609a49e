#if Postgres
import Foundation
import Testing
import TowerwatchCore
import TowerwatchLog
@testable import TowerwatchPostgres

/// Identity held by the database: a role on the roster appends only as its own
/// actor, through the checked function; it cannot insert directly (as `psql`
/// would); every record names the role that wrote it.
@Suite(.serialized) struct PostgresIdentityTests {
    let t0 = Timestamp(millis: 1_795_000_000_000)

    /// The test URL with the district and, if given, the login role replaced.
    static func location(district: String, user: String? = nil) throws -> PostgresLocation? {
        guard let url = ProcessInfo.processInfo.environment["TOWERWATCH_TEST_PG"], !url.isEmpty else {
            print("PostgreSQL identity tests skipped: TOWERWATCH_TEST_PG is not set")
            return nil
        }
        var l = try PostgresLocation(url + (url.contains("?") ? "&" : "?") + "district=" + district)
        if let user {
            let parts = l.connection.split(separator: "?", maxSplits: 1).map(String.init)
            let kept = parts.count == 2 ? parts[1].split(separator: "&").filter { !$0.hasPrefix("user=") }.map(String.init) : []
            l.connection = parts[0] + "?" + (kept + ["user=\(user)"]).joined(separator: "&")
        }
        return l
    }

    func setUp(_ district: DistrictLog) throws {
        let actions: [Action] = [
            .registerCompany("C1", name: "Property Co"),
            .registerTower("T01", name: "中福广场", englishName: "Zhongfu", company: "C1", floorsAbove: 10, floorsBelow: 1, zones: StandardZone.all),
            .installCheckpoint("T01-CP01", tower: "T01", floor: "1", zone: StandardZone.lobby, name: "lobby"),
            .formTeam("TM1", name: "一队"),
            .enrollGuard("G-001", name: "One", team: "TM1", homeTower: "T01", training: []),
            .enrollGuard("G-002", name: "Two", team: "TM1", homeTower: "T01", training: []),
            .enrollOfficer("O-01", name: "Officer"),
            .goOnDuty("G-001"), .goOnDuty("G-002"),
        ]
        for a in actions {
            guard case .success = try district.execute(Command(.system, a), now: t0) else { throw PostgresError(state: "", message: "set-up refused", doing: "\(a)") }
        }
    }

    @Test func aGuardsRoleAppendsOnlyAsThatGuardAndIsNamedOnItsRecords() throws {
        let suffix = "\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let district = "identity-\(suffix)"
        guard let admin = try Self.location(district: district) else { return }
        try PostgresIdentity.install(admin)
        try PostgresEventStore.create(admin, header: LogHeader(mode: .live, created: t0))
        try setUp(DistrictLog(store: PostgresEventStore(admin, writable: true)))
        let guardRole = "tw_g001_\(suffix)", officerRole = "tw_o01_\(suffix)"
        try PostgresIdentity.enroll(role: guardRole, as: "guard:G-001", in: admin)
        try PostgresIdentity.enroll(role: officerRole, as: "officer:O-01", in: admin)
        guard let asGuard = try Self.location(district: district, user: guardRole),
              let asOfficer = try Self.location(district: district, user: officerRole) else { return }

        // As itself: written, and the record names the role.
        let log = try DistrictLog(store: PostgresEventStore(asGuard, writable: true))
        let own = try log.execute(Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")), now: t0 + Span(millis: 1_000))
        guard case .success(let written) = own else { Issue.record("the guard's own scan was refused: \(own)"); return }

        let check = try PostgresConnection(admin)
        let by = try check.execute("SELECT written_by FROM towerwatch_records WHERE district = $1 AND seq = $2",
                                   [district, String(written[0].seq)], doing: "a test")
        #expect(by.first?.first ?? nil == guardRole)

        // As another guard, or as an officer: refused by the database, nothing written.
        let before = try PostgresEventStore(admin, writable: false).lastSequence()
        // (Both are commands decide accepts: only the database stands in the way.)
        let forgedCommands = [Command(.guard("G-002"), .scan(guard: "G-002", checkpoint: "T01-CP01")),
                              Command(.officer("O-01"), .issueBulletin(from: "alliance", text: "forged", tower: "T01"))]
        for command in forgedCommands {
            #expect(throws: LogError.self, "\(command.actor)") { _ = try log.execute(command, now: t0 + Span(millis: 2_000)) }
        }
        #expect(try PostgresEventStore(admin, writable: false).lastSequence() == before)

        // Straight to the server, as psql would: no direct insert, and the function checks the actor.
        let raw = try PostgresConnection(asGuard)
        let forged = EventRecord(seq: before + 1, time: t0 + Span(millis: 3_000), actor: .guard("G-002"), drill: false,
                                 event: .checkpointScanned(guard: "G-002", checkpoint: "T01-CP01"))
        let line = String(decoding: RecordCodec.encode(forged).dropLast(), as: UTF8.self)
        do {
            try raw.execute("INSERT INTO towerwatch_records (district, seq, line) VALUES ($1, $2, $3)", [district, String(before + 1), line], doing: "a forged insert")
            Issue.record("a staff role inserted directly")
        } catch let e as PostgresError { #expect(e.state == "42501", "\(e)") }
        do {
            try raw.execute("SELECT towerwatch_append($1, $2, $3)", [district, String(before + 1), line], doing: "a forged append")
            Issue.record("the function let a guard append as another")
        } catch let e as PostgresError { #expect(e.state == "TW403", "\(e)") }
        do {
            try raw.execute("UPDATE towerwatch_roster SET actor = 'officer:O-01' WHERE role = session_user", doing: "a roster change")
            Issue.record("a staff role changed the roster")
        } catch let e as PostgresError { #expect(e.state == "42501", "\(e)") }
        #expect(try PostgresEventStore(admin, writable: false).lastSequence() == before)

        // Snapshots are trusted without a replay: a staff role may read them, never write one.
        let guardStore = try PostgresEventStore(asGuard, writable: true)
        #expect(guardStore.snapshotRefusal != nil)
        #expect(throws: (any Error).self) { try SnapshotSource(guardStore)?.write(state: log.state, recent: [], position: log.position) }
        do {
            try raw.execute("INSERT INTO towerwatch_snapshots (district, seq, fold_version, header, snapshot) VALUES ($1, 1, 1, 'x', 'x')",
                            [district], doing: "a planted snapshot")
            Issue.record("a staff role planted a snapshot")
        } catch let e as PostgresError { #expect(e.state == "42501", "\(e)") }
        #expect(try PostgresEventStore(admin, writable: false).snapshotRefusal == nil)

        // An officer's role acts as that officer, and as the system for alarms.
        let officerLog = try DistrictLog(store: PostgresEventStore(asOfficer, writable: true))
        let bulletin = try officerLog.execute(Command(.officer("O-01"), .issueBulletin(from: "alliance", text: "watch", tower: "T01")),
                                              now: t0 + Span(millis: 4_000))
        guard case .success = bulletin else { Issue.record("the officer's bulletin was refused: \(bulletin)"); return }

        // The peer mapping printed for the roster: one hba line for the staff, one ident line per role.
        let mapping = try PostgresIdentity.peerMapping(admin)
        #expect(mapping.contains { $0.hasPrefix("local ") && $0.contains("+towerwatch_staff") && $0.hasSuffix("peer map=towerwatch") })
        #expect(mapping.contains("towerwatch   \(guardRole)   \(guardRole)   # guard:G-001"))
        #expect(mapping.contains("towerwatch   \(officerRole)   \(officerRole)   # officer:O-01"))
    }
}
#endif
