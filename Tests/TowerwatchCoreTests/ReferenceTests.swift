import Testing
import TowerwatchCore

/// Every identifier a command names must exist in the district.
@Suite("Unknown references are rejected")
struct ReferenceTests {
    let onPatrol = given(.onDuty(zhang), .onDuty(li))

    func report(in tower: TowerID = zhongfu, floor: String = "1", zone: String = StandardZone.escapeRoute,
                tenant: TenantID? = nil) -> Action {
        .reportHazard(HazardReport(category: .fireSafety, source: .patrol, tower: tower, floor: floor, zone: zone, tenant: tenant))
    }

    @Test func `a hazard in an unknown tower is rejected`() {
        onPatrol.when(officer, report(in: "T99")).rejected(mentioning: "unknown tower T99")
    }

    @Test(arguments: ["B2", "B1", "1", "2", "30"])
    func `floors that exist, underground included, are accepted`(floor: String) {
        onPatrol.when(officer, report(floor: floor)).then([
            .hazardReported(hazard: h1, category: .fireSafety, source: .patrol, tower: zhongfu, floor: floor,
                            zone: StandardZone.escapeRoute, severity: .high, tenant: nil, note: ""),
        ])
    }

    @Test(arguments: ["B3", "31", "0", "B0", "-1", "", "+3", "3F", "b1"])
    func `floors that do not exist in a tower with two underground levels are rejected`(floor: String) {
        onPatrol.when(officer, report(floor: floor)).rejected(mentioning: "中福广场", "has no floor \(floor)")
    }

    @Test func `a tower without underground levels has no B1`() {
        onPatrol.when(officer, report(in: jinrong, floor: "B1")).rejected(mentioning: "金融大厦", "has no floor B1")
        onPatrol.when(officer, report(in: jinrong, floor: "12")).accepted()
        onPatrol.when(officer, report(in: jinrong, floor: "13")).rejected(mentioning: "has no floor 13")
    }

    @Test func `the floor rejection lists the floors the tower has`() {
        onPatrol.when(officer, report(floor: "B3")).rejected(mentioning: "floors are B2..B1 and 1..30")
        onPatrol.when(officer, report(in: jinrong, floor: "B1")).rejected(mentioning: "floors are 1..12")
    }

    @Test func `an unknown zone is rejected, and so is a standard zone the tower lacks`() {
        onPatrol.when(officer, report(zone: "roof")).rejected(mentioning: "has no zone roof")
        onPatrol.when(officer, report(in: jinrong, zone: StandardZone.garage)).rejected(mentioning: "金融大厦", "has no zone garage")
    }

    @Test func `scanning an unknown checkpoint is rejected`() {
        onPatrol.when(.guard(zhang), .scan(guard: zhang, checkpoint: "CP-NOPE")).rejected(mentioning: "unknown checkpoint CP-NOPE")
    }

    @Test func `installing a checkpoint checks tower, floor and zone`() {
        fixtureDistrict.when(.system, .installCheckpoint("CP-X", tower: "T99", floor: "1", zone: "lobby", name: "x"))
            .rejected(mentioning: "unknown tower T99")
        fixtureDistrict.when(.system, .installCheckpoint("CP-X", tower: zhongfu, floor: "B3", zone: "lobby", name: "x"))
            .rejected(mentioning: "has no floor B3")
        fixtureDistrict.when(.system, .installCheckpoint("CP-X", tower: zhongfu, floor: "B1", zone: "roof", name: "x"))
            .rejected(mentioning: "has no zone roof")
        fixtureDistrict.when(.system, .installCheckpoint(zfLobby, tower: zhongfu, floor: "1", zone: "lobby", name: "x"))
            .rejected(mentioning: "\(zfLobby) already exists")
    }

    @Test func `an unknown guard cannot be dispatched, put on duty, scanned for or made captain`() {
        let state = given(.reported(h1))
        state.when(officer, .dispatch(hazard: h1, guard: "G-999")).rejected(mentioning: "unknown guard G-999")
        state.when(officer, .goOnDuty("G-999")).rejected(mentioning: "unknown guard G-999")
        state.when(officer, .goOffDuty("G-999")).rejected(mentioning: "unknown guard G-999")
        state.when(plateCamera, .scan(guard: "G-999", checkpoint: zfLobby)).rejected(mentioning: "unknown guard G-999")
        state.when(.system, .appointCaptain(team: teamZhongfu, guard: "G-999")).rejected(mentioning: "unknown guard G-999")
    }

    @Test func `a captain must belong to the team`() {
        fixtureDistrict.when(.system, .appointCaptain(team: teamYinzuo, guard: zhang)).rejected(mentioning: "not in team 银座二队")
    }

