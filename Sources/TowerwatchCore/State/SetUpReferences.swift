// MARK: - Which set-up records an event needs, for a repair that lost some

extension Event {
    /// The set-up entities this event names and needs in the state to fold. `log
    /// repair` reads it when a record after a damaged one does not fold: a missing
    /// entity here is a set-up record the damage took, recovered from a snapshot or
    /// kept as a placeholder, so the record that names it stays in the log.
    public var setUpReferences: [LostSetUp] {
        switch self {
        case let .towerRegistered(_, _, _, company, _, _, _): [LostSetUp(.company, company.raw)]
        case let .checkpointInstalled(_, tower, _, _, _), let .tenantMovedIn(_, _, tower, _, _):
            [LostSetUp(.tower, tower.raw)]
        case let .guardEnrolled(_, _, team, home, _, _): [LostSetUp(.team, team.raw), LostSetUp(.tower, home.raw)]
        case let .captainAppointed(team, g): [LostSetUp(.team, team.raw), LostSetUp(.guard, g.raw)]
        case let .shiftEnded(shift): [LostSetUp(.shift, shift.raw)]
        case let .guardWentOnDuty(g), let .guardWentOffDuty(g): [LostSetUp(.guard, g.raw)]
        case let .checkpointScanned(g, cp): [LostSetUp(.checkpoint, cp.raw), LostSetUp(.guard, g.raw)]
        case let .hazardReported(_, _, _, tower, _, _, _, _, _), let .safetyDrillHeld(tower, _): [LostSetUp(.tower, tower.raw)]
        case let .guardDispatched(_, hazard, g): [LostSetUp(.hazard, hazard.raw), LostSetUp(.guard, g.raw)]
        case let .hazardEscalated(hazard, _, _), let .hazardClosed(hazard, _), let .hazardNoteAdded(hazard, _),
             let .alarmRaised(_, hazard, _):
            [LostSetUp(.hazard, hazard.raw)]
        case let .hazardReportJoined(hazard, _, _, tower, _, _, _, _, _): [LostSetUp(.hazard, hazard.raw), LostSetUp(.tower, tower.raw)]
        case let .hazardReportSplit(_, from, _): [LostSetUp(.hazard, from.raw)]
        case .companyRegistered, .teamFormed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined,
             .setUpLost, .districtTimeZoneSet, .shiftStarted, .dispatchAcknowledged, .guardArrivedOnScene,
             .dispatchCleared, .dispatchDeclined, .dispatchWithdrawn, .bulletinIssued, .rectifyBaselineSet:
            []  // names no set-up entity it needs (a dispatch's steps need the dispatch, not a set-up record)
        }
    }

    /// The entity this event sets up, when it is a set-up record others may depend on.
    public var setsUp: LostSetUp? {
        switch self {
        case let .companyRegistered(id, _): LostSetUp(.company, id.raw)
        case let .towerRegistered(id, _, _, _, _, _, _): LostSetUp(.tower, id.raw)
        case let .checkpointInstalled(id, _, _, _, _): LostSetUp(.checkpoint, id.raw)
        case let .teamFormed(id, _): LostSetUp(.team, id.raw)
        case let .guardEnrolled(id, _, _, _, _, _): LostSetUp(.guard, id.raw)
        case let .shiftStarted(id, _): LostSetUp(.shift, id.raw)
        case let .hazardReported(id, _, _, _, _, _, _, _, _): LostSetUp(.hazard, id.raw)
        case let .hazardReportSplit(id, _, _): LostSetUp(.hazard, id.raw)
        case .tenantMovedIn, .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined,
             .setUpLost, .districtTimeZoneSet, .shiftEnded, .guardWentOnDuty, .guardWentOffDuty, .checkpointScanned,
             .guardDispatched, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared, .dispatchDeclined,
             .dispatchWithdrawn, .hazardEscalated, .hazardClosed, .hazardNoteAdded, .bulletinIssued, .alarmRaised,
             .hazardReportJoined, .rectifyBaselineSet, .safetyDrillHeld:
            nil
        }
    }
}

extension DistrictState {
    /// Whether the state holds the entity (a placeholder counts).
    public func holds(_ entity: LostSetUp) -> Bool {
        switch entity.kind {
        case .company: companies[CompanyID(entity.id)] != nil
        case .tower: towers[TowerID(entity.id)] != nil
        case .checkpoint: checkpoints[CheckpointID(entity.id)] != nil
        case .team: teams[TeamID(entity.id)] != nil
        case .guard: guards[GuardID(entity.id)] != nil
        case .shift: shifts[ShiftID(entity.id)] != nil
        case .hazard: hazards[HazardID(entity.id)] != nil
        }
    }

    /// The set-up entities `event` needs that the state does not hold.
    public func missingSetUp(for event: Event) -> [LostSetUp] {
        event.setUpReferences.filter { !holds($0) }
    }

    /// The set-up record that would make `entity` as this state holds it (from a
    /// snapshot's state: how a repair recovers a lost record), with the actor and
    /// time it carries; nil when the state does not hold it, or holds only a placeholder.
    public func setUpRecord(of entity: LostSetUp) -> (event: Event, actor: Actor, time: Timestamp?)? {
        guard holds(entity), !isLostInRepair(entity.kind, entity.id) else { return nil }
        switch entity.kind {
        case .company:
            let c = companies[CompanyID(entity.id)]!
            return (.companyRegistered(company: c.id, name: c.name), .system, nil)
        case .tower:
            let t = towers[TowerID(entity.id)]!
            return (.towerRegistered(tower: t.id, name: t.name, englishName: t.englishName, company: t.company,
                                     floorsAbove: t.floorsAbove, floorsBelow: t.floorsBelow, zones: t.zones), .system, towerFigures[t.id]?.since)
        case .checkpoint:
            let c = checkpoints[CheckpointID(entity.id)]!
            return (.checkpointInstalled(checkpoint: c.id, tower: c.tower, floor: c.floor, zone: c.zone, name: c.name), .system, nil)
        case .team:
            let t = teams[TeamID(entity.id)]!
            return (.teamFormed(team: t.id, name: t.name), .system, nil)
        case .guard:
            let g = guards[GuardID(entity.id)]!
            let account = accounts.first { $0.value == .guard(g.id) }?.key
            return (.guardEnrolled(guard: g.id, name: g.name, team: g.team, homeTower: g.homeTower, training: g.training, account: account), .system, nil)
        case .shift:
            let s = shifts[ShiftID(entity.id)]!
            return (.shiftStarted(shift: s.id, name: s.name), .system, s.startedAt)
        case .hazard:
            let h = hazards[HazardID(entity.id)]!
            return (.hazardReported(hazard: h.id, category: h.category, source: h.source, tower: h.tower, floor: h.floor,
                                    zone: h.zone, severity: h.severity, tenant: h.tenant, note: h.note), h.reporter, h.reportedAt)
        }
    }
}
