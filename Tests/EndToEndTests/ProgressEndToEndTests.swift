import Foundation
import Testing

/// Long work is never silent: a console opening a large log that no snapshot covers
/// shows its replay's progress inside its frame before the first full frame, and the
/// log commands show a progress line on a terminal and nothing when piped.
@Suite("progress end to end", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ProgressEndToEndTests {
    /// Runs `body` with the binary and three days of history in a fresh folder: about
    /// 14 MB, some seconds of replay in a debug build (and well over
    /// `OpeningProgress.minimumBytes`, so a console shows it).
    static func withLargeLog(_ body: (_ binary: String, _ log: String) throws -> Void) throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-progress-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/large.twlog"
        let made = try Subprocess.run([binary, "simulate", "--log", log, "--history", "3d", "--start", "2026-01-05T08:00", "--seed", "11"])
        try #require(made.status == 0, "\(made.output)")
        #expect(!FileManager.default.fileExists(atPath: log + ".snapshots"), "history leaves no snapshot: the console replays it all")
        try body(binary, log)
    }

    /// Whether a screen shows `replaying N%…`.
    static func showsReplayProgress(_ screen: String) -> Bool {
        guard let at = screen.range(of: "replaying ") else { return false }
        let rest = screen[at.upperBound...]
        let digits = rest.prefix { $0.isNumber }
        return !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix("%…")
    }

    /// One large log for both checks: writing it is most of the test's time.
    @Test("a large log without snapshots: log verify shows a progress line on a terminal only; a console shows replaying N%… in its frame")
    func progressOnALargeLog() throws {
        try Self.withLargeLog { binary, log in
            try verifyShowsProgressOnlyOnATerminal(binary, log)
            try consoleShowsReplayProgress(binary, log)
        }
    }

    /// Opening the log, the console shows replaying N%… in its frame before its first full frame.
    func consoleShowsReplayProgress(_ binary: String, _ log: String) throws {
        let tmux = try TmuxHarness(command: "\(TmuxHarness.shellQuote(binary)) console --log \(TmuxHarness.shellQuote(log))", width: 100, height: 30)
        defer { tmux.close() }
        // Every screen until the console's first full frame (its hazards pane).
        var screens: [String] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let screen = try tmux.capture()
            screens.append(screen)
            if screen.contains("Open hazards") { break }
            usleep(40_000)
        }
        let full = try #require(screens.firstIndex { $0.contains("Open hazards") }, "the console came up; last screen:\n\(screens.last ?? "")")
        let progress = screens[..<full].filter(Self.showsReplayProgress)
        #expect(!progress.isEmpty, "progress was shown before the first full frame; screens seen:\n\(screens.suffix(3).joined(separator: "\n-----\n"))")
        if let shown = progress.last {
            #expect(shown.contains("┌ towerwatch · large.twlog"), "inside the console's frame:\n\(shown)")
            #expect(shown.contains(" MB of "), "the bytes replayed of the whole:\n\(shown)")
            #expect(shown.contains("records"))
        }
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 20) == 0)
    }

    /// `log verify` shows a progress line on a terminal, cleared at the end; nothing when its output is not a terminal.
    func verifyShowsProgressOnlyOnATerminal(_ binary: String, _ log: String) throws {
        let piped = try Subprocess.run([binary, "log", "verify", log])
        #expect(piped.status == 0)
        #expect(!piped.output.contains("verifying") && !piped.output.contains("\r"), "not a terminal: no progress\n\(piped.output)")

        // The verify of this log is over in a fraction of a second, quicker than a
        // screen can be polled: what it wrote to the pane is recorded instead (the
        // command waits a moment so the recording is on before it starts), and the
        // line is shown at once, not after half a second (TOWERWATCH_PROGRESS_AFTER_MS=0).
        let written = FileManager.default.temporaryDirectory.appendingPathComponent("tw-verify-pane-\(getpid())-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: written) }
        let tmux = try TmuxHarness(command: "sleep 1; TOWERWATCH_PROGRESS_AFTER_MS=0 \(TmuxHarness.shellQuote(binary)) log verify \(TmuxHarness.shellQuote(log))",
                                   width: 100, height: 30)
        defer { tmux.close() }
        _ = try tmux.tmux(["pipe-pane", "-o", "-t", "0", "cat >> \(TmuxHarness.shellQuote(written))"])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, tmux.exitStatus(timeout: 0) == nil { usleep(40_000) }
        usleep(300_000)  // the recording catches up with the pane
        let bytes = String(decoding: FileManager.default.contents(atPath: written) ?? Data(), as: UTF8.self)
        let sawProgress = bytes.range(of: #"verifying .*\d+% · .* MB of .* MB"#, options: .regularExpression) != nil
        #expect(tmux.exitStatus(timeout: 5) == 0)
        #expect(sawProgress, "a progress line while verifying")
        let end = try tmux.capture()
        #expect(end.contains("sound"))
        #expect(!end.contains("verifying"), "the line is cleared at the end:\n\(end)")
    }
}
