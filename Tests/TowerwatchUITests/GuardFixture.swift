import TowerwatchCore
@testable import TowerwatchUI

/// The officer console's fixture moment, seen from the guards' side: G-003 has
/// just been sent to the lobby dispute, G-001 is on scene at the escape route,
/// G-002 is on duty with nothing to do, and two bulletins have come in.
struct GuardFixture {
    var base = ConsoleFixture()

    init() {
        let start = base.start
        base.run(Command(.officer("O-01"), .dispatch(hazard: "H-000003", guard: "G-003")), at: start + .minutes(9) + .seconds(30))
        base.run(Command(.feed("police-room"), .issueBulletin(from: "派出所", text: "盗窃嫌疑人 seen near the garages, grey jacket", tower: "T01")),
                 at: start + .minutes(10))
        base.run(Command(.officer("O-01"), .issueBulletin(from: "community", text: "Lunch peak from 11:30: steer e-bikes to the marked zone", tower: nil)),
                 at: start + .minutes(11))
        base.run(Command(.officer("O-01"), .issueBulletin(from: "福田派出所", text: "for another tower only", tower: "T05")),
                 at: start + .minutes(11))
    }

    var state: DistrictState { base.state }
    var now: Timestamp { base.now }

    func frame(theme: Theme = .standard) -> GuardFrame {
        GuardFrame(state: state, now: now, theme: theme, logName: "demo.twlog", time: ConsoleFixture.shanghai)
    }

    func render(_ model: GuardModel, width: Int, height: Int) -> GuardScreen.Output {
        GuardScreen.render(model, frame(), size: Size(width: width, height: height))
    }

    /// Presses `keys` in order on `model`, collecting the effects.
    func press(_ keys: [KeyEvent], _ model: inout GuardModel) -> [GuardEffect] {
        keys.flatMap { model.handle($0, state: state, now: now) }
    }

    /// The keys that type `text`.
    static func typing(_ text: String) -> [KeyEvent] { text.map { KeyEvent.character($0) } }
}
