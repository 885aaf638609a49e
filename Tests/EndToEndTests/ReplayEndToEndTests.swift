import Foundation
import Testing

/// A trainer replays a past shift in a real terminal: play fast, pause, step
/// back, go to a time, quit; the log is never written.
@Suite("replay end to end", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ReplayEndToEndTests {
    @Test("play at high speed, pause, step back, seek with g, quit")
    func replayShift() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-replay-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/shift.twlog"
        // Two hours of a simulated shift, written as history.
        let made = try Subprocess.run([binary, "simulate", "--log", log, "--history", "2h", "--start", "2026-01-05T08:00", "--seed", "7"])
        try #require(made.status == 0, "\(made.output)")
        chmod(log, 0o400)
        let before = FileManager.default.contents(atPath: log)

        let tmux = try TmuxHarness(command: "\(TmuxHarness.shellQuote(binary)) replay \(TmuxHarness.shellQuote(log))", width: 160, height: 45)
        defer { tmux.close() }
        let first = try tmux.waitFor(text: "REPLAY", timeout: 20)
        #expect(first.contains("❚❚"), "starts paused")
        #expect(first.contains("08:00"))
        // Play at 600×: the replay clock runs through the shift.
        for _ in 0..<8 { try tmux.sendKeys("+") }
        try tmux.sendKeys("Space")
        let playing = try tmux.waitFor(description: "the replay clock to move past 08:10", timeout: 15) { screen in
            guard let clock = Self.clock(in: screen) else { return false }
            return clock >= "08:10:00"
        }
        #expect(playing.contains("600×"))
        try tmux.sendKeys("Space")
        let paused = try tmux.waitFor(description: "paused", timeout: 5) { $0.contains("❚❚") }
        let pausedSeq = Self.sequence(in: paused)
        // One event back: the sequence number in the status bar drops by one.
        try tmux.sendKeys("Left")
        let back = try tmux.waitFor(description: "one record back", timeout: 5) { Self.sequence(in: $0) == pausedSeq.map { $0 - 1 } }
        #expect(Self.sequence(in: back) == pausedSeq.map { $0 - 1 })
        // Go to 09:30.
        try tmux.sendKeys("g")
        try tmux.type("09:30")
        try tmux.sendKeys("Enter")
        let sought = try tmux.waitFor(description: "the clock at 09:30", timeout: 5) { Self.clock(in: $0) == "09:30:00" }
        #expect(sought.contains("REPLAY"))
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 10) == 0)
        #expect(FileManager.default.contents(atPath: log) == before, "replay never writes the log")
    }

    /// The clock in the status bar: ` towerwatch YYYY-MM-DD HH:MM:SS +00:00  REPLAY`.
    static func clock(in screen: String) -> String? {
        guard let line = screen.split(separator: "\n").first, let r = line.range(of: "towerwatch ") else { return nil }
        return String(line[r.upperBound...].dropFirst(11).prefix(8))
    }

    /// The last sequence number shown in the status bar (`#1234`).
    static func sequence(in screen: String) -> Int? {
        guard let line = screen.split(separator: "\n").first, let hash = line.firstIndex(of: "#") else { return nil }
        return Int(line[line.index(after: hash)...].prefix { $0.isNumber })
    }
}
