/// Checks a command against the district and returns the events it causes,
/// or a rejection whose reason a person understands. Pure: `now` is passed in.
///
/// Every rule of the domain that a person can break lives here: references
/// must exist, only the right people may act, and a dispatch moves through its
/// steps in order. The log writer calls this under its lock, after catching up
/// with what other processes appended, so a rule that no longer holds is
/// rejected and nothing is written.
public func decide(_ state: DistrictState, _ command: Command, now: Timestamp, policy: Policy = .standard) -> Result<[Event], Rejection> {
    do {
        return .success(try Decider(state: state, actor: command.actor, now: now, policy: policy).events(for: command.action))
    } catch let rejection as Rejection {
        return .failure(rejection)
    } catch {
        return .failure(Rejection("\(error)"))
    }
}

/// The rules, one method per concern. Throws `Rejection`.
struct Decider {
    let state: DistrictState
    let actor: Actor
    var now: Timestamp = Timestamp(millis: 0)
    var policy: Policy = .standard

    func events(for action: Action) throws -> [Event] {
        try requireKnownActor()
        switch action {
        // MARK: Set-up
        case let .registerCompany(id, name):
            try requireSystem("register a property company")
            try requireText(id.raw, "company id"); try requireText(name, "company name")
            return [.companyRegistered(company: id, name: name)]
        case let .registerTower(id, name, english, company, above, below, zones):
            try requireSystem("register a tower")
            try requireText(id.raw, "tower id"); try requireText(name, "tower name")
            guard state.companies[company] != nil else { throw Rejection("unknown property company \(company)") }
            guard (1...200).contains(above), (0...20).contains(below) else {
                throw Rejection("a tower needs 1 to 200 floors above ground and 0 to 20 below (got \(above) and \(below))")
            }
            return [.towerRegistered(tower: id, name: name, englishName: english, company: company, floorsAbove: above, floorsBelow: below, zones: zones)]
        case let .installCheckpoint(id, tower, floor, zone, name):
            try requireSystem("install a checkpoint")
            try requireText(id.raw, "checkpoint id")
            try requireLocation(tower, floor, zone)
            guard state.checkpoints[id] == nil else { throw Rejection("checkpoint \(id) already exists") }
            return [.checkpointInstalled(checkpoint: id, tower: tower, floor: floor, zone: zone, name: name)]
        case let .moveInTenant(id, name, tower, floor, kind):
            try requireSystem("register a tenant")
            try requireText(name, "tenant name")
            let t = try requireTower(tower)
            guard t.hasFloor(floor) else { throw Rejection("\(t.name) has no floor \(floor)") }
            return [.tenantMovedIn(tenant: id, name: name, tower: tower, floor: floor, kind: kind)]
        case let .formTeam(id, name):
            try requireSystem("form a team")
            try requireText(id.raw, "team id")
            return [.teamFormed(team: id, name: name)]
        case let .enrollGuard(id, name, team, home, training):
            try requireSystem("enrol a guard")
            try requireText(id.raw, "guard id"); try requireText(name, "guard name")
            guard state.teams[team] != nil else { throw Rejection("unknown team \(team)") }
            _ = try requireTower(home)
            return [.guardEnrolled(guard: id, name: name, team: team, homeTower: home, training: training)]
        case let .appointCaptain(team, g):
            try requireSystem("appoint a captain")
            guard let t = state.teams[team] else { throw Rejection("unknown team \(team)") }
            let gd = try requireGuard(g)
            guard gd.team == team else { throw Rejection("\(g) \(gd.name) is not in team \(t.name)") }
            return [.captainAppointed(team: team, guard: g)]
        case let .enrollOfficer(id, name):
            try requireSystem("enrol an officer")
            try requireText(id.raw, "officer id"); try requireText(name, "officer name")
            return [.officerEnrolled(officer: id, name: name)]
        case let .defineProcedure(category, steps):
            try requireSystem("define an emergency procedure")
            guard !steps.isEmpty else { throw Rejection("a procedure needs at least one step") }
            return [.procedureDefined(category: category, steps: steps)]

        // MARK: Shifts and patrol
        case let .startShift(id, name):
            try requireOfficerOrSystem("start a shift")
            guard state.shifts[id] == nil else { throw Rejection("shift \(id) has already started") }
            return [.shiftStarted(shift: id, name: name)]
        case let .endShift(id):
            try requireOfficerOrSystem("end a shift")
            guard let s = state.shifts[id] else { throw Rejection("unknown shift \(id)") }
            guard s.endedAt == nil else { throw Rejection("shift \(id) has already ended") }
            return [.shiftEnded(shift: id)]
        case let .goOnDuty(g):
            let gd = try requireGuard(g)
            try requireSelfOrOfficer(g, "put \(g) on duty")
            guard !gd.onDuty else { throw Rejection("\(g) \(gd.name) is already on duty") }
            return [.guardWentOnDuty(guard: g)]
        case let .goOffDuty(g):
            let gd = try requireGuard(g)
            try requireSelfOrOfficer(g, "take \(g) off duty")
            guard gd.onDuty else { throw Rejection("\(g) \(gd.name) is already off duty") }
            if let d = gd.openDispatch { throw Rejection("\(g) \(gd.name) still holds dispatch \(d); clear, decline or reassign it first") }
            return [.guardWentOffDuty(guard: g)]
        case let .scan(g, cp):
            let gd = try requireGuard(g)
            switch actor {
            case .guard(let who) where who == g: break
            case .feed: break
            default: throw Rejection("only \(g) or a patrol scanner can scan for \(g)")
            }
            guard state.checkpoints[cp] != nil else { throw Rejection("unknown checkpoint \(cp)") }
            guard gd.onDuty else { throw Rejection("\(g) \(gd.name) is off duty; go on duty before scanning") }
            return [.checkpointScanned(guard: g, checkpoint: cp)]

        // MARK: Hazards
        case let .reportHazard(r):
            try requireLocation(r.tower, r.floor, r.zone)
            if let tenant = r.tenant {
                guard let t = state.tenants[tenant] else { throw Rejection("unknown tenant \(tenant)") }
                guard t.tower == r.tower else { throw Rejection("tenant \(t.name) is not in tower \(r.tower)") }
            }
            if case .guard(let g) = actor, let gd = state.guards[g], !gd.onDuty {
                throw Rejection("\(g) \(gd.name) is off duty; only guards on duty report hazards")
            }
            let id = nextHazardID()
            return [.hazardReported(hazard: id, category: r.category, source: r.source, tower: r.tower, floor: r.floor,
                                    zone: r.zone, severity: r.severity, tenant: r.tenant, note: r.note)]
        case let .dispatch(hz, g):
            try requireOfficer("dispatch a guard")
            let h = try requireOpenHazard(hz, "take a new dispatch")
            try requireDispatchable(g)
            if h.dispatches.contains(where: { state.dispatches[$0]?.guard == g && state.dispatches[$0]?.isOpen == true }) {
                throw Rejection("\(g) is already dispatched to \(hz)")
            }
            return [.guardDispatched(dispatch: nextDispatchID(0), hazard: hz, guard: g)]
        case let .acknowledge(id, channel):
            let d = try requireDispatch(id)
            if channel == .console {
                try requireAssignedGuard(d, "acknowledge")
            } else {
                guard case .officer = actor else {
                    throw Rejection("only an officer records an acknowledgement received by \(channel.rawValue)")
                }
            }
            guard d.phase == .assigned else { throw Rejection(stepOrder(d, "acknowledged")) }
            return [.dispatchAcknowledged(dispatch: id, guard: d.guard, channel: channel)]
        case let .arrive(id):
            let d = try requireDispatch(id)
            try requireAssignedGuard(d, "report arrival on")
            guard d.phase == .acknowledged else { throw Rejection(stepOrder(d, "arrived")) }
            return [.guardArrivedOnScene(dispatch: id, guard: d.guard)]
        case let .clear(id, note):
            let d = try requireDispatch(id)
            try requireAssignedGuard(d, "clear")
            guard d.phase == .onScene else { throw Rejection(stepOrder(d, "cleared")) }
            return [.dispatchCleared(dispatch: id, guard: d.guard, note: note)]
        case let .decline(id, reason):
            let d = try requireDispatch(id)
            try requireAssignedGuard(d, "decline")
            try requireText(reason, "reason for declining")
            guard d.phase == .assigned || d.phase == .acknowledged else { throw Rejection(stepOrder(d, "declined")) }
            return [.dispatchDeclined(dispatch: id, guard: d.guard, reason: reason)]
        case let .reassign(id, to):
            try requireOfficer("reassign a dispatch")
            let d = try requireDispatch(id)
            guard d.isOpen else { throw Rejection("dispatch \(id) is \(d.phase.label); only an open dispatch can be reassigned") }
            guard to != d.guard else { throw Rejection("dispatch \(id) is already assigned to \(to)") }
            _ = try requireOpenHazard(d.hazard, "take a new dispatch")
            try requireDispatchable(to)
            return [.dispatchWithdrawn(dispatch: id, reason: "reassigned to \(to)"),
                    .guardDispatched(dispatch: nextDispatchID(0), hazard: d.hazard, guard: to)]
        case let .withdraw(id, reason):
            try requireOfficer("withdraw a dispatch")
            let d = try requireDispatch(id)
            guard d.isOpen else { throw Rejection("dispatch \(id) is \(d.phase.label); only an open dispatch can be withdrawn") }
            return [.dispatchWithdrawn(dispatch: id, reason: reason)]
        case let .escalate(hz, target, note):
            try requireOfficer("escalate a hazard")
            _ = try requireOpenHazard(hz, "be escalated")
            return [.hazardEscalated(hazard: hz, to: target, note: note)]
        case let .close(hz, note):
            try requireOfficer("close a hazard")
            let h = try requireOpenHazard(hz, "be closed again")
            // Closing ends whatever is still under way, in the same append.
            let open = h.dispatches.filter { state.dispatches[$0]?.isOpen == true }
            return open.map { .dispatchWithdrawn(dispatch: $0, reason: "hazard closed") } + [.hazardClosed(hazard: hz, note: note)]

        // MARK: The system's own
        case let .raiseAlarm(kind, hz, dispatch):
            try requireSystem("raise an alarm")
            let h = try requireOpenHazard(hz, "raise an alarm")
            guard !h.alarms.contains(where: { $0.kind == kind && $0.dispatch == dispatch }) else {
                throw Rejection("alarm \(kind.rawValue) for \(dispatch?.raw ?? hz.raw) was already raised")
            }
            let due = dueAlarms(state, now: now, policy: policy)
            guard due.contains(where: { $0.kind == kind && $0.hazard == hz && $0.dispatch == dispatch }) else {
                throw Rejection("alarm \(kind.rawValue) for \(dispatch?.raw ?? hz.raw) is not due at \(now.iso8601)")
            }
            return [.alarmRaised(kind: kind, hazard: hz, dispatch: dispatch)]

        // MARK: Alliance
        case let .issueBulletin(from, text, tower):
            if case .guard = actor { throw Rejection("guards read bulletins; officers and alliance feeds issue them") }
            try requireText(text, "bulletin text")
            if let tower { _ = try requireTower(tower) }
            return [.bulletinIssued(bulletin: BulletinID("B-" + zeroPadded(state.bulletinCount + 1, 5)), from: from, text: text, tower: tower)]
        }
    }

