import Testing
import TowerwatchCore

/// The after-action report against a hand-built shift: every figure below was
/// worked out by hand from the timeline in `HandShift`, not by the code under test.
@Suite("After-action report")
struct ReportTests {
    typealias S = HandShift
    let report = ShiftReport.of(HandShift.records, from: HandShift.at(8, 0), to: HandShift.at(10, 0))
    var live: ReportSection { report.live }

    // MARK: - Window

    @Test func `the window runs from --from to --to and clocks are read at --to`() {
        #expect(report.start == S.at(8, 0))
        #expect(report.end == S.at(10, 0), "a record at 10:30 exists, so the end is --to")
        #expect(report.skippedRecords == 0)
        let open = ShiftReport.of(S.records, from: S.at(8, 0))
        #expect(open.end == S.at(10, 30), "without --to, the last record")
        #expect(open.live.hazards.first { $0.id == "H-3" }?.openFor == .minutes(80))
    }

    @Test func `hazards before the window and records after it count nowhere`() {
        #expect(live.hazards.map(\.id) == ["H-1", "H-2", "H-3", "H-4"], "H-0 was reported at 07:30")
        #expect(live.guards.first { $0.id == S.ga }?.scans == 6, "the 10:30 scan is after --to")
    }

    // MARK: - Dispatches

    @Test func `every dispatch: times to acknowledge, to scene and to clear`() {
        #expect(live.dispatches.map(\.id) == ["D-1", "D-2", "D-3", "D-4"])
        let d = Dictionary(uniqueKeysWithValues: live.dispatches.map { ($0.id, $0) })
        // D-1: sent 08:21:00, ack 08:21:40, on scene 08:24:20, cleared 08:40:00.
        #expect(d["D-1"]?.toAcknowledge == .seconds(40))
        #expect(d["D-1"]?.toScene == .seconds(200))
        #expect(d["D-1"]?.toClear == .minutes(19))
        #expect(d["D-1"]?.sceneWithinTarget == true)
        #expect(d["D-1"]?.late == false)
        // D-2: sent 09:01, ack 09:02:30 (90 s: late), on scene 09:08 (7 min: late), cleared 09:30.
        #expect(d["D-2"]?.toAcknowledge == .seconds(90))
        #expect(d["D-2"]?.toScene == .minutes(7))
        #expect(d["D-2"]?.toClear == .minutes(29))
        #expect(d["D-2"]?.sceneWithinTarget == false)
        #expect(d["D-2"]?.acknowledgedLate == true)
        #expect(d["D-2"]?.arrivedLate == true)
        // D-3: sent 09:11, never acknowledged, withdrawn 09:14 after 3 minutes (> 60 s).
        #expect(d["D-3"]?.toAcknowledge == nil)
        #expect(d["D-3"]?.toScene == nil)
        #expect(d["D-3"]?.toClear == nil)
        #expect(d["D-3"]?.waited == .minutes(3))
        #expect(d["D-3"]?.outcome == .withdrawn)
        #expect(d["D-3"]?.acknowledgedLate == true)
        #expect(d["D-3"]?.arrivedLate == false, "withdrawn before the 5 minutes passed")
        #expect(d["D-3"]?.sceneWithinTarget == nil)
        // D-4: sent 09:14, ack 30 s, on scene at 2 minutes, still on scene at the end.
        #expect(d["D-4"]?.toAcknowledge == .seconds(30))
        #expect(d["D-4"]?.toScene == .minutes(2))
        #expect(d["D-4"]?.toClear == nil)
        #expect(d["D-4"]?.outcome == .onScene)
        #expect(d["D-4"]?.late == false)
        #expect(live.dispatches.filter(\.late).map(\.id) == ["D-2", "D-3"])
    }

    @Test func `who, where and what of a dispatch`() {
        let d1 = live.dispatches[0]
        #expect(d1.guardID == S.gb && d1.guardName == "李娜" && d1.teamName == "巡防一队")
        #expect(d1.tower == "T01" && d1.towerName == "中福广场" && d1.floor == "12" && d1.zone == "escape-route")
        #expect(d1.category == .fireSafety && d1.source == .patrol)
    }

    // MARK: - Hazards

