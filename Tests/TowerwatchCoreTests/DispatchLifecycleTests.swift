import Testing
import TowerwatchCore

/// A dispatch moves assigned → acknowledged → on scene → cleared (or declined,
/// or withdrawn), and a closed hazard takes nothing more.
@Suite("Dispatch lifecycle and hazard close")
struct DispatchLifecycleTests {
    let reported = given(.onDuty(zhang), .onDuty(li), .onDuty(wang), .reported(h1))

    @Test func `the whole path: report, dispatch, acknowledge, arrive, clear, close`() {
        let report = HazardReport(category: .fireSafety, source: .patrol, tower: zhongfu, floor: "1",
                                  zone: StandardZone.escapeRoute, tenant: restaurant, note: "装修垃圾堆放在疏散通道旁")
        var state = given(.onDuty(zhang))
        state = state.when(.guard(zhang), .reportHazard(report), at: t0 + .minutes(1)).then([
            .hazardReported(hazard: h1, category: .fireSafety, source: .patrol, tower: zhongfu, floor: "1",
                            zone: StandardZone.escapeRoute, severity: .high, tenant: restaurant, note: "装修垃圾堆放在疏散通道旁"),
        ])
        #expect(state.hazards[h1]?.reporter == .guard(zhang))
        #expect(state.phase(of: state.hazards[h1]!) == .new)
        #expect(state.openHazards == [h1])

        state = state.when(officer, .dispatch(hazard: h1, guard: zhang), at: t0 + .minutes(2))
            .then([.guardDispatched(dispatch: d1, hazard: h1, guard: zhang)])
        #expect(state.guards[zhang]?.status == .dispatched)
        #expect(state.guards[zhang]?.openDispatch == d1)
        #expect(state.hazards[h1]?.dispatches == [d1])
        #expect(state.dispatches[d1]?.assignedBy == officer)
        #expect(state.phase(of: state.hazards[h1]!) == .dispatched)

        state = state.when(.guard(zhang), .acknowledge(d1, channel: .console), at: t0 + .minutes(2) + .seconds(20))
            .then([.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .console)])
        #expect(state.guards[zhang]?.status == .enRoute)
        #expect(state.phase(of: state.hazards[h1]!) == .acknowledged)

        state = state.when(.guard(zhang), .arrive(d1), at: t0 + .minutes(4))
            .then([.guardArrivedOnScene(dispatch: d1, guard: zhang)])
        #expect(state.guards[zhang]?.status == .onScene)
        #expect(state.hazards[h1]?.firstArrivalAt == t0 + .minutes(4))
        #expect(state.phase(of: state.hazards[h1]!) == .onScene)

        state = state.when(.guard(zhang), .clear(d1, note: "已联系施工方清运"), at: t0 + .minutes(30))
            .then([.dispatchCleared(dispatch: d1, guard: zhang, note: "已联系施工方清运")])
        #expect(state.dispatches[d1]?.phase == .cleared)
        #expect(state.dispatches[d1]?.clearNote == "已联系施工方清运")
        #expect(state.guards[zhang]?.status == .available)
        #expect(state.guards[zhang]?.openDispatch == nil)
        #expect(state.hazards[h1]?.isOpen == true, "clearing a dispatch does not close the hazard")

