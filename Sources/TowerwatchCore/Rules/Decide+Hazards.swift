// MARK: - Hazards: reported, escalated, closed

extension Decider {
    /// Anyone may report (a guard only while on duty); the hazard gets the next free id.
    func reportHazard(_ report: HazardReport) throws -> [Event] {
        try requireLocation(report.tower, report.floor, report.zone)
        if let tenant = report.tenant {
            guard let resident = state.tenants[tenant] else { throw Rejection("unknown tenant \(tenant)") }
            guard resident.tower == report.tower else { throw Rejection("tenant \(resident.name) is not in tower \(report.tower)") }
        }
        if case .guard(let guardID) = actor, let reporter = state.guards[guardID], !reporter.onDuty {
            throw Rejection("\(guardID) \(reporter.name) is off duty; only guards on duty report hazards")
        }
        let id = nextHazardID()
        return [.hazardReported(hazard: id, category: report.category, source: report.source, tower: report.tower, floor: report.floor,
                                zone: report.zone, severity: report.severity, tenant: report.tenant, note: report.note)]
    }

    func escalate(_ hazard: HazardID, to target: EscalationTarget, note: String) throws -> [Event] {
        try requireOfficer("escalate a hazard")
        _ = try requireOpenHazard(hazard, "be escalated")
        return [.hazardEscalated(hazard: hazard, to: target, note: note)]
    }

    /// Closing ends whatever is still under way, in the same append.
    func close(_ hazard: HazardID, note: String) throws -> [Event] {
        try requireOfficer("close a hazard")
        let open = try requireOpenHazard(hazard, "be closed again")
        let underWay = open.dispatches.filter { state.dispatches[$0]?.isOpen == true }
        return underWay.map { .dispatchWithdrawn(dispatch: $0, reason: "hazard closed") } + [.hazardClosed(hazard: hazard, note: note)]
    }

    /// The next hazard id by count, skipping any already in use: a repaired log
    /// (a report removed, later ones kept) holds ids beyond the count.
    func nextHazardID() -> HazardID {
        var n = max(state.hazardCount, state.highestHazardNumber) + 1
        while state.hazards[HazardID("H-" + zeroPadded(n, 6))] != nil { n += 1 }
        return HazardID("H-" + zeroPadded(n, 6))
    }
}
