import Foundation
import Testing
import TowerwatchCore

/// The programme's figures against a hand-built history. Every answer below was
/// worked out by hand from the timeline in `ProgrammeHistory`.
///
///     day 1 (t0 = 2026-03-02 08:00 UTC)
///     08:00  H-1 fire-safety 中福广场; 张伟 on scene, cleared; closed 08:20     → rectified in 20 min
///     09:00  H-2 dispute 福田银座; 王强 on scene, cleared; closed 09:15         → resolved on the spot
///     09:30  drill held at 中福广场
///     10:00  H-3 dispute; escalated to police 10:05 and again 10:06; closed 10:30 → police once, not on the spot
///     day 2 (t0 + 1 day)
///     08:00  H-4 fire-safety; closed 08:50                                        → 50 min
///     09:00  H-5 fire-safety; closed 09:35                                        → 35 min
///     10:00  H-6 dispute, nobody sent; closed 10:10                               → closed, not on the spot
///     11:00  H-7 crime at 金融大厦; escalated to police 11:05                    → a criminal case; police
///     11:30  a drill's fire-safety hazard (drill record), closed 11:40            → counts nowhere
///     13:00  drill held at 中福广场; 14:00 at 福田银座; 14:30 a drill record of one → counts nowhere
///     15:00  baseline for fire-safety: 3.5 days (5,040 minutes)
///     16:00  G-101 enrolled (first-aid, fire-fighting), G-102 (first-aid)
enum ProgrammeHistory {
    static func h(_ n: Int) -> HazardID { HazardID("H-00000\(n)") }
    static func d(_ n: Int) -> DispatchID { DispatchID("D-00000\(n)") }
    static let day2 = t0 + .days(1)

    static let facts: [Fact] = [
        Fact.onDuty(zhang).at(t0 - .minutes(10)), Fact.onDuty(wang).at(t0 - .minutes(9)),
        Fact.reported(h(1)).at(t0),
        Fact.dispatched(d(1), h(1), to: zhang).at(t0 + .minutes(1)), .acknowledged(d(1), by: zhang).at(t0 + .minutes(2)),
        Fact.arrived(d(1), zhang).at(t0 + .minutes(4)), .cleared(d(1), zhang).at(t0 + .minutes(18)), .closed(h(1)).at(t0 + .minutes(20)),
        Fact.reported(h(2), .dispute, in: yinzuo).at(t0 + .hours(1)),
        Fact.dispatched(d(2), h(2), to: wang).at(t0 + .minutes(61)), .acknowledged(d(2), by: wang).at(t0 + .minutes(62)),
        Fact.arrived(d(2), wang).at(t0 + .minutes(64)), .cleared(d(2), wang).at(t0 + .minutes(74)), .closed(h(2)).at(t0 + .minutes(75)),
        Fact(.safetyDrillHeld(tower: zhongfu, scenario: "fire evacuation"), by: officer, at: t0 + .minutes(90)),
        Fact.reported(h(3), .dispute).at(t0 + .hours(2)),
        Fact.escalated(h(3)).at(t0 + .minutes(125)), Fact.escalated(h(3)).at(t0 + .minutes(126)), .closed(h(3)).at(t0 + .minutes(150)),

        Fact.reported(h(4)).at(day2), .closed(h(4)).at(day2 + .minutes(50)),
        Fact.reported(h(5)).at(day2 + .hours(1)), .closed(h(5)).at(day2 + .minutes(95)),
        Fact.reported(h(6), .dispute).at(day2 + .hours(2)), .closed(h(6)).at(day2 + .minutes(130)),
        Fact.reported(h(7), .crime, in: jinrong).at(day2 + .hours(3)), Fact.escalated(h(7)).at(day2 + .minutes(185)),
        Fact.reported(h(8)).at(day2 + .minutes(210)).inDrill, Fact.closed(h(8)).at(day2 + .minutes(220)).inDrill,
        Fact(.safetyDrillHeld(tower: zhongfu, scenario: "flood"), by: officer, at: day2 + .hours(5)),
        Fact(.safetyDrillHeld(tower: yinzuo, scenario: "fire evacuation"), by: officer, at: day2 + .hours(6)),
        Fact(.safetyDrillHeld(tower: yinzuo, scenario: "a trainee's"), by: officer, at: day2 + .minutes(390)).inDrill,
        Fact(.rectifyBaselineSet(category: .fireSafety, minutes: 5040), by: officer, at: day2 + .hours(7)),
        Fact(.guardEnrolled(guard: "G-101", name: "赵磊", team: teamZhongfu, homeTower: zhongfu, training: ["first-aid", "fire-fighting"]),
             at: day2 + .hours(8)),
        Fact(.guardEnrolled(guard: "G-102", name: "钱芳", team: teamZhongfu, homeTower: zhongfu, training: ["first-aid", "first-aid"]),
             at: day2 + .minutes(481)),
    ]

