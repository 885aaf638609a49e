import Testing
import TowerwatchCore

/// The time rules, read with explicit moments: the clock is an input.
///
/// A hazard is reported at `reportedAt`; 张伟 is dispatched 30 s later.
/// Standard policy: ack within 60 s, on scene within 5 min, rectified within
/// 30 min; a running clock turns to warning at 60 % of its target.
@Suite("Time rules")
struct ClockTests {
    static let reportedAt = t0 + .minutes(10)
    static let dispatchedAt = reportedAt + .seconds(30)

    static func sent(_ more: [Fact] = []) -> DistrictState {
        given([.onDuty(zhang).at(t0), .reported(h1).at(reportedAt), .dispatched(d1, h1, to: zhang).at(dispatchedAt)] + more)
    }

    func status(_ state: DistrictState, at now: Timestamp, policy: Policy = .standard) -> HazardStatus {
        state.status(of: state.hazards[h1]!, now: now, policy: policy)
    }

    // MARK: - Acknowledgement

    @Test(arguments: [(Int64(35), ClockLevel.normal), (36, .warning), (60, .warning), (61, .overdue)])
    func `an unacknowledged dispatch is flagged after the 60-second ack timeout`(seconds: Int64, level: ClockLevel) {
        let s = status(Self.sent(), at: Self.dispatchedAt + .seconds(seconds))
        #expect(s.ackClock?.started == Self.dispatchedAt)
        #expect(s.ackClock?.isRunning == true)
        #expect(s.ackClock?.elapsed == .seconds(seconds))
        #expect(s.ackClock?.target == .seconds(60))
        #expect(s.ackClock?.level == level)
        // The scene and rectify clocks are still fine at this point: the ack clock alone flags the hazard.
        #expect(s.sceneClock.level == .normal)
        #expect(s.level == level)
        #expect(s.isOverdue == (level == .overdue))
    }

    @Test func `time to acknowledge stops at the acknowledgement and keeps its level`() {
        let quick = Self.sent([.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(20))])
        let q = status(quick, at: Self.dispatchedAt + .minutes(10))
        #expect(q.ackClock?.elapsed == .seconds(20))
        #expect(q.ackClock?.stopped == Self.dispatchedAt + .seconds(20))
        #expect(q.ackClock?.met == true)
        #expect(q.ackClock?.level == .normal)

