/// Folds one record into the state: pure and total.
///
/// A record that does not fit the state (an unknown guard, an arrival before
/// its acknowledgement) leaves the state unchanged; `apply` says why, so a
/// log reader can stop at an impossible event instead of trusting it.
public func evolve(_ state: DistrictState, _ record: EventRecord) -> DistrictState {
    var next = state
    _ = next.apply(record)
    return next
}

// The fold, one function per event, grouped by concern in the `Fold+…` files:
// set-up and roster, duty and patrol, hazards, dispatches, alarms, bulletins.
// `apply` is the replay hot path (millions of records a second): each fold
// function is `@inline(__always)`, so the optimizer still sees one function,
// and each mutates the stored dictionaries in place (see `inPlace`).
extension DistrictState {
    /// The in-place form of `evolve`. Returns nil when the record was folded,
    /// or the reason it could not be (the state then keeps only the new sequence number).
    @discardableResult
    public mutating func apply(_ record: EventRecord) -> String? {
        lastSeq = record.seq
        lastTime = record.time
        // No `default:`: a new event must get its own fold.
        switch record.event {
        // Most records are scans: first.
        case let .checkpointScanned(guardID, checkpoint):
            return foldCheckpointScanned(guardID, at: checkpoint, record)

        case let .companyRegistered(company, name):
            return foldCompanyRegistered(company, name: name)
        case let .towerRegistered(tower, name, englishName, company, floorsAbove, floorsBelow, zones):
            return foldTowerRegistered(tower, name: name, englishName: englishName, company: company,
                                       floorsAbove: floorsAbove, floorsBelow: floorsBelow, zones: zones, record)
        case let .checkpointInstalled(checkpoint, tower, floor, zone, name):
            return foldCheckpointInstalled(checkpoint, tower: tower, floor: floor, zone: zone, name: name)
        case let .tenantMovedIn(tenant, name, tower, floor, kind):
            return foldTenantMovedIn(tenant, name: name, tower: tower, floor: floor, kind: kind)
        case let .teamFormed(team, name):
            return foldTeamFormed(team, name: name)
        case let .guardEnrolled(guardID, name, team, homeTower, training, account):
            return foldGuardEnrolled(guardID, name: name, team: team, homeTower: homeTower, training: training, account: account)
        case let .captainAppointed(team, guardID):
            return foldCaptainAppointed(guardID, of: team)
        case let .officerEnrolled(officer, name, account):
            return foldOfficerEnrolled(officer, name: name, account: account)
        case let .accountLinked(account, actor):
            return foldAccountLinked(account, to: actor)
        case let .accountUnlinked(account):
            return foldAccountUnlinked(account)
        case let .procedureDefined(category, steps):
            return foldProcedureDefined(category, steps: steps)
        case let .setUpLost(kind, id):
            return foldSetUpLost(kind, id, record)

        case let .districtTimeZoneSet(zone):
            return foldDistrictTimeZoneSet(zone)

        case let .shiftStarted(shift, name):
            return foldShiftStarted(shift, name: name, record)
        case let .shiftEnded(shift):
            return foldShiftEnded(shift, record)
        case let .guardWentOnDuty(guardID):
            return foldGuardWentOnDuty(guardID, record)
        case let .guardWentOffDuty(guardID):
            return foldGuardWentOffDuty(guardID)

        case let .hazardReported(hazard, category, source, tower, floor, zone, severity, tenant, note):
            return foldHazardReported(hazard, category: category, source: source, tower: tower, floor: floor, zone: zone,
                                      severity: severity, tenant: tenant, note: note, record)
        case let .hazardEscalated(hazard, target, note):
            return foldHazardEscalated(hazard, to: target, note: note, record)
        case let .hazardClosed(hazard, note):
            return foldHazardClosed(hazard, note: note, record)
        case let .hazardNoteAdded(hazard, note):
            return foldHazardNoteAdded(hazard, note: note, record)
        case let .hazardReportJoined(hazard, _, source, _, _, _, severity, tenant, note):
            return foldHazardReportJoined(hazard, source: source, severity: severity, tenant: tenant, note: note, record)
        case let .hazardReportSplit(hazard, original, report):
            return foldHazardReportSplit(hazard, from: original, report: report, record)

        case let .guardDispatched(dispatch, hazard, guardID):
            return foldGuardDispatched(dispatch, to: hazard, guard: guardID, record)
        case let .dispatchAcknowledged(dispatch, guardID, channel):
            return foldDispatchAcknowledged(dispatch, by: guardID, channel: channel, record)
        case let .guardArrivedOnScene(dispatch, guardID):
            return foldGuardArrivedOnScene(dispatch, guard: guardID, record)
        case let .dispatchCleared(dispatch, guardID, note):
            return foldDispatchCleared(dispatch, by: guardID, note: note, record)
        case let .dispatchDeclined(dispatch, guardID, reason):
            return foldDispatchDeclined(dispatch, by: guardID, reason: reason, record)
        case let .dispatchWithdrawn(dispatch, reason):
            return foldDispatchWithdrawn(dispatch, reason: reason, record)

        case let .alarmRaised(kind, hazard, dispatch):
            return foldAlarmRaised(kind, for: hazard, dispatch: dispatch, record)
        case let .bulletinIssued(bulletin, from, text, tower):
            return foldBulletinIssued(bulletin, from: from, text: text, tower: tower, record)

        case let .rectifyBaselineSet(category, minutes):
            return foldRectifyBaselineSet(category, minutes: minutes)
        case let .safetyDrillHeld(tower, scenario):
            return foldSafetyDrillHeld(at: tower, scenario: scenario, record)
        }
    }

