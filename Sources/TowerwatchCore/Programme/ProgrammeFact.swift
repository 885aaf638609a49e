/// One record as the programme's figures see it: a fire-safety hazard rectified,
/// a dispute closed (on the spot or not), a hazard passed to the police, a
/// drill held. Every other record is nothing to them.
///
/// ## Definitions
/// - **Rectified**: a live hazard closed; it took from its report to its close.
///   A *fire hazard rectified* is one in the `fire-safety` category (a blocked
///   escape route, a missing extinguisher). A `fire-alarm` is answered, not
///   rectified, and is not counted.
/// - **A dispute resolved on the spot**: a live `dispute` hazard closed without
///   ever being escalated (to anyone: police, fire service, captain or property
///   company), after a guard sent to it reached the scene and cleared the
///   dispatch (reported it done). A dispute closed without a guard on scene, or
///   after an escalation, is closed but not resolved on the spot.
/// - **Escalated to police**: a live hazard's first escalation to the police
///   (a second call to the police about the same hazard counts once).
/// - **A drill held**: a live `SafetyDrillHeld` record. Drill records (those a
///   drill log or a scenario writes) are never counted: only the record that a
///   drill happened belongs to the live log.
///
/// Drill hazards and drill records never count in any of these.
public enum ProgrammeFact: Hashable, Sendable {
    /// A hazard closed: its category, the time from report to close, and whether
    /// it was a dispute resolved on the spot.
    case rectified(HazardCategory, took: Span, resolvedOnSpot: Bool)
    case escalatedToPolice
    case drillHeld(TowerID, at: Timestamp)

    /// What `record` is to the programme, read from `state` just after the record
    /// was folded into it; nil when it is nothing (or a drill's).
    public init?(_ record: EventRecord, in state: DistrictState) {
        guard !record.drill else { return nil }
        switch record.event {
        case let .hazardClosed(id, _):
            guard let h = state.hazards[id], !h.drill, let closedAt = h.closedAt else { return nil }
            let onSpot = h.category == .dispute && h.escalations.isEmpty && h.dispatches.contains { d in
                guard let dispatch = state.dispatches[d] else { return false }
                return dispatch.arrivedAt != nil && dispatch.clearedAt != nil
            }
            self = .rectified(h.category, took: closedAt - h.reportedAt, resolvedOnSpot: onSpot)
        case let .hazardEscalated(id, target, _):
            guard target == .police, let h = state.hazards[id], !h.drill,
                  h.escalations.count(where: { $0.target == .police }) == 1 else { return nil }
            self = .escalatedToPolice
        case let .safetyDrillHeld(tower, _):
            self = .drillHeld(tower, at: record.time)
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .districtTimeZoneSet,
             .shiftStarted, .shiftEnded, .guardWentOnDuty, .guardWentOffDuty, .checkpointScanned, .hazardReported,
             .guardDispatched, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared, .dispatchDeclined,
             .dispatchWithdrawn, .hazardNoteAdded, .bulletinIssued, .alarmRaised, .rectifyBaselineSet, .setUpLost,
             .hazardReportJoined, .hazardReportSplit:
            return nil  // moves none of the programme's counts (training, crimes and baselines are read from the state)
        }
    }
}
