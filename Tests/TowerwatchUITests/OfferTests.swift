import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// Offers (`R`, `A`, the picker) are values: the key acts on exactly the
/// hazard, dispatch and guard the screen named, after a confirmation line,
/// and an offer that no longer holds is withdrawn.
@Suite("Officer console offers")
struct OfferTests {
    /// The console fixture with the alarms the console would have raised:
    /// D-000002 (G-011 to H-000002) unacknowledged since +4 min, the ack
    /// alarm at +5 min and, when `sceneAlarm`, nobody on scene at +9 min.
    static func alarmed(sceneAlarm: Bool) -> ConsoleFixture {
        var f = ConsoleFixture()
        f.run(Command(.system, .raiseAlarm(.ackOverdue, hazard: "H-000002", dispatch: "D-000002")), at: f.start + .minutes(5) + .seconds(1))
        if sceneAlarm { f.run(Command(.system, .raiseAlarm(.sceneOverdue, hazard: "H-000002", dispatch: nil)), at: f.start + .minutes(9) + .seconds(1)) }
        return f
    }

    func press(_ keys: [KeyEvent], _ model: inout ConsoleModel, _ f: ConsoleFixture) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        for k in keys {
            let layout = ConsoleLayout(size: Size(width: 200, height: 60), focus: model.focus)
            effects += model.handle(k, rows: f.rows, state: f.state, now: f.now, layout: layout)
        }
        return effects
    }

    func select(_ hazard: String, _ model: inout ConsoleModel, _ f: ConsoleFixture) {
        let rows = f.rows.hazards
        var t = model.table(.hazards)
        t.select(rows.firstIndex { $0.key == hazard }!, in: rows)
        model.tables[.hazards] = t
    }

    @Test("A with the cursor on another hazard asks to send the guard the bar named to the hazard the bar named")
    func secondGuardActsOnTheShownOffer() {
        let f = Self.alarmed(sceneAlarm: true)
        var model = ConsoleModel(officer: "O-01")
        select("H-000003", &model, f)
        let shown = model.shownOffer(state: f.state, rows: f.rows, now: f.now)
        guard let offer = shown?.offer else { Issue.record("no offer shown"); return }
        #expect(offer.kind == .secondGuard && offer.hazard == "H-000002" && offer.dispatch == "D-000002")
        #expect(shown!.text.hasPrefix("‼ H-000002 D-000002 nobody on scene"))
        #expect(shown!.text.contains("A sends \(offer.guard)"))
        // The key asks first, naming hazard, dispatch and guard; nothing is executed yet.
        #expect(press([.character("A")], &model, f).isEmpty)
        #expect(model.overlay == .confirmOffer(offer))
        let question = offer.confirmation(in: f.state)
        #expect(question.contains("H-000002") && question.contains("D-000002") && question.contains(offer.guard.raw))
        // The confirmation line is what the hint bar shows.
        let bottom = f.render(model, width: 200, height: 60).grid.line(59)
        #expect(bottom.hasPrefix("Send \(offer.guard)"))
        let effects = press([.enter], &model, f)
        #expect(effects == [.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000002", guard: offer.guard)))])
    }

    @Test("R reassigns exactly the dispatch shown, never to the guard who let it time out")
    func reassign() {
        var f = Self.alarmed(sceneAlarm: false)
        var model = ConsoleModel(officer: "O-01")
        select("H-000003", &model, f)
        let offer = model.shownOffer(state: f.state, rows: f.rows, now: f.start + .minutes(6))
        _ = f  // the state is the fixture's; only the clock moves
        #expect(offer?.offer?.kind == .reassign)
        #expect(offer?.offer?.dispatch == "D-000002")
        #expect(offer?.offer?.guard != "G-011")
        #expect(!f.state.recommendations(for: "H-000002", now: f.now).contains { $0.guard == "G-011" })
        f.run(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: "G-012")), at: f.start + .minutes(10))
        #expect(press([.character("R")], &model, f).isEmpty)
        guard case .confirmOffer(let asked) = model.overlay else { Issue.record("no confirmation"); return }
        #expect(asked.kind == .reassign && asked.dispatch == "D-000002" && asked.hazard == "H-000002")
        #expect(press([.character("y")], &model, f) == [.execute(Command(.officer("O-01"), .reassign("D-000002", to: asked.guard)))])
    }

    @Test("an offer that no longer holds when confirmed is withdrawn, not retargeted")
    func staleOfferWithdrawn() {
        var f = Self.alarmed(sceneAlarm: false)
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("R")], &model, f)
        guard case .confirmOffer(let offer) = model.overlay else { Issue.record("no confirmation"); return }
        // Meanwhile G-011 acknowledges from the handheld.
        f.run(Command(.guard("G-011"), .acknowledge("D-000002", channel: .console)), at: f.start + .minutes(11))
        #expect(offer.staleness(in: f.state) == "D-000002 is now acknowledged")
        let effects = press([.enter], &model, f)
        #expect(effects == [.bell])
        #expect(model.overlay == nil)
        #expect(model.status?.text == "offer withdrawn: D-000002 is now acknowledged; nothing was sent")
        #expect(model.status?.kind == .rejection)
    }

    @Test("a confirmation waiting while another process changes the district is withdrawn at once")
    func staleOfferWithdrawnOnFollow() {
        var f = Self.alarmed(sceneAlarm: true)
        var model = ConsoleModel(officer: "O-01")
        _ = press([.character("A")], &model, f)
        guard case .confirmOffer(let offer) = model.overlay else { Issue.record("no confirmation"); return }
        #expect(model.withdrawStaleOffer(state: f.state, now: f.now).isEmpty)
        f.run(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: offer.guard)), at: f.start + .minutes(11))
        #expect(model.withdrawStaleOffer(state: f.state, now: f.now) == [.bell])
        #expect(model.overlay == nil)
        #expect(model.status?.text.hasPrefix("offer withdrawn: \(offer.guard) is now") == true)
    }

    @Test("R when the bar offers no reassignment is refused, and nothing is sent")
    func reassignWithoutOffer() {
        let f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        #expect(press([.character("R")], &model, f) == [.bell])
        #expect(model.overlay == nil)
        #expect(model.status?.isError == true)
    }

    @Test("the picker's choice is confirmed before it is sent, naming the hazard's open dispatch")
    func pickerConfirms() {
        let f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        select("H-000002", &model, f)
        let best = f.state.recommendations(for: "H-000002", now: f.now).first!.guard
        #expect(press([.character("d"), .enter], &model, f).isEmpty)
        guard case .confirmOffer(let offer) = model.overlay else { Issue.record("no confirmation"); return }
        #expect(offer == Offer(kind: .pick, hazard: "H-000002", dispatch: "D-000002", dispatchPhase: .assigned, guard: best))
        #expect(press([.escape], &model, f).isEmpty)
        #expect(model.overlay == nil)
        #expect(press([.character("d"), .enter, .enter], &model, f) == [.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000002", guard: best)))])
    }

    @Test("a guard who declined a hazard is never recommended for it again")
    func declinedNotRecommended() {
        var f = ConsoleFixture()
        #expect(f.state.recommendations(for: "H-000003", now: f.now).contains { $0.guard == "G-012" })
        f.run(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: "G-012")), at: f.start + .minutes(10))
        f.run(Command(.guard("G-012"), .decline("D-000003", reason: "already on a dispute in B1")), at: f.start + .minutes(10))
        #expect(!f.state.recommendations(for: "H-000003", now: f.now).contains { $0.guard == "G-012" })
        #expect(f.state.recommendations(for: "H-000001", now: f.now).contains { $0.guard == "G-012" })
    }
}
