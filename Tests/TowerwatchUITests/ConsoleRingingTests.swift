import Testing
import TowerwatchCore
@testable import TowerwatchUI

/// The officer console rings for a new high or critical hazard, a decline and
/// every alarm; `--quiet` and `b` silence it; the status line says what rang.
/// Status lines fade or stay by kind, against a manual clock.
@Suite("Officer console bell and status lines")
struct ConsoleRingingTests {
    func records(_ f: inout ConsoleFixture, _ body: (inout ConsoleFixture) -> Void) -> [EventRecord] {
        let before = f.recent.count
        body(&f)
        return Array(f.recent[before...])
    }

    @Test("a critical hazard, a decline and an alarm ring with bell and flash; a scan or an ack does not")
    func rings() {
        var f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        let quietOnes = records(&f) { f in
            f.run(Command(.guard("G-011"), .acknowledge("D-000002", channel: .console)), at: f.start + .minutes(10))
            f.run(Command(.guard("G-002"), .scan(guard: "G-002", checkpoint: "T01-CP02")), at: f.start + .minutes(10))
        }
        #expect(model.noticed(quietOnes, state: f.state, now: f.now).isEmpty)
        #expect(model.status == nil)

        let fire = records(&f) { f in
            f.run(Command(.feed("smoke-detector"), .reportHazard(HazardReport(category: .fireAlarm, source: .plateCamera, tower: "T03", floor: "12",
                                                                               zone: "escape-route", note: ""))), at: f.start + .minutes(11))
        }
        #expect(model.noticed(fire, state: f.state, now: f.now) == [.bell, .flash])
        #expect(model.status?.kind == .alarm)
        #expect(model.status?.text.hasPrefix("♪ rang for a new critical hazard: reported H-000004") == true)

        let decline = records(&f) { f in
            f.run(Command(.officer("O-02"), .dispatch(hazard: "H-000003", guard: "G-012")), at: f.start + .minutes(11))
            f.run(Command(.guard("G-012"), .decline("D-000003", reason: "already on a dispute in B1")), at: f.start + .minutes(11))
        }
        #expect(model.noticed(decline, state: f.state, now: f.now) == [.bell, .flash])
        #expect(model.status?.text.contains("decline: declined D-000003 H-000003 G-012") == true)

        let alarm = records(&f) { f in
            f.run(Command(.system, .raiseAlarm(.rectifyOverdue, hazard: "H-000001", dispatch: nil)), at: f.start + .minutes(34))
        }
        #expect(model.noticed(alarm, state: f.state, now: f.now) == [.bell, .flash])
        #expect(model.status?.text.hasPrefix("♪ rang for an alarm: ALARM H-000001") == true)
    }

    @Test("quiet (the flag or b) rings nothing but still says what would have rung; b toggles back")
    func quiet() {
        var f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        let layout = ConsoleLayout(size: Size(width: 200, height: 60), focus: .hazards)
        _ = model.handle(.character("b"), rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(model.quiet)
        let decline = records(&f) { f in
            f.run(Command(.officer("O-02"), .dispatch(hazard: "H-000003", guard: "G-012")), at: f.start + .minutes(11))
            f.run(Command(.guard("G-012"), .decline("D-000003", reason: "busy")), at: f.start + .minutes(11))
        }
        #expect(model.noticed(decline, state: f.state, now: f.now).isEmpty)
        #expect(model.status?.text.hasPrefix("♪ quiet, would ring for a decline") == true)
        _ = model.handle(.character("b"), rows: f.rows, state: f.state, now: f.now, layout: layout)
        #expect(!model.quiet)
    }

    @Test("what this console's own officer did does not ring it")
    func ownActionsQuiet() {
        var f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        let own = records(&f) { f in
            f.run(Command(.officer("O-01"), .reportHazard(HazardReport(category: .fireAlarm, source: .officer, tower: "T03", floor: "12",
                                                                        zone: "escape-route", note: ""))), at: f.start + .minutes(11))
        }
        #expect(model.noticed(own, state: f.state, now: f.now).isEmpty)
    }

    @Test("a confirmation fades after a few seconds of the clock; a rejection stays until a key, and Esc only acknowledges it")
    func statusLifetimes() {
        let f = ConsoleFixture()
        var model = ConsoleModel(officer: "O-01")
        model.say("✓ dispatched D-000004 → H-000003 G-003 陈静", .confirmation, f.now)
        #expect(model.visibleStatus(at: f.now + .seconds(4)) != nil)
        #expect(model.visibleStatus(at: f.now + .seconds(5)) == nil)
        var later = f.frame()
        #expect(ConsoleScreen.render(model, later, rows: f.rows, size: Size(width: 200, height: 60)).grid.line(59).contains("dispatched D-000004"))
        later.now = f.now + .seconds(6)
        #expect(!ConsoleScreen.render(model, later, rows: f.rows, size: Size(width: 200, height: 60)).grid.line(59).contains("dispatched D-000004"))
        model.say("rejected: G-003 is busy", .rejection, f.now)
        #expect(model.visibleStatus(at: f.now + .minutes(13)) != nil)
        let layout = ConsoleLayout(size: Size(width: 200, height: 60), focus: .hazards)
        model.tables[.hazards, default: TableState()].filter = "H-0000"
        _ = model.handle(.escape, rows: f.rows, state: f.state, now: f.now + .minutes(13), layout: layout)
        #expect(model.status == nil)
        #expect(model.table(.hazards).filter == "H-0000")
    }
}
