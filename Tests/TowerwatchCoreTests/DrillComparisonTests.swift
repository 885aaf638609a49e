import Testing
@testable import TowerwatchCore

/// A drill forked from a shift, compared with the shift itself over the same
/// window: every figure below is worked out by hand from the facts.
@Suite("Drill comparison")
struct DrillComparisonTests {
    /// The fork's moment: ten minutes into the shift.
    let fork = t0 + .minutes(10)
    let h1: HazardID = "H-000001", h2: HazardID = "H-000002"
    let d1: DispatchID = "D-000001", d2: DispatchID = "D-000002"

    /// The shared history: three guards on duty, H-000001 reported at t0 and still open at the fork.
    var history: [Fact] {
        let start: Timestamp = t0
        return [Fact.onDuty(zhang).at(start), Fact.onDuty(li).at(start + Span.seconds(1)), Fact.onDuty(zhou).at(start + Span.seconds(2)),
                Fact.reported(h1, .fireSafety).at(start + Span.minutes(1))]
    }

    /// A moment `seconds` after the fork.
    func after(_ seconds: Int64) -> Timestamp { fork + Span.seconds(seconds) }

    /// What really happened after the fork.
    var original: [Fact] {
        var f: [Fact] = []
        f.append(Fact.dispatched(d1, h1, to: li).at(after(60)))
        f.append(Fact.acknowledged(d1, by: li).at(after(90)))
        f.append(Fact.arrived(d1, li).at(after(240)))
        f.append(Fact.reported(h2, .dispute, zone: StandardZone.lobby).at(after(300)))
        f.append(Fact.dispatched(d2, h2, to: zhou).at(after(360)))
        f.append(Fact.acknowledged(d2, by: zhou).at(after(380)))
        f.append(Fact.arrived(d2, zhou).at(after(540)))
        f.append(Fact.cleared(d1, li).at(after(600)))
        f.append(Fact.closed(h1).at(after(660)))
        f.append(Fact.cleared(d2, zhou).at(after(900)))
        f.append(Fact.closed(h2).at(after(1200)))
        return f
    }

    /// What the trainee did after the fork (the scenario's own H-000002 is another hazard).
    var trainee: [Fact] {
        var f: [Fact] = []
        f.append(Fact.dispatched(d1, h1, to: li).at(after(30)))
        f.append(Fact.acknowledged(d1, by: li).at(after(50)))
        f.append(Fact.reported(h2, .fireAlarm, zone: StandardZone.escapeRoute).at(after(120)))
        f.append(Fact.dispatched(d2, h2, to: zhou).at(after(150)))
        f.append(Fact.acknowledged(d2, by: zhou).at(after(180)))
        f.append(Fact.arrived(d1, li).at(after(210)))
        f.append(Fact.cleared(d1, li).at(after(480)))
        f.append(Fact.closed(h1).at(after(540)))
        f.append(Fact.arrived(d2, zhou).at(after(600)))
        return f.map(\.inDrill)
    }

    /// The after-action report of history + `after`, over the window from the fork.
    func report(_ after: [Fact]) -> AfterActionReport {
        var fold = ShiftReport(from: fork, to: fork + .minutes(30))
        var state = fixtureDistrict
        for (i, event) in setUpEvents.enumerated() {
            fold.add(EventRecord(seq: UInt64(i + 1), time: setUpTime + .seconds(Int64(i)), actor: .system, event: event))
        }
        for fact in history + after {
            let record = EventRecord(seq: state.lastSeq + 1, time: fact.time!, actor: fact.actor ?? defaultActor(for: fact.event),
                                     drill: fact.drill, event: fact.event)
            if let problem = state.apply(record) { Issue.record("fact does not fold: \(problem)") }
            fold.add(record)
        }
        return fold.report()
    }

    @Test func `the trainee's times against the original's over the same window`() {
        let c = DrillComparison.compare(drill: report(trainee), original: report(original))
        #expect(c.from == fork)

        // Trainee: D1 ack 20s, scene 3m, clear 7m30s; D2 ack 30s, scene 7m30s (late), never cleared.
        #expect(c.trainee.dispatches == 2)
        #expect(c.trainee.ackMedian == .seconds(25))
        #expect(c.trainee.sceneMedian == .seconds(315))
        #expect(c.trainee.clearMedian == .seconds(450))
        #expect(c.trainee.reachedScene == 2 && c.trainee.sceneWithinTarget == 1)
        #expect(c.trainee.lateDispatches == 1)
        #expect(c.trainee.hazardsReported == 1 && c.trainee.hazardsRectified == 0 && c.trainee.rectifyMedian == nil)

        // Original: D1 ack 30s, scene 3m, clear 9m; D2 ack 20s, scene 3m, clear 9m; H2 rectified in 15m.
        #expect(c.original.dispatches == 2)
        #expect(c.original.ackMedian == .seconds(25))
        #expect(c.original.sceneMedian == .minutes(3))
        #expect(c.original.clearMedian == .minutes(9))
        #expect(c.original.reachedScene == 2 && c.original.sceneWithinTarget == 2)
        #expect(c.original.lateDispatches == 0)
        #expect(c.original.hazardsReported == 1 && c.original.hazardsRectified == 1 && c.original.rectifyMedian == .minutes(15))

        // Only the hazard open at the fork is matched by id; each side's H-000002 is its own.
        #expect(c.inherited.map(\.hazard) == [h1])
        #expect(c.inherited.first?.trainee == .init(firstDispatch: .seconds(30), firstOnScene: .seconds(210), firstCleared: .minutes(8)))
        #expect(c.inherited.first?.original == .init(firstDispatch: .minutes(1), firstOnScene: .minutes(4), firstCleared: .minutes(10)))
    }

    @Test func `the trainee's side ignores the original's live figures, and the original's ignores drill records`() {
        // A drill report compared with itself as the "original": its live section is empty of dispatches.
        let drill = report(trainee)
        let c = DrillComparison.compare(drill: drill, original: drill)
        #expect(c.trainee.dispatches == 2)
        #expect(c.original.dispatches == 0)
        #expect(c.original.hazardsReported == 0)
    }

    @Test func `the text names both sides and the inherited hazard`() {
        let lines = DrillComparison.compare(drill: report(trainee), original: report(original)).render(traineeLog: "drill.twlog", originalLog: "live.twlog")
        #expect(lines[0].contains("DRILL COMPARISON"))
        #expect(lines.contains { $0.hasPrefix("median to scene") && $0.hasSuffix("5m15s     3m00s") })
        #expect(lines.contains { $0.contains("H-000001") && $0.contains("trainee 30s / 3m30s / 8m00s; original 1m00s / 4m00s / 10m00s") })
    }
}
