import Testing
import TowerwatchCore
@testable import TowerwatchUI
@testable import TowerwatchDemo

/// What each pane keeps when it is narrow, places with the floor once, and
/// names sorted by their numbers.
@Suite("Widths by priority, places and name order")
struct WidthPriorityTests {
    @Test("team names sort by their number: 一 二 三 … 十 十一 … 二十四; ids by value")
    func collation() {
        let teams = (1...24).map { "巡防\(DemoNames.numeral($0))队" }
        #expect(teams.shuffled().sorted(by: NameCollation.less) == teams)
        #expect(NameCollation.less("巡防三队", "巡防十队") && NameCollation.less("巡防十队", "巡防十一队") && !NameCollation.less("巡防七队", "巡防三队"))
        #expect(NameCollation.less("G-2", "G-10"))
        #expect(!NameCollation.less("abc", "abc") && NameCollation.less("ab", "abc"))
        let rows = teams.reversed().map { TableRow(key: $0, cells: [TableCell($0)]) }
        var t = TableState()
        t.sortColumn = 0
        #expect(t.arrange(Array(rows)).map(\.key) == teams)
    }

    @Test("a place names its floor once")
    func placeFloorOnce() {
        #expect(Place.text(tower: "福田银座", floor: "B1", zone: "B1 地下车库 Garage") == "福田银座 B1 地下车库 Garage")
        #expect(Place.text(tower: "中福广场", floor: "9", zone: "9F 消防通道 Escape route") == "中福广场 9F 消防通道 Escape route")
        #expect(Place.text(tower: "中福广场", floor: "1", zone: "12F 消防通道") == "中福广场 1 12F 消防通道")
        #expect(Place.text(tower: "中福广场", floor: "3", zone: "escape-route") == "中福广场 3 escape-route")
    }

    @Test("at 80 columns the header keeps who acts and the hint bar keeps ? help and q quit, even beside a long offer")
    func narrowKeepsIdentityAndHelp() {
        let f = OfferTests.alarmed(sceneAlarm: true)
        var model = ConsoleModel(officer: "O-01")
        model.banner = "DEMO · simulator running · /home/someone/.local/share/towerwatch/demo.twlog"
        let grid = f.render(model, width: 80, height: 24).grid
        #expect(grid.line(0, trimmingTrailingSpaces: true).hasSuffix("as O-01"))
        let bottom = grid.line(23, trimmingTrailingSpaces: true)
        #expect(bottom.hasPrefix("‼ H-000002"), "\(bottom)")
        #expect(bottom.hasSuffix("? help  q quit"), "\(bottom)")
    }

    @Test("the hazards pane keeps its Guard column at 120 columns; the guards pane shows team names whole")
    func wideEnough() {
        let f = ConsoleFixture()
        let lines = f.render(ConsoleModel(officer: "O-01"), width: 120, height: 40).grid.lines()
        #expect(lines[2].contains("Guard"))
        #expect(lines.contains { $0.contains("巡防二队") })
    }
}
