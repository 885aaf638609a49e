/// Why the terminal could not be taken over; each message tells the user
/// what to do about it.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input (or output) is a pipe or a file, not a terminal.
    case notATerminal(stream: String)
    /// TERM is unset or empty.
    case noTermVariable
    /// No terminfo entry for TERM.
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (TERM=dumb and the like).
    case noCursorAddressing(String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "towerwatch needs a terminal, but standard \(stream) is not one (a pipe or a file?). Run it in a terminal, or use a non-interactive subcommand."
        case .noTermVariable:
            return "TERM is not set, so towerwatch cannot tell what terminal this is. Set it, e.g. TERM=xterm-256color."
        case .unknownTerminal(let term):
            return "unknown terminal type '\(term)': no terminfo entry for it. Install its terminfo (e.g. ncurses-term) or set TERM=xterm-256color."
        case .noCursorAddressing(let term):
            return "terminal type '\(term)' cannot position the cursor (no 'cup' capability), so a full-screen console cannot run. Use a real terminal type, e.g. TERM=xterm-256color."
        }
    }
}
