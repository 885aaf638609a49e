import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The guard console and the officer console on one log, each in its own
/// terminal: the officer dispatches, the guard's screen shows it, the guard
/// acknowledges with one key, the officer sees it; a dispatch nobody answers
/// raises the alarm after the policy's ack timeout.
@Suite("Guard console end to end", .serialized, .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct GuardEndToEndTests {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// A private directory with a prepared log: the demo district, G-002 and
    /// G-003 on duty, H-000001 (fire safety, 中福广场 3F) and H-000002 (parking,
    /// 福田银座 B1), nothing dispatched; and a policy with a 2-second ack timeout.
    final class District {
        let binary: String
        let directory: URL
        var log: String { directory.appendingPathComponent("district.twlog").path }
        var policy: String { directory.appendingPathComponent("fast-ack.yaml").path }

        init() throws {
            guard let binary = TmuxHarness.locateBinary() else {
                throw Failure(description: "no towerwatch executable near \(CommandLine.arguments[0]); run through swift test")
            }
            self.binary = binary
            directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("tw-guard-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try run("init", "--log", log)
            for g in ["G-002", "G-003"] { try run("on-duty", g, "--log", log, "--as", "O-01") }
            try run("report-hazard", "--log", log, "--as", "O-01", "--category", "fire-safety", "--tower", "T01", "--floor", "3",
                    "--zone", "escape-route", "--note", "renovation waste in the escape route")
            try run("report-hazard", "--log", log, "--as", "O-01", "--category", "parking", "--tower", "T02", "--floor", "B1",
                    "--zone", "garage", "--source", "plate-camera")
            try "# towerwatch end-to-end: alarms quickly\nackTimeoutSeconds: 2\n".write(toFile: policy, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Runs `towerwatch ARGUMENTS`; throws unless it exits 0.
        @discardableResult
        func run(_ arguments: String...) throws -> String {
            let result = try Subprocess.run([binary] + arguments)
            guard result.status == 0 else {
                throw Failure(description: "towerwatch \(arguments.joined(separator: " ")) exited \(result.status): \(result.output)")
            }
            return result.output
        }

        /// A tmux pane running `towerwatch ARGUMENTS`. The short sleep lets the
        /// harness settle the window's size before the program takes the screen.
        func terminal(_ arguments: [String], width: Int, height: Int) throws -> TmuxHarness {
            let line = ([binary] + arguments).map(TmuxHarness.shellQuote).joined(separator: " ")
            return try TmuxHarness(command: "sh -c " + TmuxHarness.shellQuote("sleep 0.2; exec " + line), width: width, height: height)
        }
    }

    @Test("the officer dispatches, the guard sees it and acknowledges, the officer sees that; an unanswered dispatch raises the alarm",
          .timeLimit(.minutes(1)))
    func dispatchAcknowledgeAndAlarm() throws {
        let district = try District()
        let officer = try district.terminal(["console", "--log", district.log, "--as", "O-01", "--policy", district.policy], width: 120, height: 40)
        defer { officer.close() }
        let guardConsole = try district.terminal(["guard", "G-002", "--log", district.log], width: 60, height: 20)
        defer { guardConsole.close() }

        try officer.waitFor(text: "H-000002")
        try guardConsole.waitFor(text: "No open dispatch")

        // The officer dispatches G-002 from the command line of the console.
        try officer.sendKeys(":")
        try officer.type("dispatch H-000001 --guard G-002")
        try officer.sendKeys("Enter")

        // The guard's terminal shows the new dispatch, where, and the key to press.
        let dispatched = try guardConsole.waitFor(text: "Dispatch D-000001", timeout: 5)
        #expect(dispatched.contains("FIRE SAFETY"))
        #expect(dispatched.contains("中福广场 · floor 3 · escape-route"))
        #expect(dispatched.contains("a acknowledges"))

        try guardConsole.sendKeys("a")
        try guardConsole.waitFor(text: "ACKNOWLEDGED", timeout: 5)
        try officer.waitFor(text: "acknowledged D-000001", timeout: 5)

        // A second dispatch to a guard with no console: nobody answers it.
        try officer.sendKeys(":")
        try officer.type("dispatch H-000002 --guard G-003")
        try officer.sendKeys("Enter")
        let alarmed = try officer.waitFor(description: "the ack alarm on the officer console", timeout: 15) {
            $0.contains("ALARM") && $0.contains("has not acknowledged")
        }
        #expect(alarmed.contains("D-000002"))

        // The system recorded the alarm, as the system, for the second dispatch only.
        let dump = try district.run("log", "dump", district.log, "--type", "AlarmRaised")
        let alarms = dump.split(separator: "\n").filter { $0.contains("AlarmRaised") }
        #expect(alarms.contains { $0.contains("\"actor\":\"system\"") && $0.contains("H-000002") && $0.contains("D-000002") })
        #expect(!alarms.contains { $0.contains("D-000001") })

        // Too small, then back, and q quits with the terminal given back.
        try guardConsole.resize(width: 38, height: 10)
        try guardConsole.waitFor(text: "need 40×12", timeout: 5)
        try guardConsole.resize(width: 60, height: 20)
        try guardConsole.waitFor(text: "ACKNOWLEDGED", timeout: 5)
        try guardConsole.sendKeys("q")
        #expect(guardConsole.exitStatus(timeout: 5) == 0)
        try officer.sendKeys("q")
        #expect(officer.exitStatus(timeout: 5) == 0)
    }

    @Test("r on the guard console: category, a typed place for a guard with no scans, a note; Enter on each; the log has the report with the note",
          .timeLimit(.minutes(1)))
    func reportInThreeSteps() throws {
        let district = try District()
        // The guard's id typed in lower case is the guard's own.
        let guardConsole = try district.terminal(["guard", "g-002", "--log", district.log], width: 60, height: 20)
        defer { guardConsole.close() }
        try guardConsole.waitFor(text: "No open dispatch")
        #expect(try guardConsole.waitFor(text: "G-002").contains("G-002 "))

        try guardConsole.sendKeys("r")
        try guardConsole.waitFor(text: "What did you find?", timeout: 5)
        try guardConsole.sendKeys("6")           // the sixth category: fire alarm
        try guardConsole.sendKeys("Enter")
        // No scan this shift: nothing is filled in, and the hint bar names the step.
        let place = try guardConsole.waitFor(text: "[2 place]", timeout: 5)
        #expect(place.contains("no scan this shift"))
        #expect(!place.contains("lobby"))
        try guardConsole.type("t02")
        try guardConsole.sendKeys("Tab")
        try guardConsole.type("b1")
        try guardConsole.sendKeys("Tab")
        try guardConsole.type("gar")
        try guardConsole.sendKeys("Enter")
        let note = try guardConsole.waitFor(text: "[3 note]", timeout: 5)
        #expect(note.contains("福田银座 B1 garage"))
        try guardConsole.type("smoke from the bin store")
        try guardConsole.sendKeys("Enter")
        try guardConsole.waitFor(text: "H-000003", timeout: 5)

        let dump = try district.run("log", "dump", district.log, "--type", "HazardReported")
        let reported = dump.split(separator: "\n").filter { $0.contains("H-000003") }
        #expect(reported.count == 1)
        let line = String(reported.first ?? "")
        for part in ["\"actor\":\"guard:G-002\"", "\"tower\":\"T02\"", "\"floor\":\"B1\"", "\"zone\":\"garage\"", "\"note\":\"smoke from the bin store\"", "\"category\":\"fire-alarm\""] {
            #expect(line.contains(part), "the report lacks \(part): \(line)")
        }
        try guardConsole.sendKeys("q")
        #expect(guardConsole.exitStatus(timeout: 5) == 0)
    }

    @Test("a guard id that is not enrolled is refused before the screen is taken", .timeLimit(.minutes(1)))
    func unknownGuard() throws {
        let district = try District()
        let result = try Subprocess.run([district.binary, "guard", "G-999", "--log", district.log])
        #expect(result.status == 2)
        #expect(result.output.contains("unknown guard G-999"))
    }
}