    // MARK: - Identity and permission

    func requireKnownActor() throws {
        switch actor {
        case .officer(let id):
            guard state.officers[id] != nil else { throw Rejection("unknown officer \(id): not enrolled in this district") }
        case .guard(let id):
            guard state.guards[id] != nil else { throw Rejection("unknown guard \(id): not enrolled in this district") }
        case .feed(let name):
            guard !name.isEmpty else { throw Rejection("a feed needs a name") }
        case .system:
            break
        }
    }

    func requireSystem(_ what: String) throws {
        guard actor == .system else { throw Rejection("only the system can \(what) (asked by \(actor))") }
    }

    func requireOfficer(_ what: String) throws {
        guard case .officer = actor else { throw Rejection("only an officer can \(what) (asked by \(actor))") }
    }

    func requireOfficerOrSystem(_ what: String) throws {
        switch actor {
        case .officer, .system: return
        default: throw Rejection("only an officer can \(what) (asked by \(actor))")
        }
    }

    func requireSelfOrOfficer(_ g: GuardID, _ what: String) throws {
        switch actor {
        case .officer, .system: return
        case .guard(let who) where who == g: return
        default: throw Rejection("only \(g) or an officer can \(what) (asked by \(actor))")
        }
    }

    func requireAssignedGuard(_ d: Dispatch, _ what: String) throws {
        guard case .guard(let who) = actor else {
            throw Rejection("only the assigned guard \(d.guard) can \(what) dispatch \(d.id) (asked by \(actor))")
        }
        guard who == d.guard else { throw Rejection("dispatch \(d.id) is assigned to \(d.guard), not \(who)") }
    }

