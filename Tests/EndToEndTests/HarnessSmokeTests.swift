import Foundation
import Testing

/// Checks the tmux harness itself with a trivial program, so that a failing
/// end-to-end test points at towerwatch and not at the harness.
@Suite("tmux harness", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct HarnessSmokeTests {
    @Test("captures a program's output, CJK included, at the requested size")
    func capturesOutput() throws {
        let tmux = try TmuxHarness(command: "sh -c 'echo hello; printf \"中福广场|福田银座|\\n\"; sleep 5'", width: 60, height: 12)
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "hello")
        #expect(screen.contains("中福广场|福田银座|"))
        #expect(try tmux.paneSize() == "60x12")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= 12)
    }

    @Test("sends keys to the program and reads its exit status")
    func keysAndExitStatus() throws {
        let tmux = try TmuxHarness(command: "sh -c 'read line; echo \"got $line\"; exit 3'", width: 40, height: 6)
        defer { tmux.close() }
        try tmux.type("福田 ok")
        try tmux.sendKeys("Enter")
        try tmux.waitFor(text: "got 福田 ok")
        #expect(tmux.exitStatus() == 3)
    }

    @Test("resizes the window")
    func resizes() throws {
        let tmux = try TmuxHarness(command: "sleep 5", width: 50, height: 10)
        defer { tmux.close() }
        try tmux.resize(width: 70, height: 14)
        #expect(try tmux.paneSize() == "70x14")
    }

    @Test("close removes the private socket")
    func closeCleansUp() throws {
        let tmux = try TmuxHarness(command: "sleep 5", width: 20, height: 5)
        let socket = tmux.socketPath
        #expect(FileManager.default.fileExists(atPath: socket))
        tmux.close()
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test("finds the towerwatch binary that swift test built next to the test bundle")
    func locatesBinary() throws {
        let binary = try #require(TmuxHarness.locateBinary(), "no towerwatch executable near \(CommandLine.arguments[0])")
        #expect(binary.hasSuffix("/towerwatch"))
    }
}
