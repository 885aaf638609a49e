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
        let t = record.time
        var reported = Hazard(id: hazard, category: category, source: source, tower: tower, floor: floor, zone: zone,
                              severity: severity, reporter: record.actor, tenant: tenant, note: note,
                              reportedAt: t, drill: record.drill)
        if let placeholder = hazards[hazard] {
            // Only a report a repair lost may be made again: it keeps what was folded against the placeholder.
            guard isLostInRepair(.hazard, hazard.raw) else { return "hazard \(hazard) was already reported" }
            (reported.dispatches, reported.escalations, reported.notes, reported.alarms) =
                (placeholder.dispatches, placeholder.escalations, placeholder.notes, placeholder.alarms)
            (reported.firstArrivalAt, reported.closedAt, reported.closeNote) = (placeholder.firstArrivalAt, placeholder.closedAt, placeholder.closeNote)
            found(.hazard, hazard.raw)
        } else {
            hazardCount += 1
        }
        hazards[hazard] = reported
        if reported.isOpen { openHazards.insert(hazard) }
        highestHazardNumber = max(highestHazardNumber, idNumber(hazard.raw))
        let crime = category == .crime && !record.drill
        towerFigures[tower, default: TowerFigures()].reported(crimeAt: crime ? t : nil)
        addToFigures(of: record) { $0.hazardsReported += 1 }
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
        let (tower, category, drill) = hazards.inPlace(hazardIndex) { h in
            h.closedAt = t
            h.closeNote = note
            return (h.tower, h.category, h.drill)
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
