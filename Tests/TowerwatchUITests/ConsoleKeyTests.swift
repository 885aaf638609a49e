import Testing
import TowerwatchCore
@testable import TowerwatchUI

@Suite("Officer console keys")
struct ConsoleKeyTests {
    let fixture = ConsoleFixture()

    func press(_ keys: [KeyEvent], _ model: inout ConsoleModel, size: Size = Size(width: 200, height: 60)) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for k in keys {
            let layout = ConsoleLayout(size: size, focus: model.focus)
            effects += model.handle(k, rows: fixture.rows, state: fixture.state, now: fixture.now, layout: layout)
        }
        return effects
    }

    @Test("d opens the picker with the recommended guard first; Enter asks, Enter again dispatches through a command")
    func dispatchThroughPicker() {
        var model = ConsoleModel(officer: "O-01")
        // The dispute (third by urgency) has no guard yet.
        _ = press([.down, .down], &model)
        #expect(model.selectedHazard(rows: fixture.rows) == "H-000003")
        _ = press([.character("d")], &model)
        guard case .dispatchPicker(let hazard, 0) = model.overlay else { Issue.record("no picker: \(String(describing: model.overlay))"); return }
        #expect(hazard == "H-000003")
        let best = fixture.state.recommendations(for: "H-000003", now: fixture.now).first!.guard
        #expect(press([.enter], &model).isEmpty)
        let effects = press([.enter], &model)
        #expect(effects == [.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: best)))])
        #expect(model.overlay == nil)
    }

    @Test("without an officer identity, actions are refused with a reason and nothing is executed")
    func viewOnly() {
        var model = ConsoleModel()
        let effects = press([.character("d")], &model)
        #expect(effects == [.bell])
        #expect(model.status?.isError == true)
        #expect(model.status?.text.contains("--as") == true)
    }

    @Test("/ filters the focused pane live by any column; Esc clears")
    func filter() {
        var model = ConsoleModel(officer: "O-01")
        _ = press([.tab, .character("/"), .character("福"), .character("田")], &model)
        #expect(model.focus == .towers)
        let arranged = model.table(.towers).arrange(fixture.rows.towers)
        // 福田银座 by name, and the towers its property company also manages.
        #expect(arranged.first?.key == "T02")
        #expect(arranged.allSatisfy { $0.cells[0].text.contains("福田") || $0.cells[1].text.contains("福田") })
        #expect(arranged.count < fixture.rows.towers.count)
        _ = press([.escape], &model)
        #expect(model.table(.towers).filter == "")
    }

    @Test("s sorts by the next column; selection follows the row, not the line")
    func sortKeepsSelection() {
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("2"), .down], &model)   // 福田银座
        #expect(model.selectedKey(.towers, rows: fixture.rows) == "T02")
        _ = press([.character("s"), .character("s"), .character("s")], &model) // sort by Open
        #expect(model.table(.towers).sortColumn == 2)
        #expect(model.selectedKey(.towers, rows: fixture.rows) == "T02")
    }

    @Test("the : line takes the same verbs as the command line")
    func commandLine() {
        var model = ConsoleModel(officer: "O-01")
        var keys: [KeyEvent] = [.character(":")]
        keys += "escalate H-000002 --to police".map { KeyEvent.character($0) }
        keys.append(.enter)
        let effects = press(keys, &model)
        #expect(effects == [.execute(Command(.officer("O-01"), .escalate("H-000002", to: .police, note: "")))])
    }

    @Test("ids on the : line are read in any case, as the district spells them")
    func commandLineAnyCase() {
        var model = ConsoleModel(officer: "O-01")
        let effects = press([.character(":")] + "dispatch h-000003 --guard g-002".map { KeyEvent.character($0) } + [.enter], &model)
        #expect(effects == [.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: "G-002")))])
    }

    @Test("an unknown verb on the : line is refused with the list of verbs")
    func commandLineRejection() {
        var model = ConsoleModel(officer: "O-01")
        let effects = press([.character(":"), .character("x"), .enter], &model)
        #expect(effects == [.bell])
        #expect(model.status?.text.contains("unknown command 'x'") == true)
    }

    @Test("n opens the form; Enter reports the hazard as the officer")
    func newHazard() {
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("n"), .right, .right], &model)  // category: fire-safety → parking → dispute
        let effects = press([.enter], &model)
        guard case .execute(let command) = effects.first, case .reportHazard(let r) = command.action else {
            Issue.record("no report: \(effects)"); return
        }
        #expect(command.actor == .officer("O-01"))
        #expect(r.category == .dispute)
        #expect(r.tower == "T01")
    }

    @Test("the new-hazard form names a tenant of the tower (none first), and takes its floor")
    func newHazardWithTenant() throws {
        var model = ConsoleModel(officer: "O-01")
        let tenants = fixture.state.tenants(in: "T01")
        let first = try #require(tenants.first)
        // Down to the tenant field (category, tower, floor, zone, tenant); ← wraps to the last, → to the first.
        _ = press([.character("n"), .down, .down, .down, .down, .right], &model)
        guard case .newHazard(let form)? = model.overlay else { Issue.record("no form"); return }
        #expect(form.tenant == first.id)
        #expect(form.floor == first.floor)
        #expect(form.value(.tenant, state: fixture.state).contains(first.name))
        let effects = press([.enter], &model)
        guard case .execute(let command) = effects.first, case .reportHazard(let r) = command.action else {
            Issue.record("no report: \(effects)"); return
        }
        #expect(r.tenant == first.id)
        #expect(r.floor == first.floor)
        var back = ConsoleModel(officer: "O-01")
        _ = press([.character("n"), .down, .down, .down, .down, .left], &back)
        guard case .newHazard(let wrapped)? = back.overlay else { Issue.record("no form"); return }
        #expect(wrapped.tenant == tenants.last?.id)
    }

    @Test("o steps the towers pane through the repeat offenders of 7, 30 and 90 days, then back to the towers")
    func repeatOffendersKey() {
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("o")], &model)
        #expect(model.towersView == .repeatOffenders(days: 7))
        #expect(model.focus == .towers)
        _ = press([.character("o"), .character("o")], &model)
        #expect(model.towersView == .repeatOffenders(days: 90))
        _ = press([.character("o")], &model)
        #expect(model.towersView == .towers)
        #expect(KeyMap.officer.contains { $0.action == .repeatOffenders && $0.help.contains("repeat offenders") })
    }

    @Test("q and F10 quit, also when the terminal is too small")
    func quit() {
        var model = ConsoleModel()
        #expect(press([.character("q")], &model, size: Size(width: 40, height: 10)) == [.quit])
        #expect(press([.function(10)], &model) == [.quit])
    }

    @Test("a click selects the pane and the row under it")
    func mouse() {
        var model = ConsoleModel()
        let layout = ConsoleLayout(size: Size(width: 200, height: 60), focus: .hazards)
        let towers = layout.rects[.towers]!
        _ = press([.mouse(x: towers.x + 3, y: towers.y + 3, button: .left)], &model)
        #expect(model.focus == .towers)
        #expect(model.selectedKey(.towers, rows: fixture.rows) == "T02")
    }

    @Test("Esc clears a filter that Enter kept; the first Esc only dismisses a rejection")
    func escapeClearsKeptFilter() {
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("2"), .character("/"), .character("福"), .enter], &model)
        #expect(model.overlay == nil)
        #expect(model.table(.towers).filter == "福")
        model.say("rejected: something", .rejection, fixture.now)
        _ = press([.escape], &model)
        #expect(model.status == nil)
        #expect(model.table(.towers).filter == "福")
        _ = press([.escape], &model)
        #expect(model.table(.towers).filter == "")
    }

    @Test("F1 opens the help and closes it again")
    func functionOneHelps() {
        var model = ConsoleModel()
        _ = press([.function(1)], &model)
        #expect(model.overlay == .help)
        _ = press([.function(1)], &model)
        #expect(model.overlay == nil)
    }

    @Test("replay's help lists g once, as go to a time; the key table still says Home goes to the first row")
    func replayHelpWithoutClash() {
        var model = ConsoleModel(mode: .replay)
        model.overlay = .help
        let screen = fixture.render(model, width: 120, height: 60).grid.lines().joined(separator: "\n")
        #expect(!screen.contains("Home g"))
        #expect(screen.contains("Home    first row"))
        #expect(screen.contains("g       go to a time"))
        #expect(KeyMap.without([.character("g")]).first { $0.action == .home }?.keys == [.home])
    }
}