    // MARK: - References

    func requireText(_ s: String, _ what: String) throws {
        guard s.contains(where: { !$0.isWhitespace }) else { throw Rejection("\(what) must not be empty") }
    }

    func requireTower(_ id: TowerID) throws -> Tower {
        guard let t = state.towers[id] else { throw Rejection("unknown tower \(id)") }
        return t
    }

    func requireLocation(_ tower: TowerID, _ floor: String, _ zone: String) throws {
        let t = try requireTower(tower)
        guard t.hasFloor(floor) else {
            let below = t.floorsBelow > 0 ? "B\(t.floorsBelow)..B1 and " : ""
            throw Rejection("\(t.name) (\(tower)) has no floor \(floor); floors are \(below)1..\(t.floorsAbove)")
        }
        guard t.zones.contains(zone) else {
            throw Rejection("\(t.name) (\(tower)) has no zone \(zone); zones are \(t.zones.joined(separator: ", "))")
        }
    }

    func requireGuard(_ id: GuardID) throws -> Guard {
        guard let g = state.guards[id] else { throw Rejection("unknown guard \(id)") }
        return g
    }

    func requireDispatch(_ id: DispatchID) throws -> Dispatch {
        guard let d = state.dispatches[id] else { throw Rejection("unknown dispatch \(id)") }
        return d
    }

