import TowerwatchCore
import TowerwatchLog

/// The demo district: the 27 towers, 324 tenants and 240 guards of DOMAIN.md,
/// as the set-up commands the system would issue.
///
/// The district is the same on every machine: its names come from fixed
/// tables and a fixed seed. It is written to a log like any other history, so
/// everything the console shows comes from the log.
public enum DemoDistrict {
    // MARK: - Figures

    public static let companyCount = 11
    public static let towerCount = 27
    public static let tenantCount = 324
    public static let teamCount = 24
    public static let guardCount = 240
    public static let officerCount = 4

    /// 中福广场, the tower of the report's renovation-waste story.
    public static let zhongfuPlaza: TowerID = "T01"
    /// 福田银座.
    public static let futianYinzuo: TowerID = "T02"
    /// The newly arrived restaurant in 中福广场 (the last tenant to move in).
    public static let newRestaurant: TenantID = TenantID("TN-" + pad(tenantCount, 3))

    /// Every set-up command, in the order the system issues them: companies, towers
    /// with their checkpoints, tenants, teams, guards, captains, officers, procedures.
    public static let commands: [Command] = build()

    /// True when the demo district is already in `state` (its first tower is registered).
    public static func isWritten(in state: DistrictState) -> Bool {
        state.towers[zhongfuPlaza] != nil && state.guards[GuardID("G-001")] != nil
    }

    // MARK: - Writing