    @Test func `every hazard: first guard on scene and rectification against their targets`() {
        let h = Dictionary(uniqueKeysWithValues: live.hazards.map { ($0.id, $0) })
        #expect(h["H-1"]?.toFirstScene == .seconds(260))
        #expect(h["H-1"]?.sceneWithinTarget == true)
        #expect(h["H-1"]?.toRectify == .minutes(25))
        #expect(h["H-1"]?.rectifyWithinTarget == true)
        #expect(h["H-2"]?.toFirstScene == .minutes(8))
        #expect(h["H-2"]?.sceneWithinTarget == false)
        #expect(h["H-2"]?.toRectify == .minutes(42))
        #expect(h["H-2"]?.rectifyWithinTarget == false)
        #expect(h["H-3"]?.toFirstScene == .minutes(6))
        #expect(h["H-3"]?.toRectify == nil)
        #expect(h["H-3"]?.openFor == .minutes(50))
        #expect(h["H-3"]?.rectifyWithinTarget == false)
        #expect(h["H-3"]?.dispatches == 2)
        #expect(h["H-4"]?.toFirstScene == nil)
        #expect(h["H-4"]?.sceneWithinTarget == false, "nobody on scene 10 minutes after the report")
        #expect(h["H-4"]?.openFor == .minutes(10))
        #expect(h["H-4"]?.rectifyWithinTarget == nil, "open 10 of its 30 minutes: undecided")
    }

    @Test func `hazards by category and by source`() {
        #expect(live.byCategory.map(\.category) == [.fireSafety, .parking, .dispute])
        #expect(live.byCategory.map(\.count) == [2, 1, 1])
        #expect(live.bySource.map(\.source) == [.patrol, .plateCamera, .tenantCall])
        #expect(live.bySource.map(\.count) == [2, 1, 1])
    }

    // MARK: - Guards

    @Test func `guard A: scans, a complete round, an excused round, two silences, one late dispatch`() throws {
        let g = try #require(live.guards.first { $0.id == S.ga })
        #expect(g.scans == 6)
        #expect(g.checkpointsScanned == 3)
        #expect(g.routeLength == 3)
        #expect(g.rounds == 2)
        #expect(g.roundsExcused == 1, "held D-2 in the 09:00 round")
        #expect(g.checkpointsMissed == 0)
        #expect(g.silentPeriods.map(\.from) == [S.at(8, 15), S.at(9, 30)])
        #expect(g.silentPeriods.map(\.to) == [S.at(8, 40), S.at(9, 50)])
        #expect(g.silentPeriods.map(\.length) == [.minutes(25), .minutes(20)])
        #expect(g.silentPeriods.map(\.endedBy) == [.scan, .scan])
        #expect(g.longestSilence == .minutes(25))
        #expect(g.dispatches == 1)
        #expect(g.lateDispatches == 1)
    }

    @Test func `guard B: both rounds excused, silent until a dispatch`() throws {
        let g = try #require(live.guards.first { $0.id == S.gb })
        #expect(g.scans == 3)
        #expect(g.checkpointsScanned == 2)
        #expect(g.rounds == 2)
        #expect(g.roundsExcused == 2)
        #expect(g.checkpointsMissed == 0)
        #expect(g.silentPeriods.count == 1)
        #expect(g.silentPeriods.first?.from == S.at(8, 50))
        #expect(g.silentPeriods.first?.length == .minutes(24))
        #expect(g.silentPeriods.first?.endedBy == .dispatch)
        #expect(g.dispatches == 2)
        #expect(g.lateDispatches == 0)
    }

    @Test func `guard C: a missed checkpoint, exactly 15 minutes is not silent, silent at the end`() throws {
        let g = try #require(live.guards.first { $0.id == S.gc })
        #expect(g.scans == 7)
        #expect(g.checkpointsScanned == 2)
        #expect(g.routeLength == 2)
        #expect(g.rounds == 2)
        #expect(g.roundsExcused == 1)
        #expect(g.checkpointsMissed == 1, "CP-FT-2 was never scanned in the 08:00 round")
        #expect(g.silentPeriods.map(\.from) == [S.at(9, 40)])
        #expect(g.silentPeriods.map(\.to) == [S.at(10, 0)])
        #expect(g.silentPeriods.map(\.endedBy) == [.reportEnd])
        #expect(g.lateDispatches == 1)
    }

    @Test func `live guards are A, B and C only; the drill guard is in the drill section`() {
        #expect(live.guards.map(\.id) == [S.ga, S.gb, S.gc])
        #expect(report.drill.guards.map(\.id) == [S.gd])
    }

    // MARK: - Towers and teams

    @Test func `per tower: counts, medians, worst cases`() {
        #expect(live.towers.map(\.id) == ["T01", "T02"])
        let t1 = live.towers[0], t2 = live.towers[1]
        #expect(t1.hazards == 2 && t1.rectified == 2 && t1.dispatches == 2 && t1.lateDispatches == 1)
        #expect(t1.sceneMedian == .seconds(370), "(4m20s + 8m) / 2")
        #expect(t1.sceneWorst == .minutes(8) && t1.sceneWorstHazard == "H-2")
        #expect(t1.sceneMissed == 1)
        #expect(t1.rectifyMedian == .seconds(33 * 60 + 30), "(25m + 42m) / 2")
        #expect(t1.rectifyWorst == .minutes(42) && t1.rectifyWorstHazard == "H-2")
        #expect(t1.rectifyMissed == 1)
        #expect(t2.hazards == 2 && t2.rectified == 0 && t2.dispatches == 2 && t2.lateDispatches == 1)
        #expect(t2.sceneMedian == .minutes(6) && t2.sceneWorst == .minutes(6) && t2.sceneWorstHazard == "H-3")
        #expect(t2.sceneMissed == 2)
        #expect(t2.rectifyMedian == nil && t2.rectifyWorst == nil)
        #expect(t2.rectifyMissed == 1)
    }

