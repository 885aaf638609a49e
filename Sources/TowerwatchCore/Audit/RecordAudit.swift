/// Re-checks recorded history against the rules as they stood when each record
/// was written: the audit behind `towerwatch log verify --audit`.
///
/// A checksum proves a record was not damaged, not that it was allowed. The
/// audit turns each record back into the command that would have caused it and
/// asks the same `decide` (permission, lifecycle, references), against the state
/// folded from every record before it, with the record's own time; and asks
/// `CallerCheck` whether the account the record names could have asked it, with
/// the roster of that moment. A record is refused when either says no, or when
/// `decide` would have written a different event (a forged id, a changed step).
///
/// Records are folded whether refused or not, so one forgery is reported once
/// and the records after it are judged against the history as written.
public struct RecordAudit {
    public private(set) var state: DistrictState
    public var policy: Policy

    public init(state: DistrictState = DistrictState(), policy: Policy = .standard) {
        self.state = state; self.policy = policy
    }

    /// Why the rules would have refused `record` (nil: they allow it), then folds it in.
    /// A record that cannot even be folded is refused with the fold's reason.
    public mutating func check(_ record: EventRecord) -> String? {
        let verdict = judge(record)
        if let problem = state.apply(record) { return verdict ?? "impossible event: \(problem)" }
        return verdict
    }

    func judge(_ record: EventRecord) -> String? {
        guard let action = RecordAudit.action(recreating: record.event) else {
            // No command makes a placeholder: only `log repair`, as the system, writes one.
            return record.actor == .system ? nil : "only log repair (as the system) writes \(record.event.typeName)"
        }
        let command = Command(record.actor, action)
        if let refusal = CallerCheck.refusal(account: record.account, command: command, in: state) { return refusal.reason }
        switch decide(state, command, now: record.time, policy: policy) {
        case .failure(let rejection):
            return rejection.reason
        case .success(let events):
            guard events.contains(record.event) else {
                return "the rules would have recorded \(events.map(\.typeName).joined(separator: ", ")) differently: \(events.first.map { "\($0)" } ?? "nothing")"
            }
            return nil
        }
    }

    /// The command whose events include `event`: every event is the work of one verb,
    /// except a placeholder `log repair` writes (nil).
    public static func action(recreating event: Event) -> Action? {
        switch event {
        case let .companyRegistered(id, name): return .registerCompany(id, name: name)
        case let .towerRegistered(id, name, english, company, above, below, zones):
            return .registerTower(id, name: name, englishName: english, company: company, floorsAbove: above, floorsBelow: below, zones: zones)
        case let .checkpointInstalled(id, tower, floor, zone, name): return .installCheckpoint(id, tower: tower, floor: floor, zone: zone, name: name)
        case let .tenantMovedIn(id, name, tower, floor, kind): return .moveInTenant(id, name: name, tower: tower, floor: floor, kind: kind)
        case let .teamFormed(id, name): return .formTeam(id, name: name)
        case let .guardEnrolled(id, name, team, home, training, account):
            return .enrollGuard(id, name: name, team: team, homeTower: home, training: training, account: account)
        case let .captainAppointed(team, g): return .appointCaptain(team: team, guard: g)
        case let .officerEnrolled(id, name, account): return .enrollOfficer(id, name: name, account: account)
        case let .accountLinked(account, actor): return .linkAccount(account, to: actor)
        case let .accountUnlinked(account): return .unlinkAccount(account)
        case let .procedureDefined(category, steps): return .defineProcedure(category, steps: steps)
        case .setUpLost: return nil
        case let .districtTimeZoneSet(zone): return .setTimeZone(zone)
        case let .shiftStarted(id, name): return .startShift(id, name: name)
        case let .shiftEnded(id): return .endShift(id)
        case let .guardWentOnDuty(g): return .goOnDuty(g)
        case let .guardWentOffDuty(g): return .goOffDuty(g)
        case let .checkpointScanned(g, cp): return .scan(guard: g, checkpoint: cp)
        case let .hazardReported(_, category, source, tower, floor, zone, severity, tenant, note):
            return .reportHazard(HazardReport(category: category, source: source, tower: tower, floor: floor, zone: zone,
                                              severity: severity, tenant: tenant, note: note))
        case let .hazardReportJoined(_, category, source, tower, floor, zone, severity, tenant, note):
            return .reportHazard(HazardReport(category: category, source: source, tower: tower, floor: floor, zone: zone,
                                              severity: severity, tenant: tenant, note: note))
        case let .hazardReportSplit(_, from, report): return .splitReport(from, report: report)
        case let .guardDispatched(_, hazard, g): return .dispatch(hazard: hazard, guard: g)
        case let .dispatchAcknowledged(id, _, channel): return .acknowledge(id, channel: channel)
        case let .guardArrivedOnScene(id, _): return .arrive(id)
        case let .dispatchCleared(id, _, note): return .clear(id, note: note)
        case let .dispatchDeclined(id, _, reason): return .decline(id, reason: reason)
        case let .dispatchWithdrawn(id, reason): return .withdraw(id, reason: reason)
        case let .hazardEscalated(id, to, note): return .escalate(id, to: to, note: note)
        case let .hazardClosed(id, note): return .close(id, note: note)
        case let .hazardNoteAdded(id, note): return .addNote(id, text: note)
        case let .bulletinIssued(_, from, text, tower): return .issueBulletin(from: from, text: text, tower: tower)
        case let .rectifyBaselineSet(category, minutes): return .setBaseline(category, minutes: minutes)
        case let .safetyDrillHeld(tower, scenario): return .recordDrillHeld(tower: tower, scenario: scenario)
        case let .alarmRaised(kind, hazard, dispatch): return .raiseAlarm(kind, hazard: hazard, dispatch: dispatch)
        }
    }
}
