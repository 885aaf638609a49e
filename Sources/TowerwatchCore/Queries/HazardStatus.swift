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
    public var level: ClockLevel {
        // Same as the max over the running clocks, without building an array.
        var worst = ClockLevel.normal
        if let ack = ackClock, ack.isRunning, ack.level > worst { worst = ack.level }
        if sceneClock.isRunning, sceneClock.level > worst { worst = sceneClock.level }
        if rectifyClock.isRunning, rectifyClock.level > worst { worst = rectifyClock.level }
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
        var ack: ClockReading?
        if let d {
            ack = ClockReading(from: d.assignedAt, to: d.acknowledgedAt ?? d.endedAt, now: now,
                               target: policy.ackTimeout, warningShare: policy.warningShare)
        }
        let scene = ClockReading(from: h.reportedAt, to: h.firstArrivalAt ?? h.closedAt, now: now,
                                 target: policy.sceneTarget, warningShare: policy.warningShare)
        let rectify = ClockReading(from: h.reportedAt, to: h.closedAt, now: now,
                                   target: policy.rectifyTarget, warningShare: policy.warningShare)
        return HazardStatus(hazard: h, phase: phase(of: h, active: d), dispatch: d, ackClock: ack, sceneClock: scene, rectifyClock: rectify)
    }

    /// Open hazards, most urgent first: overdue first, then severity, then age (oldest first).
    public func openHazardsByUrgency(now: Timestamp, policy: Policy) -> [HazardStatus] {
        var statuses: [HazardStatus] = []
        statuses.reserveCapacity(openHazards.count)
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            statuses.append(status(of: h, now: now, policy: policy))
        }
        // Sort small keys and an index instead of moving whole statuses
        // around; the order is the same (the ID breaks every tie).
        struct Key { var overdue: Bool; var severity: Severity; var reportedAt: Timestamp; var index: Int }
        var keys: [Key] = []
        keys.reserveCapacity(statuses.count)
        for (i, st) in statuses.enumerated() {
            keys.append(Key(overdue: st.isOverdue, severity: st.hazard.severity, reportedAt: st.hazard.reportedAt, index: i))
        }
        keys.sort { a, b in
            if a.overdue != b.overdue { return a.overdue }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
            return statuses[a.index].hazard.id < statuses[b.index].hazard.id
        }
        var out: [HazardStatus] = []
        out.reserveCapacity(keys.count)
        for k in keys { out.append(statuses[k.index]) }
        return out
    }

    /// How many open hazards are overdue at `now` (the count of
    /// ``openHazardsByUrgency(now:policy:)`` that are overdue, without sorting).
    public func overdueHazardCount(now: Timestamp, policy: Policy) -> Int {
        var count = 0
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            if status(of: h, now: now, policy: policy).isOverdue { count += 1 }
        }
        return count
    }
}