    @Test func `per team: counts, medians, worst cases`() {
        #expect(live.teams.map(\.id) == ["TM-1", "TM-2"])
        let a = live.teams[0], b = live.teams[1]
        #expect(a.guards == 2 && a.dispatches == 3 && a.lateDispatches == 1)
        #expect(a.ackMedian == .seconds(40) && a.ackWorst == .seconds(90), "acks 40 s, 90 s, 30 s")
        #expect(a.sceneMedian == .seconds(200) && a.sceneWorst == .minutes(7) && a.sceneWorstDispatch == "D-2")
        #expect(a.scans == 9 && a.checkpointsMissed == 0 && a.silentPeriods == 3)
        #expect(b.guards == 1 && b.dispatches == 1 && b.lateDispatches == 1)
        #expect(b.ackMedian == nil && b.sceneMedian == nil)
        #expect(b.scans == 7 && b.checkpointsMissed == 1 && b.silentPeriods == 1)
    }

    // MARK: - Chart and worst cases

    @Test func `the histogram of times to scene and its sparkline`() {
        // 2m00s (D-4) in 2-3m, 3m20s (D-1) in 3-4m, 7m00s (D-2) in 7-8m.
        #expect(live.sceneHistogram.counts == [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0])
        #expect(live.sceneHistogram.sparkline == "  ██   █   ")
        #expect(live.sceneHistogram.label(of: 3) == "3-4m")
        #expect(live.sceneHistogram.label(of: 10) == "10m+")
        let h = ReportHistogram([.seconds(10), .seconds(20), .seconds(30), .seconds(70), .minutes(12)], bucketWidth: .minutes(1), buckets: 4)
        #expect(h.counts == [3, 1, 0, 1])
        #expect(h.sparkline == "█▃ ▃", "ceil(8·1/3) = 3 → ▃")
    }

    @Test func `the worst cases, worst first`() {
        #expect(live.worstScene.map(\.id) == ["D-2", "D-1", "D-4"])
        #expect(live.worstRectify.map(\.id) == ["H-3", "H-2", "H-1", "H-4"])
    }

    @Test func `medians of odd and even counts`() {
        #expect(ReportStatistics.median([]) == nil)
        #expect(ReportStatistics.median([.seconds(5), .seconds(1), .seconds(3)]) == .seconds(3))
        #expect(ReportStatistics.median([Span(millis: 1), Span(millis: 2)]) == Span(millis: 1), "1.5 ms rounds down")
    }

    // MARK: - Drills

    @Test func `drill records are reported apart and never in live figures`() throws {
        let drill = report.drill
        #expect(drill.hazards.map(\.id) == ["H-5"])
        #expect(drill.dispatches.map(\.id) == ["D-5"])
        #expect(drill.byCategory.map(\.category) == [.flood])
        #expect(!live.byCategory.contains { $0.category == .flood })
        #expect(drill.dispatches[0].toAcknowledge == .seconds(20))
        #expect(drill.dispatches[0].toScene == .minutes(3))
        #expect(drill.hazards[0].toRectify == .minutes(15))
        #expect(drill.sceneHistogram.counts[3] == 1 && drill.sceneHistogram.total == 1)
        let gd = try #require(drill.guards.first)
        #expect(gd.rounds == 0, "09:15 to 10:15 is not complete")
        #expect(gd.silentPeriods.map(\.length) == [.minutes(30)])
        #expect(gd.silentPeriods.map(\.drill) == [true])
        #expect(drill.teams.map(\.id) == ["TM-2"])
    }

    // MARK: - Windowing from 09:00

    @Test func `a later --from follows guards already on duty from there`() throws {
        let late = ShiftReport.of(S.records, from: S.at(9, 0), to: S.at(10, 0))
        #expect(late.live.hazards.map(\.id) == ["H-2", "H-3", "H-4"])
        #expect(late.live.dispatches.map(\.id) == ["D-2", "D-3", "D-4"])
        let ga = try #require(late.live.guards.first { $0.id == S.ga })
        #expect(ga.scans == 1)
        #expect(ga.rounds == 1 && ga.roundsExcused == 1)
        #expect(ga.silentPeriods.map(\.length) == [.minutes(20)])
        let gb = try #require(late.live.guards.first { $0.id == S.gb })
        // Silent since the 08:50 scan: 24 minutes to the 09:14 dispatch, a silence; the window's
        // start is no sign of life, so it counts from 09:00, clipped and saying since when.
        #expect(gb.silentPeriods.map(\.from) == [S.at(9, 0)])
        #expect(gb.silentPeriods.map(\.began) == [S.at(8, 50)])
        #expect(gb.silentPeriods.map(\.length) == [.minutes(14)])
        #expect(gb.silentPeriods.map(\.clipped) == [true])
        #expect(gb.silentPeriods.map(\.endedBy) == [.dispatch])
        #expect(late.live.counts.first { $0.figure == "silent_periods_clipped" }?.count == 1)
    }