    @Test func `an unknown hazard cannot be dispatched to, escalated or closed`() {
        onPatrol.when(officer, .dispatch(hazard: "H-000099", guard: zhang)).rejected(mentioning: "unknown hazard H-000099")
        onPatrol.when(officer, .escalate("H-000099", to: .police, note: "")).rejected(mentioning: "unknown hazard H-000099")
        onPatrol.when(officer, .close("H-000099", note: "")).rejected(mentioning: "unknown hazard H-000099")
    }

    @Test(arguments: [
        (Actor.guard(zhang), Action.acknowledge("D-000099", channel: .console)),
        (Actor.officer(zhao), Action.acknowledge("D-000099", channel: .radio)),
        (Actor.guard(zhang), Action.arrive("D-000099")),
        (Actor.guard(zhang), Action.clear("D-000099", note: "ok")),
        (Actor.guard(zhang), Action.decline("D-000099", reason: "busy")),
        (Actor.officer(zhao), Action.reassign("D-000099", to: li)),
        (Actor.officer(zhao), Action.withdraw("D-000099", reason: "x")),
    ])
    func `an unknown dispatch is rejected`(actor: Actor, action: Action) {
        given(.onDuty(zhang), .onDuty(li), .reported(h1), .dispatched(d1, h1, to: zhang))
            .when(actor, action).rejected(mentioning: "unknown dispatch D-000099")
    }

    @Test func `a tenant must exist and be in the hazard's tower`() {
        onPatrol.when(officer, report(tenant: "TN-999")).rejected(mentioning: "unknown tenant TN-999")
        onPatrol.when(officer, report(tenant: lawFirm)).rejected(mentioning: "银座律师事务所", "is not in tower T01")
        onPatrol.when(officer, report(floor: "2", tenant: restaurant)).then([
            .hazardReported(hazard: h1, category: .fireSafety, source: .patrol, tower: zhongfu, floor: "2",
                            zone: StandardZone.escapeRoute, severity: .high, tenant: restaurant, note: ""),
        ])
    }

    @Test func `a tenant moves into a known tower on a floor it has`() {
        fixtureDistrict.when(.system, .moveInTenant("TN-9", name: "奶茶店", tower: "T99", floor: "1", kind: "shop"))
            .rejected(mentioning: "unknown tower T99")
        fixtureDistrict.when(.system, .moveInTenant("TN-9", name: "奶茶店", tower: yinzuo, floor: "21", kind: "shop"))
            .rejected(mentioning: "福田银座 has no floor 21")
    }

    @Test func `an unknown team is rejected`() {
        fixtureDistrict.when(.system, .enrollGuard("G-100", name: "新人", team: "TM-99", homeTower: zhongfu, training: []))
            .rejected(mentioning: "unknown team TM-99")
        fixtureDistrict.when(.system, .appointCaptain(team: "TM-99", guard: zhang)).rejected(mentioning: "unknown team TM-99")
    }

    @Test func `a guard's home tower must exist`() {
        fixtureDistrict.when(.system, .enrollGuard("G-100", name: "新人", team: teamZhongfu, homeTower: "T99", training: []))
            .rejected(mentioning: "unknown tower T99")
    }

    @Test func `an unknown property company is rejected`() {
        fixtureDistrict.when(.system, .registerTower("T04", name: "福华大厦", englishName: "Fuhua Tower", company: "PC-99",
                                                     floorsAbove: 20, floorsBelow: 1, zones: StandardZone.all))
            .rejected(mentioning: "unknown property company PC-99")
    }

    @Test func `an unknown tower is rejected in a bulletin`() {
        fixtureDistrict.when(.feed("police-room"), .issueBulletin(from: "派出所", text: "注意可疑人员", tower: "T99"))
            .rejected(mentioning: "unknown tower T99")
    }

    @Test func `an officer who is not enrolled cannot act`() {
        given(.onDuty(zhang), .reported(h1))
            .when(.officer("O-99"), .dispatch(hazard: h1, guard: zhang)).rejected(mentioning: "unknown officer O-99", "not enrolled")
        onPatrol.when(.officer("O-99"), report()).rejected(mentioning: "unknown officer O-99")
    }

    @Test func `a guard identity that is not enrolled cannot act`() {
        onPatrol.when(.guard("G-999"), report()).rejected(mentioning: "unknown guard G-999", "not enrolled")
        given(.onDuty(zhang), .reported(h1), .dispatched(d1, h1, to: zhang))
            .when(.guard("G-999"), .acknowledge(d1, channel: .console)).rejected(mentioning: "unknown guard G-999")
    }

    @Test func `a feed needs a name`() {
        onPatrol.when(.feed(""), report()).rejected(mentioning: "feed needs a name")
    }
}
