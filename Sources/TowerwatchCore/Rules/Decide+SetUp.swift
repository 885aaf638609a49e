// MARK: - Set-up and roster: only the system registers the district and its people

extension Decider {
    func registerCompany(_ id: CompanyID, name: String) throws -> [Event] {
        try requireSystemOrReplacing(.company, id.raw, "register a property company")
        try requireText(id.raw, "company id"); try requireText(name, "company name")
        return [.companyRegistered(company: id, name: name)]
    }

    func registerTower(_ id: TowerID, name: String, englishName: String, company: CompanyID,
                       floorsAbove: Int, floorsBelow: Int, zones: [String]) throws -> [Event] {
        try requireSystemOrReplacing(.tower, id.raw, "register a tower")
        try requireText(id.raw, "tower id"); try requireText(name, "tower name")
        guard state.companies[company] != nil else { throw Rejection("unknown property company \(company)") }
        guard (1...200).contains(floorsAbove), (0...20).contains(floorsBelow) else {
            throw Rejection("a tower needs 1 to 200 floors above ground and 0 to 20 below (got \(floorsAbove) and \(floorsBelow))")
        }
        return [.towerRegistered(tower: id, name: name, englishName: englishName, company: company,
                                 floorsAbove: floorsAbove, floorsBelow: floorsBelow, zones: zones)]
    }

    func installCheckpoint(_ id: CheckpointID, tower: TowerID, floor: String, zone: String, name: String) throws -> [Event] {
        try requireSystemOrReplacing(.checkpoint, id.raw, "install a checkpoint")
        try requireText(id.raw, "checkpoint id")
        try requireLocation(tower, floor, zone)
        guard state.checkpoints[id] == nil || state.isLostInRepair(.checkpoint, id.raw) else { throw Rejection("checkpoint \(id) already exists") }
        return [.checkpointInstalled(checkpoint: id, tower: tower, floor: floor, zone: zone, name: name)]
    }

    func moveInTenant(_ id: TenantID, name: String, tower: TowerID, floor: String, kind: String) throws -> [Event] {
        try requireSystem("register a tenant")
        try requireText(name, "tenant name")
        let building = try requireTower(tower)
        guard building.hasFloor(floor) else { throw Rejection("\(building.name) has no floor \(floor)") }
        return [.tenantMovedIn(tenant: id, name: name, tower: tower, floor: floor, kind: kind)]
    }

    func formTeam(_ id: TeamID, name: String) throws -> [Event] {
        try requireSystemOrReplacing(.team, id.raw, "form a team")
        try requireText(id.raw, "team id")
        return [.teamFormed(team: id, name: name)]
    }

    func enrollGuard(_ id: GuardID, name: String, team: TeamID, homeTower: TowerID, training: [String], account: String?) throws -> [Event] {
        try requireSystemOrReplacing(.guard, id.raw, "enrol a guard")
        try requireText(id.raw, "guard id"); try requireText(name, "guard name")
        guard state.teams[team] != nil else { throw Rejection("unknown team \(team)") }
        _ = try requireTower(homeTower)
        if let account { try requireFreeAccount(account, for: .guard(id)) }
        return [.guardEnrolled(guard: id, name: name, team: team, homeTower: homeTower, training: training, account: account)]
    }

    /// A captain comes from the team's own members.
    func appointCaptain(_ guardID: GuardID, of team: TeamID) throws -> [Event] {
        try requireSystem("appoint a captain")
        guard let formed = state.teams[team] else { throw Rejection("unknown team \(team)") }
        let enrolled = try requireGuard(guardID)
        guard enrolled.team == team else { throw Rejection("\(guardID) \(enrolled.name) is not in team \(formed.name)") }
        return [.captainAppointed(team: team, guard: guardID)]
    }

    func enrollOfficer(_ id: OfficerID, name: String, account: String?) throws -> [Event] {
        try requireSystem("enrol an officer")
        try requireText(id.raw, "officer id"); try requireText(name, "officer name")
        if let account { try requireFreeAccount(account, for: .officer(id)) }
        return [.officerEnrolled(officer: id, name: name, account: account)]
    }

    func defineProcedure(_ category: HazardCategory, steps: [String]) throws -> [Event] {
        try requireSystem("define an emergency procedure")
        guard !steps.isEmpty else { throw Rejection("a procedure needs at least one step") }
        return [.procedureDefined(category: category, steps: steps)]
    }
}
