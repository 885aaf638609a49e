/// Time only moves forward in a log: a record is never timed before the one
/// it follows, and an event never before what it answers (an acknowledgement
/// before its dispatch, a close before the report).
///
/// One rule for the two places that keep it: `decide` refuses a command whose
/// events would be timed before their cause, and a log check (`log verify`)
/// reports a record that goes back in time or precedes its cause.
public enum TimeOrder {
    /// What `event` answers, and when that happened, in `state` (before the event).
    /// Nil when it answers nothing the state still holds a time for.
    public static func cause(of event: Event, in state: DistrictState) -> (what: String, at: Timestamp)? {
        func lastStep(_ id: DispatchID) -> (String, Timestamp)? {
            guard let d = state.dispatches[id] else { return nil }
            if let t = d.arrivedAt { return ("its arrival on scene", t) }
            if let t = d.acknowledgedAt { return ("its acknowledgement", t) }
            return ("\(id)'s dispatch", d.assignedAt)
        }
        func report(_ id: HazardID) -> (String, Timestamp)? {
            state.hazards[id].map { ("the report of \(id)", $0.reportedAt) }
        }
        switch event {
        case let .dispatchAcknowledged(id, _, _), let .guardArrivedOnScene(id, _), let .dispatchCleared(id, _, _),
             let .dispatchDeclined(id, _, _), let .dispatchWithdrawn(id, _):
            return lastStep(id)
        case let .guardDispatched(_, hazard, _), let .hazardEscalated(hazard, _, _), let .hazardClosed(hazard, _), let .hazardNoteAdded(hazard, _),
             let .alarmRaised(_, hazard, _), let .hazardReportJoined(hazard, _, _, _, _, _, _, _, _), let .hazardReportSplit(_, hazard, _):
            return report(hazard)
        case let .checkpointScanned(g, _), let .guardWentOffDuty(g):
            return state.guards[g]?.onDutySince.map { ("\(g) going on duty", $0) }
        case let .shiftEnded(shift):
            return state.shifts[shift].map { ("the start of shift \(shift)", $0.startedAt) }
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .districtTimeZoneSet, .shiftStarted, .guardWentOnDuty,
             .hazardReported, .bulletinIssued, .setUpLost, .rectifyBaselineSet, .safetyDrillHeld:
            return nil
        }
    }

    /// Why `event` cannot happen at `time`: it would precede what it answers.
    public static func precedesCause(_ event: Event, at time: Timestamp, in state: DistrictState) -> String? {
        guard let (what, at) = cause(of: event, in: state), time < at else { return nil }
        return "\(event.typeName) at \(time.iso8601) would precede \(what) at \(at.iso8601) (\((at - time).compact) earlier)"
    }

    /// Why `record`, read after `state`, is out of time order: timed before the record
    /// it follows, or before what it answers. Nil when it is in order.
    public static func problem(_ record: EventRecord, after state: DistrictState) -> String? {
        // The cause first: it says more than "backwards" when both hold.
        if let (what, at) = cause(of: record.event, in: state), record.time < at {
            return "\(record.event.typeName) at \(record.time.iso8601) precedes \(what) at \(at.iso8601)"
        }
        if let last = state.lastTime, record.time < last {
            return "time goes backwards: \(record.event.typeName) at \(record.time.iso8601) follows record \(state.lastSeq) at \(last.iso8601)"
        }
        return nil
    }
}
