// MARK: - Hazards: reported, escalated, noted, closed and archived
//
// The hazard and dispatch folds look each record up once by index and read or
// change only the fields they need, in place: copying a whole hazard or
// dispatch out of its dictionary costs more than the rest of the fold.

extension DistrictState {
    @inline(__always)
    mutating func foldHazardReported(_ hazard: HazardID, category: HazardCategory, source: HazardSource, tower: TowerID,
                                     floor: String, zone: String, severity: Severity, tenant: TenantID?, note: String,
                                     _ record: EventRecord) -> String? {
        guard towers.index(forKey: tower) != nil else { return "unknown tower \(tower)" }
        var reported = Hazard(id: hazard, category: category, source: source, tower: tower, floor: floor, zone: zone,
                              severity: severity, reporter: record.actor, tenant: tenant, note: note,
                              reportedAt: record.time, drill: record.drill)
        var counted = false
        if let placeholder = hazards[hazard] {
            // Only a report a repair lost may be made again: it keeps what was folded against the placeholder.
            guard isLostInRepair(.hazard, hazard.raw) else { return "hazard \(hazard) was already reported" }
            (reported.dispatches, reported.escalations, reported.notes, reported.alarms) =
                (placeholder.dispatches, placeholder.escalations, placeholder.notes, placeholder.alarms)
            (reported.firstArrivalAt, reported.closedAt, reported.closeNote) = (placeholder.firstArrivalAt, placeholder.closedAt, placeholder.closeNote)
            found(.hazard, hazard.raw)
            counted = true
        }
        open(reported, record, counted: counted)
        return nil
    }

    /// A new hazard, counted in the tower's and the district's figures and, when
    /// live, in the repeat tallies (which give it its "3rd at this tenant").
    /// `counted`: it replaces a repair's placeholder, already in `hazardCount`.
    @inline(__always)
    mutating func open(_ new: Hazard, _ record: EventRecord, counted: Bool = false) {
        var h = new
        let live = !record.drill && !h.drill
        if live {
            if let tenant = h.tenant { h.tenantRepeat = repeats.countReport(RepeatKey(.tenant(tenant), h.category), at: h.reportedAt) }
            h.placeRepeat = repeats.countReport(RepeatKey(.place(tower: h.tower, floor: h.floor, zone: h.zone), h.category), at: h.reportedAt)
        }
        let (id, tower, crime) = (h.id, h.tower, h.category == .crime && live)
        let isOpen = h.isOpen
        hazards[id] = h
        if isOpen { openHazards.insert(id) }
        if !counted { hazardCount += 1 }
        highestHazardNumber = max(highestHazardNumber, idNumber(id.raw))
        towerFigures[tower, default: TowerFigures()].reported(crimeAt: crime ? h.reportedAt : nil)
        addToFigures(of: record, drill: h.drill) { $0.hazardsReported += 1 }
    }

    /// Another report of an open hazard's problem: counted on the hazard, not as a
    /// hazard. A tenant it names becomes the hazard's when it had none.
    @inline(__always)
    mutating func foldHazardReportJoined(_ hazard: HazardID, source: HazardSource, severity: Severity, tenant: TenantID?,
                                         note: String, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        let adopted = hazards.inPlace(hazardIndex) { h -> (HazardCategory, Timestamp)? in
            h.reportsReceived += 1
            h.joinedReports.append(JoinedReport(number: h.reportsReceived, source: source, severity: severity, tenant: tenant,
                                                note: note, at: record.time, by: record.actor))
            guard h.tenant == nil, tenant != nil else { return nil }
            h.tenant = tenant
            return h.drill || record.drill ? nil : (h.category, h.reportedAt)
        }
        if let (category, reportedAt) = adopted, let tenant {
            let count = repeats.countReport(RepeatKey(.tenant(tenant), category), at: reportedAt)
            hazards.inPlace(hazardIndex) { $0.tenantRepeat = count }
        }
        return nil
    }

    /// A joined report split back out: the hazard `hazard` opens with that report's facts and time.
    @inline(__always)
    mutating func foldHazardReportSplit(_ hazard: HazardID, from original: HazardID, report: Int, _ record: EventRecord) -> String? {
        guard hazards.index(forKey: hazard) == nil else { return "hazard \(hazard) was already reported" }
        guard let hazardIndex = openHazardIndex(original) else { return "hazard \(original) is not open" }
        let split = hazards.inPlace(hazardIndex) { h -> Hazard? in
            guard let k = h.joinedReports.firstIndex(where: { $0.number == report }) else { return nil }
            let r = h.joinedReports.remove(at: k)
            return Hazard(id: hazard, category: h.category, source: r.source, tower: h.tower, floor: h.floor, zone: h.zone,
                          severity: r.severity, reporter: r.by, tenant: r.tenant, note: r.note, reportedAt: r.at, drill: h.drill)
        }
        guard let split else { return "hazard \(original) has no joined report \(report)" }
        open(split, record)
        return nil
    }

