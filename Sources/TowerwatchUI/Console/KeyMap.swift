/// What a key asks the console to do. Keys are bound to actions once, in `KeyMap`.
public enum ConsoleAction: Sendable, Hashable {
    case up, down, left, right, pageUp, pageDown, home, end
    case nextPane, previousPane, focus(PaneID)
    case detail, filter, sort, reverseSort, help, commandLine, quit, cycleTheme
    case newHazard, dispatch, escalate, close
    case reassignNext, secondGuard
    case toggleQuiet
    /// Steps the towers pane through the repeat offenders of 7, 30 and 90 days, then back to the towers.
    case repeatOffenders
    case clearFilter
    /// The programme's figures since the district's start (`ProgrammeView`).
    case programme
}

/// Every key of the officer console, declared once: the help overlay, the hint
/// bar and the key handling are all built from this list, so they cannot drift.
public enum KeyMap {
    static func ch(_ c: Character) -> KeyEvent { .character(c) }

    public static let officer: [KeyBinding<ConsoleAction>] = [
        KeyBinding(keys: [.up, ch("k")], label: "↑ k", help: "move up", action: .up, hint: nil, group: "Move"),
        KeyBinding(keys: [.down, ch("j")], label: "↓ j", help: "move down", action: .down, hint: nil, group: "Move"),
        KeyBinding(keys: [.left, ch("h")], label: "← h", help: "previous pane (or choice in a form)", action: .left, hint: nil, group: "Move"),
        KeyBinding(keys: [.right, ch("l")], label: "→ l", help: "next pane (or choice in a form)", action: .right, hint: nil, group: "Move"),
        KeyBinding(keys: [.pageUp], label: "PgUp", help: "page up", action: .pageUp, hint: nil, group: "Move"),
        KeyBinding(keys: [.pageDown], label: "PgDn", help: "page down", action: .pageDown, hint: nil, group: "Move"),
        KeyBinding(keys: [.home, ch("g")], label: "Home g", help: "first row", action: .home, hint: nil, group: "Move"),
        KeyBinding(keys: [.end, ch("G")], label: "End G", help: "last row", action: .end, hint: nil, group: "Move"),
        KeyBinding(keys: [.tab], label: "Tab", help: "next pane", action: .nextPane, hint: "pane", group: "Move"),
        KeyBinding(keys: [.backTab], label: "S-Tab", help: "previous pane", action: .previousPane, hint: nil, group: "Move"),
        KeyBinding(keys: [ch("1")], label: "1", help: "open hazards pane", action: .focus(.hazards), hint: nil, group: "Move"),
        KeyBinding(keys: [ch("2")], label: "2", help: "towers pane", action: .focus(.towers), hint: nil, group: "Move"),
        KeyBinding(keys: [ch("3")], label: "3", help: "guards pane", action: .focus(.guards), hint: nil, group: "Move"),
        KeyBinding(keys: [ch("4")], label: "4", help: "event feed", action: .focus(.feed), hint: nil, group: "Move"),
        KeyBinding(keys: [.enter], label: "Enter", help: "detail of the selected row", action: .detail, hint: "detail", group: "View"),
        KeyBinding(keys: [ch("/")], label: "/", help: "filter the pane (any column; Esc clears)", action: .filter, hint: "filter", group: "View"),
        KeyBinding(keys: [.escape], label: "Esc", help: "dismiss a message, then clear the pane's filter", action: .clearFilter, hint: nil, group: "View"),
        KeyBinding(keys: [ch("s")], label: "s", help: "sort by the next column", action: .sort, hint: "sort", group: "View"),
        KeyBinding(keys: [ch("S")], label: "S", help: "reverse the sort", action: .reverseSort, hint: nil, group: "View"),
        KeyBinding(keys: [ch("t")], label: "t", help: "next theme", action: .cycleTheme, hint: nil, group: "View"),
        KeyBinding(keys: [ch("o")], label: "o", help: "repeat offenders (7, 30, 90 days), then towers",
                   action: .repeatOffenders, hint: nil, group: "View"),
        KeyBinding(keys: [ch("b")], label: "b", help: "bell and flash on/off (quiet)", action: .toggleQuiet, hint: nil, group: "View"),
        KeyBinding(keys: [ch("p")], label: "p", help: "the programme's figures since the start",
                   action: .programme, hint: nil, group: "View"),
        KeyBinding(keys: [ch("n")], label: "n", help: "new hazard (form)", action: .newHazard, hint: "new", group: "Act"),
        KeyBinding(keys: [ch("d")], label: "d", help: "dispatch a guard to the selected hazard", action: .dispatch, hint: "dispatch", group: "Act"),
        KeyBinding(keys: [ch("e")], label: "e", help: "escalate the selected hazard", action: .escalate, hint: "escalate", group: "Act"),
        KeyBinding(keys: [ch("c")], label: "c", help: "close the selected hazard", action: .close, hint: "close", group: "Act"),
        KeyBinding(keys: [ch("R")], label: "R", help: "reassign an unanswered dispatch to the next guard", action: .reassignNext,
                   hint: nil, group: "Act"),
        KeyBinding(keys: [ch("A")], label: "A", help: "send another guard to an overdue hazard", action: .secondGuard, hint: nil, group: "Act"),
        KeyBinding(keys: [ch(":")], label: ":", help: "command line (same verbs as the CLI)", action: .commandLine, hint: "cmd", group: "Act"),
        KeyBinding(keys: [ch("?"), .function(1)], label: "? F1", help: "this help", action: .help, hint: "help", group: "Other"),
        KeyBinding(keys: [ch("q"), .function(10)], label: "q F10", help: "quit", action: .quit, hint: "quit", group: "Other"),
    ]

    /// `bindings` without the keys `taken` claims (the replay's own keys come
    /// first there): a binding left with no key is dropped, its label loses the
    /// taken keys' names, so the help never lists a key for two things.
    public static func without(_ taken: [KeyEvent], in bindings: [KeyBinding<ConsoleAction>] = officer) -> [KeyBinding<ConsoleAction>] {
        bindings.compactMap { b in
            let kept = b.keys.filter { !taken.contains($0) }
            guard !kept.isEmpty else { return nil }
            var out = b
            out.keys = kept
            let dropped = b.keys.filter { taken.contains($0) }.compactMap { k -> String? in
                if case .character(let c) = k { return String(c) } else { return nil }
            }
            out.label = b.label.split(separator: " ").filter { !dropped.contains(String($0)) }.joined(separator: " ")
            return out
        }
    }

    /// The action bound to a key, if any.
    public static func action(for key: KeyEvent, in bindings: [KeyBinding<ConsoleAction>] = officer) -> ConsoleAction? {
        bindings.action(for: key)
    }

    /// The hint bar's entries: (key label, short word).
    public static func hints(_ bindings: [KeyBinding<ConsoleAction>] = officer) -> [(String, String)] {
        bindings.hints().map { ($0.key, $0.word) }
    }
}
