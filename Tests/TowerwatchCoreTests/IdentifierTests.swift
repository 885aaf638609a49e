import Testing
import TowerwatchCore

/// New identifiers come from counters in the state, so they are unique and
/// increase whatever was closed, withdrawn or drilled in between.
@Suite("Identifiers")
struct IdentifierTests {
    /// A report on `floor`: reports of one place while the first is open would join it (one hazard per problem).
    func report(_ category: HazardCategory = .dispute, floor: Int = 1) -> Action {
        .reportHazard(HazardReport(category: category, source: .officer, tower: zhongfu, floor: String(floor), zone: StandardZone.lobby))
    }

    /// Decides a command and folds its events: the log writer's loop.
    func run(_ state: DistrictState, _ actor: Actor, _ action: Action, drill: Bool = false,
             sourceLocation: SourceLocation = #_sourceLocation) -> (DistrictState, [Event]) {
        let now = (state.lastTime ?? t0) + .seconds(1)
        guard case .success(let events) = decide(state, Command(actor, action), now: now) else {
            Issue.record("rejected: \(action)", sourceLocation: sourceLocation)
            return (state, [])
        }
        return (fold(events, into: state, by: actor, at: now, drill: drill, sourceLocation: sourceLocation), events)
    }

    func newHazard(_ events: [Event]) -> HazardID? {
        events.compactMap { if case .hazardReported(let id, _, _, _, _, _, _, _, _) = $0 { id } else { nil } }.first
    }

    func newDispatch(_ events: [Event]) -> DispatchID? {
        events.compactMap { if case .guardDispatched(let id, _, _) = $0 { id } else { nil } }.first
    }

    @Test func `hazard ids are unique and increase, even after closes and drills`() {
        var state = given(.onDuty(zhang))
        var ids: [HazardID] = []
        for i in 0..<5 {
            let (next, events) = run(state, officer, report(floor: i + 1), drill: i == 2)
            state = next
            if let id = newHazard(events) { ids.append(id) }
            if i == 1, let first = ids.first { state = run(state, officer, .close(first, note: "")).0 }
        }
        #expect(ids.map(\.raw) == ["H-000001", "H-000002", "H-000003", "H-000004", "H-000005"])
        #expect(state.hazards.count == 5)
    }

    @Test func `dispatch ids are unique and increase, a reassignment taking the next`() {
        var state = given(.onDuty(zhang), .onDuty(li), .onDuty(wang), .reported(h1), .reported(h2))
        var ids: [DispatchID] = []
        var events: [Event]
        (state, events) = run(state, officer, .dispatch(hazard: h1, guard: zhang)); ids += newDispatch(events).map { [$0] } ?? []
        (state, events) = run(state, officer, .withdraw(d1, reason: "")); #expect(newDispatch(events) == nil)
        (state, events) = run(state, officer, .dispatch(hazard: h1, guard: zhang)); ids += newDispatch(events).map { [$0] } ?? []
        (state, events) = run(state, officer, .reassign(d2, to: li)); ids += newDispatch(events).map { [$0] } ?? []
        (state, events) = run(state, officer, .dispatch(hazard: h2, guard: wang)); ids += newDispatch(events).map { [$0] } ?? []
        #expect(ids.map(\.raw) == ["D-000001", "D-000002", "D-000003", "D-000004"])
        #expect(state.dispatchCount == 4)
    }

    @Test func `a new id never reuses one already in the log`() {
        // A repaired log can hold ids beyond the counters: H-000002 and D-000002 exist
        // while only one hazard and one dispatch were counted.
        let state = given(.onDuty(zhang), .onDuty(li), .reported(h2), .dispatched(d2, h2, to: zhang))
        #expect(state.hazardCount == 1 && state.dispatchCount == 1)
        let hazard = state.when(officer, report()).events().flatMap(newHazard)
        #expect(hazard == h3)
        let dispatch = given(.reported(h3), on: state).when(officer, .dispatch(hazard: h3, guard: li)).events().flatMap(newDispatch)
        #expect(dispatch == d3)
    }

    @Test func `bulletin ids increase`() {
        var state = fixtureDistrict
        var events: [Event]
        (state, events) = run(state, .feed("police-room"), .issueBulletin(from: "派出所", text: "今晚加强巡逻", tower: nil))
        #expect(events == [.bulletinIssued(bulletin: "B-00001", from: "派出所", text: "今晚加强巡逻", tower: nil)])
        (state, events) = run(state, officer, .issueBulletin(from: "社区工作站", text: "节假日人流", tower: yinzuo))
        #expect(events == [.bulletinIssued(bulletin: "B-00002", from: "社区工作站", text: "节假日人流", tower: yinzuo)])
        #expect(state.bulletins.map(\.id) == ["B-00001", "B-00002"])
    }

    @Test func `an actor's text form round-trips`() {
        for actor in [Actor.officer(zhao), .guard(zhang), .feed("plate-camera"), .system] {
            #expect(Actor(text: actor.description) == actor)
        }
        #expect(Actor.guard(zhang).description == "guard:G-001")
        #expect(Actor(text: "guard:") == nil)
        #expect(Actor(text: "captain:G-001") == nil)
        #expect(Actor(text: "nobody") == nil)
    }

    @Test func `event kinds name themselves as in the log`() {
        #expect(Event.guardWentOnDuty(guard: zhang).typeName == "GuardWentOnDuty")
        #expect(Event.hazardClosed(hazard: h1, note: "").kind == .hazardClosed)
        #expect(Set(EventKind.allCases.map(\.rawValue)).count == EventKind.allCases.count)
    }

    @Test func `floors of a tower run from the deepest underground level up`() {
        #expect(fixtureDistrict.towers[zhongfu]?.floors.prefix(4) == ["B2", "B1", "1", "2"])
        #expect(fixtureDistrict.towers[zhongfu]?.floors.count == 32)
        #expect(fixtureDistrict.towers[jinrong]?.floors.first == "1")
        #expect(Tower.level(of: "B2") == -2)
        #expect(Tower.level(of: "12") == 12)
        #expect(Tower.level(of: "B") == nil)
    }

    @Test func `a floor reads 12F above ground and B1 below, never B1F`() {
        #expect(Tower.floorLabel("12") == "12F")
        #expect(Tower.floorLabel("B1") == "B1")
        let reported = given(.reported(h1, in: zhongfu, floor: "B1").at(t0))
        let line = RecordText.describe(EventRecord(seq: 2, time: t0 + .seconds(1), actor: officer,
                                                   event: .guardDispatched(dispatch: d1, hazard: h1, guard: zhang)), in: reported)
        #expect(line.contains("B1") && !line.contains("B1F"), "\(line)")
    }
}
