/// One key binding of a screen: the keys, how help names them, what they do,
/// the word the hint bar shows (nil keeps it out of the hint bar), and the
/// help's group. The officer console, the guard console and the replay declare
/// their keys as lists of these (`KeyMap`, `GuardKeyMap`, `ReplayKeyMap`), and
/// the key handling, the help overlay and the hint bar are all read from the
/// list, so they cannot drift apart.
public struct KeyBinding<Action: Sendable & Hashable>: Sendable {
    public var keys: [KeyEvent]
    /// The keys as help shows them (`↑ k`, `q F10`); the hint bar shows the first word.
    public var label: String
    public var help: String
    public var action: Action
    public var hint: String?
    public var group: String

    public init(keys: [KeyEvent], label: String, help: String, action: Action, hint: String?, group: String) {
        self.keys = keys; self.label = label; self.help = help; self.action = action; self.hint = hint; self.group = group
    }
}

/// A line of a help overlay built from bindings: a group's heading, or a binding.
public enum KeyHelpLine: Sendable, Hashable {
    case group(String)
    /// `  LABEL   help`: the label padded to 8 cells.
    case binding(String)
}

extension Array {
    /// The action bound to `key`, if any (the first binding that lists it).
    public func action<Action>(for key: KeyEvent) -> Action? where Element == KeyBinding<Action> {
        first { $0.keys.contains(key) }?.action
    }

    /// The binding of `action`, if any.
    public func binding<Action>(of action: Action) -> KeyBinding<Action>? where Element == KeyBinding<Action> {
        first { $0.action == action }
    }

    /// The hint bar's entries, in order: the first word of each label, and the hint.
    public func hints<Action>() -> [(key: String, word: String)] where Element == KeyBinding<Action> {
        compactMap { b in b.hint.map { (b.label.split(separator: " ").first.map(String.init) ?? b.label, $0) } }
    }

    /// The help overlay's lines: a heading where the group changes, then a line a binding.
    public func helpLines<Action>() -> [KeyHelpLine] where Element == KeyBinding<Action> {
        var lines: [KeyHelpLine] = []
        var group: String?
        for b in self {
            if b.group != group { group = b.group; lines.append(.group(b.group)) }
            lines.append(.binding("  " + b.label.padded(toWidth: 8) + b.help))
        }
        return lines
    }
}

extension StyledLine {
    /// A help overlay's line in its role: a group's heading as `.header`, a binding as `.helpText`.
    public init(_ line: KeyHelpLine) {
        switch line {
        case .group(let name): self.init(name, .header)
        case .binding(let text): self.init(text, .helpText)
        }
    }
}