    /// The whole log: the fixture's set-up, then the facts.
    static let records: [EventRecord] = {
        var out: [EventRecord] = []
        for (i, event) in setUpEvents.enumerated() {
            out.append(EventRecord(seq: UInt64(i + 1), time: setUpTime + .seconds(Int64(i)), actor: .system, event: event))
        }
        for fact in facts {
            out.append(EventRecord(seq: UInt64(out.count + 1), time: fact.time!, actor: fact.actor ?? defaultActor(for: fact.event),
                                   drill: fact.drill, event: fact.event))
        }
        return out
    }()

    static let end = t0 + .days(2)
    static let state: DistrictState = given(facts)
}

@Suite("The programme's figures")
struct ProgrammeTests {
    typealias P = ProgrammeHistory
    let whole = ProgrammeFigures.sinceStart(of: P.state, at: P.end, policy: .standard)

    // MARK: - Since the district's start

    @Test func `fire hazards rectified and their median time, drills and live only`() {
        #expect(whole.fireHazardsRectified == 3, "H-1, H-4, H-5; the drill's H-8 does not count")
        #expect(whole.fireRectifyMedian == .minutes(35), "20, 35, 50 minutes")
        #expect(whole.rectifyTarget == .minutes(30))
        #expect(whole.fireBaseline == .minutes(5040), "3.5 days")
    }

    @Test func `disputes resolved on the spot: closed without escalation after a guard on scene cleared it`() {
        #expect(whole.disputesClosed == 3)
        #expect(whole.disputesResolvedOnSpot == 1, "H-2 only: H-3 was escalated, H-6 had no guard on scene")
    }

    @Test func `hazards escalated to police count once each`() {
        #expect(whole.escalatedToPolice == 2, "H-3 (twice, counted once) and H-7")
    }

    @Test func `days without a criminal case per tower`() {
        let days = Dictionary(uniqueKeysWithValues: whole.towers.map { ($0.id, $0.daysWithoutCriminalCase) })
        // 中福广场 joined the log 2026-03-01 06:00:02; read at 03-04 08:00: 3 days 1:59:58.
        #expect(days[zhongfu] == 3)
        #expect(days[yinzuo] == 3)
        // The crime at 金融大厦 was on 03-03 11:00: 21 hours before.
        #expect(days[jinrong] == 0)
        #expect(whole.towers.map(\.hadCriminalCase) == [false, false, true])
        #expect(whole.start == setUpTime + .seconds(2), "the district began with its first tower")
    }

    @Test func `drills held per tower; a drill's own records never count`() {
        #expect(whole.drillsHeld == 3)
        #expect(whole.towers.map(\.drillsHeld) == [2, 1, 0])
        let utc = LocalTimeText.utc
        #expect(whole.towers.map { $0.drills(inYearOf: P.end, utc) } == [2, 1, 0])
        #expect(whole.towersAtDrillTarget(utc) == 0)
    }

    @Test func `guards trained per category against the 12, each guard once`() {
        let trained = Dictionary(uniqueKeysWithValues: whole.training.map { ($0.category, $0.guards) })
        #expect(whole.training.prefix(12).map(\.category) == TrainingCategories.all)
        #expect(TrainingCategories.all.count == 12)
        #expect(trained["first-aid"] == 2, "G-102 lists it twice and counts once")
        #expect(trained["fire-fighting"] == 1)
        #expect(trained["evacuation"] == 0)
        #expect(whole.categoriesTrained == 2)
        // The fixture's own trainings are outside the twelve: listed after them, by name.
        #expect(whole.training.dropFirst(12).map(\.category) == ["dispute mediation", "fire safety", "first aid", "traffic guidance"])
        #expect(whole.guardsEnrolled == 9)
    }

