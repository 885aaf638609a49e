import Testing
import TowerwatchCore

/// A guard's duty status decides what they can be asked to do.
@Suite("Duty and the one-dispatch rule")
struct DutyTests {
    @Test func `going on duty makes a guard available and present in the home tower`() {
        let after = fixtureDistrict.when(.guard(zhang), .goOnDuty(zhang), at: t0).then([.guardWentOnDuty(guard: zhang)])
        #expect(after.guards[zhang]?.status == .available)
        #expect(after.guards[zhang]?.onDutySince == t0)
        #expect(after.guards[zhang]?.presentIn == zhongfu)
    }

    @Test func `a guard already on duty cannot go on duty again, nor an off-duty guard go off duty`() {
        given(.onDuty(zhang)).when(.guard(zhang), .goOnDuty(zhang)).rejected(mentioning: "already on duty")
        fixtureDistrict.when(.guard(zhang), .goOffDuty(zhang)).rejected(mentioning: "already off duty")
    }

    @Test func `a guard holds at most one open dispatch`() {
        let busy = given(.onDuty(zhang), .reported(h1), .reported(h2, .dispute, zone: StandardZone.lobby),
                         .dispatched(d1, h1, to: zhang))
        busy.when(officer, .dispatch(hazard: h2, guard: zhang))
            .rejected(mentioning: "already holds open dispatch D-000001", "one dispatch at a time")
        // Still bound while acknowledged and on scene.
        given(.acknowledged(d1, by: zhang), on: busy).when(officer, .dispatch(hazard: h2, guard: zhang))
            .rejected(mentioning: "one dispatch at a time")
        let onScene = given(.acknowledged(d1, by: zhang), .arrived(d1, zhang), on: busy)
        onScene.when(officer, .dispatch(hazard: h2, guard: zhang)).rejected(mentioning: "one dispatch at a time")
        // Once cleared, free again.
        given(.cleared(d1, zhang), on: onScene).when(officer, .dispatch(hazard: h2, guard: zhang))
            .then([.guardDispatched(dispatch: d2, hazard: h2, guard: zhang)])
    }

    @Test func `a guard cannot be sent twice to the same hazard`() {
        given(.onDuty(zhang), .reported(h1), .dispatched(d1, h1, to: zhang))
            .when(officer, .dispatch(hazard: h1, guard: zhang)).rejected(mentioning: "G-001")
    }

    @Test func `a declined or withdrawn dispatch frees the guard`() {
        let sent = given(.onDuty(zhang), .reported(h1), .reported(h2), .dispatched(d1, h1, to: zhang))
        for freeing in [Fact.declined(d1, zhang), .withdrawn(d1)] {
            let free = given(freeing, on: sent)
            #expect(free.guards[zhang]?.openDispatch == nil)
            #expect(free.guards[zhang]?.status == .available)
            free.when(officer, .dispatch(hazard: h2, guard: zhang)).then([.guardDispatched(dispatch: d2, hazard: h2, guard: zhang)])
        }
    }

    @Test func `an off-duty guard cannot be dispatched`() {
        let state = given(.reported(h1))
        state.when(officer, .dispatch(hazard: h1, guard: zhang)).rejected(mentioning: "张伟 is off duty and cannot be dispatched")
        given(.onDuty(zhang), .offDuty(zhang), on: state).when(officer, .dispatch(hazard: h1, guard: zhang))
            .rejected(mentioning: "off duty")
    }

    @Test func `an off-duty guard cannot be given a reassigned dispatch`() {
        given(.onDuty(zhang), .reported(h1), .dispatched(d1, h1, to: zhang))
            .when(officer, .reassign(d1, to: li)).rejected(mentioning: "李娜 is off duty")
    }

    @Test func `an off-duty guard cannot scan`() {
        fixtureDistrict.when(.guard(zhang), .scan(guard: zhang, checkpoint: zfLobby))
            .rejected(mentioning: "off duty; go on duty before scanning")
        fixtureDistrict.when(.feed("patrol-scanner"), .scan(guard: zhang, checkpoint: zfLobby)).rejected(mentioning: "off duty")
        given(.onDuty(zhang)).when(.guard(zhang), .scan(guard: zhang, checkpoint: zfLobby))
            .then([.checkpointScanned(guard: zhang, checkpoint: zfLobby)])
    }

    @Test func `an off-duty guard cannot report a hazard`() {
        let report = Action.reportHazard(HazardReport(category: .parking, source: .patrol, tower: zhongfu, floor: "B1",
                                                      zone: StandardZone.garage))
        fixtureDistrict.when(.guard(zhang), report).rejected(mentioning: "off duty; only guards on duty report hazards")
        given(.onDuty(zhang)).when(.guard(zhang), report).accepted()
    }

    @Test func `a guard holding a dispatch cannot go off duty`() {
        let sent = given(.onDuty(zhang), .reported(h1), .dispatched(d1, h1, to: zhang))
        sent.when(.guard(zhang), .goOffDuty(zhang)).rejected(mentioning: "still holds dispatch D-000001")
        sent.when(officer, .goOffDuty(zhang)).rejected(mentioning: "still holds dispatch D-000001")
        let after = given(.declined(d1, zhang), on: sent).when(.guard(zhang), .goOffDuty(zhang))
            .then([.guardWentOffDuty(guard: zhang)])
        #expect(after.guards[zhang]?.status == .offDuty)
        #expect(after.guards[zhang]?.presentIn == nil)
    }

    @Test func `a scan moves an available guard onto patrol; a dispatched guard keeps their status`() {
        let patrolling = given(.onDuty(zhang), .scanned(zhang, zfLobby))
        #expect(patrolling.guards[zhang]?.status == .onPatrol)
        #expect(patrolling.guards[zhang]?.lastScan?.checkpoint == zfLobby)
        let dispatched = given(.reported(h1), .dispatched(d1, h1, to: zhang), .scanned(zhang, zfEscape12), on: patrolling)
        #expect(dispatched.guards[zhang]?.status == .dispatched)
        #expect(dispatched.guards[zhang]?.trail.map(\.checkpoint) == [zfLobby, zfEscape12])
    }

    @Test func `a guard's trail keeps the last twelve scans, oldest first`() {
        var facts: [Fact] = [.onDuty(zhang)]
        let route = [zfLobby, zfDock3, zfEscape12, zfGarageB1, zfGarageB2]
        for i in 0..<15 { facts.append(.scanned(zhang, route[i % route.count])) }
        let state = given(facts)
        let trail = Array(state.guards[zhang]?.recentTrail ?? [])
        #expect(trail.count == Guard.trailLength)
        // The stored trail is bounded too: never more than twice the length.
        for n in 0..<40 {
            let many = given([.onDuty(zhang)] + (0..<n).map { .scanned(zhang, route[$0 % route.count]) })
            #expect((many.guards[zhang]?.trail.count ?? 0) <= 2 * Guard.trailLength)
        }
        #expect(trail.map(\.checkpoint) == (3..<15).map { route[$0 % route.count] })
        #expect(trail.last?.at == state.lastTime)
    }
}
