import TowerwatchCore

/// What the console offers the officer for the most pressing alarm:
/// reassign an unacknowledged dispatch, or send another guard.
public struct AlarmOffer: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case reassign(DispatchID, to: GuardID)
        case secondGuard(HazardID, GuardID)
        case none
    }
    public var hazard: HazardID
    public var alarm: RaisedAlarm
    public var action: Action
    /// One line for the bottom bar.
    public var text: String

    /// The alarm to act on: the selected hazard's if it has one, else the latest.
    public static func find(state: DistrictState, selected: HazardID?, now: Timestamp, policy: Policy) -> AlarmOffer? {
        let active = state.activeAlarms()
        guard let (hazard, alarm) = active.first(where: { $0.hazard.id == selected }) ?? active.first else { return nil }
        let recs = state.recommendations(for: hazard.id, now: now, policy: policy)
        func name(_ g: GuardID) -> String { state.guards[g].map { "\(g) \($0.name)" } ?? g.raw }
        switch alarm.kind {
        case .ackOverdue:
            guard let d = alarm.dispatch.flatMap({ state.dispatches[$0] }) else { return nil }
            let waited = (now - d.assignedAt).compact
            if let next = recs.first(where: { $0.guard != d.guard }) {
                return AlarmOffer(hazard: hazard.id, alarm: alarm, action: .reassign(d.id, to: next.guard),
                                  text: "‼ \(d.id) \(name(d.guard)) has not acknowledged for \(waited) — R reassigns to \(name(next.guard))")
            }
            return AlarmOffer(hazard: hazard.id, alarm: alarm, action: .none, text: "‼ \(d.id) \(name(d.guard)) has not acknowledged for \(waited); no free guard")
        case .sceneOverdue:
            let late = (now - hazard.reportedAt).compact
            if let next = recs.first {
                return AlarmOffer(hazard: hazard.id, alarm: alarm, action: .secondGuard(hazard.id, next.guard),
                                  text: "‼ \(hazard.id) nobody on scene after \(late) — A sends \(name(next.guard)) as well")
            }
            return AlarmOffer(hazard: hazard.id, alarm: alarm, action: .none, text: "‼ \(hazard.id) nobody on scene after \(late); no free guard")
        case .rectifyOverdue:
            return AlarmOffer(hazard: hazard.id, alarm: alarm, action: .none,
                              text: "‼ \(hazard.id) not rectified after \((now - hazard.reportedAt).compact) — e escalates")
        }
    }
}
