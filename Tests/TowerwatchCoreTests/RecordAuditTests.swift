import Testing
import TowerwatchCore

/// `RecordAudit` re-checks each record against the rules of its moment: a
/// record the rules would have refused is found however well it is checksummed.
@Suite("Audit: every record against the rules as they stood")
struct RecordAuditTests {
    /// The fixture district's set-up as records, then the accounts, all written by root.
    static func history(_ tail: [EventRecord]) -> [EventRecord] {
        var out: [EventRecord] = []
        for event in setUpEvents {
            out.append(EventRecord(seq: UInt64(out.count + 1), time: setUpTime, actor: .system, event: event, account: "root"))
        }
        for (account, actor) in [("zhangw", Actor.guard(zhang)), ("zhaodz", officer)] {
            out.append(EventRecord(seq: UInt64(out.count + 1), time: setUpTime, actor: .system,
                                   event: .accountLinked(account: account, actor: actor), account: "root"))
        }
        for var r in tail { r.seq = UInt64(out.count + 1); out.append(r) }
        return out
    }

    static func r(_ event: Event, _ actor: Actor, _ account: String?, at second: Int64) -> EventRecord {
        EventRecord(seq: 0, time: t0 + .seconds(second), actor: actor, event: event, account: account)
    }

    /// The refused records' sequence numbers and reasons.
    static func audit(_ records: [EventRecord]) -> [(UInt64, String)] {
        var audit = RecordAudit()
        return records.compactMap { record in audit.check(record).map { (record.seq, $0) } }
    }

    static let lawful: [EventRecord] = [
        r(.guardWentOnDuty(guard: zhang), .guard(zhang), "zhangw", at: 1),
        r(.hazardReported(hazard: h1, category: .fireSafety, source: .patrol, tower: zhongfu, floor: "1", zone: StandardZone.escapeRoute,
                          severity: .high, tenant: nil, note: ""), .guard(zhang), "zhangw", at: 2),
        r(.guardDispatched(dispatch: d1, hazard: h1, guard: zhang), officer, "zhaodz", at: 3),
        r(.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .radio), officer, "zhaodz", at: 4),
        r(.guardArrivedOnScene(dispatch: d1, guard: zhang), .guard(zhang), "zhangw", at: 5),
    ]

    @Test func `a lawful history has no finding`() {
        #expect(Self.audit(Self.history(Self.lawful)).isEmpty)
    }

    @Test func `each forgery is found, with its reason`() {
        let forged = Self.lawful + [
            // A guard closing a hazard.
            Self.r(.hazardClosed(hazard: h1, note: "done"), .guard(zhang), "zhangw", at: 6),
            // An officer nobody enrolled.
            Self.r(.hazardEscalated(hazard: h1, to: .police, note: ""), .officer("O-99"), "zhaodz", at: 7),
            // `system` enrolling an officer, written by a guard's account, then that officer acting.
            Self.r(.officerEnrolled(officer: "O-66", name: "假警官"), .system, "zhangw", at: 8),
            Self.r(.hazardEscalated(hazard: h1, to: .police, note: ""), .officer("O-66"), "zhangw", at: 9),
            // A patrol scan forged as a feed by a guard's account.
            Self.r(.checkpointScanned(guard: zhang, checkpoint: zfLobby), .feed("x"), "zhangw", at: 10),
            // A record that names no account, in a district that binds them.
            Self.r(.guardWentOffDuty(guard: li), .guard(li), nil, at: 11),
        ]
        let findings = Self.audit(Self.history(forged))
        let base = UInt64(setUpEvents.count + 2 + Self.lawful.count)
        #expect(findings.map(\.0) == (1...6).map { base + UInt64($0) })
        let reasons = findings.map(\.1)
        guard reasons.count == 6 else { return }
        #expect(reasons[0].contains("only an officer can close"))
        #expect(reasons[1].contains("officer:O-99"))
        #expect(reasons[2].contains("account zhangw acts as guard:G-001") && reasons[2].contains("not as system"))
        #expect(reasons[3].contains("not as officer:O-66"))
        #expect(reasons[4].contains("not as feed:x"))
        #expect(reasons[5].contains("names no account"))
    }

    @Test func `without accounts, the rules still find what no one may do`() {
        let forged = Self.lawful.map { var r = $0; r.account = nil; return r } + [
            Self.r(.hazardClosed(hazard: h1, note: "done"), .guard(zhang), nil, at: 6),
            Self.r(.hazardEscalated(hazard: h1, to: .police, note: ""), .officer("O-99"), nil, at: 7),
        ]
        var records = Self.history([]).filter { if case .accountLinked = $0.event { return false }; return true }
        for var r in forged { r.seq = UInt64(records.count + 1); records.append(r) }
        let findings = Self.audit(records)
        #expect(findings.count == 2)
        #expect(findings.first?.1.contains("only an officer") == true)
        #expect(findings.last?.1.contains("unknown officer O-99") == true)
    }

    @Test func `a step out of order or a forged id is found`() {
        let forged = Self.lawful + [
            // Cleared twice.
            Self.r(.dispatchCleared(dispatch: d1, guard: zhang, note: ""), .guard(zhang), "zhangw", at: 6),
            Self.r(.dispatchCleared(dispatch: d1, guard: zhang, note: ""), .guard(zhang), "zhangw", at: 7),
            // A report under an id the rules would not have given.
            Self.r(.hazardReported(hazard: "H-000777", category: .parking, source: .patrol, tower: zhongfu, floor: "1",
                                   zone: StandardZone.escapeRoute, severity: .medium, tenant: nil, note: ""), .guard(zhang), "zhangw", at: 8),
        ]
        let findings = Self.audit(Self.history(forged))
        #expect(findings.count == 2)
        #expect(findings.last?.1.contains("differently") == true)
    }

    @Test func `every event is recreated as a command that causes it`() {
        // Each lawful record's event is among the events its recreated command causes.
        var state = DistrictState()
        for record in Self.history(Self.lawful) {
            let result = decide(state, Command(record.actor, RecordAudit.action(recreating: record.event)!), now: record.time)
            #expect((try? result.get())?.contains(record.event) == true, "\(record.event)")
            state.apply(record)
        }
    }

    @Test func `the report names the steps another account wrote for a guard`() {
        var records = Self.history(Self.lawful)
        let last = records.last!
        records.append(EventRecord(seq: last.seq + 1, time: last.time + .seconds(1), actor: .guard(zhang),
                                   event: .dispatchCleared(dispatch: d1, guard: zhang, note: ""), account: "root"))
        let report = ShiftReport.of(records)
        let row = report.live.dispatches.first { $0.id == d1 }
        // The radio ack by the officer's account and the clear by root; the arrival was the guard's own.
        #expect(row?.writtenByOthers == ["ack (radio) by zhaodz", "cleared by root"])
        #expect(ReportText.render(report).contains("D-000001 G-001: ack (radio) by zhaodz, cleared by root"))
    }
}
