// MARK: - Set-up and roster: companies, towers, checkpoints, tenants, teams, guards, officers, procedures

extension DistrictState {
    @inline(__always)
    mutating func foldCompanyRegistered(_ company: CompanyID, name: String) -> String? {
        companies[company] = PropertyCompany(id: company, name: name)
        found(.company, company.raw)
        return nil
    }

    /// Registering a tower again renames it and keeps its checkpoints and the day it joined.
    @inline(__always)
    mutating func foldTowerRegistered(_ tower: TowerID, name: String, englishName: String, company: CompanyID,
                                      floorsAbove: Int, floorsBelow: Int, zones: [String], _ record: EventRecord) -> String? {
        guard companies[company] != nil else { return "unknown property company \(company)" }
        if towers[tower] == nil { towerOrder.append(tower) }
        towers[tower] = Tower(id: tower, name: name, englishName: englishName, company: company,
                              floorsAbove: floorsAbove, floorsBelow: floorsBelow, zones: zones,
                              checkpoints: towers[tower]?.checkpoints ?? [])
        towerFigures[tower, default: TowerFigures()].since = towerFigures[tower]?.since ?? record.time
        found(.tower, tower.raw)
        return nil
    }

    @inline(__always)
    mutating func foldCheckpointInstalled(_ checkpoint: CheckpointID, tower: TowerID, floor: String, zone: String, name: String) -> String? {
        guard towers[tower] != nil else { return "unknown tower \(tower)" }
        if checkpoints[checkpoint] == nil || isLostInRepair(.checkpoint, checkpoint.raw) { towers[tower]!.checkpoints.append(checkpoint) }
        checkpoints[checkpoint] = Checkpoint(id: checkpoint, tower: tower, floor: floor, zone: zone, name: name)
        found(.checkpoint, checkpoint.raw)
        return nil
    }

    @inline(__always)
    mutating func foldTenantMovedIn(_ tenant: TenantID, name: String, tower: TowerID, floor: String, kind: String) -> String? {
        guard towers[tower] != nil else { return "unknown tower \(tower)" }
        tenants[tenant] = Tenant(id: tenant, name: name, tower: tower, floor: floor, kind: kind)
        return nil
    }

    /// Forming a team again renames it and keeps its captain and members.
    @inline(__always)
    mutating func foldTeamFormed(_ team: TeamID, name: String) -> String? {
        if teams[team] == nil { teamOrder.append(team) }
        teams[team] = Team(id: team, name: name, captain: teams[team]?.captain, members: teams[team]?.members ?? [])
        found(.team, team.raw)
        return nil
    }

    /// Enrolling a guard again updates the record and moves the guard to the new team's members.
    @inline(__always)
    mutating func foldGuardEnrolled(_ guardID: GuardID, name: String, team: TeamID, homeTower: TowerID, training: [String], account: String?) -> String? {
        guard teams[team] != nil else { return "unknown team \(team)" }
        guard towers[homeTower] != nil else { return "unknown tower \(homeTower)" }
        if let account { accounts[account] = .guard(guardID) }
        if let enrolled = guards[guardID] {
            teams[enrolled.team]?.members.removeAll { $0 == guardID }
            guards[guardID]!.name = name
            guards[guardID]!.team = team
            guards[guardID]!.homeTower = homeTower
            guards[guardID]!.training = training
        } else {
            guardOrder.append(guardID)
            guards[guardID] = Guard(id: guardID, name: name, team: team, homeTower: homeTower, training: training)
        }
        teams[team]!.members.append(guardID)
        found(.guard, guardID.raw)
        return nil
    }

    @inline(__always)
    mutating func foldCaptainAppointed(_ guardID: GuardID, of team: TeamID) -> String? {
        guard teams[team] != nil else { return "unknown team \(team)" }
        guard guards[guardID] != nil else { return "unknown guard \(guardID)" }
        teams[team]!.captain = guardID
        return nil
    }

    @inline(__always)
    mutating func foldOfficerEnrolled(_ officer: OfficerID, name: String, account: String?) -> String? {
        officers[officer] = Officer(id: officer, name: name)
        if let account { accounts[account] = .officer(officer) }
        return nil
    }

    @inline(__always)
    mutating func foldProcedureDefined(_ category: HazardCategory, steps: [String]) -> String? {
        procedures[category] = steps
        return nil
    }
}

// MARK: - Placeholders for set-up records lost in a repair

extension DistrictState {
    /// A placeholder for an entity whose set-up record a repair lost: present (so the
    /// records that name it fold), nameless, counted in no figure, and listed in
    /// `lostInRepair` until its set-up record is written again.
    mutating func foldSetUpLost(_ kind: SetUpKind, _ id: String, _ record: EventRecord) -> String? {
        let lost = LostSetUp(kind, id)
        guard !holds(lost) else { return "\(kind.rawValue) \(id) exists: nothing was lost" }
        switch kind {
        case .company:
            companies[CompanyID(id)] = PropertyCompany(id: CompanyID(id), name: "")
        case .tower:
            let tower = TowerID(id)
            towerOrder.append(tower)
            towers[tower] = Tower(id: tower, name: "", englishName: "", company: CompanyID(""), floorsAbove: 0, floorsBelow: 0, zones: [])
            towerFigures[tower, default: TowerFigures()].since = record.time
        case .checkpoint:
            checkpoints[CheckpointID(id)] = Checkpoint(id: CheckpointID(id), tower: TowerID(""), floor: "", zone: "", name: "")
        case .team:
            teamOrder.append(TeamID(id))
            teams[TeamID(id)] = Team(id: TeamID(id), name: "")
        case .guard:
            guardOrder.append(GuardID(id))
            guards[GuardID(id)] = Guard(id: GuardID(id), name: "", team: TeamID(""), homeTower: TowerID(""), training: [])
        case .shift:
            shifts[ShiftID(id)] = Shift(id: ShiftID(id), name: "", startedAt: record.time)
        case .hazard:
            let hazard = HazardID(id)
            hazards[hazard] = Hazard(id: hazard, category: .parking, source: .patrol, tower: TowerID(""), floor: "", zone: "",
                                     severity: .low, reporter: record.actor, tenant: nil, note: "",
                                     reportedAt: record.time, drill: record.drill)
            openHazards.insert(hazard)
            highestHazardNumber = max(highestHazardNumber, idNumber(hazard.raw))
        }
        lostInRepair.insert(lost)
        return nil
    }

    /// Whether `id` of `kind` is a placeholder a repair left.
    public func isLostInRepair(_ kind: SetUpKind, _ id: String) -> Bool {
        !lostInRepair.isEmpty && lostInRepair.contains(LostSetUp(kind, id))
    }

    /// A set-up record written again for a placeholder ends it.
    @inline(__always)
    mutating func found(_ kind: SetUpKind, _ id: String) {
        if !lostInRepair.isEmpty { lostInRepair.remove(LostSetUp(kind, id)) }
    }
}