    @Test func `a window starting before a silence passes 15 minutes still finds it, clipped`() throws {
        // G-A's last scan before 09:45 was 08:50 (then D-2 from 09:01 to 09:30): silent from 09:30.
        // From 09:40, the 09:50 scan ends a silence that began at 09:30, 10 minutes of it inside.
        let r = ShiftReport.of(S.records, from: S.at(9, 40), to: S.at(10, 0))
        let ga = try #require(r.live.guards.first { $0.id == S.ga })
        #expect(ga.silentPeriods.map(\.began) == [S.at(9, 30)])
        #expect(ga.silentPeriods.map(\.from) == [S.at(9, 40)])
        #expect(ga.silentPeriods.map(\.length) == [.minutes(10)])
        // G-C scanned at 09:40: silent from then to the end, 20 minutes, not clipped.
        let gc = try #require(r.live.guards.first { $0.id == S.gc })
        #expect(gc.silentPeriods.map(\.clipped) == [false])
    }

    // MARK: - One silence rule

    @Test func `one silence rule for the console, the dispatch picker and the report`() throws {
        // G-A: last scan 08:50, then D-2 from 09:01 until cleared at 09:30 (a 29-minute job), next scan 09:50.
        func state(at t: Timestamp) -> DistrictState {
            var s = DistrictState()
            for r in S.records where r.time <= t { #expect(s.apply(r) == nil) }
            return s
        }
        let after = state(at: S.at(9, 30, 30))
        let ga = try #require(after.guards[S.ga])
        #expect(SilenceRule.lastSign(of: ga) == S.at(9, 30), "the end of the job, not the 08:50 scan")
        let policy = Policy.standard
        // The console: not silent 30 s after the job, nor at exactly 15 minutes; silent one second later.
        #expect(!after.isSilent(ga, now: S.at(9, 30, 30), policy: policy))
        #expect(!after.isSilent(ga, now: S.at(9, 45), policy: policy))
        #expect(after.isSilent(ga, now: S.at(9, 45, 1), policy: policy))
        // The picker says the same.
        let picks = { (now: Timestamp) in after.recommendations(for: "H-3", now: now).first { $0.guard == S.ga }?.reason ?? "" }
        #expect(!picks(S.at(9, 31)).contains("silent"))
        #expect(picks(S.at(9, 46)).contains("silent"))
        // The report: nothing from 09:30 in a report ending at 09:45; a silence from 09:30 in one ending later.
        let short = ShiftReport.of(S.records, from: S.at(8, 0), to: S.at(9, 45)).live.guards.first { $0.id == S.ga }
        #expect(short?.silentPeriods.contains { $0.began == S.at(9, 30) } == false)
        let long = ShiftReport.of(S.records, from: S.at(8, 0), to: S.at(9, 45, 1)).live.guards.first { $0.id == S.ga }
        #expect(long?.silentPeriods.last.map { [$0.began, $0.to] } == [S.at(9, 30), S.at(9, 45, 1)])
        #expect(long?.silentPeriods.last?.endedBy == .reportEnd)
    }

    // MARK: - What is open at both edges

    @Test func `open at the start and at the end, closes and ends inside the window`() {
        // 08:00-10:00: H-0 (07:30) open at the start; H-1, H-2 closed; H-0, H-3, H-4 open at the end.
        #expect(live.openAtStart.map(\.id) == ["H-0"])
        #expect(live.openAtStart.first?.openFor == .minutes(150))
        #expect(live.hazardsClosed == 2)
        #expect(live.hazardsOpenAtEnd == 3)
        #expect(live.dispatchesOpenAtStart == 0 && live.dispatchesEnded == 3 && live.dispatchesOpenAtEnd == 1)

        // 09:12-10:00 cuts through H-2 (D-2 on scene) and H-3 (D-3 waiting).
        let cut = ShiftReport.of(S.records, from: S.at(9, 12), to: S.at(10, 0)).live
        #expect(cut.openAtStart.map(\.id) == ["H-0", "H-2", "H-3"])
        #expect(cut.hazards.map(\.id) == ["H-4"])
        #expect(cut.hazardsClosed == 1, "H-2 at 09:42")
        #expect(cut.hazardsOpenAtEnd == 3, "H-0, H-3, H-4")
        #expect(cut.openAtStart.count + cut.hazards.count - cut.hazardsClosed == cut.hazardsOpenAtEnd)
        #expect(cut.dispatchesOpenAtStart == 2, "D-2 and D-3")
        #expect(cut.dispatches.map(\.id) == ["D-4"])
        #expect(cut.dispatchesEnded == 2, "D-3 withdrawn 09:14, D-2 cleared 09:30")
        #expect(cut.dispatchesOpenAtEnd == 1, "D-4")
        #expect(cut.towers.map(\.hazards) == [1], "per-tower figures count only the window's own reports")

        // An empty window still says what was open.
        let quiet = ShiftReport.of(S.records, from: S.at(7, 40), to: S.at(7, 50)).live
        #expect(quiet.openAtStart.map(\.id) == ["H-0"] && quiet.hazardsOpenAtEnd == 1 && quiet.hazards.isEmpty)
    }

    @Test func `alarms in the window are counted by kind`() {
        var records = S.records
        let alarm = EventRecord(seq: UInt64(records.count + 1), time: S.at(9, 6), actor: .system, drill: false,
                                event: .alarmRaised(kind: .sceneOverdue, hazard: "H-2", dispatch: nil))
        records.insert(alarm, at: records.firstIndex { $0.time > S.at(9, 6) }!)
        let all = ShiftReport.of(records, from: S.at(8, 0), to: S.at(10, 0)).live
        #expect(all.alarms.map(\.hazard) == ["H-2"] && all.alarms.map(\.kind) == [.sceneOverdue])
        #expect(all.hazards.first { $0.id == "H-2" }?.alarms == 1)
        #expect(all.counts.first { $0.figure == "alarms_scene_overdue" }?.count == 1)
        #expect(ShiftReport.of(records, from: S.at(9, 7), to: S.at(10, 0)).live.alarms.isEmpty)
    }

    // MARK: - Time to scene from the first dispatch

    @Test func `time to scene from the first dispatch, across a withdrawn one`() {
        let h = Dictionary(uniqueKeysWithValues: live.hazards.map { ($0.id, $0) })
        // H-3: D-3 sent 09:11 and withdrawn; D-4 sent 09:14, on scene 09:16. The caller waited 5 minutes
        // from the first dispatch, though D-4's own time to scene is 2.
        #expect(h["H-3"]?.firstDispatchAt == S.at(9, 11))
        #expect(h["H-3"]?.firstDispatchToScene == .minutes(5))
        #expect(live.dispatches.first { $0.id == "D-4" }?.toScene == .minutes(2))
        #expect(h["H-1"]?.firstDispatchToScene == .seconds(200))
        #expect(h["H-4"]?.firstDispatchAt == nil && h["H-4"]?.firstDispatchToScene == nil)
        let csv = ReportCSV.render(report.table(named: "hazards")!)
        #expect(csv.contains(",first_dispatch_to_scene_s,"))
        #expect(ReportJSON.render(report).contains("\"firstDispatchToSceneSeconds\":300"))
        #expect(ReportText.render(report, width: 200).contains("Sent→scene³"))
    }

    // MARK: - Rendering

    @Test func `text: aligned by display width, with the sparkline, worst ten and footnotes`() {
        let text = ReportText.render(report, width: 200)
        #expect(text.contains("  ██   █   "))
        #expect(text.contains("Worst ten times to scene"))
        #expect(text.contains("Worst ten times to rectify"))
        #expect(text.contains("patrol round of 1h00m"))
        #expect(text.contains("══ DRILL"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let towers = lines.firstIndex { $0.hasPrefix("Towers") }!
        let rows = lines[(towers + 1)...].prefix { !$0.isEmpty }
        #expect(rows.count == 4, "header, rule, T01, T02")
        #expect(Set(rows.map(DisplayCells.width)).count == 1, "every row ends at the same cell: \(Array(rows))")
        #expect(rows.contains { $0.contains("中福广场") } && rows.contains { $0.contains("福田银座") })
    }

    @Test(arguments: [40, 60, 80, 100, 132])
    func `text fits the width: columns left out and named, prose wrapped`(width: Int) {
        let text = ReportText.render(report, width: width)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let over = lines.filter { DisplayCells.width($0) > width }
        #expect(over.isEmpty, "\(over)")
        #expect(text.contains("中福广场") || width < 60)
        if width < 200 { #expect(text.contains("not shown in \(width) columns")) }
        // Table rows stay aligned: the Guards table's rows all end at one cell.
        let guards = lines.firstIndex { $0.hasPrefix("Guards") }!
        let first = lines[guards...].firstIndex { $0.hasPrefix("  G-A") }!
        let rows = lines[first...].prefix { $0.hasPrefix("  G-") }
        #expect(rows.count == 3 && Set(rows.map(DisplayCells.width)).count == 1, "\(Array(rows))")
    }

    @Test func `wrapping keeps the spacing inside a line and cuts a word longer than the line`() {
        #expect(ReportLayout.wrap("Targets  acknowledge 1m", width: 40) == ["Targets  acknowledge 1m"])
        #expect(ReportLayout.wrap("aa bb  cc dd", width: 6, indent: " ") == ["aa bb", " cc dd"])
        #expect(ReportLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(ReportLayout.truncate("中福广场大厦", to: 7) == "中福广…")
    }

    @Test func `display widths count CJK as two cells`() {
        #expect(DisplayCells.width("中福广场") == 8)
        #expect(DisplayCells.width("T01 中福") == 8)
        #expect(DisplayCells.width("e\u{301}") == 1)
        #expect(DisplayCells.padRight("李娜", to: 6) == "李娜  ")
    }

    @Test func `csv: RFC 4180 quoting and one row per item`() {
        #expect(ReportCSV.quote("plain") == "plain")
        #expect(ReportCSV.quote("a,b") == "\"a,b\"")
        #expect(ReportCSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ReportCSV.quote("two\nlines") == "\"two\nlines\"")
        let table = report.table(named: "dispatches")!
        let csv = ReportCSV.render(table)
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1 + 5, "header, four live dispatches and one drill")
        #expect(lines[0].hasPrefix("section,dispatch,hazard,guard,guard_name"))
        #expect(lines[1].hasPrefix("live,D-1,H-1,G-B,李娜,TM-1,巡防一队,T01,中福广场,12,escape-route,fire-safety,patrol,"))
        #expect(lines[1].contains(",40,200,1140,,true,false,false,false"))
        #expect(lines[5].hasPrefix("drill,D-5,"))
    }

    @Test func `csv and json read every moment in the district's zone with its offset; durations stay seconds`() {
        var local = report
        local.local = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        let csv = ReportCSV.render(local.table(.dispatches)).split(separator: "\r\n").map(String.init)
        let header = csv[0].split(separator: ",").map(String.init)
        let d1 = csv[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ name: String) -> String { d1[header.firstIndex(of: name)!] }
        // D-1: sent 08:21, acknowledged 08:21:40, on scene 08:24:20, cleared 08:40 (UTC).
        #expect(cell("assigned_at") == "2026-11-29T16:21:00.000+08:00")
        #expect(cell("acknowledged_at") == "2026-11-29T16:21:40.000+08:00")
        #expect(cell("arrived_at") == "2026-11-29T16:24:20.000+08:00")
        #expect(cell("cleared_at") == "2026-11-29T16:40:00.000+08:00")
        #expect(cell("to_acknowledge_s") == "40" && cell("to_scene_s") == "200")
        let silences = ReportCSV.render(local.table(.silences))
        #expect(!silences.contains("Z,") && silences.contains("+08:00,"))

        let json = ReportJSON.render(local)
        #expect(json.hasPrefix("{\"from\":\"2026-11-29T16:00:00.000+08:00\",\"to\":\"2026-11-29T18:00:00.000+08:00\","
            + "\"start\":\"2026-11-29T16:00:00.000+08:00\",\"end\":\"2026-11-29T18:00:00.000+08:00\""))
        #expect(json.contains("\"assignedAt\":\"2026-11-29T16:21:00.000+08:00\",\"acknowledgedAt\":\"2026-11-29T16:21:40.000+08:00\""))
        #expect(json.contains("\"toAcknowledgeSeconds\":40,\"toSceneSeconds\":200"))
        #expect(json.contains("\"reportedAt\":\"2026-11-29T16:20:00.000+08:00\""))
        #expect(!json.contains("Z\""), "no UTC moment is left in the json")
    }

    @Test func `text rows carry their date when the window crosses a local day, and the year when it crosses a year`() {
        var r = report
        let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        r.local = shanghai
        let t = HandShift.at(8, 21)  // 16:21 in Shanghai
        #expect(ReportText.time(t, r) == "16:21:00", "08:00-10:00 UTC is one Shanghai day")
        r.end = HandShift.at(17, 0)  // 01:00 the next Shanghai day
        #expect(ReportText.time(t, r) == "11-29 16:21:00")
        r.start = Timestamp(year: 2026, month: 12, day: 31, hour: 15)  // 23:00 on New Year's Eve in Shanghai
        r.end = Timestamp(year: 2026, month: 12, day: 31, hour: 17)
        #expect(ReportText.time(Timestamp(year: 2026, month: 12, day: 31, hour: 15, minute: 30), r) == "2026-12-31 23:30:00")
        #expect(ReportText.time(Timestamp(year: 2026, month: 12, day: 31, hour: 16, minute: 30), r) == "2027-01-01 00:30:00")
    }

    @Test func `json: seconds, nulls and the documented keys`() {
        let json = ReportJSON.render(report)
        #expect(json.hasPrefix("{\"from\":\"2026-11-29T08:00:00.000+00:00\",\"to\":\"2026-11-29T10:00:00.000+00:00\""))
        #expect(json.contains("\"toAcknowledgeSeconds\":40,\"toSceneSeconds\":200,\"toClearSeconds\":1140,\"waitedSeconds\":null"))
        #expect(json.contains("\"byCategory\":{\"fire-safety\":2,\"parking\":1,\"dispute\":1}"))
        #expect(json.contains("\"worstScene\":[\"D-2\",\"D-1\",\"D-4\"]"))
        #expect(ReportJSON.quote("a\"b\\c\n\u{01}") == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(ReportJSON.camel("to_scene_s") == "toSceneSeconds")
    }
}

