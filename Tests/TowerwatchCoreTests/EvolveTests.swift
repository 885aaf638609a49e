import Testing
import TowerwatchCore

/// `evolve` folds any record without trapping; a record that does not fit the
/// state changes nothing but the sequence number and time, and `apply` says why.
@Suite("evolve is total")
struct EvolveTests {
    static let busy = given(.onDuty(zhang), .onDuty(li), .reported(h1), .reported(h2), .dispatched(d1, h1, to: zhang),
                            .closed(h2))

    struct Impossible: Sendable, CustomTestStringConvertible {
        var event: Event
        var actor: Actor? = nil
        var reason: String
        var testDescription: String { "\(event.typeName): \(reason)" }
    }

    static let impossible: [Impossible] = [
        Impossible(event: .checkpointScanned(guard: "G-999", checkpoint: zfLobby), reason: "unknown guard G-999"),
        Impossible(event: .checkpointScanned(guard: zhang, checkpoint: "CP-NOPE"), reason: "unknown checkpoint CP-NOPE"),
        Impossible(event: .guardArrivedOnScene(dispatch: d1, guard: zhang), reason: "arrival needs acknowledgement first"),
        Impossible(event: .dispatchCleared(dispatch: d1, guard: zhang, note: ""), reason: "clearing needs arrival on scene first"),
        Impossible(event: .dispatchAcknowledged(dispatch: d1, guard: li, channel: .console), reason: "belongs to G-001, not G-002"),
        Impossible(event: .dispatchAcknowledged(dispatch: "D-000099", guard: zhang, channel: .console), reason: "unknown dispatch D-000099"),
        Impossible(event: .guardDispatched(dispatch: d2, hazard: h1, guard: zhang), reason: "already holds dispatch D-000001"),
        Impossible(event: .guardDispatched(dispatch: d2, hazard: h2, guard: li), reason: "hazard H-000002 is not open"),
        Impossible(event: .guardDispatched(dispatch: d2, hazard: h1, guard: wang), reason: "guard G-004 is off duty"),
        Impossible(event: .guardDispatched(dispatch: d1, hazard: h1, guard: li), reason: "dispatch D-000001 already exists"),
        Impossible(event: .guardWentOffDuty(guard: zhang), reason: "still holds dispatch D-000001"),
        Impossible(event: .guardWentOnDuty(guard: li), reason: "already on duty"),
        Impossible(event: .guardWentOffDuty(guard: wang), reason: "already off duty"),
        Impossible(event: .guardWentOnDuty(guard: "G-999"), reason: "unknown guard G-999"),
        Impossible(event: .hazardClosed(hazard: h1, note: ""), reason: "still has open dispatch D-000001"),
        Impossible(event: .hazardClosed(hazard: h2, note: ""), reason: "hazard H-000002 is not open"),
        Impossible(event: .hazardEscalated(hazard: h2, to: .police, note: ""), reason: "hazard H-000002 is not open"),
        Impossible(event: .hazardReported(hazard: h1, category: .crime, source: .officer, tower: zhongfu, floor: "1",
                                          zone: StandardZone.lobby, severity: .critical, tenant: nil, note: ""),
                   reason: "H-000001 was already reported"),
        Impossible(event: .hazardReported(hazard: h3, category: .crime, source: .officer, tower: "T99", floor: "1",
                                          zone: StandardZone.lobby, severity: .critical, tenant: nil, note: ""),
                   reason: "unknown tower T99"),
        Impossible(event: .dispatchDeclined(dispatch: d1, guard: li, reason: "x"), reason: "belongs to G-001"),
        Impossible(event: .dispatchWithdrawn(dispatch: "D-000099", reason: ""), reason: "unknown dispatch D-000099"),
        Impossible(event: .shiftEnded(shift: "S-9"), reason: "unknown shift S-9"),
        Impossible(event: .towerRegistered(tower: "T09", name: "x", englishName: "x", company: "PC-99", floorsAbove: 1,
                                           floorsBelow: 0, zones: []), reason: "unknown property company PC-99"),
        Impossible(event: .guardEnrolled(guard: "G-100", name: "x", team: "TM-99", homeTower: zhongfu, training: []),
                   reason: "unknown team TM-99"),
        Impossible(event: .checkpointInstalled(checkpoint: "CP-X", tower: "T99", floor: "1", zone: "lobby", name: ""),
                   reason: "unknown tower T99"),
    ]

    @Test(arguments: impossible)
    func `an impossible record leaves the state unchanged but for its sequence number and time`(_ c: Impossible) {
        var state = Self.busy
        let r = record(c.event, after: state, at: t0 + .hours(1), by: c.actor)
        let reason = state.apply(r)
        #expect(reason?.contains(c.reason) == true, "reason: \(reason ?? "nil")")
        #expect(differences(state, Self.busy, ignoring: ["lastSeq", "lastTime"]) == [])
        #expect(state.lastSeq == r.seq)
        #expect(state.lastTime == r.time)
        // evolve is the same fold, without the reason.
        #expect(differences(evolve(Self.busy, r), state) == [])
    }

    @Test func `a record that fits is folded and apply returns nil`() {
        var state = Self.busy
        let r = record(.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console), after: state)
        #expect(state.apply(r) == nil)
        #expect(Set(differences(state, Self.busy, ignoring: ["lastSeq", "lastTime"])) == ["dispatches", "guards"])
        #expect(differences(evolve(Self.busy, r), state) == [])
    }

    @Test func `the state comparison sees every stored property`() {
        // Guards against `differences` silently skipping a property that is not Equatable.
        #expect(differences(Self.busy, fixtureDistrict).allSatisfy { !$0.contains("not Equatable") })
        #expect(differences(Self.busy, Self.busy) == [])
    }
}
