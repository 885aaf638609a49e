import Testing
import TowerwatchCore
@testable import TowerwatchUI

@Suite("Officer console frames")
struct ConsoleRenderTests {
    let fixture = ConsoleFixture()
    var officerModel: ConsoleModel { ConsoleModel(officer: "O-01") }

    @Test("the towers pane lines up CJK names by display width")
    func towersPaneColumns() {
        var grid = Grid(width: 60, height: 6)
        let rows = fixture.rows
        TableView.draw(Array(rows.towers.prefix(4)), columns: ConsoleRows.towerColumns, state: TableState(), focused: true,
                       theme: .monochrome, into: &grid, area: grid.bounds)
        #expect(grid.lines(trimmingTrailingSpaces: true) == [
            "Tower                  Company         Open Grd Late NoCrime",
            "中福广场               中福物业管理有…    2   3    0      0d",
            "福田银座               福田银座物业服…    1   2   ‼1      0d",
            "钱江金融中心           钱江金融城物业…    0   0    0      0d",
            "之江国际大厦           之江商务物业有…    0   0    0      0d",
            "",
        ])
        // Every row is exactly the grid's width in cells: a CJK character takes two.
        for y in 0..<grid.height {
            #expect((0..<grid.width).map { grid[$0, y].width }.reduce(0, +) == 60)
        }
    }

    @Test("open hazards: overdue first, clocks carry a symbol as well as a colour")
    func hazardRows() {
        let rows = fixture.rows.hazards
        #expect(rows.map(\.key) == ["H-000002", "H-000001", "H-000003"])
        let parking = rows[0].cells.map(\.text)
        #expect(rows.map { $0.cells[0].text } == ["H-000002", "H-000001", "H-000003"])   // one report each: no ×N
        #expect(parking[4] == "‼ dispatched")        // ack clock 8m > 60 s; scene 8m > 5m
        #expect(parking[6] == "‼8m00s")               // ack
        #expect(parking[7] == "‼8m00s")               // scene
        #expect(parking[8] == "8m00s")                // rectify: still normal at 8 of 30 minutes
        let waste = rows[1].cells.map(\.text)
        #expect(waste[4] == "on scene")
        #expect(waste[6] == "✓20s")                   // acknowledged in 20 s
        #expect(waste[7] == "✓2m00s")                 // on scene 2 minutes after the report
        let dispute = rows[2].cells.map(\.text)
        #expect(dispute[4] == "new")                 // 3 minutes and no guard: the scene clock warns, not yet overdue
        #expect(dispute[7] == "!3m00s")
        #expect(rows[0].cells[6].role == .clockOverdue)
        #expect(rows[2].cells[7].role == .clockWarning)
    }

    @Test("text from the log never reaches the terminal raw")
    func sanitizedNotes() {
        var model = officerModel
        model.tables[.hazards] = TableState()
        model.tables[.hazards]!.selectedKey = "H-000003"
        let out = fixture.render(model, width: 200, height: 60)
        for cell in out.grid.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) })
        }
        #expect(out.grid.lines().joined().contains("evil"))
    }

    @Test("whole frames at 80×24, 120×40 and 200×60 match their golden files", arguments: [(80, 24), (120, 40), (200, 60)])
    func goldenFrames(size: (Int, Int)) {
        let out = fixture.render(officerModel, width: size.0, height: size.1)
        #expect(out.layout.kind == (size.0 >= 120 ? .wide : .compact))
        if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: "console-\(size.0)x\(size.1)") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("below the minimum size the console says what it needs")
    func tooSmall() {
        let out = fixture.render(officerModel, width: 40, height: 10)
        let text = out.grid.lines().joined(separator: "\n")
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("40×10, need 60×16"))
        #expect(text.contains("q quits"))
    }

    @Test("the help overlay and the hint bar come from the one key list")
    func helpFromKeyMap() {
        var model = officerModel
        model.overlay = .help
        let text = fixture.render(model, width: 120, height: 60).grid.lines().joined(separator: "\n")
        for binding in KeyMap.officer { #expect(text.contains(binding.help), "help lacks \(binding.help)") }
        let hints = fixture.render(officerModel, width: 200, height: 60).grid.lines().last ?? ""
        for (key, word) in KeyMap.hints() { #expect(hints.contains("\(key) \(word)"), "hint bar lacks \(key) \(word)") }
    }

    @Test("the detail pane shows a hazard's timeline, in local time, and its emergency procedure")
    func hazardDetail() {
        let lines = DetailText.lines(pane: .hazards, key: "H-000001", state: fixture.state, recent: fixture.recent,
                                     now: fixture.now, policy: .standard, time: ConsoleFixture.shanghai).map(\.text)
        #expect(lines.contains("Timeline (+08:00)"))
        #expect(lines.contains("16:03:00  +0s  reported"))
        #expect(lines.contains("16:03:20  +20s  G-001 acknowledged"))
        #expect(lines.contains("16:05:00  +2m00s  G-001 on scene"))
        #expect(lines.contains { $0.hasPrefix("Procedure: fire safety") })
        #expect(lines.contains { $0.hasPrefix("1. ") })
    }

    @Test("the header reads local time with its zone; feed rows from before local midnight carry their date")
    func localTimeInHeaderAndFeed() {
        let today = ConsoleRows(state: fixture.state, recent: fixture.recent, now: fixture.now, policy: .standard, time: ConsoleFixture.shanghai)
        #expect(!today.feedCrossesDays)
        #expect(today.feed.first?.cells.first?.text == "16:09:00")
        let header = fixture.render(ConsoleModel(), width: 120, height: 40).grid.lines()[0]
        #expect(header.hasPrefix(" towerwatch 16:12:00 +08:00 "))
        // Eight hours on it is 00:12 on 30 November in Shanghai (still the 29th in UTC).
        let later = fixture.now + .hours(8)
        let tomorrow = ConsoleRows(state: fixture.state, recent: fixture.recent, now: later, policy: .standard, time: ConsoleFixture.shanghai)
        #expect(tomorrow.feedCrossesDays)
        #expect(tomorrow.feed.first?.cells.first?.text == "11-29 16:09:00")
        let frame = ConsoleFrame(state: fixture.state, recent: fixture.recent, now: later, theme: .standard, logName: "demo.twlog",
                                 time: ConsoleFixture.shanghai)
        let screen = ConsoleScreen.render(ConsoleModel(), frame, rows: tomorrow, size: Size(width: 120, height: 40)).grid.lines()
        #expect(screen[0].hasPrefix(" towerwatch 00:12:00 +08:00 "))
        #expect(screen.contains { $0.contains("11-29 16:09:00 ") }, "the dated time fits its column")
    }

    @Test("the guard detail shows the trail of recent checkpoints")
    func guardDetail() {
        let lines = DetailText.lines(pane: .guards, key: "G-003", state: fixture.state, recent: fixture.recent,
                                     now: fixture.now, policy: .standard, time: ConsoleFixture.shanghai).map(\.text)
        #expect(lines.contains { $0.hasPrefix("16:02:00  10m00s ago  中福广场") })
        // Past midnight in the district, the same scans carry their date.
        let later = DetailText.lines(pane: .guards, key: "G-003", state: fixture.state, recent: fixture.recent,
                                     now: fixture.now + .hours(8), policy: .standard, time: ConsoleFixture.shanghai).map(\.text)
        #expect(later.contains { $0.hasPrefix("11-29 16:02:00  8h10m ago  中福广场") })
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
