import Foundation
import Testing

/// `towerwatch` with no command: a demo district with the simulator beside the
/// console. A new user must see it alive: panes filled, guards moving, hazards
/// coming and being answered.
@Suite("demo district", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct DemoEndToEndTests {
    @Test("the default command shows a live district whose panes fill and change")
    func liveDemo() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-demo-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The simulator at 30× so a few seconds hold minutes of district life: faster than
        // real time, the demo runs as a drill, in a log of its own whose clock is its own.
        let tmux = try TmuxHarness(command: "\(TmuxHarness.shellQuote(binary)) --speed 30", width: 160, height: 45,
                                   environment: ["XDG_DATA_HOME": dir])
        defer { tmux.close() }
        let first = try tmux.waitFor(text: "Open hazards", timeout: 20)
        #expect(first.contains("中福广场"))
        #expect(first.contains("DRILL - NOT LIVE"))
        // Guards go on duty and scan; hazards appear and get a guard.
        let busy = try tmux.waitFor(description: "hazards and guards on duty", timeout: 40) { screen in
            screen.contains("H-0000") && screen.contains("on patrol")
        }
        let later = try tmux.waitFor(description: "the screen to change", timeout: 20) { $0 != busy }
        #expect(later != busy)
        let cleared = try tmux.waitFor(description: "a dispatch cleared in the feed", timeout: 60) { $0.contains("cleared D-") }
        #expect(cleared.contains("cleared D-"))
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 10) == 0)
        // The log the demo made is sound.
        let verify = try Subprocess.run([binary, "log", "verify", dir + "/towerwatch/demo-drill.twlog"])
        #expect(verify.status == 0, "\(verify.output)")
    }
}
