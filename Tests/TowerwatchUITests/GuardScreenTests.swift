import Testing
import TowerwatchCore
@testable import TowerwatchUI

@Suite("Guard console")
struct GuardScreenTests {
    let fixture = GuardFixture()
    var state: DistrictState { fixture.state }

    func model(_ g: GuardID) -> GuardModel { GuardModel(guardID: g, state: fixture.state) }

    // MARK: - Frames

    @Test("60×20: the dispatch, its state and procedure, the guard, bulletins and hints (golden)")
    func frame60x20() {
        let out = fixture.render(model("G-003"), width: 60, height: 20)
        if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: "guard-60x20") { Issue.record(Comment(rawValue: problem)) }
        let text = out.grid.lines().joined(separator: "\n")
        #expect(text.contains("Dispatch D-000003"))
        #expect(text.contains("H-000003  DISPUTE"))
        #expect(text.contains("中福广场 · floor 1 · lobby"))
        #expect(text.contains("DISPATCHED 2m30s ago"))
        #expect(text.contains("Procedure — dispute"))
        #expect(text.contains("last scan 10m00s ago"))
        #expect(text.contains("a ack"))
    }

    @Test("100×30: the guard and the bulletins side by side, the procedure wrapped (golden)")
    func frame100x30() {
        let out = fixture.render(model("G-003"), width: 100, height: 30)
        #expect(out.layout.kind == .wide)
        if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: "guard-100x30") { Issue.record(Comment(rawValue: problem)) }
        let text = out.grid.lines().joined(separator: "\n")
        let steps = fixture.state.procedures[.dispute] ?? []
        #expect(!steps.isEmpty)
        // Every step's start is on screen.
        for (i, step) in steps.enumerated() { #expect(text.contains("\(i + 1). " + step.prefix(20))) }
        // Bulletins for the guard's tower and the whole district, newest first; not another tower's.
        #expect(text.contains("Lunch peak"))
        #expect(text.contains("盗窃嫌疑人"))
        #expect(!text.contains("for another tower only"))
    }

    @Test("a guard with no dispatch sees their trail and how to scan (golden)")
    func frameNoDispatch() {
        let out = fixture.render(model("G-002"), width: 60, height: 20)
        if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: "guard-60x20-no-dispatch") {
            Issue.record(Comment(rawValue: problem))
        }
        let text = out.grid.lines().joined(separator: "\n")
        #expect(text.contains("No open dispatch"))
        // No dispatch: the dispatch keys are not offered in the hint bar.
        let hints = out.grid.line(19)
        #expect(!hints.contains("a ack") && hints.contains("r report") && hints.contains("p scan"))
    }

    @Test("each step of the dispatch offers the one key that moves it on")
    func bannerFollowsPhase() {
        let onScene = fixture.render(model("G-001"), width: 60, height: 20).grid.lines().joined(separator: "\n")
        #expect(onScene.contains("ON SCENE for 7m00s — c when cleared"))
        let hints = fixture.render(model("G-001"), width: 60, height: 20).grid.line(19)
        #expect(hints.contains("c cleared") && !hints.contains("a ack") && !hints.contains("x decline"))
    }

    @Test("every row is exactly the width of the screen, CJK included, at every size")
    func rowsFit() {
        for size in [(40, 12), (60, 20), (80, 24), (100, 30), (200, 60)] {
            let grid = fixture.render(model("G-003"), width: size.0, height: size.1).grid
            for y in 0..<grid.height {
                #expect((0..<grid.width).map { grid[$0, y].width }.reduce(0, +) == size.0)
            }
        }
    }

    @Test("text from the log never reaches the terminal raw")
    func sanitized() {
        let grid = fixture.render(model("G-003"), width: 100, height: 30).grid
        for cell in grid.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) })
        }
        #expect(grid.lines().joined().contains("evil"))
    }

    @Test("below 40×12 the console says the size it has and needs; q still quits")
    func tooSmall() {
        var m = model("G-003")
        let out = fixture.render(m, width: 39, height: 11)
        #expect(out.layout.kind == .tooSmall)
        let lines = out.grid.lines(trimmingTrailingSpaces: true).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("Terminal too small"))
        #expect(lines.contains("39×11, need 40×12"))
        #expect(lines.contains("q quits"))
        #expect(fixture.press([.character("q")], &m) == [.quit])
        #expect(fixture.press([.function(10)], &m) == [.quit])
        #expect(fixture.render(m, width: 40, height: 12).layout.kind != .tooSmall)
    }

    // MARK: - Keys

    @Test("a acknowledges the guard's own dispatch, on the console channel, as the guard")
    func acknowledge() {
        var m = model("G-003")
        #expect(fixture.press([.character("a")], &m) == [.execute(Command(.guard("G-003"), .acknowledge("D-000003", channel: .console)))])
    }

    @Test("o reports arrival on scene")
    func arrive() {
        var m = model("G-003")
        #expect(fixture.press([.character("o")], &m) == [.execute(Command(.guard("G-003"), .arrive("D-000003")))])
    }

    @Test("c asks for a short note, then clears with it")
    func clearWithNote() {
        var m = model("G-001")
        #expect(fixture.press([.character("c")], &m).isEmpty)
        #expect(m.overlay == .clearNote(dispatch: "D-000001", text: ""))
        let screen = fixture.render(m, width: 60, height: 20).grid.lines().joined(separator: "\n")
        #expect(screen.contains("Clear D-000001: what was done?"))
        let effects = fixture.press(GuardFixture.typing("route clear, 装修垃圾已清") + [.enter], &m)
        #expect(effects == [.execute(Command(.guard("G-001"), .clear("D-000001", note: "route clear, 装修垃圾已清")))])
        #expect(m.overlay == nil)
    }

    @Test("c before the guard is on scene is refused at once, with decide's reason, and nothing is asked or sent")
    func clearTooEarly() {
        var m = model("G-003")
        #expect(fixture.press([.character("c")], &m) == [.bell])
        #expect(m.overlay == nil)
        #expect(m.status?.isError == true)
        #expect(m.status?.text.contains("not on scene") == true)
    }

    @Test("x asks for a reason (an empty one is not sent), then declines with it")
    func declineWithReason() {
        var m = model("G-003")
        _ = fixture.press([.character("x")], &m)
        #expect(m.overlay == .declineReason(dispatch: "D-000003", text: ""))
        #expect(fixture.press([.enter], &m) == [.bell])
        #expect(m.overlay == .declineReason(dispatch: "D-000003", text: ""))
        let effects = fixture.press(GuardFixture.typing("at the B2 flood") + [.enter], &m)
        #expect(effects == [.execute(Command(.guard("G-003"), .decline("D-000003", reason: "at the B2 flood")))])
        #expect(m.overlay == nil)
    }

    @Test("Esc backs out of a prompt and nothing is sent")
    func escapeCancels() {
        var m = model("G-003")
        let effects = fixture.press([.character("x")] + GuardFixture.typing("nah") + [.escape], &m)
        #expect(effects.isEmpty)
        #expect(m.overlay == nil)
    }

    @Test("r: category, then the place from the last scan, then a note; Enter on each step, and the report carries the note")
    func reportHere() throws {
        var m = model("G-003")
        let cp = try #require(state.lastCheckpoint(of: state.guards["G-003"]!))
        _ = fixture.press([.character("r")], &m)
        guard case .report(let form)? = m.overlay else { Issue.record("no report form"); return }
        #expect(form.step == .category)
        #expect((form.tower, form.floor, form.zone, form.fromScan) == (cp.tower, cp.floor, cp.zone, cp.id))
        // Enter on the category goes to the place, and Enter on the place to the note: nothing is sent yet.
        #expect(fixture.press([.down, .enter], &m).isEmpty)
        guard case .report(let atPlace)? = m.overlay else { Issue.record("the form closed"); return }
        #expect(atPlace.step == .place && atPlace.category == .parking)
        #expect(fixture.press([.enter], &m).isEmpty)
        guard case .report(let atNote)? = m.overlay else { Issue.record("the form closed"); return }
        #expect(atNote.step == .note)
        let effects = fixture.press(GuardFixture.typing("van blocks the ramp") + [.enter], &m)
        #expect(effects == [.execute(Command(.guard("G-003"), .reportHazard(HazardReport(
            category: .parking, source: .patrol, tower: cp.tower, floor: cp.floor, zone: cp.zone, note: "van blocks the ramp"))))])
        #expect(m.overlay == nil)
    }

    @Test("the note is optional: Enter on an empty note reports with none")
    func reportWithoutNote() throws {
        var m = model("G-003")
        let cp = try #require(state.lastCheckpoint(of: state.guards["G-003"]!))
        let effects = fixture.press([.character("r"), .character("4"), .enter, .enter, .enter], &m)
        #expect(effects == [.execute(Command(.guard("G-003"), .reportHazard(HazardReport(
            category: .traffic, source: .patrol, tower: cp.tower, floor: cp.floor, zone: cp.zone))))])
    }

    @Test("the report may name the tenant responsible, picked from the tower's tenants")
    func reportNamesTenant() throws {
        var m = model("G-003")
        let cp = try #require(state.lastCheckpoint(of: state.guards["G-003"]!))
        let first = try #require(state.tenants(in: cp.tower).first)
        // Category 1 (fire safety); at the place, down to the tenant (after tower, floor, zone) and one step right; no note.
        let effects = fixture.press([.character("r"), .character("1"), .enter, .down, .down, .down, .right, .enter, .enter], &m)
        #expect(effects == [.execute(Command(.guard("G-003"), .reportHazard(HazardReport(
            category: .fireSafety, source: .patrol, tower: cp.tower, floor: cp.floor, zone: cp.zone, tenant: first.id))))])
    }

    @Test("a guard with no scans gets no made-up place: Enter asks for the tower, which is typed by id in any case")
    func reportWithoutScans() throws {
        var m = model("G-002")
        #expect(state.guards["G-002"]?.lastScan == nil)
        _ = fixture.press([.character("r"), .enter], &m)
        guard case .report(let form)? = m.overlay else { Issue.record("no report form"); return }
        #expect(form.step == .place)
        #expect(form.tower == nil && form.floor.isEmpty && form.zone.isEmpty && form.fromScan == nil)
        // Enter with no place is refused, names what is missing and stays on the place.
        #expect(fixture.press([.enter], &m) == [.bell])
        #expect(m.status?.text.contains("choose the tower") == true)
        guard case .report(let still)? = m.overlay, still.step == .place else { Issue.record("the form moved on"); return }
        // The tower typed as an id in lower case; the floor typed as b1; the zone by its first letters.
        var keys = GuardFixture.typing("t02") + [.tab] + GuardFixture.typing("b1") + [.tab] + GuardFixture.typing("gar")
        keys += [.enter, .enter]
        let effects = fixture.press(keys, &m)
        #expect(effects == [.execute(Command(.guard("G-002"), .reportHazard(HazardReport(
            category: HazardCategory.allCases[0], source: .patrol, tower: "T02", floor: "B1", zone: StandardZone.garage))))])
    }

    @Test("the tower is found by part of its name too, and ←→ cycles the towers, floors and zones")
    func reportPlaceEdited() {
        var m = model("G-002")
        let t02 = state.towers["T02"]!
        var keys: [KeyEvent] = [.character("r"), .enter] + GuardFixture.typing(String(t02.name.prefix(3)))
        keys += [.tab, .right, .tab, .right]   // the lowest floor, the first zone
        _ = fixture.press(keys, &m)
        guard case .report(let form)? = m.overlay else { Issue.record("no report form"); return }
        let first = state.towerOrder.first { state.towers[$0]!.name.contains(String(t02.name.prefix(3))) }
        #expect(form.tower == first)
        let tower = state.towers[form.tower!]!
        #expect(form.floor == tower.floors.first && form.zone == tower.zones.first)
        // A name that matches nothing leaves the tower unchosen and says so.
        _ = fixture.press([.backTab, .backTab] + GuardFixture.typing("zzz"), &m)
        guard case .report(let none)? = m.overlay else { Issue.record("no report form"); return }
        #expect(none.tower == nil)
        #expect(fixture.render(m, width: 60, height: 20).grid.lines().joined().contains("no such tower"))
    }

    @Test("Esc cancels the report at every step and nothing is sent")
    func reportCancelled() {
        for steps in [[], [KeyEvent.enter], [.enter, .enter]] {
            var m = model("G-003")
            let effects = fixture.press([.character("r")] + steps + [.escape], &m)
            #expect(effects.isEmpty)
            #expect(m.overlay == nil)
        }
    }

    @Test("a place decide would refuse keeps the form on the place with the reason, before any note is typed")
    func reportRefused() {
        var m = model("G-003")
        let effects = fixture.press([.character("r"), .enter, .down] + [KeyEvent](repeating: .backspace, count: 4) + GuardFixture.typing("999") + [.enter], &m)
        #expect(effects == [.bell])
        guard case .report(let form)? = m.overlay else { Issue.record("the form closed"); return }
        #expect(form.step == .place)
        #expect(m.status?.text.hasPrefix("rejected:") == true)
    }

    @Test("each step of the report, with the hint bar naming the step (golden)")
    func reportFrames() {
        let cases: [(GuardID, [KeyEvent], String, String)] = [
            ("G-003", [.character("r")], "guard-60x20-report-category", "[1 category]"),
            ("G-003", [.character("r"), .enter], "guard-60x20-report-place", "[2 place]"),
            ("G-002", [.character("r"), .enter], "guard-60x20-report-place-no-scan", "[2 place]"),
            ("G-003", [.character("r"), .enter, .enter] + GuardFixture.typing("van on the ramp"), "guard-60x20-report-note", "[3 note]"),
        ]
        for (g, keys, name, step) in cases {
            var m = model(g)
            _ = fixture.press(keys, &m)
            let out = fixture.render(m, width: 60, height: 20)
            if let problem = assertGolden(out.grid.lines(trimmingTrailingSpaces: true), named: name) { Issue.record(Comment(rawValue: problem)) }
            let hints = out.grid.line(19)
            #expect(hints.contains(step) && hints.contains("Esc cancel"), "\(name): \(hints)")
        }
    }

    @Test("p offers the tower's checkpoints, starting after the last one scanned, and Enter scans it")
    func scanPicker() {
        var m = model("G-003")
        _ = fixture.press([.character("p")], &m)
        let tower = state.towers["T01"]!
        let last = tower.checkpoints.firstIndex(of: "T01-CP03")!
        #expect(m.overlay == .scanPicker(tower: "T01", index: last + 1))
        let picker = fixture.render(m, width: 60, height: 20).grid.lines().joined(separator: "\n")
        #expect(picker.contains("Scan a checkpoint"))
        let effects = fixture.press([.enter], &m)
        #expect(effects == [.execute(Command(.guard("G-003"), .scan(guard: "G-003", checkpoint: tower.checkpoints[last + 1])))])
    }

    @Test("dispatch keys without a dispatch are refused with a reason")
    func noDispatch() {
        var m = model("G-002")
        for key in ["a", "o", "c", "x"] {
            #expect(fixture.press([.character(Character(key))], &m) == [.bell])
            #expect(m.overlay == nil)
            #expect(m.status?.text.contains("no open dispatch") == true)
        }
    }

    @Test("? lists every binding with its help, from the one key list")
    func help() {
        var m = model("G-003")
        _ = fixture.press([.character("?")], &m)
        #expect(m.overlay == .help)
        // Readable whole at the smallest usable size.
        let text = fixture.render(m, width: 60, height: 20).grid.lines().joined(separator: "\n")
        for b in GuardKeyMap.bindings {
            #expect(text.contains(b.label.padded(toWidth: 8) + b.help), "help misses \(b.label)")
        }
        // Every action has exactly one binding, and every key is bound once.
        let keys = GuardKeyMap.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
        for action in [GuardAction.acknowledge, .arrive, .clear, .decline, .reportHazard, .scanCheckpoint, .procedure, .help, .cycleTheme, .quit] {
            #expect(GuardKeyMap.bindings.filter { $0.action == action }.count == 1)
        }
        _ = fixture.press([.escape], &m)
        #expect(m.overlay == nil)
    }

    @Test("t asks the runtime for the next theme")
    func theme() {
        var m = model("G-003")
        #expect(fixture.press([.character("t")], &m) == [.cycleTheme])
    }

    // MARK: - Following the log

    @Test("a new dispatch rings and flashes once; one held at start does not")
    func newDispatchRings() {
        var before = ConsoleFixture()
        var m = GuardModel(guardID: "G-002", state: before.state)
        #expect(m.observe(before.state).isEmpty)
        before.run(Command(.officer("O-01"), .dispatch(hazard: "H-000002", guard: "G-002")), at: fixture.now)
        #expect(m.observe(before.state) == [.bell, .flash])
        #expect(m.status?.text.contains("NEW D-000003") == true)
        #expect(m.observe(before.state).isEmpty)
        var held = GuardModel(guardID: "G-003", state: fixture.state)
        #expect(held.observe(fixture.state).isEmpty)
    }

    @Test("a dispatch withdrawn under the guard closes its prompt and says so")
    func withdrawn() {
        var f = fixture.base
        var m = GuardModel(guardID: "G-003", state: f.state)
        m.overlay = .declineReason(dispatch: "D-000003", text: "half typed")
        f.run(Command(.officer("O-01"), .withdraw("D-000003", reason: "police took over")), at: f.now)
        #expect(m.observe(f.state) == [.bell])
        #expect(m.overlay == nil)
        #expect(m.status?.text.contains("withdrawn") == true)
    }
}