/// The hand-built shift. Set-up at 07:00; on duty at 08:00; the window is 08:00-10:00.
///
///     G-A (王伟, 巡防一队, home T01: CP-ZF-1..3)   scans 08:05 1, 08:10 2, 08:15 3, 08:40 1, 08:50 2, 09:50 3, 10:30 1
///         D-2 09:01 → ack 09:02:30 → scene 09:08 → clear 09:30
///     G-B (李娜, 巡防一队, home T01)                 scans 08:02 1, 08:12 2, 08:50 1
///         D-1 08:21 → ack 08:21:40 → scene 08:24:20 → clear 08:40;  D-4 09:14 → ack 09:14:30 → scene 09:16
///     G-C (张强, 巡防二队, home T02: CP-FT-1..2)   scans 08:10 1, 08:25 1, 08:40 1, 08:55 1, 09:05 1, 09:25 2, 09:40 2
///         D-3 09:11, never acknowledged, withdrawn 09:14
///     G-D (赵敏, 巡防二队, home T02), drill only: on duty 09:15; D-5 09:21 → 09:21:20 → 09:24 → clear 09:30
///     H-0 07:30 crime T01 (before the window)
///     H-1 08:20 fire-safety patrol T01 12 escape-route, closed 08:45
///     H-2 09:00 parking plate-camera T01 B1 garage, closed 09:42
///     H-3 09:10 dispute tenant-call T02 1 lobby, open
///     H-4 09:50 fire-safety patrol T02 3 escape-route, open
///     H-5 09:20 flood officer T02 (drill), closed 09:35
enum HandShift {
    static let ga: GuardID = "G-A", gb: GuardID = "G-B", gc: GuardID = "G-C", gd: GuardID = "G-D"
    static let officer = Actor.officer("O-1")

