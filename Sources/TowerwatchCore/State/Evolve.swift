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
            guard let ci = checkpoints.index(forKey: cp) else { return "unknown checkpoint \(cp)" }
            let tower = checkpoints.inPlace(ci) { $0.tower }
            guard let gi = guards.index(forKey: g) else { return "unknown guard \(g)" }
            let move = guards.inPlace(gi) { $0.recordScan(Scan(checkpoint: cp, at: t), in: tower) }
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
            guard towers.index(forKey: tower) != nil else { return "unknown tower \(tower)" }
            guard hazards.index(forKey: id) == nil else { return "hazard \(id) was already reported" }
            hazards[id] = Hazard(id: id, category: category, source: source, tower: tower, floor: floor, zone: zone,
                                 severity: severity, reporter: record.actor, tenant: tenant, note: note,
                                 reportedAt: t, drill: record.drill)
            openHazards.insert(id)
            hazardCount += 1
            highestHazardNumber = max(highestHazardNumber, idNumber(id.raw))
            let crime = category == .crime && !record.drill
            towerFigures[tower, default: TowerFigures()].reported(crimeAt: crime ? t : nil)
            count(record) { $0.hazardsReported += 1 }
        // The hazard and dispatch cases look each record up once by index and read or
        // change only the fields they need, in place: copying a whole hazard or
        // dispatch out of its dictionary costs more than the rest of the fold.
        case let .guardDispatched(id, hz, g):
            guard let hi = hazards.index(forKey: hz), hazards.inPlace(hi, { $0.isOpen }) else { return "hazard \(hz) is not open" }
            guard let gi = guards.index(forKey: g) else { return "unknown guard \(g)" }
            guard guards.inPlace(gi, { $0.onDuty }) else { return "guard \(g) is off duty" }
            if let held = guards.inPlace(gi, { $0.openDispatch }) { return "guard \(g) already holds dispatch \(held)" }
            guard dispatches.index(forKey: id) == nil else { return "dispatch \(id) already exists" }
            guards.inPlace(gi) { $0.openDispatch = id; $0.status = .dispatched }
            let drill = hazards.inPlace(hi) { h in h.dispatches.append(id); return h.drill }
            dispatches[id] = Dispatch(id: id, hazard: hz, guard: g, assignedAt: t, assignedBy: record.actor)
            dispatchCount += 1
            highestDispatchNumber = max(highestDispatchNumber, idNumber(id.raw))
            count(record, drill: drill) { $0.dispatches += 1 }
        case let .dispatchAcknowledged(id, g, channel):
            guard let di = dispatches.index(forKey: id) else { return "unknown dispatch \(id)" }
            if let problem = dispatches.inPlace(di, { $0.refusal(by: g, id: id, allowed: [.assigned], "not waiting for acknowledgement") }) { return problem }
            dispatches.inPlace(di) { d in d.acknowledgedAt = t; d.ackChannel = channel; d.ackRecordedBy = record.actor }
            if let gi = guards.index(forKey: g) { guards.inPlace(gi) { $0.status = .enRoute } }
        case let .guardArrivedOnScene(id, g):
            guard let di = dispatches.index(forKey: id) else { return "unknown dispatch \(id)" }
            if let problem = dispatches.inPlace(di, { $0.refusal(by: g, id: id, allowed: [.acknowledged], "arrival needs acknowledgement first") }) { return problem }
            let hz = dispatches.inPlace(di) { d in d.arrivedAt = t; return d.hazard }
            var scene: TowerID?
            if let hi = hazards.index(forKey: hz) {
                scene = hazards.inPlace(hi) { h in
                    if h.firstArrivalAt == nil { h.firstArrivalAt = t }
                    return h.tower
                }
            }
            if let tower = scene, let gi = guards.index(forKey: g),
               let move = guards.inPlace(gi, { gd in gd.status = .onScene; return gd.move(to: tower) }) {
                shiftPresence(move)
            }
        case let .dispatchCleared(id, g, note):
            guard let di = dispatches.index(forKey: id) else { return "unknown dispatch \(id)" }
            if let problem = dispatches.inPlace(di, { $0.refusal(by: g, id: id, allowed: [.onScene], "clearing needs arrival on scene first") }) { return problem }
            dispatches.inPlace(di) { d in d.clearedAt = t; d.clearNote = note }
            release(g)
        case let .dispatchDeclined(id, g, reason):
            guard let di = dispatches.index(forKey: id) else { return "unknown dispatch \(id)" }
            if let problem = dispatches.inPlace(di, { $0.refusal(by: g, id: id, allowed: [.assigned, .acknowledged], "and can no longer be declined", joined: " ") }) { return problem }
            dispatches.inPlace(di) { d in d.declinedAt = t; d.declineReason = reason }
            release(g)
        case let .dispatchWithdrawn(id, reason):
            guard let di = dispatches.index(forKey: id) else { return "unknown dispatch \(id)" }
            let phase = dispatches.inPlace(di) { $0.phase }
            guard phase.isOpen else { return "dispatch \(id) is \(phase.label) and cannot be withdrawn" }
            release(dispatches.inPlace(di) { d in d.withdrawnAt = t; d.withdrawReason = reason; return d.guard })
        case let .hazardEscalated(hz, target, note):
            guard let hi = hazards.index(forKey: hz), hazards.inPlace(hi, { $0.isOpen }) else { return "hazard \(hz) is not open" }
            let drill = hazards.inPlace(hi) { h in
                h.escalations.append(Escalation(target: target, at: t, by: record.actor, note: note))
                return h.drill
            }
            count(record, drill: drill) { $0.escalations += 1 }
        case let .hazardClosed(hz, note):
            guard let hi = hazards.index(forKey: hz), hazards.inPlace(hi, { $0.isOpen }) else { return "hazard \(hz) is not open" }
            for d in hazards.inPlace(hi, { $0.dispatches }) {
                if let di = dispatches.index(forKey: d), dispatches.inPlace(di, { $0.isOpen }) { return "hazard \(hz) still has open dispatch \(d)" }
            }
            let (tower, category, drill) = hazards.inPlace(hi) { h in
                h.closedAt = t
                h.closeNote = note
                return (h.tower, h.category, h.drill)
            }
            openHazards.remove(hz)
            // Archiving removes entries from `hazards`: `hi` is not used after this.
            archiveClosedHazards(before: t - DistrictState.closedRetention)
            closedOrder.append(ClosedHazard(hazard: hz, at: t))
            towerFigures[tower, default: TowerFigures()].openHazards -= 1
            // A drill hazard closed in a live log still counts only as a drill.
            count(record, drill: drill) {
                $0.hazardsRectified += 1
                if category == .fireSafety || category == .fireAlarm { $0.fireHazardsRectified += 1 }
                if category == .dispute { $0.disputesResolved += 1 }
            }
        case let .alarmRaised(kind, hz, dispatch):
            guard let hi = hazards.index(forKey: hz), hazards.inPlace(hi, { $0.isOpen }) else { return "hazard \(hz) is not open" }
            if let dispatch {
                guard let di = dispatches.index(forKey: dispatch), dispatches.inPlace(di, { $0.hazard }) == hz else { return "dispatch \(dispatch) is not for \(hz)" }
            }
            guard !hazards.inPlace(hi, { $0.alarms.contains(where: { $0.kind == kind && $0.dispatch == dispatch }) }) else {
                return "alarm \(kind.rawValue) for \(dispatch?.raw ?? hz.raw) was already raised"
            }
            let drill = hazards.inPlace(hi) { h in
                h.alarms.append(RaisedAlarm(kind: kind, dispatch: dispatch, at: t))
                return h.drill
            }
            count(record, drill: drill) { $0.alarms += 1 }
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
        guard let gi = guards.index(forKey: g) else { return }
        guards.inPlace(gi) { gd in
            gd.openDispatch = nil
            if gd.onDuty { gd.status = .available }
        }
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

extension Dispatch {
    /// Why guard `g` may not take this dispatch's next step from its phase (nil: it may).
    /// The reason reads `dispatch D-1 is on scene, <why>`.
    func refusal(by g: GuardID, id: DispatchID, allowed: [DispatchPhase], _ why: String, joined: String = ", ") -> String? {
        guard self.guard == g else { return "dispatch \(id) belongs to \(self.guard), not \(g)" }
        let phase = self.phase
        guard allowed.contains(phase) else { return "dispatch \(id) is \(phase.label)\(joined)\(why)" }
        return nil
    }
}

extension TowerFigures {
    /// A hazard was reported in the tower; `crimeAt` when it was a live crime.
    mutating func reported(crimeAt: Timestamp?) {
        openHazards += 1
        if let crimeAt { lastCrimeAt = crimeAt }
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
