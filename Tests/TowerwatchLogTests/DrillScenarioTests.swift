import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchLog

/// Scripted drills: scenario files parse (or fail naming the step), and play
/// into a drill log at their times, in order, through the same checks as
/// people's commands; never into a live log.
@Suite struct DrillScenarioTests {
    let dir = LogFixture.makeDirectory()
    var live: String { dir + "/live.twlog" }
    var drill: String { dir + "/drill.twlog" }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A fork of the busy fixture district at its last record.
    func makeDrill() throws -> DistrictLog {
        try LogFixture.makeBusyDistrict(at: live)
        let last = try LogFixture.records(live).last!.time
        try DrillFork.fork(from: live, at: last, to: drill, created: last)
        return try DistrictLog(store: FileEventStore(path: drill, writable: true))
    }

    static let fireAlarm = """
        name: Fire alarm on floor 12 of 中福广场
        duration: 10m
        steps:
          - at: 0m30s
            as: feed:fire-panel
            command: report-hazard
            category: fire-alarm
            tower: T01
            floor: "12"
            zone: escape-route
            note: smoke detector 12F east
          - at: 2m
            as: feed:plate-camera
            command: report-hazard
            category: parking
            tower: T01
            floor: B2
            zone: garage
            note: 浙A12345 across the fire lane
          - at: 3m
            silent: G-007
          - at: 4m
            as: O-01
            command: close
            hazard: H-999999
          - at: 4m
            as: feed:alliance
            command: bulletin
            text: fire lane at 中福广场 must stay clear
        """

    // MARK: - Parsing