    // MARK: - A window

    @Test func `over day 2 only`() {
        let report = ShiftReport.of(P.records, from: P.day2, to: P.end)
        let w = report.programme
        #expect(w.start == P.day2)
        #expect(w.fireHazardsRectified == 2, "H-4 and H-5")
        #expect(w.fireRectifyMedian == .seconds(42 * 60 + 30), "the mean of 35 and 50 minutes")
        #expect(w.disputesClosed == 1)
        #expect(w.disputesResolvedOnSpot == 0, "H-6 had nobody on scene")
        #expect(w.escalatedToPolice == 1, "H-7")
        #expect(w.drillsHeld == 2)
        #expect(w.towers.map(\.drillsHeld) == [1, 1, 0])
        // Standing figures are read at the window's end, the year's drills from the whole log.
        #expect(w.towers.map { $0.drills(inYearOf: P.end, .utc) } == [2, 1, 0])
        // The log ends at 03-03 16:01, before --to: standing figures are read there (2 days 10 hours after set-up).
        #expect(w.at == P.day2 + .minutes(481))
        #expect(w.towers.map(\.daysWithoutCriminalCase) == [2, 2, 0])
        // And the report carries the figures since the start beside them, read at the same moment.
        #expect(report.programmeSinceStart.fireHazardsRectified == 3)
        #expect(report.programmeSinceStart == ProgrammeFigures.sinceStart(of: P.state, at: w.at, policy: .standard))
    }

    @Test func `over day 1 only: what came later is not known yet`() {
        let w = ShiftReport.of(P.records, from: t0, to: P.day2).programme
        #expect(w.fireHazardsRectified == 1)
        #expect(w.fireRectifyMedian == .minutes(20))
        #expect(w.disputesResolvedOnSpot == 1)
        #expect(w.escalatedToPolice == 1)
        #expect(w.drillsHeld == 1)
        #expect(w.fireBaseline == nil, "the baseline was recorded on day 2")
        #expect(w.towers.map(\.daysWithoutCriminalCase) == [2, 2, 2])
        #expect(w.guardsEnrolled == 7)
    }

    @Test func `the report's whole history equals the district's own tally`() {
        let report = ShiftReport.of(P.records)
        #expect(report.programme.fireHazardsRectified == whole.fireHazardsRectified)
        #expect(report.programme.disputesResolvedOnSpot == whole.disputesResolvedOnSpot)
        #expect(report.programme.drillsHeld == whole.drillsHeld)
        #expect(P.state.programme == { var s = DistrictState(); for r in P.records { s.apply(r) }; return s.programme }())
    }

    // MARK: - Pieces

    @Test func `drills this year in the district's zone, not in UTC`() {
        var tally = ProgrammeTally()
        // 2025-12-31 20:00 UTC is 2026-01-01 04:00 in Shanghai.
        tally.count(.drillHeld(zhongfu, at: Timestamp(year: 2025, month: 12, day: 31, hour: 20)))
        tally.count(.drillHeld(zhongfu, at: Timestamp(year: 2026, month: 6, day: 1, hour: 2)))
        var state = P.state
        state.programme = tally
        let figures = ProgrammeFigures.sinceStart(of: state, at: Timestamp(year: 2026, month: 7, day: 1), policy: .standard)
        let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
        #expect(figures.towers[0].drills(inYearOf: figures.at, shanghai) == 2)
        #expect(figures.towers[0].drills(inYearOf: figures.at, .utc) == 1)
    }

    @Test func `a tower remembers a year and more of drills, no more`() {
        var tally = ProgrammeTally()
        let first = Timestamp(year: 2024, month: 1, day: 1)
        for month in 0..<36 { tally.count(.drillHeld(zhongfu, at: first + .days(Int64(month) * 30))) }
        #expect(tally.drillsHeld == 36)
        #expect(tally.drillsByTower[zhongfu] == 36)
        let kept = tally.recentDrills[zhongfu] ?? []
        #expect(kept.count == 14, "the drills of the last 400 days before the latest: days 660...1050 by 30")
        #expect(kept.last == first + .days(35 * 30))
    }

