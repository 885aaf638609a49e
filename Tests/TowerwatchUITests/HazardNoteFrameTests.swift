import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// A hazard's notes on the officer console: in the detail pane's timeline, with
/// their time and author, and in the feed, led by the hazard's id.
@Suite("Hazard notes on the console")
struct HazardNoteFrameTests {
    /// The console fixture with two notes on H-000001 (G-001 is on scene there):
    /// one by the guard, in Chinese and with an escape sequence, one by the officer.
    static func fixture() -> ConsoleFixture {
        var fixture = ConsoleFixture()
        fixture.run(Command(.guard("G-001"), .addNote("H-000001", text: "施工方已联系\u{1b}[2J，14:40到场")), at: fixture.start + .minutes(6))
        fixture.run(Command(.officer("O-01"), .addNote("H-000001", text: "物业经理 on the way")), at: fixture.start + .minutes(7) + .seconds(30))
        return fixture
    }

    @Test("the detail pane's timeline shows each note with its time and author, in order")
    func detailPane() {
        let fixture = Self.fixture()
        var model = ConsoleModel(officer: "O-01")
        model.tables[.hazards] = TableState()
        model.tables[.hazards]!.selectedKey = "H-000001"
        var grid = Grid(width: 64, height: 20)
        ConsoleScreen.drawDetail(&grid, grid.bounds, model, fixture.frame(theme: .monochrome), rows: fixture.rows, focused: false)
        // The escape sequence in G-001's note is stripped by the grid, never drawn.
        #expect(grid.lines(trimmingTrailingSpaces: true) == [
            "┌ 5 Detail — open hazards ─────────────────────────────────────┐",
            "│H-000001  fire safety  high                                   │",
            "│中福广场 floor 3, escape-route                                │",
            "│source patrol, reported by guard:G-001                        │",
            "│“装修垃圾堵塞消防通道”                                        │",
            "│                                                              │",
            "│  acknowledge: 20s of 1m00s — met                             │",
            "│  on scene: 2m00s of 5m00s — met                              │",
            "│  rectify: 9m00s of 30m00s — running                          │",
            "│                                                              │",
            "│Timeline (+08:00)                                             │",
            "│16:03:00  +0s  reported                                       │",
            "│16:03:00  +0s  G-001 金晓东 dispatched (D-000001)             │",
            "│16:03:20  +20s  G-001 acknowledged                            │",
            "│16:05:00  +2m00s  G-001 on scene                              │",
            "│16:06:00  +3m00s  note by G-001: 施工方已联系，14:40到场      │",
            "│16:07:30  +4m30s  note by O-01: 物业经理 on the way           │",
            "│                                                              │",
            "│Procedure: fire safety                                        │",
            "└──────────────────────────────────────────────────────────────┘",
        ])
    }

    @Test("the feed leads a note with the hazard's id and its author")
    func feedLine() {
        let fixture = Self.fixture()
        let feed = fixture.rows.feed.map { $0.cells.map(\.text).joined(separator: " ") }
        #expect(feed.contains { $0.hasSuffix("H-000001 note by O-01: 物业经理 on the way") }, "\(feed)")
        let frame = fixture.render(ConsoleModel(officer: "O-01"), width: 200, height: 60).grid.lines().joined(separator: "\n")
        #expect(frame.contains("H-000001 note by G-001: 施工方已联系"))
        #expect(frame.contains("H-000001 note by O-01: 物业经理 on the way"))
    }
}
