import TowerwatchCore

/// An event told for the feed and the status line: the action first, then the
/// id, then the rest, so a narrow pane cuts the least important part.
///
/// The action words are the stage words of ``HazardStage`` (dispatched,
/// acknowledged, on scene, cleared, declined, withdrawn, escalated), so the
/// feed, the row and the detail say the same thing.
public enum FeedText {
    public static func line(_ r: EventRecord, in s: DistrictState) -> String {
        func g(_ id: GuardID) -> String { s.guards[id].map { "\(id) \($0.name)" } ?? id.raw }
        func t(_ id: TowerID) -> String { s.towers[id]?.name ?? id.raw }
        func at(_ id: HazardID) -> String {
            guard let h = s.hazards[id] else { return id.raw }
            return "\(id) \(h.category.label) at \(Place.text(tower: t(h.tower), floor: h.floor, zone: h.zone))"
        }
        func hazardOf(_ d: DispatchID) -> String { s.dispatches[d].map { " \($0.hazard)" } ?? "" }
        func by() -> String {
            switch r.actor {
            case .officer(let o): " by \(o)"
            case .system: ""
            case .feed(let f): " by \(f)"
            case .guard: ""
            }
        }
        switch r.event {
        case let .hazardReported(id, category, source, tower, floor, zone, severity, _, note):
            return "reported \(id) \(category.label) (\(severity.name)) at \(Place.text(tower: t(tower), floor: floor, zone: zone)), \(source.label)"
                + (note.isEmpty ? "" : ": \(note)")
        case let .hazardReportJoined(id, category, source, tower, floor, zone, _, _, note):
            return "joined \(id) \(category.label) at \(Place.text(tower: t(tower), floor: floor, zone: zone)), \(source.label)"
                + (note.isEmpty ? "" : ": \(note)")
        case let .hazardReportSplit(id, from, report): return "split \(id) from \(from) (report \(report))" + by()
        case let .guardDispatched(id, hazard, gd): return "dispatched \(id) → \(hazard) \(g(gd))" + by()
        case let .dispatchAcknowledged(id, gd, channel):
            return "acknowledged \(id)\(hazardOf(id)) \(g(gd))" + (channel == .console ? "" : " (\(channel.rawValue), recorded\(by()))")
        case let .guardArrivedOnScene(id, gd): return "on scene \(id)\(hazardOf(id)) \(g(gd))"
        case let .dispatchCleared(id, gd, note): return "cleared \(id)\(hazardOf(id)) \(g(gd))" + (note.isEmpty ? "" : ": \(note)")
        case let .dispatchDeclined(id, gd, reason): return "declined \(id)\(hazardOf(id)) \(g(gd)): \(reason)"
        case let .dispatchWithdrawn(id, reason): return "withdrawn \(id)\(hazardOf(id)) (\(reason))" + by()
        case let .hazardEscalated(id, to, note): return "escalated \(id) to \(to.rawValue)" + by() + (note.isEmpty ? "" : ": \(note)")
        case let .hazardClosed(id, note): return "closed \(id)" + by() + (note.isEmpty ? "" : ": \(note)")
        case let .alarmRaised(kind, hazard, dispatch):
            let who = dispatch.flatMap { s.dispatches[$0] }.map { " \($0.id) \(g($0.guard))" } ?? ""
            return "ALARM \(hazard) \(kind.label)\(who) — \(at(hazard))"
        case let .guardWentOnDuty(gd): return "on duty \(g(gd))"
        case let .guardWentOffDuty(gd): return "off duty \(g(gd))"
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .procedureDefined, .setUpLost, .shiftStarted, .shiftEnded, .checkpointScanned, .bulletinIssued,
             .accountLinked, .accountUnlinked, .districtTimeZoneSet, .hazardNoteAdded,
             .rectifyBaselineSet, .safetyDrillHeld:
            return RecordText.describe(r, in: s)
        }
    }
}

/// A place in a tower as people say it: the floor once (`B1 地下车库`, not `B1 B1 地下车库`).
public enum Place {
    /// `tower floor zone`, leaving the floor out when the zone or name already starts with it.
    public static func text(tower: String, floor: String, zone: String) -> String {
        if floor.isEmpty { return "\(tower) \(zone)" }
        let z = zone.trimmingSpaces
        if z.hasPrefix(floor) && (z.count == floor.count || startsWithFloorMark(z, after: floor)) { return "\(tower) \(z)" }
        return "\(tower) \(floor) \(zone)"
    }

    /// True when `text` goes on after `floor` with a floor mark or a space (`9F`, `B1 地下车库`, `3楼`), not another digit (`12` after `1`).
    static func startsWithFloorMark(_ text: String, after floor: String) -> Bool {
        let rest = text.dropFirst(floor.count)
        guard let c = rest.first else { return true }
        return c == " " || c == "F" || c == "f" || c == "楼" || c == "层" || !c.isNumber
    }
}