        state = state.when(officer, .close(h1, note: "通道畅通"), at: t0 + .minutes(31))
            .then([.hazardClosed(hazard: h1, note: "通道畅通")])
        #expect(state.hazards[h1]?.closedAt == t0 + .minutes(31))
        #expect(state.hazards[h1]?.closeNote == "通道畅通")
        #expect(state.openHazards.isEmpty)
        #expect(state.phase(of: state.hazards[h1]!) == .closed)
    }

    // MARK: - Steps out of order

    @Test func `no arrival before acknowledgement`() {
        given(.dispatched(d1, h1, to: zhang), on: reported).when(.guard(zhang), .arrive(d1))
            .rejected(mentioning: "has not been acknowledged yet")
    }

    @Test func `no clearing before arrival`() {
        let sent = given(.dispatched(d1, h1, to: zhang), on: reported)
        sent.when(.guard(zhang), .clear(d1, note: "")).rejected(mentioning: "not on scene yet")
        given(.acknowledged(d1, by: zhang), on: sent).when(.guard(zhang), .clear(d1, note: ""))
            .rejected(mentioning: "not on scene yet")
    }

    @Test func `no clearing twice`() {
        given(Fact.onScene(zhang, d1, h1) + [.cleared(d1, zhang)], on: reported)
            .when(.guard(zhang), .clear(d1, note: "again")).rejected(mentioning: "already cleared")
    }

    @Test func `no acknowledging twice, by console or by radio`() {
        let acked = given(.dispatched(d1, h1, to: zhang), .acknowledged(d1, by: zhang), on: reported)
        acked.when(.guard(zhang), .acknowledge(d1, channel: .console)).rejected(mentioning: "already acknowledged")
        acked.when(officer, .acknowledge(d1, channel: .radio)).rejected(mentioning: "already acknowledged")
    }

    @Test func `no arriving twice`() {
        given(Fact.onScene(zhang, d1, h1), on: reported).when(.guard(zhang), .arrive(d1))
            .rejected(mentioning: "already on scene")
    }

    @Test func `a decline comes before arrival, never after`() {
        let acked = given(.dispatched(d1, h1, to: zhang), .acknowledged(d1, by: zhang), on: reported)
        acked.when(.guard(zhang), .decline(d1, reason: "对讲机故障")).then([.dispatchDeclined(dispatch: d1, guard: zhang, reason: "对讲机故障")])
        given(.arrived(d1, zhang), on: acked).when(.guard(zhang), .decline(d1, reason: "太忙"))
            .rejected(mentioning: "on scene and cannot be declined")
    }

    @Test func `a decline needs a reason`() {
        given(.dispatched(d1, h1, to: zhang), on: reported).when(.guard(zhang), .decline(d1, reason: "  "))
            .rejected(mentioning: "reason for declining must not be empty")
    }

    @Test func `an ended dispatch takes no more steps`() {
        let withdrawn = given(.dispatched(d1, h1, to: zhang), .withdrawn(d1), on: reported)
        withdrawn.when(.guard(zhang), .acknowledge(d1, channel: .console)).rejected(mentioning: "was withdrawn")
        withdrawn.when(officer, .withdraw(d1, reason: "")).rejected(mentioning: "only an open dispatch can be withdrawn")
        withdrawn.when(officer, .reassign(d1, to: li)).rejected(mentioning: "only an open dispatch can be reassigned")
        let declined = given(.dispatched(d1, h1, to: zhang), .declined(d1, zhang), on: reported)
        declined.when(.guard(zhang), .arrive(d1)).rejected(mentioning: "was declined")
        declined.when(.guard(zhang), .decline(d1, reason: "again")).rejected(mentioning: "was declined")
    }

    // MARK: - Closed hazards

    @Test func `a closed hazard takes no new dispatch, no escalation and no second close`() {
        let closed = given(.closed(h1), on: reported)
        closed.when(officer, .dispatch(hazard: h1, guard: zhang)).rejected(mentioning: "hazard H-000001 is closed")
        closed.when(officer, .escalate(h1, to: .police, note: "")).rejected(mentioning: "is closed and cannot be escalated")
        closed.when(officer, .close(h1, note: "")).rejected(mentioning: "is closed and cannot be closed again")
    }

    @Test func `an open hazard is escalated, and the escalation is recorded`() {
        let after = reported.when(officer, .escalate(h1, to: .fireService, note: "烟雾"), at: t0 + .minutes(3))
            .then([.hazardEscalated(hazard: h1, to: .fireService, note: "烟雾")])
        let escalation = after.hazards[h1]?.escalations.first
        #expect(after.hazards[h1]?.escalations.count == 1)
        #expect(escalation?.target == .fireService)
        #expect(escalation?.at == t0 + .minutes(3))
        #expect(escalation?.by == officer)
        #expect(escalation?.note == "烟雾")
        #expect(after.liveFigures.escalations == 1)
    }

    @Test func `closing withdraws every open dispatch in the same decision`() {
        // 张伟 on scene (D1), 李娜 declined (D2), 王强 assigned (D3).
        let busy = given(Fact.onScene(zhang, d1, h1) + [.dispatched(d2, h1, to: li), .declined(d2, li),
                                                        .dispatched(d3, h1, to: wang)], on: reported)
        let closed = busy.when(officer, .close(h1, note: "已处置")).then([
            .dispatchWithdrawn(dispatch: d1, reason: "hazard closed"),
            .dispatchWithdrawn(dispatch: d3, reason: "hazard closed"),
            .hazardClosed(hazard: h1, note: "已处置"),
        ])
        #expect(closed.hazards[h1]?.isOpen == false)
        #expect(closed.dispatches[d1]?.phase == .withdrawn)
        #expect(closed.dispatches[d2]?.phase == .declined)
        #expect(closed.dispatches[d3]?.phase == .withdrawn)
        for g in [zhang, li, wang] {
            #expect(closed.guards[g]?.openDispatch == nil)
            #expect(closed.guards[g]?.status == .available)
        }
    }

    @Test func `closing a hazard without open dispatches emits only the close`() {
        given(Fact.onScene(zhang, d1, h1) + [.cleared(d1, zhang)], on: reported).when(officer, .close(h1, note: "ok"))
            .then([.hazardClosed(hazard: h1, note: "ok")])
    }

    // MARK: - Reassign and withdraw

    @Test func `reassign withdraws the old dispatch and sends the new guard, freeing the old one`() {
        let acked = given(.dispatched(d1, h1, to: zhang), .acknowledged(d1, by: zhang), on: reported)
        let after = acked.when(officer, .reassign(d1, to: li)).then([
            .dispatchWithdrawn(dispatch: d1, reason: "reassigned to G-002"),
            .guardDispatched(dispatch: d2, hazard: h1, guard: li),
        ])
        #expect(after.dispatches[d1]?.phase == .withdrawn)
        #expect(after.guards[zhang]?.openDispatch == nil)
        #expect(after.guards[zhang]?.status == .available)
        #expect(after.guards[li]?.openDispatch == d2)
        #expect(after.guards[li]?.status == .dispatched)
        #expect(after.hazards[h1]?.dispatches == [d1, d2])
        #expect(after.phase(of: after.hazards[h1]!) == .dispatched)
        // The freed guard can be sent elsewhere at once.
        given(.reported(h2), on: after).when(officer, .dispatch(hazard: h2, guard: zhang))
            .then([.guardDispatched(dispatch: d3, hazard: h2, guard: zhang)])
    }

    @Test func `reassign needs a different guard who is free`() {
        let state = given(.reported(h2), .dispatched(d1, h1, to: zhang), .dispatched(d2, h2, to: li), on: reported)
        state.when(officer, .reassign(d1, to: zhang)).rejected(mentioning: "already assigned to G-001")
        state.when(officer, .reassign(d1, to: li)).rejected(mentioning: "one dispatch at a time")
        state.when(officer, .reassign(d1, to: "G-999")).rejected(mentioning: "unknown guard G-999")
    }

    @Test func `withdraw ends the dispatch and frees the guard, leaving the hazard open`() {
        let after = given(.dispatched(d1, h1, to: zhang), on: reported).when(officer, .withdraw(d1, reason: "误报"))
            .then([.dispatchWithdrawn(dispatch: d1, reason: "误报")])
        #expect(after.dispatches[d1]?.withdrawReason == "误报")
        #expect(after.guards[zhang]?.status == .available)
        #expect(after.hazards[h1]?.isOpen == true)
        #expect(after.phase(of: after.hazards[h1]!) == .new)
    }

    @Test func `a hazard's phase follows its furthest open dispatch`() {
        let state = given(.dispatched(d1, h1, to: zhang), .dispatched(d2, h1, to: li), .acknowledged(d2, by: li), on: reported)
        #expect(state.activeDispatch(of: state.hazards[h1]!)?.id == d2)
        #expect(state.phase(of: state.hazards[h1]!) == .acknowledged)
    }

    @Test func `a report without a severity takes its category's default`() {
        let report = HazardReport(category: .fireAlarm, source: .faceCamera, tower: yinzuo, floor: "B1", zone: StandardZone.garage)
        reported.when(.feed("smoke-detector"), .reportHazard(report)).then([
            .hazardReported(hazard: h2, category: .fireAlarm, source: .faceCamera, tower: yinzuo, floor: "B1",
                            zone: StandardZone.garage, severity: .critical, tenant: nil, note: ""),
        ])
        #expect(HazardReport.defaultSeverity(.traffic) == .low)
        #expect(HazardReport.defaultSeverity(.dispute) == .medium)
        #expect(HazardReport.defaultSeverity(.flood) == .high)
    }
}
