// MARK: - Set-up and roster: companies, towers, checkpoints, tenants, teams, guards, officers, procedures

extension DistrictState {
    @inline(__always)
    mutating func foldCompanyRegistered(_ company: CompanyID, name: String) -> String? {
        companies[company] = PropertyCompany(id: company, name: name)
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
        return nil
    }

    @inline(__always)
    mutating func foldCheckpointInstalled(_ checkpoint: CheckpointID, tower: TowerID, floor: String, zone: String, name: String) -> String? {
        guard towers[tower] != nil else { return "unknown tower \(tower)" }
        if checkpoints[checkpoint] == nil { towers[tower]!.checkpoints.append(checkpoint) }
        checkpoints[checkpoint] = Checkpoint(id: checkpoint, tower: tower, floor: floor, zone: zone, name: name)
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
