import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// Replay's playback clock, and the text `towerwatch drill` prints.
@Suite struct PlaybackAndNarrationTests {
    let from = Timestamp(year: 2026, month: 11, day: 29, hour: 8)

    @Test func `playback moves the log's time by the ticks times the speed, only while playing, and stops at the end`() {
        let window = from...(from + .minutes(10))
        var clock = PlaybackClock(tick: 1_000)
        var t = clock.advance(from, playing: true, speed: 60, window: window, tick: 1_500)
        #expect(t == from + .seconds(30), "half a second at 60x")
        t = clock.advance(t, playing: false, speed: 60, window: window, tick: 60_000)
        #expect(t == from + .seconds(30), "a pause does not move time")
        t = clock.advance(t, playing: true, speed: 1, window: window, tick: 61_000)
        #expect(t == from + .seconds(31), "nor does it count once playing again")
        t = clock.advance(t, playing: true, speed: 600, window: window, tick: 62_000)
        #expect(t == window.upperBound, "never past the end")
        #expect(clock.lastTick == 62_000)
        #expect(clock.advance(from, playing: true, speed: 10, window: window, tick: 61_000) == from, "a clock going back moves nothing")
    }

    @Test func `the drill prints a banner, a line per step and a summary`() throws {
        let scenario = try ScenarioParser.parse("""
            name: Fire on 12
            duration: 20m
            steps:
              - at: 30s
                as: O-01
                command: close
                hazard: H-000001
              - at: 2m
                silent: G-001
            """, file: "fire.yaml")
        #expect(DrillNarration.banner(scenario, speed: 1, patrol: false, path: "d.twlog")
                == "playing Fire on 12 (2 steps over 20m00s) into d.twlog; Ctrl-C stops it")
        #expect(DrillNarration.banner(scenario, speed: 60, patrol: true, path: "d.twlog")
                == "playing Fire on 12 (2 steps over 20m00s at 60.0x, with the patrol) into d.twlog; Ctrl-C stops it")

        let (district, _, _) = try AppFixture.district()
        let close = scenario.steps[0], silent = scenario.steps[1]
        #expect(DrillNarration.lines(.rejected(close, Rejection("H-000001 is not rectified")), state: district.state, patrol: false)
                == ["step 1 (30s): close as O-01 rejected: H-000001 is not rectified"])
        let name = try #require(district.state.guards["G-001"]?.name)
        #expect(DrillNarration.lines(.silenced(silent, "G-001"), state: district.state, patrol: true)
                == ["step 2 (2m00s): G-001 \(name) goes silent: no more scans or answers"])
        #expect(DrillNarration.lines(.silenced(silent, "G-001"), state: district.state, patrol: false).first?.hasSuffix("(no --patrol: nobody scans in this drill anyway)") == true)

        var outcome = ScenarioPlayer.Outcome()
        outcome.played = 1
        outcome.rejected = [(step: 1, reason: "no")]
        outcome.patrolRecords = 12
        outcome.end = from
        // Times in the district's zone, with their offset.
        let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        #expect(DrillNarration.summary(outcome, patrol: true, path: "d.twlog", time: shanghai)
                == "done: 1 step played, 1 rejected (steps 1), 12 patrol records; d.twlog ends at \(shanghai.dateTime(from))")
        #expect(shanghai.dateTime(from).hasSuffix(" +08:00"))
        outcome.stopped = true
        #expect(DrillNarration.summary(outcome, patrol: false, path: "d.twlog", time: shanghai).hasPrefix("stopped: 1 step played"))

        #expect(DrillNarration.forked(from: "live.twlog", at: from, into: "d.twlog", records: 40, lastTime: nil, goesOn: true, local: shanghai)
                == ["forked live.twlog at \(shanghai.dateTime(from)) into d.twlog: 40 records of history; the records after it are left out",
                    "d.twlog is a drill log: every record appended to it is marked as a drill. Take over with:",
                    "  towerwatch console --log d.twlog --as OFFICER"])
    }
}

/// `simulate --history`'s request, checked before anything is written.
@Suite struct HistoryRequestTests {
    let now = Timestamp(year: 2026, month: 11, day: 29, hour: 8)

    @Test func `a history ends by now, starts where asked, and is at most a year`() throws {
        let lastWeek = try HistoryRequest(history: "7d", start: nil, now: now, local: .utc)
        #expect(lastWeek.length == .days(7) && lastWeek.start == now - .days(7))
        let march = try HistoryRequest(history: "2w", start: "2026-03-02T08:00", now: now, local: .utc)
        #expect(march.start == Timestamp(year: 2026, month: 3, day: 2, hour: 8))
        // Local in the district's zone unless it says otherwise.
        let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        #expect(try HistoryRequest(history: "2w", start: "2026-03-02T08:00", now: now, local: shanghai).start == Timestamp(year: 2026, month: 3, day: 2))
        #expect(try HistoryRequest(history: "2w", start: "2026-03-02T08:00Z", now: now, local: shanghai).start == Timestamp(year: 2026, month: 3, day: 2, hour: 8))
        #expect(throws: Rejection("--history 2y: give a length like 30d, 2w or 1y (at most a year)")) {
            try HistoryRequest(history: "2y", start: nil, now: now, local: .utc)
        }
        #expect(throws: Rejection("--start soon: not a time")) { try HistoryRequest(history: "1d", start: "soon", now: now, local: .utc) }
        #expect(throws: Rejection.self) { try HistoryRequest(history: "2d", start: "2026-11-28T08:00", now: now, local: .utc) }
    }

    @Test func `a history must start after what the log holds`() throws {
        let request = try HistoryRequest(history: "1d", start: "2026-11-01", now: now, local: .utc)
        try request.check(against: nil, log: "new.twlog")
        try request.check(against: request.start, log: "y.twlog")
        #expect(throws: Rejection.self) { try request.check(against: request.start + .seconds(1), log: "y.twlog") }
    }
}

@Suite struct DemoLogLocationTests {
    @Test func `the demo log lives in the XDG data folder, else under the home folder`() {
        #expect(DemoLogLocation.path(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/o"]) == "/data/towerwatch/demo.twlog")
        #expect(DemoLogLocation.path(environment: ["XDG_DATA_HOME": "", "HOME": "/home/o"]) == "/home/o/.local/share/towerwatch/demo.twlog")
        #expect(DemoLogLocation.path(environment: ["HOME": "/home/o"]) == "/home/o/.local/share/towerwatch/demo.twlog")
    }
}
