// MARK: - Alarms: the system's own, and only when due

extension Decider {
    /// An alarm is raised once, and only when `dueAlarms` says its deadline has passed at `now`.
    func raiseAlarm(_ kind: AlarmKind, for hazard: HazardID, dispatch: DispatchID?) throws -> [Event] {
        try requireSystem("raise an alarm")
        let open = try requireOpenHazard(hazard, "raise an alarm")
        guard !open.alarms.contains(where: { $0.kind == kind && $0.dispatch == dispatch }) else {
            throw Rejection("alarm \(kind.rawValue) for \(dispatch?.raw ?? hazard.raw) was already raised")
        }
        let due = dueAlarms(state, now: now, policy: policy)
        guard due.contains(where: { $0.kind == kind && $0.hazard == hazard && $0.dispatch == dispatch }) else {
            throw Rejection("alarm \(kind.rawValue) for \(dispatch?.raw ?? hazard.raw) is not due at \(now.iso8601)")
        }
        return [.alarmRaised(kind: kind, hazard: hazard, dispatch: dispatch)]
    }
}
