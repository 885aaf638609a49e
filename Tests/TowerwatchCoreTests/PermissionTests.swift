import Testing
import TowerwatchCore

/// Who may do what: the assigned guard walks a dispatch through its steps,
/// officers give orders, only the system sets the district up.
@Suite("Only the right actor may act")
struct PermissionTests {
    /// 张伟 holds D-000001 for H-000001 at the given step; 李娜 is on duty and free.
    static func dispatch(at step: DispatchPhase) -> DistrictState {
        var facts: [Fact] = [.onDuty(zhang), .onDuty(li), .reported(h1), .dispatched(d1, h1, to: zhang)]
        if step != .assigned { facts.append(.acknowledged(d1, by: zhang)) }
        if step == .onScene { facts.append(.arrived(d1, zhang)) }
        return given(facts)
    }

    /// A guard's step on a dispatch and the phase in which it is legal.
    struct GuardStep: Sendable, CustomTestStringConvertible {
        var action: Action
        var phase: DispatchPhase
        var expected: Event
        var testDescription: String { "\(action)" }
    }

    static let guardSteps: [GuardStep] = [
        GuardStep(action: .acknowledge(d1, channel: .console), phase: .assigned,
                  expected: .dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console)),
        GuardStep(action: .arrive(d1), phase: .acknowledged, expected: .guardArrivedOnScene(dispatch: d1, guard: zhang)),
        GuardStep(action: .clear(d1, note: "通道已清理"), phase: .onScene,
                  expected: .dispatchCleared(dispatch: d1, guard: zhang, note: "通道已清理")),
        GuardStep(action: .decline(d1, reason: "正在处理纠纷"), phase: .assigned,
                  expected: .dispatchDeclined(dispatch: d1, guard: zhang, reason: "正在处理纠纷")),
    ]

    @Test(arguments: guardSteps)
    func `the assigned guard takes each step of a dispatch`(step: GuardStep) {
        Self.dispatch(at: step.phase).when(.guard(zhang), step.action).then([step.expected])
    }

    @Test(arguments: guardSteps, [Actor.guard(li), Actor.officer(zhao), Actor.feed("patrol-scanner"), Actor.system])
    func `nobody but the assigned guard takes a step of a dispatch`(step: GuardStep, intruder: Actor) {
        let decision = Self.dispatch(at: step.phase).when(intruder, step.action)
        if case .guard = intruder {
            decision.rejected(mentioning: "assigned to G-001, not G-002")
        } else {
            decision.rejected(mentioning: "only the assigned guard G-001")
        }
    }

    @Test func `an officer records an acknowledgement received by radio or phone, with its channel`() {
        for channel in [AckChannel.radio, .phone] {
            let after = Self.dispatch(at: .assigned).when(.officer(sun), .acknowledge(d1, channel: channel))
                .then([.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: channel)])
            #expect(after.dispatches[d1]?.ackChannel == channel)
            #expect(after.dispatches[d1]?.ackRecordedBy == .officer(sun))
            #expect(after.dispatches[d1]?.phase == .acknowledged)
            #expect(after.guards[zhang]?.status == .enRoute)
        }
    }

    @Test func `the guard's own console acknowledgement records the console channel`() {
        let after = Self.dispatch(at: .assigned).when(.guard(zhang), .acknowledge(d1, channel: .console))
            .then([.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console)])
        #expect(after.dispatches[d1]?.ackChannel == .console)
        #expect(after.dispatches[d1]?.ackRecordedBy == .guard(zhang))
    }

    @Test(arguments: [Actor.guard(zhang), Actor.guard(li), Actor.feed("radio-gateway"), Actor.system], [AckChannel.radio, .phone])
    func `only an officer records a radio or phone acknowledgement`(actor: Actor, channel: AckChannel) {
        Self.dispatch(at: .assigned).when(actor, .acknowledge(d1, channel: channel))
            .rejected(mentioning: "only an officer records an acknowledgement received by \(channel.rawValue)")
    }

    /// An officer's order, set up so that it would succeed for an officer.
    struct Order: Sendable, CustomTestStringConvertible {
        var action: Action
        var testDescription: String { "\(action)" }
    }

    static let orders: [Order] = [
        Order(action: .dispatch(hazard: h2, guard: li)),
        Order(action: .reassign(d1, to: li)),
        Order(action: .withdraw(d1, reason: "误报")),
        Order(action: .escalate(h1, to: .police, note: "")),
        Order(action: .close(h1, note: "已整改")),
    ]

    static var orderScene: DistrictState {
        given(.onDuty(zhang), .onDuty(li), .reported(h1), .reported(h2, .parking, zone: StandardZone.garage),
              .dispatched(d1, h1, to: zhang))
    }

    @Test(arguments: orders)
    func `an officer gives each order`(order: Order) {
        Self.orderScene.when(officer, order.action).accepted()
    }

    @Test(arguments: orders, [Actor.guard(zhang), Actor.guard(li), Actor.feed("plate-camera"), Actor.system])
    func `guards, feeds and the system cannot give an officer's order`(order: Order, actor: Actor) {
        Self.orderScene.when(actor, order.action).rejected(mentioning: "only an officer can")
    }

    static let setUpActions: [Order] = [
        Order(action: .registerCompany("PC-NEW", name: "福华物业")),
        Order(action: .registerTower("T09", name: "福华大厦", englishName: "Fuhua Tower", company: zhongfuProperty,
                                     floorsAbove: 18, floorsBelow: 1, zones: StandardZone.all)),
        Order(action: .installCheckpoint("CP-NEW", tower: yinzuo, floor: "B2", zone: StandardZone.garage, name: "B2车库")),
        Order(action: .moveInTenant("TN-NEW", name: "便利店", tower: yinzuo, floor: "1", kind: "shop")),
        Order(action: .formTeam("TM-NEW", name: "新队")),
        Order(action: .enrollGuard("G-NEW", name: "新人", team: teamYinzuo, homeTower: yinzuo, training: [])),
        Order(action: .appointCaptain(team: teamYinzuo, guard: wang)),
        Order(action: .enrollOfficer("O-NEW", name: "新警官")),
        Order(action: .defineProcedure(.flood, steps: ["关闭车库入口", "转移车辆"])),
    ]

    @Test(arguments: setUpActions)
    func `the system sets the district up`(order: Order) {
        fixtureDistrict.when(.system, order.action).accepted()
    }

    @Test(arguments: setUpActions, [Actor.officer(zhao), Actor.guard(zhang), Actor.feed("import")])
    func `only the system sets the district up`(order: Order, actor: Actor) {
        given(.onDuty(zhang)).when(actor, order.action).rejected(mentioning: "only the system can")
    }

    @Test func `a guard scans only for themselves; a patrol scanner feed may scan for any guard; an officer may not`() {
        let state = given(.onDuty(zhang), .onDuty(li))
        state.when(.guard(zhang), .scan(guard: zhang, checkpoint: zfLobby))
            .then([.checkpointScanned(guard: zhang, checkpoint: zfLobby)])
        state.when(.feed("patrol-scanner"), .scan(guard: zhang, checkpoint: zfLobby))
            .then([.checkpointScanned(guard: zhang, checkpoint: zfLobby)])
        state.when(.guard(li), .scan(guard: zhang, checkpoint: zfLobby)).rejected(mentioning: "only G-001 or a patrol scanner")
        state.when(officer, .scan(guard: zhang, checkpoint: zfLobby)).rejected(mentioning: "only G-001 or a patrol scanner")
    }

    @Test func `a guard goes on and off duty only for themselves (or an officer does it)`() {
        fixtureDistrict.when(.guard(li), .goOnDuty(zhang)).rejected(mentioning: "only G-001 or an officer")
        fixtureDistrict.when(.feed("roster"), .goOnDuty(zhang)).rejected(mentioning: "only G-001 or an officer")
        fixtureDistrict.when(.guard(zhang), .goOnDuty(zhang)).then([.guardWentOnDuty(guard: zhang)])
        fixtureDistrict.when(officer, .goOnDuty(zhang)).then([.guardWentOnDuty(guard: zhang)])
        given(.onDuty(zhang)).when(.guard(li), .goOffDuty(zhang)).rejected(mentioning: "only G-001 or an officer")
    }

    @Test func `guards read bulletins; officers and alliance feeds issue them`() {
        fixtureDistrict.when(.guard(zhang), .issueBulletin(from: "派出所", text: "注意", tower: nil))
            .rejected(mentioning: "guards read bulletins")
        fixtureDistrict.when(.feed("police-room"), .issueBulletin(from: "派出所", text: "注意可疑人员", tower: zhongfu))
            .then([.bulletinIssued(bulletin: "B-00001", from: "派出所", text: "注意可疑人员", tower: zhongfu)])
    }

    @Test func `shifts are started and ended by an officer or the system`() {
        fixtureDistrict.when(.guard(zhang), .startShift("S-1", name: "早班")).rejected(mentioning: "only an officer can start a shift")
        let started = fixtureDistrict.when(officer, .startShift("S-1", name: "早班")).then([.shiftStarted(shift: "S-1", name: "早班")])
        #expect(started.currentShift == "S-1")
        started.when(officer, .startShift("S-1", name: "早班")).rejected(mentioning: "already started")
        let ended = started.when(.system, .endShift("S-1")).then([.shiftEnded(shift: "S-1")])
        #expect(ended.currentShift == nil)
        ended.when(.system, .endShift("S-1")).rejected(mentioning: "already ended")
        ended.when(.system, .endShift("S-9")).rejected(mentioning: "unknown shift S-9")
    }
}
