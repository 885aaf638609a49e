import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// Placeholders a repair left ("tower T05 — registration lost in repair") show
/// with that wording in the towers and guards panes and the detail pane, until
/// the set-up record is written again.
@Suite struct LostInRepairPaneTests {
    static let t0 = Timestamp(millis: 1_795_000_000_000)

    /// Tower T05, team TM9, guard G-050 (on duty at a lost checkpoint's tower) and
    /// hazard H-000007, all placeholders; beside them a registered tower T01.
    static func state() -> DistrictState {
        var s = DistrictState()
        var seq: UInt64 = 0
        func fold(_ e: Event, _ actor: Actor = .system) {
            seq += 1
            let problem = s.apply(EventRecord(seq: seq, time: t0 + Span(millis: Int64(seq) * 1000), actor: actor, event: e))
            #expect(problem == nil, "\(e): \(problem ?? "")")
        }
        fold(.companyRegistered(company: "C1", name: "Co"))
        fold(.towerRegistered(tower: "T01", name: "中福广场", englishName: "Zhongfu", company: "C1", floorsAbove: 30, floorsBelow: 2, zones: ["lobby"]))
        fold(.setUpLost(kind: .tower, id: "T05"))
        fold(.setUpLost(kind: .team, id: "TM9"))
        fold(.guardEnrolled(guard: "G-001", name: "王刚", team: "TM9", homeTower: "T05", training: []))
        fold(.setUpLost(kind: .guard, id: "G-050"))
        fold(.guardWentOnDuty(guard: "G-001"))
        fold(.guardWentOnDuty(guard: "G-050"))
        fold(.setUpLost(kind: .hazard, id: "H-000007"))
        return s
    }

    static func texts(_ rows: [TableRow]) -> [String] { rows.map { $0.cells.map(\.text).joined(separator: " | ") } }

    @Test func thePanesShowThePlaceholdersWithTheLostWording() {
        let s = Self.state()
        let rows = ConsoleRows(state: s, recent: [], now: Self.t0 + Span.hours(1), policy: .standard, time: LocalTimeText(zone: .utc))
        let towers = Self.texts(rows.rows(.towers))
        #expect(towers.contains { $0.contains("tower T05 — registration lost in repair") }, "\(towers)")
        #expect(towers.contains { $0.contains("中福广场") })
        let guards = Self.texts(rows.rows(.guards))
        #expect(guards.contains { $0.hasPrefix("G-050 | guard G-050 — enrolment lost in repair") }, "\(guards)")
        #expect(guards.contains { $0.contains("王刚") && $0.contains("team TM9 — formation lost in repair") }, "\(guards)")
    }

    @Test func theDetailPaneNamesWhatWasLost() {
        let s = Self.state()
        func detail(_ pane: PaneID, _ key: String) -> String {
            DetailText.lines(pane: pane, key: key, state: s, recent: [], now: Self.t0 + Span.hours(1), policy: .standard,
                             time: LocalTimeText(zone: .utc)).map(\.text).joined(separator: "\n")
        }
        #expect(detail(.towers, "T05").hasPrefix("tower T05 — registration lost in repair"), "\(detail(.towers, "T05"))")
        #expect(detail(.guards, "G-001").contains("team team TM9 — formation lost in repair, home tower T05 — registration lost in repair"),
                "\(detail(.guards, "G-001"))")
        #expect(detail(.guards, "G-050").contains("guard G-050 — enrolment lost in repair"))
        #expect(detail(.hazards, "H-000007").hasPrefix("hazard H-000007 — report lost in repair"), "\(detail(.hazards, "H-000007"))")
    }

    @Test func registeringAgainEndsThePlaceholder() {
        var s = Self.state()
        _ = s.apply(EventRecord(seq: 100, time: Self.t0 + Span.hours(2), actor: .officer("O-01"),
                                event: .towerRegistered(tower: "T05", name: "金融中心", englishName: "Finance Centre", company: "C1",
                                                        floorsAbove: 40, floorsBelow: 3, zones: ["lobby"])))
        let rows = ConsoleRows(state: s, recent: [], now: Self.t0 + Span.hours(3), policy: .standard, time: LocalTimeText(zone: .utc))
        let towers = Self.texts(rows.rows(.towers))
        #expect(towers.contains { $0.contains("金融中心") })
        #expect(!towers.contains { $0.contains("lost in repair") }, "\(towers)")
    }
}
