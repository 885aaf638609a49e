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

    @Test("a line by priority gives up names first, then filler, then wording; ids and the key stay whole")
    func priorityLine() {
        let line = PriorityLine([.fixed("‼ H-000001"), .fixed(" D-000001"),
                                 PriorityLine.Part([" nobody on scene after 10m04s — A sends", " late 10m04s: A sends", " A sends"], rank: 2),
                                 .fixed(" G-004"), PriorityLine.Part([" 欧阳建国", ""], rank: 0), PriorityLine.Part([" as well", ""], rank: 1)])
        #expect(line.fitted(toWidth: 200) == line.full)
        #expect(line.full == "‼ H-000001 D-000001 nobody on scene after 10m04s — A sends G-004 欧阳建国 as well")
        // The name goes first (9 cells), then "as well", then the wording shortens step by step.
        #expect(line.fitted(toWidth: line.full.displayWidth - 1) == "‼ H-000001 D-000001 nobody on scene after 10m04s — A sends G-004 as well")
        #expect(line.fitted(toWidth: 66) == "‼ H-000001 D-000001 nobody on scene after 10m04s — A sends G-004")
        #expect(line.fitted(toWidth: 50) == "‼ H-000001 D-000001 late 10m04s: A sends G-004")
        #expect(line.fitted(toWidth: 36) == "‼ H-000001 D-000001 A sends G-004")
        // Narrower than the ids: whole parts go from the end; no part is ever cut.
        #expect(line.fitted(toWidth: 30) == "‼ H-000001 D-000001 A sends")
        #expect(line.fitted(toWidth: 5) == "")
    }

    @Test("the alarm offer line never cuts an id, at any width from 60 to 200, and keeps ? help and q quit")
    func offerLineKeepsIds() throws {
        for sceneAlarm in [false, true] {
            let f = OfferTests.alarmed(sceneAlarm: sceneAlarm)
            let model = ConsoleModel(officer: "O-01")
            let shown = try #require(model.shownOffer(state: f.state, rows: f.rows, now: f.now))
            let offer = try #require(shown.offer)
            let ids = [offer.hazard.raw, offer.dispatch?.raw, offer.guard.raw].compactMap { $0 }
            // The ack alarm names the guard who has not answered, too.
            let known = Set(ids + [offer.dispatch.flatMap { f.state.dispatches[$0]?.guard.raw }].compactMap { $0 })
            for width in 60...200 {
                let bottom = f.render(model, width: width, height: 24).grid.line(23, trimmingTrailingSpaces: true)
                #expect(bottom.hasSuffix("? help  q quit"), "\(width): \(bottom)")
                let line = bottom.dropLast("? help  q quit".count)
                #expect(!line.contains("…"), "\(width) columns cut the offer: \(bottom)")
                for id in ids { #expect(line.contains(id + " ") || line.hasSuffix(id), "\(width) columns lost \(id): \(bottom)") }
                // Nothing that looks like an id is left half-written.
                for word in line.split(separator: " ") where word.contains("-") {
                    #expect(known.contains(String(word)), "\(width): \(word) in \(bottom)")
                }
            }
        }
    }

    @Test("the confirmation of an offer keeps the hazard, the dispatch, the guard and the keys at every width from 60 to 200")
    func confirmationKeepsIds() throws {
        for sceneAlarm in [false, true] {
            let f = OfferTests.alarmed(sceneAlarm: sceneAlarm)
            var model = ConsoleModel(officer: "O-01")
            let offer = try #require(model.shownOffer(state: f.state, rows: f.rows, now: f.now)?.offer)
            model.overlay = .confirmOffer(offer)
            let ids = [offer.hazard.raw, offer.dispatch?.raw, offer.guard.raw].compactMap { $0 }
            for width in 60...200 {
                let bottom = f.render(model, width: width, height: 24).grid.line(23, trimmingTrailingSpaces: true)
                #expect(!bottom.contains("…"), "\(width) columns cut the question: \(bottom)")
                for id in ids { #expect(bottom.contains(id), "\(width) columns lost \(id): \(bottom)") }
                #expect(["? Enter/y confirms · Esc cancels", "? Enter/y · Esc", "? y/Esc"].contains { bottom.hasSuffix($0) }, "\(width): \(bottom)")
            }
            // Wide enough, the question is whole.
            #expect(f.render(model, width: 200, height: 24).grid.line(23, trimmingTrailingSpaces: true) == offer.confirmation(in: f.state))
        }
    }

    @Test("80×24 with a scene alarm: the offer gives up the guard's name and wording, not its ids (golden)")
    func offerLine80x24() throws {
        let f = OfferTests.alarmed(sceneAlarm: true)
        let model = ConsoleModel(officer: "O-01")
        let out = f.render(model, width: 80, height: 24).grid
        if let problem = assertGolden(out.lines(trimmingTrailingSpaces: true), named: "console-80x24-alarm-offer") { Issue.record(Comment(rawValue: problem)) }
        let offer = try #require(model.shownOffer(state: f.state, rows: f.rows, now: f.now)?.offer)
        let bottom = out.line(23, trimmingTrailingSpaces: true)
        #expect(bottom.hasPrefix("‼ H-000002 D-000002 ") && bottom.contains("A sends \(offer.guard)") && bottom.hasSuffix("? help  q quit"), "\(bottom)")
        // A pressed: the question at 80 columns, every id whole.
        var asking = model
        asking.overlay = .confirmOffer(offer)
        let question = f.render(asking, width: 80, height: 24).grid
        if let problem = assertGolden(question.lines(trimmingTrailingSpaces: true), named: "console-80x24-confirm-offer") {
            Issue.record(Comment(rawValue: problem))
        }
        #expect(question.line(23, trimmingTrailingSpaces: true).hasPrefix("Send \(offer.guard)"))
    }

    @Test("the hazards pane keeps its Guard column at 120 columns; the guards pane shows team names whole")
    func wideEnough() {
        let f = ConsoleFixture()
        let lines = f.render(ConsoleModel(officer: "O-01"), width: 120, height: 40).grid.lines()
        #expect(lines[2].contains("Guard"))
        #expect(lines.contains { $0.contains("巡防二队") })
    }
}
