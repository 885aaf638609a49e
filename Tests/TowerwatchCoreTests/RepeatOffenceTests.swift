import Foundation
import Testing
@testable import TowerwatchCore

/// Repeat offenders: hazards per tenant and place, category and day, kept by the
/// fold for 90 days and counted over 7, 30 and 90 days, against answers worked
/// out by hand below.
@Suite("Repeat offenders")
struct RepeatOffenceTests {
    /// Day `n` after t0 (2026-03-02 08:00 UTC), at 08:00 UTC plus `minutes`.
    static func day(_ n: Int64, _ minutes: Int64 = 0) -> Timestamp { t0 + .days(n) + .minutes(minutes) }

    /// 川味小馆's escape route on floor 2 of 中福广场 blocked on days 0, 3, 10, 25, 60 and 95;
    /// each rectified 20 minutes after its report except day 10's, 2 hours after.
    /// Beside them, never counted for the restaurant: a drill on day 24, a camera
    /// report joining day 25's hazard, and one parking hazard in the B1 garage on day 24.
    static func history(through lastDay: Int64) -> DistrictState { given(facts(through: lastDay)) }

    /// The history as records after the fixture's set-up, for the report.
    static func records(through lastDay: Int64) -> [EventRecord] {
        var state = DistrictState(), out: [EventRecord] = []
        for (i, event) in setUpEvents.enumerated() {
            out.append(EventRecord(seq: UInt64(i + 1), time: setUpTime + .seconds(Int64(i)), actor: .system, event: event))
        }
        for f in facts(through: lastDay) {
            out.append(EventRecord(seq: UInt64(out.count + 1), time: f.time!, actor: f.actor ?? defaultActor(for: f.event), drill: f.drill, event: f.event))
        }
        for r in out { _ = state.apply(r) }
        return out
    }

    static func facts(through lastDay: Int64) -> [Fact] {
        var facts: [Fact] = []
        var n = 0
        func id() -> HazardID { n += 1; return HazardID("H-" + String(1_000_000 + n).dropFirst()) }
        for d: Int64 in [0, 3, 10, 24, 25, 60, 95] where d <= lastDay {
            if d == 24 {
                let drill = id(), parking = id()
                facts += [Fact.reported(drill, floor: "2", tenant: restaurant).at(day(d)).inDrill,
                          Fact.closed(drill).at(day(d, 5)).inDrill,
                          Fact.reported(parking, .parking, floor: "B1", zone: StandardZone.garage).at(day(d, 1)),
                          Fact.closed(parking).at(day(d, 30))]
                continue
            }
            let h = id()
            facts.append(Fact.reported(h, floor: "2", tenant: restaurant).at(day(d)))
            if d == 25 {
                facts.append(Fact(.hazardReportJoined(hazard: h, category: .fireSafety, source: .plateCamera, tower: zhongfu, floor: "2",
                                                      zone: StandardZone.escapeRoute, severity: .high, tenant: nil, note: ""),
                                  by: plateCamera).at(day(d, 2)))
            }
            facts.append(Fact.closed(h).at(day(d, d == 10 ? 120 : 20)))
        }
        return facts
    }

    let restaurantFire = RepeatKey(.tenant(restaurant), .fireSafety)
    let escapeRoute2F = RepeatKey(.place(tower: zhongfu, floor: "2", zone: StandardZone.escapeRoute), .fireSafety)