    @Test func `a good scenario parses into its steps, times and commands`() throws {
        let s = try ScenarioParser.parse(Self.fireAlarm, file: "fire.yaml")
        #expect(s.name == "Fire alarm on floor 12 of 中福广场")
        #expect(s.duration == .minutes(10))
        #expect(s.length == .minutes(10))
        #expect(s.steps.map(\.number) == [1, 2, 3, 4, 5])
        #expect(s.steps.map(\.at) == [.seconds(30), .minutes(2), .minutes(3), .minutes(4), .minutes(4)])
        #expect(s.steps[0].kind == .command(actor: "feed:fire-panel", verb: .reportHazard, arguments: [
            "category": "fire-alarm", "tower": "T01", "floor": "12", "zone": "escape-route", "note": "smoke detector 12F east"]))
        #expect(s.steps[2].kind == .silent("G-007"))
        #expect(s.steps[0].line == 4)
    }

    @Test func `the shipped example scenarios parse`() throws {
        let folder = Self.repository + "/docs/scenarios"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 2)
        for f in files {
            let s = try ScenarioParser.load(path: folder + "/" + f)
            #expect(!s.steps.isEmpty, "\(f)")
        }
    }

    @Test func `times from the start read as a person writes them`() {
        #expect(ScenarioTime.parse("0m30s") == .seconds(30))
        #expect(ScenarioTime.parse("2m") == .minutes(2))
        #expect(ScenarioTime.parse("1h05m") == .minutes(65))
        #expect(ScenarioTime.parse("1m30s") == .seconds(90))
        #expect(ScenarioTime.parse("90") == .seconds(90))
        #expect(ScenarioTime.parse("0") == .seconds(0))
        for bad in ["", "m", "2x", "30s2m", "1m1m", "-5", "2.5m", "soon"] { #expect(ScenarioTime.parse(bad) == nil, "\(bad)") }
    }

    /// Replaces step `n`'s text in a one-to-three-step scenario and expects the error to name step `n`.
    func expectBadStep(_ steps: String, step: Int, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let yaml = "name: bad\nsteps:\n" + steps
        do {
            _ = try ScenarioParser.parse(yaml, file: "bad.yaml")
            Issue.record("a bad scenario parsed", sourceLocation: sourceLocation)
        } catch {
            #expect(error.step == step, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains("bad.yaml:"), sourceLocation: sourceLocation)
            #expect(error.description.contains("step \(step): "), "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func `a bad step is an error naming the step and the problem`() {
        let good = "  - at: 10s\n    as: feed:alliance\n    command: bulletin\n    text: hello\n"
        expectBadStep(good + "  - at: soon\n    silent: G-001\n", step: 2, mentioning: "at: 'soon'")
        expectBadStep(good + "  - as: O-01\n    command: close\n    hazard: H-000001\n", step: 2, mentioning: "needs at:")
        expectBadStep(good + good + "  - at: 1m\n    as: O-01\n    command: extinguish\n", step: 3, mentioning: "unknown command 'extinguish'")
        expectBadStep(good + "  - at: 1m\n    as: feed:fire-panel\n    command: report-hazard\n    category: fire-alarm\n    tower: T01\n    zone: lobby\n",
                      step: 2, mentioning: "needs --floor")
        expectBadStep("  - at: 1m\n    as: feed:x\n    command: report-hazard\n    category: volcano\n    tower: T01\n    floor: 1\n    zone: lobby\n",
                      step: 1, mentioning: "'volcano' is not one of")
        expectBadStep(good + "  - at: 1m\n    as: O-01\n    command: close\n    hazard: H-000001\n    colour: red\n", step: 2, mentioning: "does not take --colour")
        expectBadStep(good + "  - at: 2m\n    silent: G-001\n    note: gone\n", step: 2, mentioning: "only at:")
        expectBadStep(good + "  - at: 2m\n    command: bulletin\n    text: x\n", step: 2, mentioning: "needs as:")
        expectBadStep("  - at: 2m\n    silent: G-001\n" + good, step: 2, mentioning: "comes before step 1")
        expectBadStep(good + "  - at: 2m\n    as: O-01\n    command: close\n    hazard: [H-1, H-2]\n", step: 2, mentioning: "not a list")
        expectBadStep(good + "  - just words\n", step: 2, mentioning: "a step is a mapping")
    }

    @Test func `a scenario without a name or steps, or with an unknown key, is refused`() {
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("steps:\n  - at: 1m\n    silent: G-001\n", file: "x") }
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("name: x\nsteps: []\n", file: "x") }
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("name: x\nspeed: 2\nsteps:\n  - at: 1m\n    silent: G-001\n", file: "x") }
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("name: x\nduration: 1m\nsteps:\n  - at: 2m\n    silent: G-001\n", file: "x") }
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("name: [x\n", file: "x") }
    }

    @Test func `steps are checked against the district before anything is written`() throws {
        defer { LogFixture.remove(dir) }
        let district = try makeDrill()
        let before = LogFixture.contents(drill)
        for (yaml, step, fragment) in [
            ("  - at: 1m\n    silent: G-001\n  - at: 2m\n    silent: G-999\n", 2, "unknown guard G-999"),
            ("  - at: 1m\n    as: O-77\n    command: close\n    hazard: H-000001\n", 1, "unknown identity 'O-77'"),
            ("  - at: 1m\n    as: officer:O-77\n    command: close\n    hazard: H-000001\n", 1, "unknown officer O-77"),
        ] {
            let scenario = try ScenarioParser.parse("name: x\nsteps:\n" + yaml, file: "x.yaml")
            #expect {
                try ScenarioPlayer.play(scenario, file: "x.yaml", into: district, clock: ManualClock(district.state.lastTime!))
            } throws: { error in
                guard let e = error as? ScenarioError else { return false }
                return e.step == step && e.message.contains(fragment)
            }
        }
        #expect(LogFixture.contents(drill) == before, "nothing written")
    }

    // MARK: - Playing

    /// Plays `scenario` with a manual clock that the player's waits move forward.
    func playManually(_ scenario: Scenario, into district: DistrictLog, patrol: ScenarioPlayer.Patrol? = nil,
                      events: inout [ScenarioPlayer.Event]) throws -> ScenarioPlayer.Outcome {
        let clock = ManualClock(district.state.lastTime! + .seconds(5))
        var seen: [ScenarioPlayer.Event] = []
        let outcome = try ScenarioPlayer.play(scenario, file: "x.yaml", into: district, clock: clock, patrol: patrol,
                                              sleep: { clock.advance(by: $0) }, onEvent: { seen.append($0) })
        events = seen
        return outcome
    }

    @Test func `playback writes the steps in order at their times, as drill records, and reports a rejected step by number`() throws {
        defer { LogFixture.remove(dir) }
        let district = try makeDrill()
        let forkedEnd = district.position.seq
        let scenario = try ScenarioParser.parse(Self.fireAlarm, file: "fire.yaml")
        let start = district.state.lastTime! + .seconds(5)
        var events: [ScenarioPlayer.Event] = []
        let outcome = try playManually(scenario, into: district, events: &events)

        #expect(outcome.start == start)
        #expect(outcome.end == start + .minutes(10), "the run lasts the scenario's duration")
        #expect(outcome.played == 3)
        #expect(outcome.rejected.map(\.step) == [4])
        #expect(outcome.rejected.first?.reason.contains("H-999999") == true)
        #expect(outcome.silenced == ["G-007"])

        let written = try LogFixture.records(drill).filter { $0.seq > forkedEnd }
        #expect(written.allSatisfy { $0.drill })
        #expect(written.map(\.time) == [start + .seconds(30), start + .minutes(2), start + .minutes(4)])
        #expect(written.map(\.event.typeName) == ["HazardReported", "HazardReported", "BulletinIssued"])
        #expect(written.map(\.actor) == [.feed("fire-panel"), .feed("plate-camera"), .feed("alliance")])
        if case let .hazardReported(_, category, _, tower, floor, zone, _, _, _) = written[0].event {
            #expect(category == .fireAlarm && tower == "T01" && floor == "12" && zone == StandardZone.escapeRoute)
        } else { Issue.record("the first step is not a hazard report: \(written[0].event)") }

        // The caller saw every step, in the file's order.
        let numbers = events.map { e -> Int in
            switch e { case let .played(s, _), let .rejected(s, _), let .silenced(s, _): return s.number }
        }
        #expect(numbers == [1, 2, 3, 4, 5])
        #expect(district.state.liveFigures == (try DistrictLog(store: FileEventStore(path: live, writable: false))).state.liveFigures)
    }

    @Test func `playback at speed 600 on the real clock takes a six-hundredth of the time`() throws {
        defer { LogFixture.remove(dir) }
        let district = try makeDrill()
        let forkedEnd = district.position.seq
        let scenario = try ScenarioParser.parse("""
            name: quick
            steps:
              - at: 30s
                as: feed:alliance
                command: bulletin
                text: one
              - at: 1m30s
                as: feed:alliance
                command: bulletin
                text: two
            """, file: "quick.yaml")
        let wall = WallClock()
        let began = LogFixture.monotonic()
        let outcome = try ScenarioPlayer.play(scenario, file: "quick.yaml", into: district, speed: 600, clock: wall)
        let took = LogFixture.monotonic() - began
        #expect(took >= 0.14 && took < 5, "90 s at 600x is 0.15 s; took \(took)")
        let written = try LogFixture.records(drill).filter { $0.seq > forkedEnd }
        #expect(written.map(\.time) == [outcome.start + .seconds(30), outcome.start + .seconds(90)])
        #expect(written.allSatisfy { $0.drill })
    }

    @Test func `a silent guard writes nothing more while the patrol keeps the others scanning`() throws {
        defer { LogFixture.remove(dir) }
        let district = try makeDrill()
        let forkedEnd = district.position.seq
        let scenario = try ScenarioParser.parse("""
            name: silence
            duration: 20m
            steps:
              - at: 1m
                silent: G-002
              - at: 5m
                as: feed:alliance
                command: bulletin
                text: still here
            """, file: "silence.yaml")
        var events: [ScenarioPlayer.Event] = []
        let outcome = try playManually(scenario, into: district, patrol: ScenarioPlayer.Patrol(seed: 7), events: &events)
        let silentFrom = outcome.start + .minutes(1)
        let written = try LogFixture.records(drill).filter { $0.seq > forkedEnd }
        #expect(written.allSatisfy { $0.drill })
        #expect(outcome.patrolRecords > 0)
        let scans = written.filter { if case .checkpointScanned = $0.event { return true } else { return false } }
        #expect(!scans.isEmpty, "the others patrol")
        #expect(!written.contains { $0.actor == .guard("G-002") && $0.time >= silentFrom }, "G-002 is silent")
        #expect(!written.contains { if case .officer = $0.actor { return true } else { return false } }, "the patrol never acts as the officer")
        #expect(!written.contains { if case .hazardReported = $0.event { return true } else { return false } }, "nor reports hazards of its own")
        #expect(written.allSatisfy { $0.time <= outcome.start + .minutes(20) })
        #expect(district.state.liveFigures == (try DistrictLog(store: FileEventStore(path: live, writable: false))).state.liveFigures)
    }

    @Test func `stop ends a run cleanly between steps`() throws {
        defer { LogFixture.remove(dir) }
        let district = try makeDrill()
        let scenario = try ScenarioParser.parse(Self.fireAlarm, file: "fire.yaml")
        let clock = ManualClock(district.state.lastTime! + .seconds(1))
        var played = 0
        let outcome = try ScenarioPlayer.play(scenario, file: "fire.yaml", into: district, clock: clock,
                                              stop: { played >= 1 }, sleep: { clock.advance(by: $0) },
                                              onEvent: { if case .played = $0 { played += 1 } })
        #expect(outcome.stopped)
        #expect(outcome.played == 1)
        _ = try DistrictLog(store: FileEventStore(path: drill, writable: false))
    }

    @Test func `a scenario never plays into a live log`() throws {
        defer { LogFixture.remove(dir) }
        let district = try LogFixture.makeBusyDistrict(at: live)
        let before = LogFixture.contents(live)
        let scenario = try ScenarioParser.parse(Self.fireAlarm, file: "fire.yaml")
        #expect(throws: ScenarioError.self) {
            try ScenarioPlayer.play(scenario, file: "fire.yaml", into: district, clock: ManualClock(district.state.lastTime!))
        }
        #expect(LogFixture.contents(live) == before)

        // Nor through the command line.
        let file = dir + "/fire.yaml"
        try Self.fireAlarm.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run(["drill", "--scenario", file, "--log", live], in: dir)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("is a live log"), "\(run.stderr)")
        #expect(LogFixture.contents(live) == before)
    }

    @Test func `the command line forks and plays a scenario, and a bad step fails before the fork is written`() throws {
        defer { LogFixture.remove(dir) }
        try LogFixture.makeBusyDistrict(at: live)
        let at = try LogFixture.records(live).last!.time
        let bad = dir + "/bad.yaml"
        try "name: bad\nsteps:\n  - at: 1m\n    silent: G-001\n  - at: 2m\n    silent: G-404\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try ChildProcess.run(["drill", "--from", live, "--at", at.iso8601, "--out", drill, "--scenario", bad], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("step 2"), "\(refused.stderr)")
        #expect(refused.stderr.contains("G-404"), "\(refused.stderr)")
        #expect(access(drill, F_OK) != 0, "nothing written")

        let good = dir + "/good.yaml"
        try "name: good\nsteps:\n  - at: 30s\n    as: feed:alliance\n    command: bulletin\n    text: drill bulletin\n  - at: 60s\n    as: O-01\n    command: close\n    hazard: H-000404\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run(["drill", "--from", live, "--at", at.iso8601, "--out", drill, "--scenario", good, "--speed", "600"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("step 1 (30s)"), "\(run.stdout)")
        #expect(run.stdout.contains("step 2 (1m00s): close as O-01 rejected"), "\(run.stdout)")
        let records = try LogFixture.records(drill)
        #expect(records.last?.drill == true)
        if case .bulletinIssued = records.last?.event {} else { Issue.record("the bulletin was not played: \(String(describing: records.last))") }
    }
}