    // MARK: - Keeping the derived figures in step

    /// Changes the live figures, or the drill figures when the record or the
    /// thing it concerns (`drill`: a drill hazard) belongs to a drill.
    @inline(__always)
    mutating func addToFigures(of record: EventRecord, drill: Bool = false, _ change: (inout DistrictFigures) -> Void) {
        if record.drill || drill { change(&drillFigures) } else { change(&liveFigures) }
    }

    /// Moves a guard's presence, keeping the towers' "guards present" counts exact.
    @inline(__always)
    mutating func shiftPresence(_ move: Guard.PresenceChange) {
        if let old = move.from { towerFigures[old, default: TowerFigures()].guardsPresent -= 1 }
        if let new = move.to { towerFigures[new, default: TowerFigures()].guardsPresent += 1 }
    }
}

extension Dictionary {
    /// Reads or changes the value at `i` where it is stored. Reading a field through
    /// the subscripts copies the whole value first (retaining each of its strings and
    /// arrays, then releasing them); the fold reads one or two fields per record.
    @inline(__always)
    mutating func inPlace<R>(_ i: Index, _ body: (inout Value) throws -> R) rethrows -> R {
        try body(&values[i])
    }
}

/// The number in an id like `H-000123` (0 when it has none): the digits after the
/// last dash, read as `Int(_:)` reads them (an optional `+`; too many digits give 0).
/// Ids are ASCII in practice and are read from their bytes; any other id is read
/// by characters, where a dash may belong to a larger character.
func idNumber(_ raw: String) -> Int {
    var text = raw
    let fromBytes: Int? = text.withUTF8 { b -> Int? in
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        var i = b.count
        while i > 0 && b[i - 1] != 0x2D { i -= 1 }
        guard i > 0 else { return 0 }
        if i < b.count && b[i] == 0x2B { i += 1 }
        guard i < b.count else { return 0 }
        var n = 0
        while i < b.count {
            let d = b[i] &- 0x30
            guard d < 10 else { return 0 }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (sum, o2) = m.addingReportingOverflow(Int(d))
            guard !o1 && !o2 else { return 0 }
            n = sum
            i += 1
        }
        return n
    }
    if let number = fromBytes { return number }
    guard let dash = raw.lastIndex(of: "-") else { return 0 }
    return Int(raw[raw.index(after: dash)...]) ?? 0
}