    func requireOpenHazard(_ id: HazardID, _ what: String) throws -> Hazard {
        guard let h = state.hazards[id] else {
            if let n = Int(id.raw.dropFirst(2)), id.raw.hasPrefix("H-"), n <= state.hazardCount {
                throw Rejection("hazard \(id) was closed more than a day ago and cannot \(what)")
            }
            throw Rejection("unknown hazard \(id)")
        }
        guard h.isOpen else { throw Rejection("hazard \(id) is closed and cannot \(what)") }
        return h
    }

    func requireDispatchable(_ g: GuardID) throws {
        let gd = try requireGuard(g)
        guard gd.onDuty else { throw Rejection("\(g) \(gd.name) is off duty and cannot be dispatched") }
        if let d = gd.openDispatch {
            throw Rejection("\(g) \(gd.name) already holds open dispatch \(d); a guard holds one dispatch at a time")
        }
    }

    /// The next hazard id by count, skipping any already in use: a repaired log
    /// (a report removed, later ones kept) holds ids beyond the count.
    func nextHazardID() -> HazardID {
        var n = max(state.hazardCount, state.highestHazardNumber) + 1
        while state.hazards[HazardID("H-" + zeroPadded(n, 6))] != nil { n += 1 }
        return HazardID("H-" + zeroPadded(n, 6))
    }

    /// The next dispatch id by count, skipping any already in use (see `nextHazardID`).
    func nextDispatchID(_ offset: Int) -> DispatchID {
        var n = max(state.dispatchCount, state.highestDispatchNumber) + 1 + offset
        while state.dispatches[DispatchID("D-" + zeroPadded(n, 6))] != nil { n += 1 }
        return DispatchID("D-" + zeroPadded(n, 6))
    }

    /// Why a lifecycle step is out of order, naming where the dispatch stands.
    func stepOrder(_ d: Dispatch, _ step: String) -> String {
        switch (d.phase, step) {
        case (.assigned, "arrived"): return "dispatch \(d.id) has not been acknowledged yet; acknowledge before reporting arrival"
        case (.assigned, "cleared"), (.acknowledged, "cleared"): return "dispatch \(d.id) is not on scene yet; report arrival before clearing"
        case (.cleared, _): return "dispatch \(d.id) was already cleared"
        case (.declined, _): return "dispatch \(d.id) was declined"
        case (.withdrawn, _): return "dispatch \(d.id) was withdrawn"
        default: return "dispatch \(d.id) is already \(d.phase.label) and cannot be \(step)"
        }
    }
}

/// `7` padded to `000007`.
func zeroPadded(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
