/// Events told as short sentences, for the feed and the command line.
public enum RecordText {
    /// `08:15:02 +08:00 G-017 王伟 acknowledged D-000031 (radio, recorded by O-01)`, in the district's local time.
    public static func sentence(_ r: EventRecord, in s: DistrictState, time: LocalTimeText) -> String {
        time.clockWithZone(r.time) + " " + (r.drill ? "[drill] " : "") + describe(r, in: s)
    }

    public static func describe(_ r: EventRecord, in s: DistrictState) -> String {
        func g(_ id: GuardID) -> String { s.guards[id].map { "\(id) \($0.name)" } ?? id.raw }
        func t(_ id: TowerID) -> String { s.towers[id]?.name ?? id.raw }
        func hz(_ id: HazardID) -> String {
            guard let h = s.hazards[id] else { return id.raw }
            return "\(id) \(h.category.label) at \(t(h.tower)) \(Tower.floorLabel(h.floor))"
        }
        func by() -> String {
            switch r.actor {
            case .officer(let o): return " by \(o)"
            case .system: return " by the system"
            case .feed(let f): return " by \(f)"
            case .guard: return ""
            }
        }
        switch r.event {
        case let .companyRegistered(id, name): return "property company \(id) \(name) registered"
        case let .towerRegistered(id, name, en, _, above, below, _): return "tower \(id) \(name) (\(en)) registered, \(above) floors, \(below) below ground"
        case let .checkpointInstalled(id, tower, floor, zone, _): return "checkpoint \(id) installed at \(t(tower)) \(floor) \(zone)"
        case let .tenantMovedIn(_, name, tower, floor, _): return "\(name) moved into \(t(tower)) floor \(floor)"
        case let .teamFormed(id, name): return "team \(id) \(name) formed"
        case let .guardEnrolled(id, name, team, home, _, account):
            return "guard \(id) \(name) joined team \(team) at \(t(home))" + (account.map { " (account \($0))" } ?? "")
        case let .captainAppointed(team, gd): return "\(g(gd)) appointed captain of \(team)"
        case let .officerEnrolled(id, name, account): return "officer \(id) \(name) enrolled" + (account.map { " (account \($0))" } ?? "")
        case let .accountLinked(account, actor): return "account \(account) now acts as \(actor)" + by()
        case let .accountUnlinked(account): return "account \(account) unlinked" + by()
        case let .procedureDefined(category, steps): return "procedure for \(category.label): \(steps.count) steps"
        case let .setUpLost(kind, id): return LostSetUp(kind, id).description
        case let .districtTimeZoneSet(zone): return "district clocks set to \(zone)" + by()
        case let .shiftStarted(id, name): return "shift \(id) \(name) started" + by()
        case let .shiftEnded(id): return "shift \(id) ended" + by()
        case let .guardWentOnDuty(gd): return "\(g(gd)) went on duty"
        case let .guardWentOffDuty(gd): return "\(g(gd)) went off duty"
        case let .checkpointScanned(gd, cp):
            let where_ = s.checkpoints[cp].map { "\(t($0.tower)) \($0.floor) \($0.name)" } ?? cp.raw
            return "\(g(gd)) scanned \(where_)"
        case let .hazardReported(id, category, source, tower, floor, zone, severity, _, note):
            return "\(id) \(category.label) reported at \(t(tower)) \(floor) \(zone) (\(severity.name), \(source.label))" + (note.isEmpty ? "" : ": \(note)")
        case let .guardDispatched(id, hazard, gd): return "\(g(gd)) dispatched to \(hz(hazard)) as \(id)" + by()
        case let .dispatchAcknowledged(id, gd, channel):
            return "\(g(gd)) acknowledged \(id)" + (channel == .console ? "" : " (\(channel.rawValue), recorded\(by()))")
        case let .guardArrivedOnScene(id, gd): return "\(g(gd)) on scene for \(id)"
        case let .dispatchCleared(id, gd, note): return "\(g(gd)) cleared \(id)" + (note.isEmpty ? "" : ": \(note)")
        case let .dispatchDeclined(id, gd, reason): return "\(g(gd)) declined \(id): \(reason)"
        case let .dispatchWithdrawn(id, reason): return "\(id) withdrawn (\(reason))" + by()
        case let .hazardEscalated(id, to, note): return "\(hz(id)) escalated to \(to.rawValue)" + by() + (note.isEmpty ? "" : ": \(note)")
        case let .hazardClosed(id, note): return "\(hz(id)) closed" + by() + (note.isEmpty ? "" : ": \(note)")
        case let .hazardNoteAdded(id, note): return "\(id) note by \(author(r.actor)): \(note)"
        case let .hazardReportJoined(id, _, source, _, _, _, _, tenant, note):
            let resident = tenant.map { ", tenant \(s.tenants[$0]?.name ?? $0.raw)" } ?? ""
            return "\(id) reported again by \(author(r.actor)) (\(source.label)\(resident)): joined" + (note.isEmpty ? "" : ": \(note)")
        case let .hazardReportSplit(id, from, report):
            return "\(id) split from \(from) (its report \(report))" + by()
        case let .bulletinIssued(_, from, text, tower): return "bulletin from \(from)" + (tower.map { " for \(t($0))" } ?? "") + ": \(text)"
        case let .rectifyBaselineSet(category, minutes):
            return "baseline for \(category.label): rectified in \(Span.minutes(Int64(minutes)).compact) before the programme" + by()
        case let .safetyDrillHeld(tower, scenario): return "safety drill held at \(t(tower)): \(scenario)" + by()
        case let .alarmRaised(kind, hazard, dispatch):
            let who = dispatch.flatMap { s.dispatches[$0] }.map { " (\($0.id), \(g($0.guard)))" } ?? ""
            return "ALARM \(hz(hazard)): \(kind.label)\(who)"
        }
    }

    /// Who wrote something, by id alone, as the feed and the detail pane's timeline
    /// name a note's author: `G-017`, `O-01`, a feed's name, `the system`.
    public static func author(_ actor: Actor) -> String {
        switch actor {
        case .officer(let o): return o.raw
        case .guard(let g): return g.raw
        case .feed(let f): return f
        case .system: return "the system"
        }
    }

    /// True for events an officer wants to see in the feed (patrol scans are many and quiet).
    ///
    /// Every event is named here, so a new one must be placed on one side.
    public static func isNotable(_ e: Event) -> Bool {
        switch e {
        case .checkpointScanned, .checkpointInstalled, .tenantMovedIn, .guardEnrolled, .companyRegistered, .towerRegistered, .teamFormed,
             .captainAppointed, .officerEnrolled, .procedureDefined:
            return false
        case .shiftStarted, .shiftEnded, .guardWentOnDuty, .guardWentOffDuty, .hazardReported, .guardDispatched, .dispatchAcknowledged,
             .guardArrivedOnScene, .dispatchCleared, .dispatchDeclined, .dispatchWithdrawn, .hazardEscalated, .hazardClosed,
             .hazardNoteAdded, .bulletinIssued, .alarmRaised, .accountLinked, .accountUnlinked, .districtTimeZoneSet, .setUpLost,
             .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
            return true
        }
    }
}
