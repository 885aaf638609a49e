// MARK: - Hazards: reported, escalated, noted, closed

extension Decider {
    /// Anyone may report (a guard only while on duty). A report of a problem an
    /// open hazard already stands for joins it; otherwise it opens a hazard with the next free id.
    func reportHazard(_ report: HazardReport) throws -> [Event] {
        try requireLocation(report.tower, report.floor, report.zone)
        if let tenant = report.tenant {
            guard let resident = state.tenants[tenant] else { throw Rejection("unknown tenant \(tenant)" + DistrictState.suggestion(for: tenant, in: state.tenants)) }
            guard resident.tower == report.tower else { throw Rejection("tenant \(resident.name) is not in tower \(report.tower)") }
        }
        if case .guard(let guardID) = actor, let reporter = state.guards[guardID], !reporter.onDuty {
            throw Rejection("\(guardID) \(reporter.name) is off duty; only guards on duty report hazards")
        }
        if let open = openHazard(matching: report) {
            return [.hazardReportJoined(hazard: open.id, category: report.category, source: report.source, tower: report.tower,
                                        floor: report.floor, zone: report.zone, severity: report.severity, tenant: report.tenant, note: report.note)]
        }
        let id = nextHazardID()
        return [.hazardReported(hazard: id, category: report.category, source: report.source, tower: report.tower, floor: report.floor,
                                zone: report.zone, severity: report.severity, tenant: report.tenant, note: report.note)]
    }

    /// The open hazard a report is another report of: same category, tower, floor
    /// and zone, and the same tenant when both name one. The earliest reported
    /// when several match (after a split), so the choice never depends on order in a set.
    func openHazard(matching report: HazardReport) -> Hazard? {
        var found: Hazard?
        for id in state.openHazards {
            guard let h = state.hazards[id], h.category == report.category, h.tower == report.tower,
                  h.floor == report.floor, h.zone == report.zone else { continue }
            if let a = h.tenant, let b = report.tenant, a != b { continue }
            if let f = found, (f.reportedAt, f.id.raw) < (h.reportedAt, h.id.raw) { continue }
            found = h
        }
        return found
    }

    /// An officer splits a joined report back out into a hazard of its own (the
    /// problem was another one after all).
    func splitReport(_ hazard: HazardID, report: Int) throws -> [Event] {
        try requireOfficer("split a report out of a hazard")
        let open = try requireOpenHazard(hazard, "have a report split out")
        guard open.joinedReports.contains(where: { $0.number == report }) else {
            let numbers = open.joinedReports.map { String($0.number) }
            throw Rejection(numbers.isEmpty ? "\(hazard) has no joined reports to split"
                                            : "\(hazard) has no joined report \(report); its joined reports are \(numbers.joined(separator: ", "))")
        }
        return [.hazardReportSplit(hazard: nextHazardID(), from: hazard, report: report)]
    }

    func escalate(_ hazard: HazardID, to target: EscalationTarget, note: String) throws -> [Event] {
        try requireOfficer("escalate a hazard")
        _ = try requireOpenHazard(hazard, "be escalated")
        return [.hazardEscalated(hazard: hazard, to: target, note: note)]
    }

    /// An officer, or a guard sent to the hazard (an open dispatch on it), notes an
    /// open hazard: what they found, who they called. Anyone else is told who may.
    func addNote(to hazard: HazardID, text: String) throws -> [Event] {
        let open = try requireOpenHazard(hazard, "take a note")
        switch actor {
        case .officer:
            break
        case .guard(let who):
            let sent = open.dispatches.contains { state.dispatches[$0].map { $0.guard == who && $0.isOpen } ?? false }
            guard sent else {
                throw Rejection("\(who) holds no open dispatch on \(hazard); only an officer or a guard sent to it can add a note")
            }
        case .feed, .system:
            throw Rejection("only an officer or a guard sent to \(hazard) can add a note to it (asked by \(actor))")
        }
        try requireText(text, "a note")
        let length = text.count
        guard length <= HazardNote.maximumLength else {
            throw Rejection("a note is at most \(HazardNote.maximumLength) characters; this one is \(length)")
        }
        return [.hazardNoteAdded(hazard: hazard, note: text)]
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
