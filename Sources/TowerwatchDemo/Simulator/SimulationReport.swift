import TowerwatchCore

/// What a simulation wrote: counts by kind and the figures a trainer asks about
/// (late acknowledgements, late arrivals against the 5-minute rule).
public struct SimulationReport: Sendable, Hashable {
    public var events = 0
    public var byKind: [EventKind: Int] = [:]
    public var hazardsByCategory: [HazardCategory: Int] = [:]
    /// Acknowledged after the policy's acknowledgement timeout (one minute).
    public var lateAcknowledgements = 0
    /// First guard on scene later than the 5-minute target after the report.
    public var lateArrivals = 0
    /// Hazards closed later than the 30-minute rectification target.
    public var lateRectifications = 0
    public var commands = 0
    public var rejections = 0
    /// Commands not written because they would have acted for a guard a person drives.
    public var leftAlone = 0
    /// A few rejection reasons, for diagnosis.
    public var rejectionSamples: [String] = []
    public var from: Timestamp?
    public var to: Timestamp?
    /// Wall-clock seconds the run took.
    public var seconds = 0.0

    public init() {}

    public var scans: Int { byKind[.checkpointScanned] ?? 0 }
    public var hazards: Int { byKind[.hazardReported] ?? 0 }
    public var dispatches: Int { byKind[.guardDispatched] ?? 0 }
    public var acknowledgements: Int { byKind[.dispatchAcknowledged] ?? 0 }
    public var arrivals: Int { byKind[.guardArrivedOnScene] ?? 0 }
    public var clearances: Int { byKind[.dispatchCleared] ?? 0 }
    public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }

    /// Counts one record, given the state it has just been folded into (or is about to be).
    public mutating func count(_ r: EventRecord, in state: DistrictState, policy: Policy = .standard) {
        events += 1
        byKind[r.event.kind, default: 0] += 1
        if from == nil { from = r.time }
        to = r.time
        switch r.event {
        case let .hazardReported(_, category, _, _, _, _, _, _, _):
            hazardsByCategory[category, default: 0] += 1
        case let .dispatchAcknowledged(id, _, _):
            if let d = state.dispatches[id], r.time - d.assignedAt > policy.ackTimeout { lateAcknowledgements += 1 }
        case let .guardArrivedOnScene(id, _):
            if let d = state.dispatches[id], let h = state.hazards[d.hazard],
               h.firstArrivalAt == nil || h.firstArrivalAt == r.time, r.time - h.reportedAt > policy.sceneTarget {
                lateArrivals += 1
            }
        case let .hazardClosed(id, _):
            if let h = state.hazards[id], r.time - h.reportedAt > policy.rectifyTarget { lateRectifications += 1 }
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .setUpLost, .shiftStarted, .shiftEnded, .guardWentOnDuty,
             .guardWentOffDuty, .checkpointScanned, .guardDispatched, .dispatchCleared, .dispatchDeclined,
             .dispatchWithdrawn, .hazardEscalated, .hazardNoteAdded, .bulletinIssued, .alarmRaised, .districtTimeZoneSet,
             .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
            break  // counted by kind only
        }
    }

    /// Events a second as the summary gives them: a slow live run's 0.4 with its
    /// decimal (not 0), a fast history's 19715 whole.
    var rateText: String { eventsPerSecond < 10 ? formatted(eventsPerSecond, 1) : String(Int(eventsPerSecond.rounded())) }

    /// Lines for a terminal: what was written and how fast.
    public var summary: [String] {
        var lines: [String] = []
        let span = (from != nil && to != nil) ? " over \((to! - from!).compact)" : ""
        lines.append("\(events) events\(span) in \(formatted(seconds, 1)) s (\(rateText) events/s)")
        lines.append("scans \(scans), hazards \(hazards), dispatches \(dispatches), acknowledged \(acknowledgements), "
                     + "on scene \(arrivals), cleared \(clearances), closed \(byKind[.hazardClosed] ?? 0), "
                     + "reports joined \(byKind[.hazardReportJoined] ?? 0)")
        let categories = HazardCategory.allCases.map { "\($0.rawValue) \(hazardsByCategory[$0] ?? 0)" }
        lines.append("hazards by category: " + categories.joined(separator: ", "))
        lines.append("late acknowledgements \(lateAcknowledgements), late arrivals (>5 min) \(lateArrivals), "
                     + "rectified after 30 min \(lateRectifications), declined \(byKind[.dispatchDeclined] ?? 0), "
                     + "withdrawn \(byKind[.dispatchWithdrawn] ?? 0), escalations \(byKind[.hazardEscalated] ?? 0), "
                     + "bulletins \(byKind[.bulletinIssued] ?? 0), shifts \(byKind[.shiftStarted] ?? 0)")
        lines.append("commands \(commands), rejected \(rejections)")
        return lines
    }
}

func formatted(_ x: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let v = (x * scale).rounded() / scale
    return "\(v)"
}
