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

extension DistrictState {
    /// The in-place form of `evolve`. Returns nil when the record was folded,
    /// or the reason it could not be (the state then keeps only the new sequence number).
    @discardableResult
    public mutating func apply(_ record: EventRecord) -> String? {
        lastSeq = record.seq
        lastTime = record.time
        let t = record.time
        switch record.event {
        case let .checkpointScanned(g, cp):
            // The hot path of replay (most records are scans): mutate in place, no copies.
            guard let tower = checkpoints[cp]?.tower else { return "unknown checkpoint \(cp)" }
            guard let gi = guards.index(forKey: g) else { return "unknown guard \(g)" }
            let move = guards.values[gi].recordScan(Scan(checkpoint: cp, at: t), in: tower)
            if let move { shiftPresence(move) }
            count(record) { $0.checkpointScans += 1 }

        case let .companyRegistered(id, name):
            companies[id] = PropertyCompany(id: id, name: name)
        case let .towerRegistered(id, name, english, company, above, below, zones):
            guard companies[company] != nil else { return "unknown property company \(company)" }
            if towers[id] == nil { towerOrder.append(id) }
            towers[id] = Tower(id: id, name: name, englishName: english, company: company,
                               floorsAbove: above, floorsBelow: below, zones: zones, checkpoints: towers[id]?.checkpoints ?? [])
            towerFigures[id, default: TowerFigures()].since = towerFigures[id]?.since ?? t
        case let .checkpointInstalled(id, tower, floor, zone, name):
            guard towers[tower] != nil else { return "unknown tower \(tower)" }
            if checkpoints[id] == nil { towers[tower]!.checkpoints.append(id) }
            checkpoints[id] = Checkpoint(id: id, tower: tower, floor: floor, zone: zone, name: name)
        case let .tenantMovedIn(id, name, tower, floor, kind):
            guard towers[tower] != nil else { return "unknown tower \(tower)" }
            tenants[id] = Tenant(id: id, name: name, tower: tower, floor: floor, kind: kind)
        case let .teamFormed(id, name):
            if teams[id] == nil { teamOrder.append(id) }
            teams[id] = Team(id: id, name: name, captain: teams[id]?.captain, members: teams[id]?.members ?? [])
        case let .guardEnrolled(id, name, team, home, training):
            guard teams[team] != nil else { return "unknown team \(team)" }
            guard towers[home] != nil else { return "unknown tower \(home)" }
            if let old = guards[id] {
                teams[old.team]?.members.removeAll { $0 == id }
                guards[id]!.name = name; guards[id]!.team = team; guards[id]!.homeTower = home; guards[id]!.training = training
            } else {
                guardOrder.append(id)
                guards[id] = Guard(id: id, name: name, team: team, homeTower: home, training: training)
            }
            teams[team]!.members.append(id)
        case let .captainAppointed(team, g):
            guard teams[team] != nil else { return "unknown team \(team)" }
            guard guards[g] != nil else { return "unknown guard \(g)" }
            teams[team]!.captain = g
        case let .officerEnrolled(id, name):
            officers[id] = Officer(id: id, name: name)
        case let .procedureDefined(category, steps):
            procedures[category] = steps

        case let .shiftStarted(id, name):
            shifts[id] = Shift(id: id, name: name, startedAt: t)
            currentShift = id
        case let .shiftEnded(id):
            guard shifts[id] != nil else { return "unknown shift \(id)" }
            shifts[id]!.endedAt = t
            if currentShift == id { currentShift = nil }
        case let .guardWentOnDuty(g):
            guard var gd = guards[g] else { return "unknown guard \(g)" }
            guard !gd.onDuty else { return "guard \(g) is already on duty" }
            gd.status = .available
            gd.onDutySince = t
            moveGuard(&gd, to: gd.lastTower ?? gd.homeTower)
            guards[g] = gd
        case let .guardWentOffDuty(g):
            guard var gd = guards[g] else { return "unknown guard \(g)" }
            guard gd.onDuty else { return "guard \(g) is already off duty" }
            guard gd.openDispatch == nil else { return "guard \(g) still holds dispatch \(gd.openDispatch!)" }
            gd.status = .offDuty
            gd.onDutySince = nil
            moveGuard(&gd, to: nil)
            guards[g] = gd

        case let .hazardReported(id, category, source, tower, floor, zone, severity, tenant, note):
            guard towers[tower] != nil else { return "unknown tower \(tower)" }
            guard hazards[id] == nil else { return "hazard \(id) was already reported" }
            hazards[id] = Hazard(id: id, category: category, source: source, tower: tower, floor: floor, zone: zone,
                                 severity: severity, reporter: record.actor, tenant: tenant, note: note,
                                 reportedAt: t, drill: record.drill)
            openHazards.insert(id)
            hazardCount += 1
            highestHazardNumber = max(highestHazardNumber, idNumber(id.raw))
            towerFigures[tower, default: TowerFigures()].openHazards += 1
            if category == .crime && !record.drill { towerFigures[tower, default: TowerFigures()].lastCrimeAt = t }
            count(record) { $0.hazardsReported += 1 }
        case let .guardDispatched(id, hz, g):
            guard let hazard = hazards[hz], hazard.isOpen else { return "hazard \(hz) is not open" }
            guard var gd = guards[g] else { return "unknown guard \(g)" }
            guard gd.onDuty else { return "guard \(g) is off duty" }
            guard gd.openDispatch == nil else { return "guard \(g) already holds dispatch \(gd.openDispatch!)" }
            guard dispatches[id] == nil else { return "dispatch \(id) already exists" }
            dispatches[id] = Dispatch(id: id, hazard: hz, guard: g, assignedAt: t, assignedBy: record.actor)
            hazards[hz]!.dispatches.append(id)
            gd.openDispatch = id
            gd.status = .dispatched
            guards[g] = gd
            dispatchCount += 1
            highestDispatchNumber = max(highestDispatchNumber, idNumber(id.raw))
            count(record, drill: hazard.drill) { $0.dispatches += 1 }
        case let .dispatchAcknowledged(id, g, channel):
            guard let d = dispatches[id] else { return "unknown dispatch \(id)" }
            guard d.guard == g else { return "dispatch \(id) belongs to \(d.guard), not \(g)" }
            guard d.phase == .assigned else { return "dispatch \(id) is \(d.phase.label), not waiting for acknowledgement" }
            dispatches[id]!.acknowledgedAt = t
            dispatches[id]!.ackChannel = channel
            dispatches[id]!.ackRecordedBy = record.actor
            guards[g]?.status = .enRoute
        case let .guardArrivedOnScene(id, g):
            guard let d = dispatches[id] else { return "unknown dispatch \(id)" }
            guard d.guard == g else { return "dispatch \(id) belongs to \(d.guard), not \(g)" }
            guard d.phase == .acknowledged else { return "dispatch \(id) is \(d.phase.label), arrival needs acknowledgement first" }
            dispatches[id]!.arrivedAt = t
            if hazards[d.hazard]?.firstArrivalAt == nil { hazards[d.hazard]?.firstArrivalAt = t }
            if var gd = guards[g], let tower = hazards[d.hazard]?.tower {
                gd.status = .onScene
                moveGuard(&gd, to: tower)
                guards[g] = gd
            }
        case let .dispatchCleared(id, g, note):
            guard let d = dispatches[id] else { return "unknown dispatch \(id)" }
            guard d.guard == g else { return "dispatch \(id) belongs to \(d.guard), not \(g)" }
            guard d.phase == .onScene else { return "dispatch \(id) is \(d.phase.label), clearing needs arrival on scene first" }
            dispatches[id]!.clearedAt = t
            dispatches[id]!.clearNote = note
            release(g)
        case let .dispatchDeclined(id, g, reason):
            guard let d = dispatches[id] else { return "unknown dispatch \(id)" }
            guard d.guard == g else { return "dispatch \(id) belongs to \(d.guard), not \(g)" }
            guard d.phase == .assigned || d.phase == .acknowledged else { return "dispatch \(id) is \(d.phase.label) and can no longer be declined" }
            dispatches[id]!.declinedAt = t
            dispatches[id]!.declineReason = reason
            release(g)
        case let .dispatchWithdrawn(id, reason):
            guard let d = dispatches[id] else { return "unknown dispatch \(id)" }
            guard d.isOpen else { return "dispatch \(id) is \(d.phase.label) and cannot be withdrawn" }
            dispatches[id]!.withdrawnAt = t
            dispatches[id]!.withdrawReason = reason
            release(d.guard)
        case let .hazardEscalated(hz, target, note):
            guard let h = hazards[hz], h.isOpen else { return "hazard \(hz) is not open" }
            hazards[hz]!.escalations.append(Escalation(target: target, at: t, by: record.actor, note: note))
            count(record, drill: h.drill) { $0.escalations += 1 }
        case let .hazardClosed(hz, note):
            guard let h = hazards[hz], h.isOpen else { return "hazard \(hz) is not open" }
            if let open = h.dispatches.first(where: { dispatches[$0]?.isOpen == true }) {
                return "hazard \(hz) still has open dispatch \(open)"
            }
            hazards[hz]!.closedAt = t
            hazards[hz]!.closeNote = note
            openHazards.remove(hz)
            archiveClosedHazards(before: t - DistrictState.closedRetention)
            closedOrder.append(ClosedHazard(hazard: hz, at: t))
            towerFigures[h.tower, default: TowerFigures()].openHazards -= 1
            let category = h.category
            // A drill hazard closed in a live log still counts only as a drill.
            count(record, drill: h.drill) {
                $0.hazardsRectified += 1
                if category == .fireSafety || category == .fireAlarm { $0.fireHazardsRectified += 1 }
                if category == .dispute { $0.disputesResolved += 1 }
            }
        case let .alarmRaised(kind, hz, dispatch):
            guard let h = hazards[hz], h.isOpen else { return "hazard \(hz) is not open" }
            if let dispatch {
                guard let d = dispatches[dispatch], d.hazard == hz else { return "dispatch \(dispatch) is not for \(hz)" }
            }
            guard !h.alarms.contains(where: { $0.kind == kind && $0.dispatch == dispatch }) else {
                return "alarm \(kind.rawValue) for \(dispatch?.raw ?? hz.raw) was already raised"
            }
            hazards[hz]!.alarms.append(RaisedAlarm(kind: kind, dispatch: dispatch, at: t))
            count(record, drill: h.drill) { $0.alarms += 1 }
        case let .bulletinIssued(id, from, text, tower):
            if bulletins.count >= DistrictState.bulletinsKept { bulletins.removeFirst() }
            bulletins.append(Bulletin(id: id, from: from, text: text, tower: tower, at: t))
            bulletinCount += 1
        }
        return nil
    }