    @inline(__always)
    mutating func foldHazardEscalated(_ hazard: HazardID, to target: EscalationTarget, note: String, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        let drill = hazards.inPlace(hazardIndex) { h in
            h.escalations.append(Escalation(target: target, at: record.time, by: record.actor, note: note))
            return h.drill
        }
        addToFigures(of: record, drill: drill) { $0.escalations += 1 }
        if target == .police { countForProgramme(record) }
        return nil
    }

    @inline(__always)
    mutating func foldHazardNoteAdded(_ hazard: HazardID, note: String, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        hazards.inPlace(hazardIndex) { $0.notes.append(HazardNote(text: note, at: record.time, by: record.actor)) }
        return nil
    }

    /// Closing needs every dispatch of the hazard finished; it also archives what closed a day ago.
    @inline(__always)
    mutating func foldHazardClosed(_ hazard: HazardID, note: String, _ record: EventRecord) -> String? {
        guard let hazardIndex = openHazardIndex(hazard) else { return "hazard \(hazard) is not open" }
        for dispatch in hazards.inPlace(hazardIndex, { $0.dispatches }) {
            if let dispatchIndex = dispatches.index(forKey: dispatch), dispatches.inPlace(dispatchIndex, { $0.isOpen }) {
                return "hazard \(hazard) still has open dispatch \(dispatch)"
            }
        }
        let t = record.time
        let (tower, category, drill, tenant, floor, zone, reportedAt) = hazards.inPlace(hazardIndex) { h in
            h.closedAt = t
            h.closeNote = note
            return (h.tower, h.category, h.drill, h.tenant, h.floor, h.zone, h.reportedAt)
        }
        // A repair's placeholder names no place or category to count a repeat at.
        if !drill && !record.drill && (lostInRepair.isEmpty || !isLostInRepair(.hazard, hazard.raw)) {
            if let tenant { repeats.countRectified(RepeatKey(.tenant(tenant), category), at: t, took: t - reportedAt) }
            repeats.countRectified(RepeatKey(.place(tower: tower, floor: floor, zone: zone), category), at: t, took: t - reportedAt)
        }
        openHazards.remove(hazard)
        // Archiving removes entries from `hazards`: `hazardIndex` is not used after this.
        archiveClosedHazards(before: t - DistrictState.closedRetention)
        closedOrder.append(ClosedHazard(hazard: hazard, at: t))
        // A placeholder left by a repair names no tower and was counted in none.
        if let figures = towerFigures.index(forKey: tower) { towerFigures.values[figures].openHazards -= 1 }
        // A drill hazard closed in a live log still counts only as a drill.
        addToFigures(of: record, drill: drill) {
            $0.hazardsRectified += 1
            if category == .fireSafety || category == .fireAlarm { $0.fireHazardsRectified += 1 }
            if category == .dispute { $0.disputesResolved += 1 }
        }
        countForProgramme(record)
        return nil
    }

    /// Where the hazard is stored, when it is known and still open.
    @inline(__always)
    mutating func openHazardIndex(_ hazard: HazardID) -> [HazardID: Hazard].Index? {
        guard let hazardIndex = hazards.index(forKey: hazard), hazards.inPlace(hazardIndex, { $0.isOpen }) else { return nil }
        return hazardIndex
    }

    /// Drops hazards closed before `cutoff`, with their dispatches: the state stays
    /// the size of a day however long the history is. A closed hazard is never
    /// referenced again by a possible event, so this changes no outcome.
    mutating func archiveClosedHazards(before cutoff: Timestamp) {
        while closedHead < closedOrder.count, closedOrder[closedHead].at < cutoff {
            if let archived = hazards.removeValue(forKey: closedOrder[closedHead].hazard) {
                for dispatch in archived.dispatches { dispatches.removeValue(forKey: dispatch) }
            }
            closedHead += 1
        }
        // Drop the archived front now and then, not on every close.
        if closedHead >= 1024 && closedHead * 2 >= closedOrder.count {
            closedOrder.removeFirst(closedHead)
            closedHead = 0
        }
    }
}

extension TowerFigures {
    /// A hazard was reported in the tower; `crimeAt` when it was a live crime.
    mutating func reported(crimeAt: Timestamp?) {
        openHazards += 1
        if let crimeAt { lastCrimeAt = crimeAt }
    }
}
