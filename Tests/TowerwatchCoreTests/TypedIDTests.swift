import Testing
import TowerwatchCore

/// Ids as people type them: any case is read as the district's spelling, and an
/// id that names nothing is refused with the nearest known ids.
@Suite("Typed ids")
struct TypedIDTests {
    @Test("an id typed in another case is read as the district spells it; one that matches nothing stays as typed")
    func spelled() {
        let state = fixtureDistrict
        #expect(DistrictState.spelled("g-002", in: state.guards) == li)
        #expect(DistrictState.spelled("G-002", in: state.guards) == li)
        #expect(DistrictState.spelled("cp-zf-b1", in: state.checkpoints) == zfGarageB1)
        #expect(DistrictState.spelled("t02", in: state.towers) == yinzuo)
        #expect(DistrictState.spelled("G-0022", in: state.guards) == GuardID("G-0022"))
    }

    @Test("words from the command line or the : prompt with ids in lower case make the same command")
    func invocationInAnyCase() throws {
        let state = given(.onDuty(li))
        let words = try VerbInvocation(line: "scan cp-zf-b1 --guard g-002 --as o-01")
        #expect(try words.command(in: state) == Command(.officer(zhao), .scan(guard: li, checkpoint: zfGarageB1)))
        let report = try VerbInvocation(line: "report-hazard --category flood --tower t02 --floor B1 --zone garage --as g-002")
        #expect(try report.command(in: state).action == .reportHazard(HazardReport(category: .flood, source: .patrol, tower: yinzuo,
                                                                                   floor: "B1", zone: StandardZone.garage)))
        #expect(try CommandText.actor("guard:g-002", in: state) == .guard(li))
    }

    @Test("an unknown id is refused with the nearest known ids")
    func suggestions() throws {
        let state = given(.onDuty(li))
        guard case .failure(let guardRejection) = decide(state, Command(.officer(zhao), .goOnDuty("G-0022")), now: t0) else {
            Issue.record("an unknown guard was accepted"); return
        }
        #expect(guardRejection.reason == "unknown guard G-0022; did you mean G-002?")
        guard case .failure(let towerRejection) = decide(state, Command(.officer(zhao), .reportHazard(HazardReport(
            category: .flood, source: .officer, tower: "T2", floor: "1", zone: StandardZone.lobby))), now: t0) else {
            Issue.record("an unknown tower was accepted"); return
        }
        #expect(towerRejection.reason == "unknown tower T2; did you mean T02?")
        // Nothing near: no suggestion, just the unknown id.
        guard case .failure(let far) = decide(state, Command(.officer(zhao), .goOnDuty("XYZ-123456")), now: t0) else {
            Issue.record("an unknown guard was accepted"); return
        }
        #expect(far.reason == "unknown guard XYZ-123456")
        #expect(throws: Rejection.self) { try CommandText.actor("O-011", in: state) }
        do { _ = try CommandText.actor("O-011", in: state) } catch { #expect(error.reason.contains("did you mean O-01?"), "\(error.reason)") }
    }
}