        let late = Self.sent([.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(90))])
        let l = status(late, at: Self.dispatchedAt + .minutes(2))
        #expect(l.ackClock?.elapsed == .seconds(90))
        #expect(l.ackClock?.met == false)
        #expect(l.ackClock?.level == .overdue, "a late acknowledgement stays late")
    }

    @Test func `an unsent hazard has no ack clock`() {
        let state = given(.reported(h1).at(Self.reportedAt))
        #expect(state.status(of: state.hazards[h1]!, now: Self.reportedAt + .minutes(1), policy: .standard).ackClock == nil)
    }

    // MARK: - Time to scene (5 minutes)

    @Test(arguments: [
        (Span.minutes(2) + .seconds(59), ClockLevel.normal),
        (.minutes(3), .warning),
        (.minutes(5), .warning),
        (.minutes(5) + Span(millis: 1), .overdue),
    ])
    func `time to scene runs against the five-minute rule`(elapsed: Span, level: ClockLevel) {
        // Acknowledged at once, so only the scene clock can move.
        let state = Self.sent([.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(5))])
        let s = status(state, at: Self.reportedAt + elapsed)
        #expect(s.sceneClock.started == Self.reportedAt)
        #expect(s.sceneClock.target == .minutes(5))
        #expect(s.sceneClock.elapsed == elapsed)
        #expect(s.sceneClock.level == level)
        #expect(s.level == level)
    }

    @Test func `arrival stops the scene clock: met stays normal, late stays overdue`() {
        let acked = [Fact.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(10))]
        let inTime = Self.sent(acked + [.arrived(d1, zhang).at(Self.reportedAt + .minutes(4))])
        let a = status(inTime, at: Self.reportedAt + .minutes(20))
        #expect(a.sceneClock.isRunning == false)
        #expect(a.sceneClock.elapsed == .minutes(4))
        #expect(a.sceneClock.met)
        #expect(a.sceneClock.level == .normal, "a met clock does not warn after it stopped")

        let late = Self.sent(acked + [.arrived(d1, zhang).at(Self.reportedAt + .minutes(6))])
        let b = status(late, at: Self.reportedAt + .minutes(20))
        #expect(b.sceneClock.elapsed == .minutes(6))
        #expect(b.sceneClock.met == false)
        #expect(b.sceneClock.level == .overdue)
        // Late arrival stays marked on its clock, but only running clocks make a hazard overdue now:
        // at 20 minutes the rectify clock (30) is past 60 %, a warning.
        #expect(!b.isOverdue)
        #expect(b.level == .warning)
    }

    @Test func `the scene clock stops at the first arrival, not a later one`() {
        let r = Self.reportedAt
        var facts: [Fact] = [.onDuty(zhang).at(t0), .onDuty(li).at(t0), .reported(h1).at(r)]
        facts += [.dispatched(d1, h1, to: zhang).at(r + .seconds(10)), .acknowledged(d1, by: zhang).at(r + .seconds(10))]
        facts += [.arrived(d1, zhang).at(r + .minutes(3))]
        facts += [.dispatched(d2, h1, to: li).at(r + .minutes(4)), .acknowledged(d2, by: li).at(r + .minutes(4))]
        facts += [.arrived(d2, li).at(r + .minutes(9))]
        let state = given(facts)
        #expect(status(state, at: Self.reportedAt + .minutes(10)).sceneClock.elapsed == .minutes(3))
    }

    // MARK: - Time to rectify (30 minutes)

    @Test(arguments: [
        (Span.minutes(17) + .seconds(59), ClockLevel.normal),
        (.minutes(18), .warning),
        (.minutes(30), .warning),
        (.minutes(30) + .seconds(1), .overdue),
    ])
    func `time to rectify runs against half an hour`(elapsed: Span, level: ClockLevel) {
        let state = Self.sent([.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(5)),
                               .arrived(d1, zhang).at(Self.reportedAt + .minutes(2))])
        let s = status(state, at: Self.reportedAt + elapsed)
        #expect(s.rectifyClock.target == .minutes(30))
        #expect(s.rectifyClock.elapsed == elapsed)
        #expect(s.rectifyClock.level == level)
        #expect(s.level == level)
    }

    @Test func `closing stops the rectify clock: within half an hour is met, later stays overdue`() {
        let onScene = [Fact.acknowledged(d1, by: zhang).at(Self.dispatchedAt + .seconds(5)),
                       .arrived(d1, zhang).at(Self.reportedAt + .minutes(2)),
                       .cleared(d1, zhang).at(Self.reportedAt + .minutes(20))]
        let rectified = Self.sent(onScene + [.closed(h1).at(Self.reportedAt + .minutes(25))])
        let a = status(rectified, at: Self.reportedAt + .hours(2))
        #expect(a.rectifyClock.elapsed == .minutes(25))
        #expect(a.rectifyClock.met)
        #expect(a.rectifyClock.level == .normal)

        let slow = Self.sent(onScene + [.closed(h1).at(Self.reportedAt + .minutes(40))])
        let b = status(slow, at: Self.reportedAt + .hours(2))
        #expect(b.rectifyClock.elapsed == .minutes(40))
        #expect(b.rectifyClock.met == false)
        #expect(b.rectifyClock.level == .overdue)
    }

    // MARK: - Policy

    @Test func `a custom policy changes every threshold`() {
        var relaxed = Policy()
        relaxed.ackTimeout = .minutes(2)
        relaxed.sceneTarget = .minutes(10)
        relaxed.rectifyTarget = .hours(1)
        relaxed.warningShare = 0.5

        let unacked = Self.sent()
        let ack90 = Self.dispatchedAt + .seconds(90)
        #expect(status(unacked, at: ack90).ackClock?.level == .overdue)
        #expect(status(unacked, at: ack90, policy: relaxed).ackClock?.level == .warning)
        #expect(status(unacked, at: Self.dispatchedAt + .seconds(59), policy: relaxed).ackClock?.level == .normal)

        let scene4 = Self.reportedAt + .minutes(4), scene6 = Self.reportedAt + .minutes(6)
        #expect(status(unacked, at: scene4).sceneClock.level == .warning)
        #expect(status(unacked, at: scene4, policy: relaxed).sceneClock.level == .normal)
        #expect(status(unacked, at: scene6).sceneClock.level == .overdue)
        #expect(status(unacked, at: scene6, policy: relaxed).sceneClock.level == .warning)
        #expect(status(unacked, at: scene6, policy: relaxed).sceneClock.target == .minutes(10))

        let rectify45 = Self.reportedAt + .minutes(45)
        #expect(status(unacked, at: rectify45).rectifyClock.level == .overdue)
        #expect(status(unacked, at: rectify45, policy: relaxed).rectifyClock.level == .warning)
    }

    @Test func `the standard policy is the programme's`() {
        #expect(Policy.standard.ackTimeout == .seconds(60))
        #expect(Policy.standard.sceneTarget == .minutes(5))
        #expect(Policy.standard.rectifyTarget == .minutes(30))
        #expect(Policy.standard.silentAfter == .minutes(15))
        #expect(Policy.standard.warningShare == 0.6)
    }

    @Test func `clock levels order and carry a symbol without colour`() {
        #expect(ClockLevel.normal < .warning && ClockLevel.warning < .overdue)
        #expect(ClockLevel.allSymbols == [" ", "!", "‼"])
    }

    // MARK: - Silent guards

    func silent(_ state: DistrictState, _ g: GuardID, at now: Timestamp, policy: Policy = .standard) -> Bool {
        state.isSilent(state.guards[g]!, now: now, policy: policy)
    }

    @Test func `a guard with no scan for fifteen minutes is silent`() {
        let state = given(.onDuty(zhang).at(t0), .scanned(zhang, zfLobby).at(t0 + .minutes(1)))
        #expect(!silent(state, zhang, at: t0 + .minutes(16)))
        #expect(silent(state, zhang, at: t0 + .minutes(16) + .seconds(1)))
        var patient = Policy()
        patient.silentAfter = .minutes(30)
        #expect(!silent(state, zhang, at: t0 + .minutes(20), policy: patient))
    }

    @Test func `a guard who never scanned counts from going on duty, not from an earlier shift's scan`() {
        let fresh = given(.onDuty(zhang).at(t0))
        #expect(!silent(fresh, zhang, at: t0 + .minutes(15)))
        #expect(silent(fresh, zhang, at: t0 + .minutes(15) + .seconds(1)))

        let secondShift = given(.onDuty(zhang).at(t0), .scanned(zhang, zfLobby).at(t0 + .minutes(1)),
                                .offDuty(zhang).at(t0 + .minutes(2)), .onDuty(zhang).at(t0 + .hours(1)))
        #expect(!silent(secondShift, zhang, at: t0 + .hours(1) + .minutes(10)))
        #expect(silent(secondShift, zhang, at: t0 + .hours(1) + .minutes(16)))
    }

    @Test func `a guard on a dispatch or off duty is never silent`() {
        let onDispatch = given(.onDuty(zhang).at(t0), .scanned(zhang, zfLobby).at(t0 + .minutes(1)),
                               .reported(h1).at(t0 + .minutes(2)), .dispatched(d1, h1, to: zhang).at(t0 + .minutes(2)))
        #expect(!silent(onDispatch, zhang, at: t0 + .hours(1)))
        let offDuty = given(.onDuty(zhang).at(t0), .offDuty(zhang).at(t0 + .minutes(1)))
        #expect(!silent(offDuty, zhang, at: t0 + .hours(1)))
    }
}

extension ClockLevel {
    static var allSymbols: [String] { [ClockLevel.normal, .warning, .overdue].map(\.symbol) }
}
