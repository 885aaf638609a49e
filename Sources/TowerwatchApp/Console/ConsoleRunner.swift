import TowerwatchCore
import TowerwatchUI

/// Runs a console on a screen: the one loop with I/O, for the officer console,
/// the guard console and replay alike.
///
/// Each turn draws a frame, then sleeps until a key, a change of the log, or
/// the program's wait (the next whole second for the live consoles, so the
/// clocks tick; 50 ms for a replay that plays). Nothing is redrawn that did not
/// change (the terminal diffs frames), and nothing spins. Effects the program
/// returns are performed here: quitting, the bells, the next theme, commands.
public struct ConsoleRunner<Program: ConsoleProgram> {
    public private(set) var program: Program
    public let screen: any Screen
    public private(set) var themes: ThemeCycle

    public init(_ program: Program, on screen: any Screen, themes: ThemeCycle) {
        self.program = program; self.screen = screen; self.themes = themes
    }

    /// Runs until the program quits or input ends.
    ///
    /// - Throws: what the program throws while moving through its log (replay's reads).
    public mutating func run() throws {
        while true {
            let now = program.now()
            guard perform(program.prepare(now: now)) else { return }
            let frame = program.draw(now: now, theme: themes.theme, size: screen.size)
            screen.show(frame.grid)
            let wake = screen.wait(timeoutMillis: program.wait(at: now), watching: program.watched)
            try program.woke()
            let effects: [RunnerEffect]
            switch wake {
            case .timeout:
                continue
            case .logChanged:
                effects = program.logChanged()
            case .key(let key):
                if key == .endOfInput { return }
                if key == .resize { screen.invalidate() }
                effects = try program.handle(key, drawn: frame.drawn, now: now)
            }
            guard perform(effects) else { return }
        }
    }

    /// Performs effects in order; false means quit.
    public mutating func perform(_ effects: [RunnerEffect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit: return false
            case .bell: screen.bell()
            case .flash: screen.flashScreen()
            case .cycleTheme: program.status = themes.next()
            case .execute(let command): guard perform(program.execute(command)) else { return false }
            }
        }
        return true
    }
}
