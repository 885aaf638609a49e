import Foundation
import Testing

/// Officers in Shanghai read and type their own time: the console's clock says
/// which zone it reads, replay's `g` takes local times, and a time it cannot use
/// is refused on screen until the next good jump.
@Suite("local time end to end", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct LocalTimeEndToEndTests {
    static let shanghai = ["TZ": "Asia/Shanghai"]

    /// This process's environment with the district's zone as the machine's.
    static var shanghaiEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "Asia/Shanghai"
        return environment
    }

    func makeDirectory(_ tag: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-\(tag)-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("TZ=Asia/Shanghai: init records the zone and the console's header shows local time with +08:00")
    func consoleHeaderInLocalTime() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = try makeDirectory("tz-console")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/district.twlog"
        let made = try Subprocess.run([binary, "init", "--log", log], environment: Self.shanghaiEnvironment)
        try #require(made.status == 0, "\(made.output)")
        #expect(made.output.contains("clocks read Asia/Shanghai (+08:00)"))
        let dump = try Subprocess.run([binary, "log", "dump", log, "--type", "DistrictTimeZoneSet"])
        #expect(dump.output.contains("\"zone\":[\"Asia/Shanghai\"]") || dump.output.contains("\"zone\":\"Asia/Shanghai\""), "\(dump.output)")

        let tmux = try TmuxHarness(command: "\(TmuxHarness.shellQuote(binary)) console --log \(TmuxHarness.shellQuote(log))",
                                   width: 140, height: 40, environment: Self.shanghai)
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "LIVE", timeout: 20)
        let header = String(screen.split(separator: "\n").first ?? "")
        // ` towerwatch HH:MM:SS +08:00  LIVE`: eight hours ahead of UTC, to within a few seconds.
        let clock = try #require(header.range(of: #"\d\d:\d\d:\d\d \+08:00"#, options: .regularExpression).map { String(header[$0]) },
                                 "header: \(header)")
        let parts = clock.prefix(8).split(separator: ":").compactMap { Int($0) }
        let shown = parts[0] * 3600 + parts[1] * 60 + parts[2]
        let utc = Int(Date().timeIntervalSince1970) % 86_400
        let expected = (utc + 8 * 3600) % 86_400
        let off = min(abs(shown - expected), 86_400 - abs(shown - expected))
        #expect(off < 30, "header \(clock) is not Shanghai time (UTC now \(utc) s into the day)")
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 10) == 0)
    }

    @Test("replay: g 14:15 goes to 14:15 local; a bad time and one outside the log are refused; the refusal clears on the next good jump")
    func replayGoToLocalTime() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = try makeDirectory("tz-replay")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/shift.twlog"
        // 08:00 to 16:00 on 5 January in Shanghai (00:00 to 08:00 UTC).
        let made = try Subprocess.run([binary, "simulate", "--log", log, "--history", "8h", "--start", "2026-01-05T08:00", "--seed", "7"],
                                      environment: Self.shanghaiEnvironment)
        try #require(made.status == 0, "\(made.output)")
        let dump = try Subprocess.run([binary, "log", "dump", log, "--from", "1"])
        #expect(dump.output.contains("\"time\":\"2026-01-05T00:00"), "the log stays in UTC")

        let tmux = try TmuxHarness(command: "\(TmuxHarness.shellQuote(binary)) replay \(TmuxHarness.shellQuote(log))",
                                   width: 160, height: 45, environment: Self.shanghai)
        defer { tmux.close() }
        let first = try tmux.waitFor(text: "REPLAY", timeout: 20)
        #expect(Self.header(first).contains("towerwatch 2026-01-05 08:00"), "\(Self.header(first))")
        #expect(Self.header(first).contains("+08:00"))
        #expect(first.range(of: #" 01-05 08:00–1[56]:\d\d \+08:00"#, options: .regularExpression) != nil, "the timeline's ends, local")

        try tmux.sendKeys("g"); try tmux.type("14:15"); try tmux.sendKeys("Enter")
        let sought = try tmux.waitFor(description: "the clock at 14:15 local", timeout: 5) { Self.header($0).contains("2026-01-05 14:15:00 +08:00") }
        #expect(sought.contains("REPLAY"))

        try tmux.sendKeys("g"); try tmux.type("14h15"); try tmux.sendKeys("Enter")
        let refused = try tmux.waitFor(text: "not a time: 14h15", timeout: 5)
        #expect(Self.header(refused).contains("14:15:00 +08:00"), "a refused time never moves the replay")
        try tmux.sendKeys("g"); try tmux.type("17:30"); try tmux.sendKeys("Enter")
        let outside = try tmux.waitFor(text: "is outside the log", timeout: 5)
        #expect(outside.contains("17:30 (2026-01-05 17:30:00 +08:00) is outside the log"))
        #expect(Self.header(outside).contains("14:15:00 +08:00"), "never jumped to the end silently")

        try tmux.sendKeys("g"); try tmux.type("2026-01-05T07:00Z"); try tmux.sendKeys("Enter")
        let cleared = try tmux.waitFor(description: "15:00 local and the refusal gone", timeout: 5) {
            Self.header($0).contains("2026-01-05 15:00:00 +08:00") && !$0.contains("outside the log")
        }
        #expect(!cleared.contains("not a time"))
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 10) == 0)
    }

    static func header(_ screen: String) -> String { String(screen.split(separator: "\n").first ?? "") }
}
