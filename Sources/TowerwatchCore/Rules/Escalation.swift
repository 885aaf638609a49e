/// An alarm whose deadline has passed and which the log does not hold yet.
public struct DueAlarm: Hashable, Sendable {
    public var kind: AlarmKind
    public var hazard: HazardID
    public var dispatch: DispatchID?

    /// The command that records it, as the system.
    public var command: Command { Command(.system, .raiseAlarm(kind, hazard: hazard, dispatch: dispatch)) }
}

/// The alarms due at `now`: computed only from event times and the clock, so a
/// replay reaches the same alarms at the same moments as the live console did.
///
/// - an open dispatch not acknowledged within `policy.ackTimeout`;
/// - an open hazard with no guard on scene within `policy.sceneTarget` of its report;
/// - an open hazard not rectified within `policy.rectifyTarget`.
public func dueAlarms(_ state: DistrictState, now: Timestamp, policy: Policy) -> [DueAlarm] {
    var due: [DueAlarm] = []
    for id in state.openHazards.sorted() {
        guard let h = state.hazards[id] else { continue }
        func raised(_ kind: AlarmKind, _ d: DispatchID?) -> Bool { h.alarms.contains { $0.kind == kind && $0.dispatch == d } }
        for did in h.dispatches {
            guard let d = state.dispatches[did], d.phase == .assigned, now - d.assignedAt > policy.ackTimeout,
                  !raised(.ackOverdue, did) else { continue }
            due.append(DueAlarm(kind: .ackOverdue, hazard: id, dispatch: did))
        }
        if h.firstArrivalAt == nil, now - h.reportedAt > policy.sceneTarget, !raised(.sceneOverdue, nil) {
            due.append(DueAlarm(kind: .sceneOverdue, hazard: id, dispatch: nil))
        }
        if now - h.reportedAt > policy.rectifyTarget, !raised(.rectifyOverdue, nil) {
            due.append(DueAlarm(kind: .rectifyOverdue, hazard: id, dispatch: nil))
        }
    }
    return due
}

extension DistrictState {
    /// True while the cause of alarm `a` of hazard `h` still stands: the dispatch is
    /// still unacknowledged, nobody is on scene yet, the hazard is still open.
    public func isStanding(_ a: RaisedAlarm, of h: Hazard) -> Bool {
        switch a.kind {
        case .ackOverdue: a.dispatch.flatMap({ dispatches[$0] })?.phase == .assigned
        case .sceneOverdue: h.firstArrivalAt == nil
        case .rectifyOverdue: true
        }
    }

    /// Raised alarms whose cause still stands, most recent first.
    public func activeAlarms() -> [(hazard: Hazard, alarm: RaisedAlarm)] {
        var out: [(Hazard, RaisedAlarm)] = []
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            for a in h.alarms where isStanding(a, of: h) { out.append((h, a)) }
        }
        return out.sorted { $0.1.at != $1.1.at ? $0.1.at > $1.1.at : $0.0.id < $1.0.id }
    }
}
