import Foundation
import Testing

/// The build named to a person at a terminal: `log dump` run in a real terminal
/// prints its header on standard error (its records go elsewhere), while a
/// script capturing the output gets the records alone (tested without a terminal).
@Suite("the version at a terminal", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct VersionEndToEndTests {
    @Test("log dump at a terminal names the build on standard error", .timeLimit(.minutes(1)))
    func dumpHeaderAtATerminal() throws {
        let district = try GuardEndToEndTests.District()
        let version = try district.run("--version").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.hasPrefix("towerwatch "))
        let line = [district.binary, "log", "dump", district.log].map(TmuxHarness.shellQuote).joined(separator: " ")
        let tmux = try TmuxHarness(command: "sh -c " + TmuxHarness.shellQuote(line + " >/dev/null; echo dumped; sleep 5"), width: 80, height: 10)
        defer { tmux.close() }
        let screen = try tmux.waitFor(text: "dumped")
        #expect(screen.contains("# log dump by \(version)"), "\(screen)")
    }
}
