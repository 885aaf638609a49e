import Testing
@testable import TowerwatchCore

/// Alarms come from event times and the clock: the system records one when a
/// deadline passes, once, and only then. Every step with a manual clock.
@Suite struct EscalationTests {
    /// G-001 on duty, a fire-safety hazard reported at t0 and G-001 dispatched at t0.
    static let dispatchedAtT0 = given(.onDuty(zhang).at(t0 - .minutes(1)), .reported(h1).at(t0), .dispatched(d1, h1, to: zhang).at(t0))

    @Test func `no alarm is due before the ack timeout`() {
        #expect(dueAlarms(Self.dispatchedAtT0, now: t0 + .seconds(60), policy: .standard).isEmpty)
    }

    @Test func `an unacknowledged dispatch is due an alarm after the ack timeout`() {
        let due = dueAlarms(Self.dispatchedAtT0, now: t0 + .seconds(61), policy: .standard)
        #expect(due == [DueAlarm(kind: .ackOverdue, hazard: h1, dispatch: d1)])
        Self.dispatchedAtT0.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .seconds(61))
            .then([.alarmRaised(kind: .ackOverdue, hazard: h1, dispatch: d1)])
    }

    @Test func `an alarm that is not due is refused`() {
        Self.dispatchedAtT0.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .seconds(30))
            .rejected(mentioning: "not due")
    }

    @Test func `an acknowledged dispatch raises no ack alarm`() {
        let state = given(.acknowledged(d1, by: zhang).at(t0 + .seconds(20)), on: Self.dispatchedAtT0)
        #expect(!dueAlarms(state, now: t0 + .minutes(2), policy: .standard).contains { $0.kind == .ackOverdue })
    }

    @Test func `only the system raises alarms`() {
        for actor in [officer, Actor.guard(zhang), .feed("plate-camera")] {
            Self.dispatchedAtT0.when(actor, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .minutes(2))
                .rejected(mentioning: "only the system")
        }
    }

    @Test func `an alarm is recorded once`() {
        let raised = Self.dispatchedAtT0.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .minutes(2)).accepted()
        #expect(dueAlarms(raised, now: t0 + .minutes(3), policy: .standard).allSatisfy { $0.kind != .ackOverdue })
        raised.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .minutes(3))
            .rejected(mentioning: "already raised")
    }

    @Test func `nobody on scene at five minutes is due a scene alarm; an arrival in time prevents it`() {
        #expect(!dueAlarms(Self.dispatchedAtT0, now: t0 + .minutes(5), policy: .standard).contains { $0.kind == .sceneOverdue })
        #expect(dueAlarms(Self.dispatchedAtT0, now: t0 + .minutes(5) + .seconds(1), policy: .standard)
            .contains(DueAlarm(kind: .sceneOverdue, hazard: h1, dispatch: nil)))
        let arrived = given(.acknowledged(d1, by: zhang).at(t0 + .seconds(20)), .arrived(d1, zhang).at(t0 + .minutes(4)), on: Self.dispatchedAtT0)
        #expect(!dueAlarms(arrived, now: t0 + .minutes(6), policy: .standard).contains { $0.kind == .sceneOverdue })
    }

    @Test func `a hazard open at thirty minutes is due a rectify alarm; a closed one is not`() {
        let onScene = given(.acknowledged(d1, by: zhang).at(t0 + .seconds(20)), .arrived(d1, zhang).at(t0 + .minutes(4)), on: Self.dispatchedAtT0)
        #expect(!dueAlarms(onScene, now: t0 + .minutes(30), policy: .standard).contains { $0.kind == .rectifyOverdue })
        #expect(dueAlarms(onScene, now: t0 + .minutes(31), policy: .standard) == [DueAlarm(kind: .rectifyOverdue, hazard: h1, dispatch: nil)])
        let closed = given(.cleared(d1, zhang).at(t0 + .minutes(20)), .closed(h1).at(t0 + .minutes(21)), on: onScene)
        #expect(dueAlarms(closed, now: t0 + .minutes(40), policy: .standard).isEmpty)
    }

    @Test func `the policy sets the deadlines`() {
        var policy = Policy()
        policy.ackTimeout = .seconds(10)
        #expect(dueAlarms(Self.dispatchedAtT0, now: t0 + .seconds(11), policy: policy).contains { $0.kind == .ackOverdue })
        Self.dispatchedAtT0.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .seconds(11))
            .rejected(mentioning: "not due")  // the decision uses the standard policy unless told otherwise
        #expect(decide(Self.dispatchedAtT0, Command(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1)), now: t0 + .seconds(11),
                       policy: policy) == .success([.alarmRaised(kind: .ackOverdue, hazard: h1, dispatch: d1)]))
    }

    @Test func `active alarms drop out when their cause is gone`() {
        let raised = Self.dispatchedAtT0.when(.system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1), at: t0 + .minutes(2)).accepted()
        #expect(raised.activeAlarms().map(\.alarm.kind) == [.ackOverdue])
        let acked = given(.acknowledged(d1, by: zhang).at(t0 + .minutes(3)), on: raised)
        #expect(acked.activeAlarms().isEmpty)
        #expect(acked.hazards[h1]?.alarms.count == 1, "the alarm stays in the hazard's history")
    }

    @Test func `an officer records an acknowledgement received by radio, with the channel`() {
        Self.dispatchedAtT0.when(officer, .acknowledge(d1, channel: .radio), at: t0 + .seconds(30))
            .then([.dispatchAcknowledged(dispatch: d1, guard: zhang, channel: .radio)])
    }
}

/// The state keeps a day of closed hazards; older ones live only in the log.
@Suite struct ArchiveTests {
    @Test func `a hazard closed more than a day before a later close is archived with its dispatches`() {
        let first = given(.onDuty(zhang).at(t0), .reported(h1).at(t0), .dispatched(d1, h1, to: zhang).at(t0),
                          .withdrawn(d1).at(t0 + .minutes(1)), .closed(h1).at(t0 + .minutes(2)))
        #expect(first.hazards[h1] != nil)
        let later = given(.reported(h2).at(t0 + .hours(25)), .closed(h2).at(t0 + .hours(26)), on: first)
        #expect(later.hazards[h1] == nil)
        #expect(later.dispatches[d1] == nil)
        #expect(later.hazards[h2] != nil)
        #expect(later.liveFigures.hazardsRectified == 2, "figures keep counting what was archived")
        later.when(officer, .dispatch(hazard: h1, guard: zhang), at: t0 + .hours(27)).rejected(mentioning: "closed more than a day ago")
        // A mistyped id (one zero short) names no archived hazard: it is unknown, with the nearest ids.
        later.when(officer, .dispatch(hazard: HazardID("H-00002"), guard: zhang), at: t0 + .hours(27))
            .rejected(mentioning: "unknown hazard H-00002; did you mean H-000002?")
    }
}