    /// Why the demo could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public var command: Command
        public var rejection: Rejection
        public var description: String { "the demo district could not be set up: \(rejection.reason)" }
    }

    /// Writes the district to `log`, all at `time`, through `decide` like any command.
    ///
    /// The commands are decided against the log's latest state under the write
    /// lock and appended in one batch, so a crash leaves all of the set-up or none
    /// of it (the store cuts a torn tail). Throws `WriteError` if any command is
    /// rejected (a log that already holds some of these towers), and nothing is written.
    /// Returns the number of events appended.
    @discardableResult
    public static func write(to log: DistrictLog, at time: Timestamp) throws -> Int {
        try log.record { recorder in
            var count = 0
            for command in commands {
                switch try recorder.record(command, at: time) {
                case .failure(let rejection): throw WriteError(command: command, rejection: rejection)
                case .success(let records): count += records.count
                }
            }
            return count
        }
    }

    // MARK: - Building

    /// The district's own seed: the names never change with the simulator's seed.
    static let seed: UInt64 = 0x2025_0001_1B1F

    static func build() -> [Command] {
        var rng = DemoRandom(seed: seed)
        var out: [Command] = []
        func system(_ action: Action) { out.append(Command(.system, action)) }

        // Companies.
        for (i, name) in DemoNames.companies.enumerated() {
            system(.registerCompany(companyID(i), name: name))
        }

        // Towers, each followed by its checkpoints in patrol-route order.
        for (t, spec) in DemoNames.towers.enumerated() {
            let tower = towerID(t)
            system(.registerTower(tower, name: spec.name, englishName: spec.english, company: companyID(spec.company),
                                  floorsAbove: spec.floors, floorsBelow: 2, zones: StandardZone.all))
            for (n, cp) in checkpoints(floors: spec.floors, rng: &rng).enumerated() {
                system(.installCheckpoint(CheckpointID("\(tower.raw)-CP\(pad(n + 1, 2))"), tower: tower,
                                          floor: cp.floor, zone: cp.zone, name: cp.name))
            }
        }

        // Tenants: 12 per tower; 中福广场's twelfth is the newly arrived restaurant, moved in last.
        var tenantNames: Set<String> = [DemoNames.newRestaurant.name]
        var tenantNumber = 0
        for (t, spec) in DemoNames.towers.enumerated() {
            let perTower = tenantCount / towerCount - (t == 0 ? 1 : 0)
            for _ in 0..<perTower {
                tenantNumber += 1
                let kind = weightedKind(&rng)
                var name: String
                repeat { name = tenantName(kind: kind, rng: &rng) } while !tenantNames.insert(name).inserted
                system(.moveInTenant(TenantID("TN-" + pad(tenantNumber, 3)), name: name, tower: towerID(t),
                                     floor: tenantFloor(kind: kind, floors: spec.floors, rng: &rng), kind: kind))
            }
        }
        system(.moveInTenant(newRestaurant, name: DemoNames.newRestaurant.name, tower: zhongfuPlaza,
                             floor: DemoNames.newRestaurant.floor, kind: "restaurant"))

        // Teams, guards and captains. Guards are posted to towers as evenly as
        // 240 over 27 allows (9 or 8 each); a team is ten guards in tower order,
        // so each team covers one or two neighbouring towers.
        for k in 0..<teamCount {
            system(.formTeam(teamID(k), name: "巡防\(DemoNames.numeral(k + 1))队"))
        }
        let homes = guardHomes()
        var guardNames: Set<String> = []
        for g in 0..<guardCount {
            var name: String
            repeat {
                name = rng.pick(DemoNames.surnames) + rng.pick(DemoNames.givenNames)
            } while !guardNames.insert(name).inserted
            let isCaptain = g % 10 == 0
            let courses = isCaptain ? DemoNames.training.count : rng.int(6...DemoNames.training.count)
            system(.enrollGuard(guardID(g), name: name, team: teamID(g / 10), homeTower: towerID(homes[g]),
                                training: Array(DemoNames.training.prefix(courses))))
        }
        for k in 0..<teamCount {
            system(.appointCaptain(team: teamID(k), guard: guardID(k * 10)))
        }

        // Duty officers and the emergency manual.
        for (i, name) in DemoNames.officers.enumerated() {
            system(.enrollOfficer(OfficerID("O-" + pad(i + 1, 2)), name: name))
        }
        for category in HazardCategory.allCases {
            system(.defineProcedure(category, steps: DemoProcedures.steps(for: category)))
        }
        return out
    }

    static func companyID(_ i: Int) -> CompanyID { CompanyID("PC-" + pad(i + 1, 2)) }
    static func towerID(_ i: Int) -> TowerID { TowerID("T" + pad(i + 1, 2)) }
    static func teamID(_ i: Int) -> TeamID { TeamID("TM-" + pad(i + 1, 2)) }
    static func guardID(_ i: Int) -> GuardID { GuardID("G-" + pad(i + 1, 3)) }

    /// The home tower index of each guard: towers in order, 9 guards each for the
    /// first 24 towers and 8 for the last 3.
    static func guardHomes() -> [Int] {
        var homes: [Int] = []
        let base = guardCount / towerCount, extra = guardCount % towerCount
        for t in 0..<towerCount {
            homes += Array(repeating: t, count: base + (t < extra ? 1 : 0))
        }
        return homes
    }

    /// 8 to 12 checkpoints covering ground, floors and garage, in the order a guard walks them:
    /// lobby, e-bike zone, escape routes up the tower, loading dock, then down to B1 and B2.
    static func checkpoints(floors: Int, rng: inout DemoRandom) -> [(floor: String, zone: String, name: String)] {
        var list: [(floor: String, zone: String, name: String)] = [
            ("1", StandardZone.lobby, "大堂 Lobby"),
            ("1", StandardZone.eBikeZone, "电动车停放区 E-bike zone"),
        ]
        let stairs = rng.int(3...7)
        var used: Set<Int> = []
        for i in 1...stairs {
            let floor = max(2, min(floors, (floors * i + stairs / 2) / (stairs + 1) + 1))
            guard used.insert(floor).inserted else { continue }
            list.append(("\(floor)", StandardZone.escapeRoute, "\(floor)F 消防通道 Escape route"))
        }
        list.append(("1", StandardZone.loadingDock, "卸货区 Loading dock"))
        list.append(("B1", StandardZone.garage, "B1 地下车库 Garage"))
        list.append(("B2", StandardZone.garage, "B2 地下车库 Garage"))
        return list
    }

    static func weightedKind(_ rng: inout DemoRandom) -> String {
        let total = DemoNames.tenantKinds.reduce(0) { $0 + $1.weight }
        var roll = rng.int(0...(total - 1))
        for (kind, weight) in DemoNames.tenantKinds {
            if roll < weight { return kind }
            roll -= weight
        }
        return "office"
    }

    static func tenantName(kind: String, rng: inout DemoRandom) -> String {
        let brand = rng.pick(DemoNames.brandWords)
        if kind == "office" {
            return rng.pick(DemoNames.placePrefixes) + brand + rng.pick(DemoNames.officeTrades)
        }
        return brand + rng.pick(DemoNames.tradesByKind[kind] ?? ["商行"])
    }

    static func tenantFloor(kind: String, floors: Int, rng: inout DemoRandom) -> String {
        let level: Int
        switch kind {
        case "restaurant": level = rng.int(1...3)
        case "retail", "bank": level = rng.int(1...2)
        case "clinic", "gym": level = rng.int(2...6)
        case "education": level = rng.int(3...10)
        case "hotel": level = rng.int(max(3, floors - 8)...floors)
        default: level = rng.int(3...floors)
        }
        return "\(min(level, floors))"
    }
}

/// `7` padded to `007`.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