    @Test func `the median of many durations in bounded buckets`() {
        var d = SpanDistribution()
        #expect(d.median == nil)
        for m in [31, 29, 30] { d.add(.minutes(Int64(m))) }
        #expect(d.median == .minutes(30))
        d.add(.seconds(40 * 60 + 59))
        #expect(d.median == .seconds(30 * 60 + 30), "the 40:59 counts as 40 minutes; (30 + 31) / 2")
        var long = SpanDistribution()
        for h in [72, 84, 96] { long.add(.hours(Int64(h)) + .minutes(20)) }
        #expect(long.median == .hours(84), "beyond two days, to the hour")
        for _ in 0..<10_000 { long.add(.days(500)) }
        #expect(long.counts.count == 4, "a year or more share one bucket")
    }

    // MARK: - Snapshots

    @Test func `a cached fold plus the later records equals the fold from scratch`() throws {
        let cut = P.records.firstIndex { $0.time >= P.day2 }!
        var cached = DistrictState()
        for r in P.records[..<cut] { cached.apply(r) }
        var resumed = try JSONDecoder().decode(DistrictState.self, from: JSONEncoder().encode(cached))
        for r in P.records[cut...] { resumed.apply(r) }
        var scratch = DistrictState()
        for r in P.records { scratch.apply(r) }
        #expect(differences(resumed, scratch).isEmpty, "\(differences(resumed, scratch))")
        #expect(resumed.programme.fireHazardsRectified == 3 && resumed.rectifyBaselines[.fireSafety] == 5040)
    }

    @Test func `a state cached before the programme's figures does not read`() throws {
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(P.state)) as! [String: Any]
        #expect(json["programme"] != nil && json["rectifyBaselines"] != nil)
        json["programme"] = nil
        let old = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DistrictState.self, from: old) }
        #expect(DistrictState.foldVersion >= 3)
    }

    // MARK: - Commands

    @Test func `an officer records a baseline in minutes`() {
        P.state.when(officer, .setBaseline(.parking, minutes: 120)).then([.rectifyBaselineSet(category: .parking, minutes: 120)])
        P.state.when(officer, .setBaseline(.fireSafety, minutes: 5040)).rejected(mentioning: "already 3d12h", "fire safety")
        P.state.when(officer, .setBaseline(.fireSafety, minutes: 0)).rejected(mentioning: "more than 0")
        P.state.when(.guard(zhang), .setBaseline(.fireSafety, minutes: 60)).rejected(mentioning: "only an officer")
    }

    @Test func `an officer records a drill held at a known tower, with its scenario`() {
        let state = P.state.when(officer, .recordDrillHeld(tower: jinrong, scenario: "疏散演练"))
            .then([.safetyDrillHeld(tower: jinrong, scenario: "疏散演练")])
        #expect(state.programme.drillsByTower[jinrong] == 1)
        P.state.when(officer, .recordDrillHeld(tower: "T99", scenario: "x")).rejected(mentioning: "unknown tower T99")
        P.state.when(officer, .recordDrillHeld(tower: jinrong, scenario: "  ")).rejected(mentioning: "needs its scenario")
        P.state.when(plateCamera, .recordDrillHeld(tower: jinrong, scenario: "x")).rejected(mentioning: "only an officer")
    }

    @Test func `the verbs read days and a tower`() throws {
        let baseline = try VerbInvocation(line: "set-baseline --category fire-safety --days 3.5").action(actor: officer)
        #expect(baseline == .setBaseline(.fireSafety, minutes: 5040))
        let drill = try VerbInvocation(line: "drill-held --tower T05 --scenario \"fire evacuation\"").action(actor: officer)
        #expect(drill == .recordDrillHeld(tower: "T05", scenario: "fire evacuation"))
        #expect(throws: Rejection.self) { try VerbInvocation(line: "set-baseline --category fire-safety --days three").action(actor: officer) }
        #expect(throws: Rejection.self) { try VerbInvocation(line: "set-baseline --category fire-safety --days 0").action(actor: officer) }
        #expect(throws: Rejection.self) { try VerbInvocation(line: "set-baseline --category fire-safety --days nan").action(actor: officer) }
    }
}
