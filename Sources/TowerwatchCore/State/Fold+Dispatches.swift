// MARK: - Dispatches: a guard sent to a hazard, through acknowledgement and arrival to clearing
//
// A dispatch's steps come in order (assigned, acknowledged, on scene, cleared;
// declined or withdrawn while open); `Dispatch.refusal` names a step out of order.
// A guard holds one open dispatch at a time; ending it frees the guard.

extension DistrictState {
    @inline(__always)
    mutating func foldGuardDispatched(_ dispatch: DispatchID, to hazard: HazardID, guard guardID: GuardID, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        guard let guardIndex = guards.index(forKey: guardID) else { return "unknown guard \(guardID)" }
        guard guards.inPlace(guardIndex, { $0.onDuty }) else { return "guard \(guardID) is off duty" }
        if let held = guards.inPlace(guardIndex, { $0.openDispatch }) { return "guard \(guardID) already holds dispatch \(held)" }
        guard dispatches.index(forKey: dispatch) == nil else { return "dispatch \(dispatch) already exists" }
        guards.inPlace(guardIndex) { $0.openDispatch = dispatch; $0.status = .dispatched }
        let drill = hazards.inPlace(hazardIndex) { h in h.dispatches.append(dispatch); return h.drill }
        dispatches[dispatch] = Dispatch(id: dispatch, hazard: hazard, guard: guardID, assignedAt: record.time, assignedBy: record.actor)
        dispatchCount += 1
        highestDispatchNumber = max(highestDispatchNumber, idNumber(dispatch.raw))
        addToFigures(of: record, drill: drill) { $0.dispatches += 1 }
        return nil
    }

    @inline(__always)
    mutating func foldDispatchAcknowledged(_ dispatch: DispatchID, by guardID: GuardID, channel: AckChannel, _ record: EventRecord) -> String? {
        if let problem = takeStep(of: dispatch, by: guardID, from: [.assigned], "not waiting for acknowledgement", { d in
            d.acknowledgedAt = record.time; d.ackChannel = channel; d.ackRecordedBy = record.actor
        }) { return problem }
        if let guardIndex = guards.index(forKey: guardID) { guards.inPlace(guardIndex) { $0.status = .enRoute } }
        return nil
    }

    /// The first arrival marks the hazard; the guard is now present in its tower.
    @inline(__always)
    mutating func foldGuardArrivedOnScene(_ dispatch: DispatchID, guard guardID: GuardID, _ record: EventRecord) -> String? {
        let t = record.time
        var hazard: HazardID?
        if let problem = takeStep(of: dispatch, by: guardID, from: [.acknowledged], "arrival needs acknowledgement first", { d in
            d.arrivedAt = t; hazard = d.hazard
        }) { return problem }
        var scene: TowerID?
        if let hazard, let hazardIndex = hazards.index(forKey: hazard) {
            scene = hazards.inPlace(hazardIndex) { h in
                if h.firstArrivalAt == nil { h.firstArrivalAt = t }
                return h.tower
            }
        }
        if let tower = scene, let guardIndex = guards.index(forKey: guardID),
           let move = guards.inPlace(guardIndex, { onScene in onScene.status = .onScene; return onScene.move(to: tower) }) {
            shiftPresence(move)
        }
        return nil
    }

    @inline(__always)
    mutating func foldDispatchCleared(_ dispatch: DispatchID, by guardID: GuardID, note: String, _ record: EventRecord) -> String? {
        if let problem = takeStep(of: dispatch, by: guardID, from: [.onScene], "clearing needs arrival on scene first", { d in
            d.clearedAt = record.time; d.clearNote = note
        }) { return problem }
        releaseFromDispatch(guardID)
        return nil
    }

    @inline(__always)
    mutating func foldDispatchDeclined(_ dispatch: DispatchID, by guardID: GuardID, reason: String, _ record: EventRecord) -> String? {
        if let problem = takeStep(of: dispatch, by: guardID, from: [.assigned, .acknowledged], "and can no longer be declined", joined: " ", { d in
            d.declinedAt = record.time; d.declineReason = reason
        }) { return problem }
        releaseFromDispatch(guardID)
        return nil
    }

    /// An officer takes an open dispatch back (to reassign it, or because the hazard closed).
    @inline(__always)
    mutating func foldDispatchWithdrawn(_ dispatch: DispatchID, reason: String, _ record: EventRecord) -> String? {
        guard let dispatchIndex = dispatches.index(forKey: dispatch) else { return "unknown dispatch \(dispatch)" }
        let phase = dispatches.inPlace(dispatchIndex) { $0.phase }
        guard phase.isOpen else { return "dispatch \(dispatch) is \(phase.label) and cannot be withdrawn" }
        let holder = dispatches.inPlace(dispatchIndex) { d in d.withdrawnAt = record.time; d.withdrawReason = reason; return d.guard }
        releaseFromDispatch(holder)
        return nil
    }

    /// Guard `guardID` takes the dispatch's next step (`change`, in place) when it
    /// holds the dispatch and the dispatch stands in one of the `allowed` phases;
    /// otherwise returns why not and changes nothing.
    @inline(__always)
    mutating func takeStep(of dispatch: DispatchID, by guardID: GuardID, from allowed: [DispatchPhase], _ why: String,
                           joined: String = ", ", _ change: (inout Dispatch) -> Void) -> String? {
        guard let dispatchIndex = dispatches.index(forKey: dispatch) else { return "unknown dispatch \(dispatch)" }
        if let problem = dispatches.inPlace(dispatchIndex, {
            $0.refusal(by: guardID, id: dispatch, allowed: allowed, why, joined: joined)
        }) { return problem }
        dispatches.inPlace(dispatchIndex, change)
        return nil
    }

    /// The guard holds no dispatch any more and, when on duty, is available again.
    @inline(__always)
    mutating func releaseFromDispatch(_ guardID: GuardID) {
        guard let guardIndex = guards.index(forKey: guardID) else { return }
        guards.inPlace(guardIndex) { released in
            released.openDispatch = nil
            if released.onDuty { released.status = .available }
        }
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
