/// An open hazard as the console shows it: where it stands and its three clocks.
public struct HazardStatus: Sendable {
    public var hazard: Hazard
    public var phase: HazardPhase
    /// The open dispatch furthest along, if any.
    public var dispatch: Dispatch?
    /// Runs from dispatch to acknowledgement, against the ack timeout.
    public var ackClock: ClockReading?
    /// Runs from the report to the first guard on scene, against the 5-minute rule.
    public var sceneClock: ClockReading
    /// Runs from the report to the close, against the 30-minute target.
    public var rectifyClock: ClockReading

    /// The worst of the clocks still running: what is late now. A clock that
    /// stopped late (a slow acknowledgement) stays marked in its own column and
    /// in reports, but no longer makes the hazard overdue.
    public var level: ClockLevel { Self.worstRunning(ackClock, sceneClock, rectifyClock) }

    /// The worst level of the clocks still running (`.normal` if none runs).
    static func worstRunning(_ ack: ClockReading?, _ scene: ClockReading, _ rectify: ClockReading) -> ClockLevel {
        var worst = ClockLevel.normal
        if let ack, ack.isRunning, ack.level > worst { worst = ack.level }
        if scene.isRunning, scene.level > worst { worst = scene.level }
        if rectify.isRunning, rectify.level > worst { worst = rectify.level }
        return worst
    }
    public var isOverdue: Bool { level == .overdue }
}

extension DistrictState {
    /// The open dispatch of a hazard that is furthest along (on scene before acknowledged before assigned).
    public func activeDispatch(of h: Hazard) -> Dispatch? {
        var best: Dispatch?
        for id in h.dispatches {
            guard let d = dispatches[id], d.isOpen else { continue }
            if best == nil || rank(d.phase) > rank(best!.phase) { best = d }
        }
        return best
    }

    private func rank(_ p: DispatchPhase) -> Int {
        switch p { case .onScene: 3; case .acknowledged: 2; case .assigned: 1; default: 0 }
    }

    public func phase(of h: Hazard) -> HazardPhase {
        phase(of: h, active: activeDispatch(of: h))
    }

    /// The phase of `h` given its active dispatch (as ``activeDispatch(of:)`` finds it).
    private func phase(of h: Hazard, active: Dispatch?) -> HazardPhase {
        if !h.isOpen { return .closed }
        switch active?.phase {
        case .onScene?: return .onScene
        case .acknowledged?: return .acknowledged
        case .assigned?: return .dispatched
        default: return .new
        }
    }

    /// The status of one hazard at `now`.
    public func status(of h: Hazard, now: Timestamp, policy: Policy) -> HazardStatus {
        let d = activeDispatch(of: h)
        let c = clocks(of: h, dispatch: d, now: now, policy: policy)
        return HazardStatus(hazard: h, phase: phase(of: h, active: d), dispatch: d, ackClock: c.ack, sceneClock: c.scene, rectifyClock: c.rectify)
    }

    /// The three clocks of `h` whose active dispatch is `d`.
    private func clocks(of h: Hazard, dispatch d: Dispatch?, now: Timestamp, policy: Policy)
        -> (ack: ClockReading?, scene: ClockReading, rectify: ClockReading) {
        var ack: ClockReading?
        if let d {
            ack = ClockReading(from: d.assignedAt, to: d.acknowledgedAt ?? d.endedAt, now: now,
                               target: policy.ackTimeout, warningShare: policy.warningShare)
        }
        let scene = ClockReading(from: h.reportedAt, to: h.firstArrivalAt ?? h.closedAt, now: now,
                                 target: policy.sceneTarget, warningShare: policy.warningShare)
        let rectify = ClockReading(from: h.reportedAt, to: h.closedAt, now: now,
                                   target: policy.rectifyTarget, warningShare: policy.warningShare)
        return (ack, scene, rectify)
    }

    /// True when `h` is overdue at `now`: ``HazardStatus/isOverdue`` without
    /// building the status.
    private func isOverdue(_ h: Hazard, now: Timestamp, policy: Policy) -> Bool {
        let c = clocks(of: h, dispatch: activeDispatch(of: h), now: now, policy: policy)
        return HazardStatus.worstRunning(c.ack, c.scene, c.rectify) == .overdue
    }

    /// Open hazards, most urgent first: overdue first, then severity, then age (oldest first).
    public func openHazardsByUrgency(now: Timestamp, policy: Policy) -> [HazardStatus] {
        openHazardUrgency(now: now, policy: policy).compactMap { u in
            hazards[u.id].map { status(of: $0, now: now, policy: policy) }
        }
    }

    /// The order of ``openHazardsByUrgency(now:policy:)`` with only what a
    /// frame needs of each hazard (ID, tower, overdue), without copying
    /// hazards and dispatches into statuses.
    public func openHazardUrgency(now: Timestamp, policy: Policy) -> [HazardUrgency] {
        // Plain keys (no references) sort fast; the ID, read through the
        // index, only breaks ties.
        struct Key { var overdue: Bool; var severity: Severity; var reportedAt: Timestamp; var index: Int }
        var found: [HazardUrgency] = []
        found.reserveCapacity(openHazards.count)
        var keys: [Key] = []
        keys.reserveCapacity(openHazards.count)
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            let overdue = isOverdue(h, now: now, policy: policy)
            keys.append(Key(overdue: overdue, severity: h.severity, reportedAt: h.reportedAt, index: found.count))
            found.append(HazardUrgency(id: h.id, tower: h.tower, isOverdue: overdue))
        }
        keys.sort { a, b in
            if a.overdue != b.overdue { return a.overdue }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
            return found[a.index].id < found[b.index].id
        }
        return keys.map { found[$0.index] }
    }

    /// How many open hazards are overdue at `now` (the count of
    /// ``openHazardsByUrgency(now:policy:)`` that are overdue, without sorting).
    public func overdueHazardCount(now: Timestamp, policy: Policy) -> Int {
        var count = 0
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            if isOverdue(h, now: now, policy: policy) { count += 1 }
        }
        return count
    }
}

/// An open hazard's place in the urgency order: see
/// ``DistrictState/openHazardUrgency(now:policy:)``.
public struct HazardUrgency: Sendable, Hashable {
    public var id: HazardID
    public var tower: TowerID
    public var isOverdue: Bool
}
