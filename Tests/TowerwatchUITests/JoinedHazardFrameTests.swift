import Testing
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchUI

/// One hazard per problem and repeat offenders on the officer console: `×2`
/// beside a joined hazard, its reports in the detail with their source and
/// time, its run ("3rd … in 30 days"), the feed's line, and the towers pane's
/// repeat-offender view.
@Suite("Joined hazards and repeat offenders on the console")
struct JoinedHazardFrameTests {
    /// The console fixture, plus: a face camera reporting H-000001's blocked route
    /// again (it joins, ×2), and the new restaurant's escape route on floor 2 blocked
    /// twice before (H-000004, closed after 2 minutes) and again now (H-000005).
    static func fixture() -> ConsoleFixture {
        var f = ConsoleFixture()
        let officer = Actor.officer("O-01")
        f.run(Command(.feed("face-camera"), .reportHazard(HazardReport(category: .fireSafety, source: .faceCamera, tower: "T01", floor: "3",
                                                                        zone: "escape-route", note: "通道内堆放杂物"))), at: f.start + .minutes(6))
        let blocked = HazardReport(category: .fireSafety, source: .tenantCall, tower: DemoDistrict.zhongfuPlaza, floor: "2", zone: "escape-route",
                                   tenant: DemoDistrict.newRestaurant, note: "纸箱堵塞消防通道")
        f.run(Command(officer, .reportHazard(blocked)), at: f.start + .minutes(7))
        f.run(Command(officer, .close("H-000004", note: "已整改")), at: f.start + .minutes(9))
        f.run(Command(officer, .reportHazard(blocked)), at: f.start + .minutes(10))
        return f
    }

    func rows(_ f: ConsoleFixture, _ view: TowersView = .towers) -> ConsoleRows {
        ConsoleRows(state: f.state, recent: f.recent, now: f.now, policy: .standard, time: ConsoleFixture.shanghai, towersView: view)
    }

    @Test("the hazards pane shows ×2 beside the joined hazard, in a column wide enough for it")
    func joinedRow() {
        let f = Self.fixture()
        let r = rows(f)
        #expect(r.hazards.first { $0.key == "H-000001" }?.cells[0].text == "H-000001 ×2")
        #expect(r.hazards.first { $0.key == "H-000002" }?.cells[0].text == "H-000002")
        #expect(r.columns(.hazards)[0].width == ConsoleRows.joinedIDWidth)
        #expect(ConsoleFixture().rows.columns(.hazards)[0].width == 8)
        let feed = r.feed.map { $0.cells.map(\.text).joined(separator: " ") }
        #expect(feed.contains { $0.contains("joined H-000001 fire safety at 中福广场 3 escape-route, face camera: 通道内堆放杂物") }, "\(feed)")
    }

    @Test("the detail lists the reports with source and time, and the run at the tenant")
    func detail() {
        let f = Self.fixture()
        let r = rows(f)
        let joined = DetailText.lines(pane: .hazards, key: "H-000001", state: f.state, recent: f.recent, now: f.now, policy: .standard,
                                      time: ConsoleFixture.shanghai).map(\.text)
        #expect(joined.first == "H-000001 ×2  fire safety  high")
        #expect(joined.contains("Reports (2)"))
        #expect(joined.contains("#1 16:03:00  patrol, G-001: 装修垃圾堵塞消防通道"))
        #expect(joined.contains("#2 16:06:00  face camera, face-camera: 通道内堆放杂物"))
        let again = DetailText.lines(pane: .hazards, key: "H-000005", state: f.state, recent: f.recent, now: f.now, policy: .standard,
                                     time: ConsoleFixture.shanghai).map(\.text)
        #expect(again.contains("2nd fire-safety hazard at 湘里人家餐厅（新入驻） in 30 days"), "\(again)")
        #expect(!again.contains("Reports (1)"))
        _ = r
    }

    @Test("the repeat-offender view lists the tenant and its place with the times to rectify (golden)")
    func repeatView() {
        let f = Self.fixture()
        var model = ConsoleModel(officer: "O-01")
        model.towersView = .repeatOffenders(days: 30)
        let r = rows(f, model.towersView)
        #expect(r.towers.map { $0.cells[0].text } == ["湘里人家餐厅（新入驻） (中福广场 2F)", "中福广场 2 escape-route"])
        #expect(r.towers.map { $0.cells.dropFirst().map(\.text) } == [["fire safety", "2", "1", "2m00s", "2m00s"],
                                                                      ["fire safety", "2", "1", "2m00s", "2m00s"]])
        let out = ConsoleScreen.render(model, f.frame(), rows: r, size: Size(width: 120, height: 40))
        if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: "console-repeat-offenders-120x40") {
            Issue.record(Comment(rawValue: problem))
        }
    }
}
