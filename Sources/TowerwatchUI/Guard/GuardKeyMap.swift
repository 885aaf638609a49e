/// What a key asks the guard console to do. Keys are bound to actions once, in `GuardKeyMap`.
public enum GuardAction: Sendable, Hashable {
    case acknowledge, arrive, clear, decline
    case reportHazard, scanCheckpoint
    case procedure, help, cycleTheme, quit
}

/// Every key of the guard console, declared once: the help overlay, the hint
/// bar and the key handling are all built from this list, so they cannot drift.
///
/// The guard's keys are single letters a gloved thumb can find on a handheld;
/// no key needs a modifier.
public enum GuardKeyMap {
    static func ch(_ c: Character) -> KeyEvent { .character(c) }

    public static let bindings: [KeyBinding<GuardAction>] = [
        KeyBinding(keys: [ch("a")], label: "a", help: "acknowledge the dispatch", action: .acknowledge, hint: "ack", group: "Dispatch"),
        KeyBinding(keys: [ch("o")], label: "o", help: "on scene: I have arrived", action: .arrive, hint: "on scene", group: "Dispatch"),
        KeyBinding(keys: [ch("c")], label: "c", help: "cleared: done, with a short note", action: .clear, hint: "cleared", group: "Dispatch"),
        KeyBinding(keys: [ch("x")], label: "x", help: "decline, with a reason for the officer", action: .decline, hint: "decline",
                   group: "Dispatch"),
        KeyBinding(keys: [.enter, ch("v")], label: "Enter v", help: "the whole procedure for the hazard", action: .procedure, hint: nil,
                   group: "Dispatch"),
        KeyBinding(keys: [ch("r")], label: "r", help: "report a hazard: category, place, note", action: .reportHazard,
                   hint: "report", group: "Patrol"),
        KeyBinding(keys: [ch("p")], label: "p", help: "scan a checkpoint (when there is no scanner)", action: .scanCheckpoint,
                   hint: "scan", group: "Patrol"),
        KeyBinding(keys: [ch("t")], label: "t", help: "next theme", action: .cycleTheme, hint: nil, group: "Other"),
        KeyBinding(keys: [ch("?")], label: "?", help: "this help", action: .help, hint: "help", group: "Other"),
        KeyBinding(keys: [ch("q"), .function(10)], label: "q F10", help: "quit", action: .quit, hint: "quit", group: "Other"),
    ]

    /// The action bound to a key, if any.
    public static func action(for key: KeyEvent) -> GuardAction? { bindings.action(for: key) }

    /// The binding of an action (every action has exactly one).
    public static func binding(_ action: GuardAction) -> KeyBinding<GuardAction>? { bindings.binding(of: action) }

    /// The hint bar's entries: (first key label, short word).
    public static func hints() -> [(key: String, word: String)] { bindings.hints() }
}
