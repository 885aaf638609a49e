import Foundation
import Testing

/// The demo's first run: a believable open situation from the first frame,
/// and a header that says a simulator runs and where the demo log is.
@Suite("demo first run end to end", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ConsoleDemoStartEndToEndTests {
    @Test("the first frame shows open hazards at different stages, one overdue, and DEMO · simulator running · the log's path until a key")
    func firstRun() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-first-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tmux = try TmuxHarness(command: TmuxHarness.shellQuote(binary), width: 200, height: 60, environment: ["XDG_DATA_HOME": dir])
        defer { tmux.close() }
        let path = dir + "/towerwatch/demo.twlog"
        // Five hazards of the district's recent past (closed) come first: today's are H-000006 to H-000009.
        let first = try tmux.waitFor(description: "the demo's first frame", timeout: 20) { $0.contains("Open hazards") && $0.contains("H-000009") }
        let header = try #require(ScreenText.lines(first).first)
        #expect(header.contains("DEMO · simulator running · \(path)"), "\(header)")
        #expect(header.contains("as O-01"))
        let hazards = try #require(ScreenText.pane(titled: "1 Open hazards", in: first))
        let rows = hazards.filter { $0.hasPrefix("H-0000") }
        #expect(rows.count >= 4, "\(hazards.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("‼") }, "one hazard is overdue")
        for stage in ["on scene", "✗ declined", "new"] {
            #expect(rows.contains { $0.contains(stage) }, "a hazard \(stage): \(rows.joined(separator: "\n"))")
        }
        // One hazard per problem: the patrol's and the camera's reports of the blocked route are one row, ×2.
        let joined = try #require(rows.first { $0.contains("fire safety") })
        #expect(joined.contains("×2"), "\(joined)")
        // Seen: the first key gives the header back to its figures.
        try tmux.sendKeys("2")
        let after = try tmux.waitFor(description: "the header without the banner") { !$0.contains("DEMO · simulator running") }
        #expect(ScreenText.lines(after).first?.contains("rectified") == true)
        // o, o: the towers pane lists the repeat offenders of 30 days, the restaurant first.
        try tmux.sendKeys("o")
        try tmux.sendKeys("o")
        let repeats = try tmux.waitFor(description: "the repeat offenders of 30 days") { $0.contains("2 Repeat offenders, 30 days") }
        let offenders = try #require(ScreenText.pane(titled: "2 Repeat offenders, 30 days", in: repeats))
        #expect(offenders.contains { $0.contains("湘里人家餐厅") && $0.contains("fire safety") }, "\(offenders.joined(separator: "\n"))")
        try tmux.sendKeys("q")
        #expect(tmux.exitStatus(timeout: 10) == 0)
    }
}
