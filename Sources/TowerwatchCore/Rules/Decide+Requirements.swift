// MARK: - Checks the rules share: who may act, and what must exist

extension Decider {
    // MARK: Identity and permission

    func requireKnownActor() throws {
        switch actor {
        case .officer(let id):
            guard state.officers[id] != nil else {
                throw Rejection("unknown officer \(id): not enrolled in this district" + DistrictState.suggestion(for: id, in: state.officers))
            }
        case .guard(let id):
            guard state.guards[id] != nil else {
                throw Rejection("unknown guard \(id): not enrolled in this district" + DistrictState.suggestion(for: id, in: state.guards))
            }
        case .feed(let name):
            guard !name.isEmpty else { throw Rejection("a feed needs a name") }
        case .system:
            break
        }
    }

    func requireSystem(_ what: String) throws {
        guard actor == .system else { throw Rejection("only the system can \(what) (asked by \(actor))") }
    }

    /// Set-up is the system's, except that an officer may write again the set-up
    /// record of a placeholder a repair left ("tower T05 — registration lost in repair").
    func requireSystemOrReplacing(_ kind: SetUpKind, _ id: String, _ what: String) throws {
        if case .officer = actor, state.isLostInRepair(kind, id) { return }
        try requireSystem(what)
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

    // MARK: References

    func requireText(_ s: String, _ what: String) throws {
        guard s.contains(where: { !$0.isWhitespace }) else { throw Rejection("\(what) must not be empty") }
    }

    func requireTower(_ id: TowerID) throws -> Tower {
        guard let t = state.towers[id] else { throw Rejection("unknown tower \(id)" + DistrictState.suggestion(for: id, in: state.towers)) }
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
        guard let g = state.guards[id] else { throw Rejection("unknown guard \(id)" + DistrictState.suggestion(for: id, in: state.guards)) }
        return g
    }

    func requireDispatch(_ id: DispatchID) throws -> Dispatch {
        guard let d = state.dispatches[id] else { throw Rejection("unknown dispatch \(id)" + DistrictState.suggestion(for: id, in: state.dispatches)) }
        return d
    }

    func requireOpenHazard(_ id: HazardID, _ what: String) throws -> Hazard {
        guard let h = state.hazards[id] else {
            // Only an id as the district writes them (`H-000012`) can name an archived
            // hazard; `H-00012` is a typo, answered with the nearest ids.
            if let n = Int(id.raw.dropFirst(2)), id.raw == "H-" + zeroPadded(n, 6), n <= state.hazardCount {
                throw Rejection("hazard \(id) was closed more than a day ago and cannot \(what)")
            }
            throw Rejection("unknown hazard \(id)" + DistrictState.suggestion(for: id, in: state.hazards))
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
}
