/// What a replay key asks for. Keys not bound here go to the console's own keys.
public enum ReplayAction: Sendable, Hashable {
    case playPause, faster, slower
    case stepForward, stepBack
    case minuteForward, minuteBack, tenMinutesForward, tenMinutesBack
    case goTo, bookmark, nextBookmark
}

/// The replay's own keys; the help overlay and the timeline hints come from this list.
public enum ReplayKeyMap {
    static func ch(_ c: Character) -> KeyEvent { .character(c) }

    public static let bindings: [KeyBinding<ReplayAction>] = [
        KeyBinding(keys: [ch(" ")], label: "Space", help: "play / pause", action: .playPause, hint: "play", group: "Replay"),
        KeyBinding(keys: [ch("+"), ch("=")], label: "+", help: "faster (up to 600×)", action: .faster, hint: "faster", group: "Replay"),
        KeyBinding(keys: [ch("-")], label: "-", help: "slower (down to 1×)", action: .slower, hint: "slower", group: "Replay"),
        KeyBinding(keys: [.right], label: "→", help: "one event forward", action: .stepForward, hint: "event", group: "Replay"),
        KeyBinding(keys: [.left], label: "←", help: "one event back", action: .stepBack, hint: nil, group: "Replay"),
        KeyBinding(keys: [ch("]")], label: "]", help: "one minute forward", action: .minuteForward, hint: "minute", group: "Replay"),
        KeyBinding(keys: [ch("[")], label: "[", help: "one minute back", action: .minuteBack, hint: nil, group: "Replay"),
        KeyBinding(keys: [ch("}")], label: "}", help: "ten minutes forward", action: .tenMinutesForward, hint: nil, group: "Replay"),
        KeyBinding(keys: [ch("{")], label: "{", help: "ten minutes back", action: .tenMinutesBack, hint: nil, group: "Replay"),
        KeyBinding(keys: [ch("g")], label: "g", help: "go to a time (HH:MM, YYYY-MM-DD HH:MM)", action: .goTo, hint: "go to", group: "Replay"),
        KeyBinding(keys: [ch("m")], label: "m", help: "set a bookmark here", action: .bookmark, hint: "mark", group: "Replay"),
        KeyBinding(keys: [ch("'")], label: "'", help: "jump to the next bookmark", action: .nextBookmark, hint: nil, group: "Replay"),
    ]

    public static func action(for key: KeyEvent) -> ReplayAction? { bindings.action(for: key) }

    public static let speeds: [Int] = [1, 2, 5, 10, 30, 60, 120, 300, 600]
}
