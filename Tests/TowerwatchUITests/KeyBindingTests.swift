import Testing
@testable import TowerwatchUI

/// The one key-binding type: each of the three key maps binds every key once,
/// and the help lines and hints come from the same list.
@Suite struct KeyBindingTests {
    enum Move: Hashable, Sendable { case up, down, quit }
    let bindings: [KeyBinding<Move>] = [
        KeyBinding(keys: [.up, .character("k")], label: "↑ k", help: "move up", action: .up, hint: "up", group: "Move"),
        KeyBinding(keys: [.down], label: "↓", help: "move down", action: .down, hint: nil, group: "Move"),
        KeyBinding(keys: [.character("q"), .function(10)], label: "q F10", help: "quit", action: .quit, hint: "quit", group: "Other"),
    ]

    @Test func `a key finds its action, an action its binding; hints take the first word of the label`() {
        #expect(bindings.action(for: .character("k")) == Move.up)
        #expect(bindings.action(for: .function(10)) == Move.quit)
        #expect(bindings.action(for: .character("x")) == nil)
        #expect(bindings.binding(of: Move.down)?.label == "↓")
        #expect(bindings.hints().map { "\($0.key) \($0.word)" } == ["↑ up", "q quit"])
        #expect(bindings.helpLines() == [.group("Move"), .binding("  ↑ k     move up"), .binding("  ↓       move down"),
                                         .group("Other"), .binding("  q F10   quit")])
    }

    @Test func `no key is bound twice in any of the three maps`() {
        for keys in [KeyMap.officer.flatMap(\.keys), GuardKeyMap.bindings.flatMap(\.keys), ReplayKeyMap.bindings.flatMap(\.keys)] {
            #expect(Set(keys).count == keys.count)
        }
        #expect(ReplayKeyMap.bindings.helpLines().first == .group("Replay"))
    }

    @Test func `reading overlays close on Esc, Enter and q, scroll on the scrolling keys, and stay otherwise`() {
        #expect(KeyEvent.escape.reading(3) == .closed)
        #expect(KeyEvent.character("q").reading(3) == .closed)
        #expect(KeyEvent.character("v").reading(3) == .open(scroll: 3))
        #expect(KeyEvent.character("v").reading(3, alsoClosing: [.character("v")]) == .closed)
        #expect(KeyEvent.down.reading(3) == .open(scroll: 4))
        #expect(KeyEvent.pageUp.reading(3) == .open(scroll: 0))
        #expect(KeyEvent.character("?").closesHelp && KeyEvent.enter.closesHelp && !KeyEvent.character("x").closesHelp)
    }
}