    @Test func `on day 25: 1 in 7 days, 4 in 30 and 90, with the times to rectify`() {
        let state = Self.history(through: 25)
        let now = Self.day(25, 60)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 7, endingAt: now) == 1)    // day 25
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 30, endingAt: now) == 4)   // days 0, 3, 10, 25
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 90, endingAt: now) == 4)
        let offences = state.repeatOffences(days: 30, endingAt: now)
        // The tenant first, then its place; the parking hazard (once) and the drill are not there.
        #expect(offences.map(\.key) == [restaurantFire, escapeRoute2F])
        let tenant = offences[0]
        #expect(tenant.hazards == 4)
        #expect(tenant.rectified == 4)
        #expect(tenant.meanRectify == .minutes(45))       // (20 + 20 + 120 + 20) / 4
        #expect(tenant.longestRectify == .minutes(120))
        #expect(offences[1].hazards == 4)
        // Within the last 7 days only one: below the minimum of two.
        #expect(state.repeatOffences(days: 7, endingAt: now).isEmpty)
        #expect(state.repeatOffences(days: 7, endingAt: now, minimum: 1).map(\.key).contains(RepeatKey(
            .place(tower: zhongfu, floor: "B1", zone: StandardZone.garage), .parking)))
    }

    @Test func `a new hazard knows its place in the run: the 4th in 30 days`() {
        let state = Self.history(through: 25)
        let ordinals = state.hazards.values.filter { !$0.drill && $0.tenant == restaurant }.sorted { $0.reportedAt < $1.reportedAt }
        // Only hazards closed within a day stay in memory: day 25's.
        #expect(ordinals.last?.tenantRepeat == 4)
        #expect(ordinals.last?.placeRepeat == 4)
        #expect(ordinal(4) == "4th")
        #expect([1, 2, 3, 11, 12, 13, 21, 22, 101, 111].map(ordinal) == ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"])
        #expect(Self.history(through: 60).hazards.values.first { $0.reportedAt == Self.day(60) }?.tenantRepeat == 1)   // days 31-60: only itself
    }

    @Test func `on day 95: the oldest days are dropped, 4 in 90 days`() {
        let state = Self.history(through: 95)
        let now = Self.day(95, 60)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 7, endingAt: now) == 1)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 30, endingAt: now) == 1)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 90, endingAt: now) == 4)    // days 10, 25, 60, 95
        // Memory: days 0 and 3 fell out of the 90 kept.
        #expect(state.repeats.days[restaurantFire]?.map(\.day) == [10, 25, 60, 95].map { RepeatTallies.day(of: Self.day($0)) })
        let offence = state.repeatOffences(days: 90, endingAt: now).first
        #expect(offence?.key == restaurantFire)
        #expect(offence?.rectified == 4)
        #expect(offence?.meanRectify == .minutes(45))
    }

    @Test func `a window ends on the day of its end: the first day counts, the day before does not`() {
        let state = Self.history(through: 10)
        // Days 4..10 hold only day 10; days 3..9 hold day 3.
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 7, endingAt: Self.day(10)) == 1)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 7, endingAt: Self.day(9)) == 1)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 8, endingAt: Self.day(10)) == 2)
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 11, endingAt: Self.day(10)) == 3)
    }

    @Test func `a split report counts as a hazard; a joined one does not`() {
        var state = given([.reported(h1, floor: "2", tenant: restaurant).at(t0)])
        let again = HazardReport(category: .fireSafety, source: .plateCamera, tower: zhongfu, floor: "2", zone: StandardZone.escapeRoute)
        state = state.when(plateCamera, .reportHazard(again), at: t0 + .minutes(1)).accepted()
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 1, endingAt: t0) == 1)
        #expect(state.repeatCount(.place(tower: zhongfu, floor: "2", zone: StandardZone.escapeRoute), .fireSafety, days: 1, endingAt: t0) == 1)
        state = state.when(officer, .splitReport(h1, report: 2), at: t0 + .minutes(2)).accepted()
        #expect(state.repeatCount(.place(tower: zhongfu, floor: "2", zone: StandardZone.escapeRoute), .fireSafety, days: 1, endingAt: t0) == 2)
        // The camera named no tenant: the split hazard is the place's, not the restaurant's.
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 1, endingAt: t0) == 1)
        #expect(state.hazards[h2]?.placeRepeat == 2)
    }

    @Test func `a tenant named by a joined report counts the hazard for the tenant`() {
        var state = given([.reported(h1, floor: "2", source: .plateCamera).at(t0)])
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 1, endingAt: t0) == 0)
        let patrol = HazardReport(category: .fireSafety, source: .officer, tower: zhongfu, floor: "2", zone: StandardZone.escapeRoute, tenant: restaurant)
        state = state.when(officer, .reportHazard(patrol), at: t0 + .minutes(1)).accepted()
        #expect(state.repeatCount(.tenant(restaurant), .fireSafety, days: 1, endingAt: t0) == 1)
        #expect(state.hazards[h1]?.tenantRepeat == 1)
    }

    @Test func `the report's table lists the repeat offenders of 7, 30 and 90 days up to its end`() {
        let report = ShiftReport.of(Self.records(through: 25), from: Self.day(25), to: Self.day(25, 60))
        let rows = report.live.repeatOffenders
        // 7 days: one hazard each, below two; 30 and 90 days: four each for the tenant and its place.
        #expect(rows.map(\.days) == [30, 30, 90, 90])
        #expect(rows.map(\.who) == ["川味小馆 (中福广场 2F)", "中福广场 2 escape-route", "川味小馆 (中福广场 2F)", "中福广场 2 escape-route"])
        #expect(rows.allSatisfy { $0.hazards == 4 && $0.rectified == 4 && $0.meanRectify == .minutes(45) && $0.longestRectify == .minutes(120) })
        #expect(report.drill.repeatOffenders.isEmpty)
        let text = ReportText.render(report, width: 120)
        #expect(text.contains("Repeat offenders"))
        #expect(text.contains("川味小馆 (中福广场 2F)"))
        // The same rows in CSV and JSON (one table definition serves both).
        let table = report.table(.repeatOffenders)
        #expect(table.columns == ["section", "days", "who", "category", "hazards", "rectified", "mean_rectify_s", "longest_rectify_s"])
        #expect(table.rows.count == 4)
        #expect(table.rows.first == [.text("live"), .int(30), .text("川味小馆 (中福广场 2F)"), .text("fire-safety"), .int(4), .int(4),
                                     .seconds(.minutes(45)), .seconds(.minutes(120))])
    }

    @Test func `replay folds the same tallies: a cached fold plus the rest equals the fold from scratch`() throws {
        let through25 = Self.history(through: 25)
        let cached = try JSONDecoder().decode(DistrictState.self, from: JSONEncoder().encode(through25))
        #expect(cached.repeats == through25.repeats)
        #expect(cached.repeatOffences(days: 30, endingAt: Self.day(25)) == through25.repeatOffences(days: 30, endingAt: Self.day(25)))
    }
}
