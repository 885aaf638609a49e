import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
import TowerwatchUI

/// A screen that plays a script of wakes and remembers what the runner did with it.
final class ScriptedScreen: Screen {
    var size = Size(width: 120, height: 40)
    var script: [ScreenWake]
    private(set) var frames: [Grid] = []
    private(set) var waits: [Int] = []
    private(set) var bells = 0
    private(set) var flashes = 0
    private(set) var invalidations = 0

    init(_ script: [ScreenWake]) { self.script = script }

    /// The keys of `text`, one wake each.
    static func typing(_ text: String) -> [ScreenWake] { text.map { .key(.character($0)) } }

    func show(_ grid: Grid) { frames.append(grid) }
    func wait(timeoutMillis: Int, watching: Int32?) -> ScreenWake {
        waits.append(timeoutMillis)
        // A script that runs out ends the input, as a closed terminal does.
        return script.isEmpty ? .key(.endOfInput) : script.removeFirst()
    }
    func invalidate() { invalidations += 1 }
    func bell() { bells += 1 }
    func flashScreen() { flashes += 1 }

    var lastFrame: String { frames.last?.lines().joined(separator: "\n") ?? "" }
}

/// The one runner of the three consoles, driven without a terminal.
@Suite struct ConsoleRunnerTests {
    static func themes() throws -> ThemeCycle {
        try ThemeCycle(first: "default", loader: ThemeLoader.standard(environment: [:]), capability: .indexed256)
    }

    @Test func `the officer console runs a : command through the log and shows the outcome`() throws {
        let (district, store, clock) = try AppFixture.district()
        let before = store.records.count
        var model = ConsoleModel(officer: "O-01")
        model.policy = district.policy
        let screen = ScriptedScreen([.timeout, .key(.character(":"))] + ScriptedScreen.typing("dispatch H-000001 --guard G-002")
                                    + [.key(.enter), .key(.resize), .key(.character("q"))])
        var runner = ConsoleRunner(OfficerConsole(model: model, log: LiveLog(district, clock: clock)), on: screen, themes: try Self.themes())
        try runner.run()
        let added = store.records.dropFirst(before)
        #expect(added.map(\.event.kind) == [.guardDispatched])
        #expect(added.first?.actor == .officer("O-01"))
        #expect(runner.program.model.status?.text.hasPrefix("✓") == true)
        #expect(screen.invalidations == 1, "a resize repaints everything")
        #expect(screen.script.isEmpty, "q quit after the last key")
        #expect(screen.waits.allSatisfy { (1...1000).contains($0) }, "a live console wakes for the next whole second")
        #expect(screen.lastFrame.contains("✓ "), "the frame after the command shows its outcome")
    }

    @Test func `a refused command rings, t changes the theme, and the end of input ends the run`() throws {
        let (district, store, clock) = try AppFixture.district()
        let before = store.records.count
        let screen = ScriptedScreen([.key(.character(":"))] + ScriptedScreen.typing("close H-000404") + [.key(.enter), .key(.character("t"))])
        var runner = ConsoleRunner(OfficerConsole(model: ConsoleModel(officer: "O-01"), log: LiveLog(district, clock: clock)),
                                   on: screen, themes: try Self.themes())
        try runner.run()
        #expect(store.records.count == before)
        #expect(screen.bells == 1)
        #expect(runner.program.status == StatusMessage(text: "theme light", isError: false))
        #expect(runner.themes.theme.name == "light")
    }

    @Test func `a read-only log writes nothing and says why`() throws {
        let (district, store, clock) = try AppFixture.district(writable: false)
        let before = store.records.count
        // The guard scans the next checkpoint by hand: p opens the picker, Enter scans.
        let screen = ScriptedScreen([.key(.character("p")), .key(.enter)])
        var runner = ConsoleRunner(GuardConsole(model: GuardModel(guardID: "G-002"), log: LiveLog(district, clock: clock)), on: screen, themes: try Self.themes())
        try runner.run()
        var officer = ConsoleRunner(OfficerConsole(model: ConsoleModel(officer: "O-01"), log: LiveLog(district, clock: clock)),
                                    on: ScriptedScreen([.key(.character(":"))] + ScriptedScreen.typing("dispatch H-000001 --guard G-002") + [.key(.enter)]),
                                    themes: try Self.themes())
        try officer.run()
        #expect(officer.program.status?.text == "this console opened the log read-only; nothing was written")
        #expect(runner.program.status?.text.contains("read-only") == true)
        #expect(screen.bells == 1, "the guard console rings for what it could not do")
        #expect(store.records.count == before)
    }

