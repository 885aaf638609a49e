import Foundation
import Testing
import TowerwatchCore

/// Placeholders a repair left (`SetupRecordLost`) appear in every report format
/// with the wording the consoles use ("tower T05 — registration lost in repair"),
/// never as an empty name.
@Suite("Report: set-up records lost in repair")
struct ReportLostSetUpTests {
    static let t0 = Timestamp(millis: 1_795_000_000_000)
    static func at(_ minute: Int64) -> Timestamp { t0 + .minutes(minute) }

    static let tower = "tower T05 — registration lost in repair"
    static let team = "team TM9 — formation lost in repair"
    static let lostGuard = "guard G-050 — enrolment lost in repair"
    static let hazard = "hazard H-000007 — report lost in repair"

    /// Before the window: tower T05, team TM9, guard G-050 and hazard H-000007 are
    /// placeholders; G-001 (team TM9, home T05) is sent to H-000007, so it is open
    /// at the window's start. In the window: H-000001 at T05, G-050 sent there,
    /// acknowledging and on scene 3 minutes later.
    static let records: [EventRecord] = {
        let o: Actor = .officer("O-01")
        let steps: [(Int64, Actor, Event)] = [
            (0, .system, .companyRegistered(company: "C1", name: "Co")),
            (0, .system, .towerRegistered(tower: "T01", name: "中福广场", englishName: "Zhongfu", company: "C1",
                                          floorsAbove: 30, floorsBelow: 2, zones: ["lobby"])),
            (0, .system, .setUpLost(kind: .tower, id: "T05")),
            (0, .system, .setUpLost(kind: .team, id: "TM9")),
            (0, .system, .guardEnrolled(guard: "G-001", name: "王刚", team: "TM9", homeTower: "T05", training: [])),
            (0, .system, .setUpLost(kind: .guard, id: "G-050")),
            (0, .system, .officerEnrolled(officer: "O-01", name: "赵")),
            (1, .guard("G-001"), .guardWentOnDuty(guard: "G-001")),
            (1, .guard("G-050"), .guardWentOnDuty(guard: "G-050")),
            (2, .system, .setUpLost(kind: .hazard, id: "H-000007")),
            (3, o, .guardDispatched(dispatch: "D-000001", hazard: "H-000007", guard: "G-001")),
            (10, .guard("G-050"), .hazardReported(hazard: "H-000001", category: .fireSafety, source: .patrol, tower: "T05",
                                                  floor: "3", zone: "lobby", severity: .high, tenant: nil, note: "")),
            (11, o, .guardDispatched(dispatch: "D-000002", hazard: "H-000001", guard: "G-050")),
            (12, .guard("G-050"), .dispatchAcknowledged(dispatch: "D-000002", guard: "G-050", channel: .console)),
            (14, .guard("G-050"), .guardArrivedOnScene(dispatch: "D-000002", guard: "G-050")),
        ]
        return steps.enumerated().map { i, step in
            EventRecord(seq: UInt64(i + 1), time: at(step.0), actor: step.1, event: step.2)
        }
    }()

    static let report = ShiftReport.of(records, from: at(10), to: at(20))

    @Test func `the report's rows carry the labels, not empty names`() {
        let live = Self.report.live
        var state = DistrictState()
        let problems = Self.records.compactMap { r in state.apply(r).map { "\(r.seq): \($0)" } }
        #expect(problems.isEmpty, "\(problems)")
        #expect(Self.report.skippedRecords == 0)
        let d2 = live.dispatches.first { $0.id == "D-000002" }
        #expect(d2?.guardName == Self.lostGuard && d2?.towerName == Self.tower, "\(String(describing: d2))")
        #expect(live.guards.first { $0.id == "G-050" }?.name == Self.lostGuard)
        #expect(live.guards.first { $0.id == "G-001" }?.teamName == Self.team)
        #expect(live.towers.map(\.name) == [Self.tower])
        #expect(live.teams.map(\.name) == [Self.team])
        #expect(live.openAtStart.map(\.towerName) == [Self.hazard])
        #expect(live.hazards.map(\.towerName) == [Self.tower])
    }

    @Test func `a repeat offender's place in a lost tower is named as the console does`() {
        var state = DistrictState()
        for r in Self.records { _ = state.apply(r) }
        #expect(state.describe(.place(tower: "T05", floor: "3", zone: "lobby")) == "\(Self.tower) 3 lobby")
        #expect(state.describe(.place(tower: "T01", floor: "3", zone: "lobby")) == "中福广场 3 lobby")
    }

    @Test func `text names every placeholder as the console does`() {
        let text = ReportText.render(Self.report, width: 400)
        for label in [Self.tower, Self.team, Self.lostGuard, Self.hazard] {
            #expect(text.contains(label), "\(label)\n\(text)")
        }
    }

    @Test func `CSV names every placeholder as the console does`() throws {
        let csv = ReportCSV.render(Self.report)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.contains { $0.contains(",G-050,\(Self.lostGuard),") }, "\(csv)")
        #expect(lines.contains { $0.contains(",T05,\(Self.tower),") }, "\(csv)")
        #expect(lines.contains { $0.contains(",TM9,\(Self.team),") }, "\(csv)")
        #expect(lines.contains { $0.contains(",H-000007,") && $0.contains(",\(Self.hazard),") }, "\(csv)")
    }

    @Test func `JSON names every placeholder as the console does`() throws {
        let json = ReportJSON.render(Self.report)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let strings = Self.strings(in: parsed)
        for label in [Self.tower, Self.team, Self.lostGuard, Self.hazard] {
            #expect(strings.contains(label), "\(label)\n\(json)")
        }
    }

    @Test func `HTML names every placeholder as the console does`() {
        let html = ReportHTML.render(Self.report)
        for label in [Self.tower, Self.team, Self.lostGuard, Self.hazard] {
            #expect(html.contains(label), "\(label)")
        }
    }

    /// Every string value in a parsed JSON document.
    static func strings(in value: Any) -> Set<String> {
        switch value {
        case let s as String: [s]
        case let a as [Any]: a.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
        case let d as [String: Any]: d.values.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
        default: []
        }
    }
}
