import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The officer console says exactly what is happening and does exactly what
/// it offers, driven in a real terminal while other processes (guards, other
/// officers) write to the same log.
@Suite("officer console offers, stages and bell end to end", .serialized,
       .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; console end-to-end tests skipped"))
struct ConsoleStagesEndToEndTests {
    /// A policy whose 5-minute rule takes 30 seconds, so an overdue hazard happens in a test.
    /// Every hazard nobody reaches falls due 30 s after its report, however slowly a loaded
    /// machine runs the test: a test settles which ones it lets stand by what it records
    /// (a close, a guard on scene), never by how fast it acts.
    static func fastScenePolicy() throws -> String {
        let path = NSTemporaryDirectory() + "tw-fast-scene-\(getpid()).yaml"
        try "# towerwatch end-to-end: nobody on scene after 30 s\nsceneTargetMinutes: 0.5\nackTimeoutSeconds: 600\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A policy with no deadline within a test, so only what the test does can ring.
    static func calmPolicy() throws -> String {
        let path = NSTemporaryDirectory() + "tw-calm-\(getpid()).yaml"
        try "# towerwatch end-to-end: no alarm falls due\nsceneTargetMinutes: 600\nackTimeoutSeconds: 36000\nrectifyTargetMinutes: 6000\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Records the pane's raw output in a file (bells are bytes, not text on screen).
    static func recordOutput(_ console: ConsoleScenario) throws -> String {
        let path = console.directory.appendingPathComponent("pane-output").path
        try console.tmux.tmux(["pipe-pane", "-o", "-t", "0", "cat >> \(TmuxHarness.shellQuote(path))"])
        return path
    }

    static func bells(in path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.filter { $0 == 0x07 }.count
    }

    @Test("the case of the issue: A with the cursor on another hazard sends the offered guard to the offered hazard, after a confirmation")
    func secondGuardGoesWhereOffered() throws {
        let policy = try Self.fastScenePolicy()
        // Up to a minute waiting for the scene rule, then a dozen commands on a loaded machine.
        let console = try ConsoleScenario(.dispatched, width: 160, height: 45, arguments: ["--as", "O-01", "--policy", policy],
                                          lifetime: 240)
        defer { console.close() }
        try console.waitForConsole()
        // Another officer closes H-000002. Its scene alarm would otherwise decide which hazard
        // the bar offers: the bar takes the latest standing alarm, and H-000002's falls due
        // a little after H-000001's (it was reported after it), in a tick of its own when
        // the preparation was slow, or in the same tick, tied, when the console started late.
        #expect(try console.cli(["close", "H-000002", "--as", "O-02", "--note", "the car was moved"]).status == 0)
        // H-000001 (G-002 sent, not on scene) passes the scene rule; the bar offers a second guard.
        try console.tmux.waitFor(description: "the offer for H-000001", timeout: 60) {
            $0.contains("‼ H-000001 D-000001 nobody on scene") && $0.contains("A sends")
        }
        // A third hazard comes in from a guard's handheld, and that guard is sent and on
        // scene: its own scene rule cannot fall due and take the bar however slowly the
        // machine goes from here. The officer moves the cursor onto it.
        for step in [["report-hazard", "--as", "G-004", "--category", "dispute", "--tower", "T03", "--floor", "1", "--zone", "lobby"],
                     ["dispatch", "H-000003", "--guard", "G-004", "--as", "O-02"],
                     ["ack", "D-000002", "--as", "G-004"],
                     ["arrive", "D-000002", "--as", "G-004"]] {
            let result = try console.cli(step)
            #expect(result.status == 0, "towerwatch \(step.joined(separator: " ")): \(result.output)")
        }
        try console.tmux.waitFor(text: "on scene D-000002")
        try console.tmux.sendKeys("G")  // the last row
        let selected = try console.tmux.waitFor(description: "H-000003 in the detail, the offer still for H-000001") { (screen: String) -> Bool in
            return
            screen.contains("H-000003  dispute") && screen.contains("‼ H-000001 D-000001 nobody on scene")
        }
        // The guard the bar names now (the report may have changed who is nearest).
        let offerLine = try #require(ScreenText.lines(selected).first { $0.contains("A sends") })
        let sends = try #require(offerLine.range(of: "A sends "))
        let guardID = String(offerLine[sends.upperBound...].prefix(5))
        func dispatchRecords() throws -> [Substring] {
            try console.dumpLog(type: "GuardDispatched").output.split(separator: "\n").filter { $0.contains("GuardDispatched") }
        }
        #expect(try dispatchRecords().count == 2)
        try console.tmux.sendKeys("A")
        let asked = try console.tmux.waitFor(text: "Send \(guardID)")
        let question = try #require(ScreenText.lines(asked).first { $0.contains("Send \(guardID)") })
        #expect(question.contains("to H-000001 as well (D-000001 not on scene)"), "\(question)")
        #expect(try dispatchRecords().count == 2, "nothing is written before the confirmation")
        try console.tmux.sendKeys("Enter")
        // The confirmation line, or (if a loaded machine captured the screen only after
        // it faded, 5 s on) the feed line it leaves: either names exactly what was sent.
        let done = try console.tmux.waitFor(text: "dispatched D-000003 → H-000001 \(guardID)", timeout: 20)
        #expect(!done.contains("H-000003 \(guardID)"))
        let last = try #require(try dispatchRecords().last)
        #expect(last.contains("\"H-000001\"") && last.contains("\"\(guardID)\"") && last.contains("\"D-000003\""), "\(last)")
        #expect(try dispatchRecords().count == 3, "one dispatch, once")
    }

    @Test("every stage shows in the row, the detail and the feed: cleared, declined with its reason, escalated")
    func stagesShow() throws {
        // No rule falls due: the prepared log may be minutes old by the time a slow run gets
        // here, and an alarm ringing then would stand in the rows and the bell line beside the decline.
        let calm = try Self.calmPolicy()
        let console = try ConsoleScenario(.dispatched, width: 200, height: 60, arguments: ["--as", "O-01", "--policy", calm])
        defer { console.close() }
        try console.waitForConsole()
        try console.cli(["ack", "D-000001", "--as", "G-002"])
        try console.tmux.waitFor(text: "acknowledged D-000001 H-000001 G-002")
        #expect(try hazardRow("H-000001", console).contains("acknowledged"))
        try console.cli(["arrive", "D-000001", "--as", "G-002"])
        try console.tmux.waitFor(text: "on scene D-000001")
        #expect(try hazardRow("H-000001", console).contains("on scene"))
        try console.cli(["clear", "D-000001", "--as", "G-002", "--note", "door cleared"])
        try console.tmux.waitFor(text: "cleared D-000001 H-000001 G-002")
        let cleared = try hazardRow("H-000001", console)
        #expect(cleared.contains("awaiting close") && !cleared.contains(" new "), "\(cleared)")

        try console.cli(["dispatch", "H-000002", "--guard", "G-003", "--as", "O-02"])
        try console.cli(["decline", "D-000002", "--as", "G-003", "--reason", "already on a dispute in B1"])
        let screen = try console.tmux.waitFor(text: "declined D-000002 H-000002 G-003 ")
        #expect(screen.contains("陆文博: already on a dispute in B1"))
        let declined = try hazardRow("H-000002", console)
        #expect(declined.contains("✗ declined") && declined.contains("G-003: already on"), "\(declined)")
        // The detail of the selected row says the same.
        try console.tmux.sendKeys("/")
        try console.tmux.type("H-000002")
        try console.tmux.sendKeys("Enter")
        let detail = try console.tmux.waitFor(text: "stage: ✗ declined by G-003")
        #expect(detail.contains("“already on a dispute in B1”"))
        #expect(screen.contains("♪ rang for a decline"))

        try console.cli(["escalate", "H-000002", "--to", "police", "--as", "O-02"])
        try console.tmux.waitFor(text: "escalated H-000002 to police by O-02")
        #expect(try hazardRow("H-000002", console).contains("⇡police"))
    }

    @Test("the console rings (a BEL byte) for a decline from another process, and names it; --quiet does not ring")
    func rings() throws {
        let calm = try Self.calmPolicy()
        let console = try ConsoleScenario(.dispatched, width: 160, height: 45, arguments: ["--as", "O-01", "--policy", calm])
        defer { console.close() }
        let output = try Self.recordOutput(console)
        try console.waitForConsole()
        usleep(300_000)
        #expect(Self.bells(in: output) == 0)
        try console.cli(["decline", "D-000001", "--as", "G-002", "--reason", "stuck in the lift"])
        try console.tmux.waitFor(text: "♪ rang for a decline: declined D-000001")
        let deadline = Date().addingTimeInterval(5)
        while Self.bells(in: output) == 0 && Date() < deadline { usleep(50_000) }
        #expect(Self.bells(in: output) >= 1)

        let quiet = try ConsoleScenario(.dispatched, width: 160, height: 45, arguments: ["--as", "O-01", "--quiet", "--policy", calm])
        defer { quiet.close() }
        let quietOutput = try Self.recordOutput(quiet)
        try quiet.waitForConsole()
        try quiet.cli(["decline", "D-000001", "--as", "G-002", "--reason", "stuck in the lift"])
        try quiet.tmux.waitFor(text: "♪ quiet, would ring for a decline")
        usleep(500_000)
        #expect(Self.bells(in: quietOutput) == 0)
    }

    func hazardRow(_ id: String, _ console: ConsoleScenario) throws -> String {
        let screen = try console.tmux.stableCapture()
        let pane = try #require(ScreenText.pane(titled: "1 Open hazards", in: screen), "\(screen)")
        return try #require(pane.first { $0.hasPrefix(id) }, "\(pane.joined(separator: "\n"))")
    }
}