    @Test func `the guard console rings and flashes for a new dispatch from another process, and acknowledges it`() throws {
        let (district, store, clock) = try AppFixture.district()
        let screen = ScriptedScreen([.logChanged, .key(.character("a")), .key(.character("q"))])
        var runner = ConsoleRunner(GuardConsole(model: GuardModel(guardID: "G-002", state: district.state), log: LiveLog(district, clock: clock)),
                                   on: screen, themes: try Self.themes())
        // Another console dispatches G-002 before the guard's screen wakes.
        let other = try DistrictLog(store: store)
        try AppFixture.expectSuccess(other.execute(Command(.officer("O-01"), .dispatch(hazard: "H-000001", guard: "G-002")), now: clock.now()))
        try runner.run()
        #expect(screen.bells == 1 && screen.flashes == 1, "one bell and one flash for the new dispatch")
        #expect(store.records.last?.event.kind == .dispatchAcknowledged)
        #expect(store.records.last?.actor == .guard("G-002"))
        #expect(runner.program.model.status?.text.hasPrefix("✓") == true)
    }

    @Test func `the live consoles' now never runs behind the latest record`() throws {
        let (district, _, _) = try AppFixture.district()
        let behind = ManualClock(AppFixture.start - .minutes(30))
        #expect(LiveLog(district, clock: behind).now() == district.state.lastTime)
        let ahead = ManualClock(AppFixture.start + .minutes(30))
        #expect(LiveLog(district, clock: ahead).now() == ahead.now())
    }
}

/// Replay in the same runner: playback paced by the ticks handed in, read-only.
@Suite struct ReplayConsoleTests {
    @Test func `space plays at the chosen speed, the cursor follows, and a command is refused as read-only`() throws {
        let dir = AppFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/shift.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: AppFixture.start))
        let live = try DistrictLog(store: FileEventStore(path: path, writable: true))
        try DemoDistrict.write(to: live, at: AppFixture.start)
        try AppFixture.expectSuccess(live.execute(Command(.officer("O-01"), .goOnDuty("G-001")), now: AppFixture.start + .minutes(1)))
        try AppFixture.expectSuccess(live.execute(Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")), now: AppFixture.start + .minutes(5)))
        try live.store.flush()

        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false))
        var model = ReplayModel(from: AppFixture.start, to: AppFixture.start + .minutes(10), local: .utc)
        model.speed = 60
        model.console.mode = .replay
        var tick = 0
        let program = try ReplayConsole(model: model, cursor: cursor, logName: "shift.twlog", ticks: { tick += 1_000; return tick })
        // Each wake is a second of ticks: Space starts playing, three timeouts play three minutes,
        // then the : line asks for a command.
        let screen = ScriptedScreen([.key(.character(" ")), .timeout, .timeout, .timeout, .key(.character(":"))]
                                    + ScriptedScreen.typing("close H-000001 --as O-01") + [.key(.enter), .key(.character("q"))])
        var runner = ConsoleRunner(program, on: screen, themes: try ConsoleRunnerTests.themes())
        try runner.run()
        let played = runner.program.model.time
        #expect(played > AppFixture.start + .minutes(3) && played <= AppFixture.start + .minutes(10), "\(played)")
        #expect(cursor.state.guards["G-001"]?.onDuty == true, "the cursor followed the playback")
        #expect(screen.waits.contains(50), "a playing replay wakes every 50 ms")
        #expect(runner.program.status == StatusMessage(text: "replay is read-only", isError: true))
        let after = try FileEventStore(path: path, writable: false)
        #expect(try after.read(after: after.start) { _, _ in }.seq == live.position.seq, "nothing was written")
    }
}
