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
        [ackClock, sceneClock, rectifyClock].compactMap { $0 }.filter(\.isRunning).map(\.level).max() ?? .normal
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
        if !h.isOpen { return .closed }
        switch activeDispatch(of: h)?.phase {
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
        return HazardStatus(hazard: h, phase: phase(of: h), dispatch: d, ackClock: ack, sceneClock: scene, rectifyClock: rectify)
    }

    /// Open hazards, most urgent first: overdue first, then severity, then age (oldest first).
    public func openHazardsByUrgency(now: Timestamp, policy: Policy) -> [HazardStatus] {
        openHazards.compactMap { hazards[$0] }.map { status(of: $0, now: now, policy: policy) }.sorted { a, b in
            if a.isOverdue != b.isOverdue { return a.isOverdue }
            if a.hazard.severity != b.hazard.severity { return a.hazard.severity > b.hazard.severity }
            if a.hazard.reportedAt != b.hazard.reportedAt { return a.hazard.reportedAt < b.hazard.reportedAt }
            return a.hazard.id < b.hazard.id
        }
    }
}