    static func at(_ h: Int, _ m: Int, _ s: Int = 0) -> Timestamp {
        Timestamp(year: 2026, month: 11, day: 29, hour: h, minute: m, second: s)
    }

    static let records: [EventRecord] = {
        var out: [EventRecord] = []
        func add(_ time: Timestamp, _ event: Event, drill: Bool = false, by actor: Actor = .system) {
            out.append(EventRecord(seq: UInt64(out.count + 1), time: time, actor: actor, drill: drill, event: event))
        }
        let setUp = at(7, 0)
        add(setUp, .companyRegistered(company: "C1", name: "中福物业"))
        add(setUp, .towerRegistered(tower: "T01", name: "中福广场", englishName: "Zhongfu Plaza", company: "C1",
                                    floorsAbove: 30, floorsBelow: 2, zones: StandardZone.all))
        add(setUp, .towerRegistered(tower: "T02", name: "福田银座", englishName: "Futian Yinzuo", company: "C1",
                                    floorsAbove: 20, floorsBelow: 1, zones: StandardZone.all))
        for (cp, tower) in [("CP-ZF-1", "T01"), ("CP-ZF-2", "T01"), ("CP-ZF-3", "T01"), ("CP-FT-1", "T02"), ("CP-FT-2", "T02")] {
            add(setUp, .checkpointInstalled(checkpoint: CheckpointID(cp), tower: TowerID(tower), floor: "1", zone: StandardZone.lobby, name: cp))
        }
        add(setUp, .teamFormed(team: "TM-1", name: "巡防一队"))
        add(setUp, .teamFormed(team: "TM-2", name: "巡防二队"))
        add(setUp, .guardEnrolled(guard: ga, name: "王伟", team: "TM-1", homeTower: "T01", training: []))
        add(setUp, .guardEnrolled(guard: gb, name: "李娜", team: "TM-1", homeTower: "T01", training: []))
        add(setUp, .guardEnrolled(guard: gc, name: "张强", team: "TM-2", homeTower: "T02", training: []))
        add(setUp, .guardEnrolled(guard: gd, name: "赵敏", team: "TM-2", homeTower: "T02", training: []))
        add(setUp, .officerEnrolled(officer: "O-1", name: "周警官"))

        func report(_ t: Timestamp, _ id: HazardID, _ c: HazardCategory, _ s: HazardSource, _ tower: TowerID, _ floor: String,
                    _ zone: String, drill: Bool = false) {
            add(t, .hazardReported(hazard: id, category: c, source: s, tower: tower, floor: floor, zone: zone,
                                   severity: .high, tenant: nil, note: "n"), drill: drill, by: officer)
        }
        func scan(_ t: Timestamp, _ g: GuardID, _ cp: String) {
            add(t, .checkpointScanned(guard: g, checkpoint: CheckpointID(cp)), by: .guard(g))
        }
        func send(_ t: Timestamp, _ d: DispatchID, _ h: HazardID, _ g: GuardID, drill: Bool = false) {
            add(t, .guardDispatched(dispatch: d, hazard: h, guard: g), drill: drill, by: officer)
        }
        func ack(_ t: Timestamp, _ d: DispatchID, _ g: GuardID, drill: Bool = false) {
            add(t, .dispatchAcknowledged(dispatch: d, guard: g, channel: .console), drill: drill, by: .guard(g))
        }
        func arrive(_ t: Timestamp, _ d: DispatchID, _ g: GuardID, drill: Bool = false) {
            add(t, .guardArrivedOnScene(dispatch: d, guard: g), drill: drill, by: .guard(g))
        }
        func clear(_ t: Timestamp, _ d: DispatchID, _ g: GuardID, drill: Bool = false) {
            add(t, .dispatchCleared(dispatch: d, guard: g, note: "done"), drill: drill, by: .guard(g))
        }
        func close(_ t: Timestamp, _ h: HazardID, drill: Bool = false) {
            add(t, .hazardClosed(hazard: h, note: "clear"), drill: drill, by: officer)
        }

        report(at(7, 30), "H-0", .crime, .officer, "T01", "1", StandardZone.lobby)
        for g in [ga, gb, gc] { add(at(8, 0), .guardWentOnDuty(guard: g), by: .guard(g)) }
        scan(at(8, 2), gb, "CP-ZF-1")
        scan(at(8, 5), ga, "CP-ZF-1")
        scan(at(8, 10), ga, "CP-ZF-2")
        scan(at(8, 10), gc, "CP-FT-1")
        scan(at(8, 12), gb, "CP-ZF-2")
        scan(at(8, 15), ga, "CP-ZF-3")
        report(at(8, 20), "H-1", .fireSafety, .patrol, "T01", "12", StandardZone.escapeRoute)
        send(at(8, 21), "D-1", "H-1", gb)
        ack(at(8, 21, 40), "D-1", gb)
        arrive(at(8, 24, 20), "D-1", gb)
        scan(at(8, 25), gc, "CP-FT-1")
        scan(at(8, 40), ga, "CP-ZF-1")
        clear(at(8, 40), "D-1", gb)
        scan(at(8, 40), gc, "CP-FT-1")
        close(at(8, 45), "H-1")
        scan(at(8, 50), ga, "CP-ZF-2")
        scan(at(8, 50), gb, "CP-ZF-1")
        scan(at(8, 55), gc, "CP-FT-1")
        report(at(9, 0), "H-2", .parking, .plateCamera, "T01", "B1", StandardZone.garage)
        send(at(9, 1), "D-2", "H-2", ga)
        ack(at(9, 2, 30), "D-2", ga)
        scan(at(9, 5), gc, "CP-FT-1")
        arrive(at(9, 8), "D-2", ga)
        report(at(9, 10), "H-3", .dispute, .tenantCall, "T02", "1", StandardZone.lobby)
        send(at(9, 11), "D-3", "H-3", gc)
        add(at(9, 14), .dispatchWithdrawn(dispatch: "D-3", reason: "no answer"), by: officer)
        send(at(9, 14), "D-4", "H-3", gb)
        ack(at(9, 14, 30), "D-4", gb)
        add(at(9, 15), .guardWentOnDuty(guard: gd), drill: true, by: .guard(gd))
        arrive(at(9, 16), "D-4", gb)
        report(at(9, 20), "H-5", .flood, .officer, "T02", "B1", StandardZone.garage, drill: true)
        send(at(9, 21), "D-5", "H-5", gd, drill: true)
        ack(at(9, 21, 20), "D-5", gd, drill: true)
        arrive(at(9, 24), "D-5", gd, drill: true)
        scan(at(9, 25), gc, "CP-FT-2")
        clear(at(9, 30), "D-2", ga)
        clear(at(9, 30), "D-5", gd, drill: true)
        close(at(9, 35), "H-5", drill: true)
        scan(at(9, 40), gc, "CP-FT-2")
        close(at(9, 42), "H-2")
        report(at(9, 50), "H-4", .fireSafety, .patrol, "T02", "3", StandardZone.escapeRoute)
        scan(at(9, 50), ga, "CP-ZF-3")
        scan(at(10, 30), ga, "CP-ZF-1")
        return out
    }()
}
