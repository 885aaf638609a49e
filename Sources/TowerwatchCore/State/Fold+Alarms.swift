// MARK: - Alarms: a rule's deadline passed (see `dueAlarms`)

extension DistrictState {
    /// An alarm is raised once per kind and hazard (or dispatch of that hazard).
    @inline(__always)
    mutating func foldAlarmRaised(_ kind: AlarmKind, for hazard: HazardID, dispatch: DispatchID?, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        if let dispatch {
            guard let dispatchIndex = dispatches.index(forKey: dispatch), dispatches.inPlace(dispatchIndex, { $0.hazard }) == hazard else {
                return "dispatch \(dispatch) is not for \(hazard)"
            }
        }
        guard !hazards.inPlace(hazardIndex, { $0.alarms.contains(where: { $0.kind == kind && $0.dispatch == dispatch }) }) else {
            return "alarm \(kind.rawValue) for \(dispatch?.raw ?? hazard.raw) was already raised"
        }
        let drill = hazards.inPlace(hazardIndex) { h in
            h.alarms.append(RaisedAlarm(kind: kind, dispatch: dispatch, at: record.time))
            return h.drill
        }
        addToFigures(of: record, drill: drill) { $0.alarms += 1 }
        return nil
    }
}
