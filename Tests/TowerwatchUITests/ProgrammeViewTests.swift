import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// The programme's figures on the officer console: the key that opens them, and
/// whole frames at 80×24 and 120×40.
@Suite("The programme view")
struct ProgrammeViewTests {
    /// The console fixture, then: H-000001 cleared and closed 7 minutes after its
    /// report, drills held at 中福广场 (twice) and 福田银座, and the fire-safety baseline.
    static let fixture: ConsoleFixture = {
        var f = ConsoleFixture()
        let officer = Actor.officer("O-01")
        f.run(Command(.guard("G-001"), .clear("D-000001", note: "waste removed")), at: f.start + .minutes(9) + .seconds(30))
        f.run(Command(officer, .close("H-000001", note: "route clear")), at: f.start + .minutes(10))
        f.run(Command(officer, .recordDrillHeld(tower: "T01", scenario: "fire evacuation")), at: f.start + .minutes(10))
        f.run(Command(officer, .recordDrillHeld(tower: "T01", scenario: "flood")), at: f.start + .minutes(11))
        f.run(Command(officer, .recordDrillHeld(tower: "T02", scenario: "fire evacuation")), at: f.start + .minutes(11))
        f.run(Command(officer, .setBaseline(.fireSafety, minutes: 5040)), at: f.start + .minutes(11))
        return f
    }()

    @Test func `p opens the view and p or Esc closes it; the key is in the one key table`() {
        let f = Self.fixture
        let layout = ConsoleLayout(size: Size(width: 120, height: 40), focus: .hazards)
        var model = ConsoleModel(officer: "O-01")
        _ = model.handle(.character("p"), rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(model.overlay == .programme(scroll: 0))
        _ = model.handle(.down, rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(model.overlay == .programme(scroll: 1))
        _ = model.handle(.character("p"), rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(model.overlay == nil)
        _ = model.handle(.character("p"), rows: f.rows, state: f.state, now: f.now, layout: layout)
        _ = model.handle(.escape, rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(model.overlay == nil)
        #expect(KeyMap.officer.contains { $0.action == .programme && $0.keys == [.character("p")] && $0.help.contains("programme") })
    }

    @Test func `the figures since the district's start, read at the console's moment`() {
        let f = Self.fixture
        let lines = ProgrammeView.lines(ProgrammeFigures.sinceStart(of: f.state, at: f.now, policy: .standard), width: 98,
                                        time: ConsoleFixture.shanghai).map(\.text)
        #expect(lines[0] == "Live records since 2026-11-29 (the district's start) · read 16:12:00 +08:00")
        #expect(lines.contains("Fire hazards rectified         1"))
        #expect(lines.contains("Fire hazard: median to rectify 7m00s ✓ (target 30m00s; before: 3d12h)"))
        #expect(lines.contains("Drills held                    3 · towers at 12 in 2026: 0 of 27"))
        #expect(lines.contains { $0.hasPrefix("T01 0d  2/12  T02 0d  1/12  T03 0d  0/12") })
    }

    @Test("whole frames with the programme view match their golden files", arguments: [(80, 24), (120, 40)])
    func goldenFrames(size: (Int, Int)) {
        var model = ConsoleModel(officer: "O-01")
        model.overlay = .programme(scroll: 0)
        let out = Self.fixture.render(model, width: size.0, height: size.1)
        let lines = out.grid.lines(trimmingTrailingSpaces: true)
        // Every tower and every training category is on screen, even at 80×24.
        let text = lines.joined(separator: "\n")
        for t in 1...27 { #expect(text.contains("T\(t < 10 ? "0" : "")\(t) "), "T\(t) missing") }
        for c in TrainingCategories.all { #expect(text.contains(c), "\(c) missing") }
        if let problem = assertGolden(lines, named: "console-programme-\(size.0)x\(size.1)") {
            Issue.record(Comment(rawValue: problem))
        }
    }
}