    // MARK: - Helpers that keep the derived figures in step

    private mutating func count(_ record: EventRecord, drill: Bool = false, _ change: (inout DistrictFigures) -> Void) {
        if record.drill || drill { change(&drillFigures) } else { change(&liveFigures) }
    }

    /// Moves a guard's presence, keeping the towers' "guards present" counts exact.
    private mutating func moveGuard(_ gd: inout Guard, to tower: TowerID?) {
        if let move = gd.move(to: tower) { shiftPresence(move) }
    }

    private mutating func shiftPresence(_ move: Guard.PresenceChange) {
        if let old = move.from { towerFigures[old, default: TowerFigures()].guardsPresent -= 1 }
        if let new = move.to { towerFigures[new, default: TowerFigures()].guardsPresent += 1 }
    }

    /// Drops hazards closed before `cutoff`, with their dispatches: the state stays
    /// the size of a day however long the history is. A closed hazard is never
    /// referenced again by a possible event, so this changes no outcome.
    private mutating func archiveClosedHazards(before cutoff: Timestamp) {
        while closedHead < closedOrder.count, closedOrder[closedHead].at < cutoff {
            if let h = hazards.removeValue(forKey: closedOrder[closedHead].hazard) {
                for d in h.dispatches { dispatches.removeValue(forKey: d) }
            }
            closedHead += 1
        }
        // Drop the archived front now and then, not on every close.
        if closedHead >= 1024 && closedHead * 2 >= closedOrder.count {
            closedOrder.removeFirst(closedHead)
            closedHead = 0
        }
    }

    private mutating func release(_ g: GuardID) {
        guard var gd = guards[g] else { return }
        gd.openDispatch = nil
        if gd.onDuty { gd.status = .available }
        guards[g] = gd
    }
}

/// The number in an id like `H-000123` (0 when it has none).
func idNumber(_ raw: String) -> Int {
    guard let dash = raw.lastIndex(of: "-") else { return 0 }
    return Int(raw[raw.index(after: dash)...]) ?? 0
}
