import Foundation
import Testing

/// Shell completion end to end: bash sources the script the binary generates and
/// asks it, as TAB does, for the ids of the log the command line names.
@Suite("shell completion end to end", .enabled(if: Subprocess.isInstalled("bash"), "bash is not installed"))
struct CompletionEndToEndTests {
    /// What bash's completion offers for `line` with the cursor at its end, or at `cursor`.
    static func complete(_ binary: String, _ words: [String], current: Int, cursor: Int? = nil, environment: [String: String] = [:]) throws -> [String] {
        let line = ([binary] + words).joined(separator: " ")
        let point = cursor.map { binary.count + 1 + $0 } ?? line.count
        let script = """
            source <(\(TmuxHarness.shellQuote(binary)) --generate-completion-script bash)
            COMP_WORDS=(\(([binary] + words).map(TmuxHarness.shellQuote).joined(separator: " ")))
            COMP_CWORD=\(current + 1); COMP_LINE=\(TmuxHarness.shellQuote(line)); COMP_POINT=\(point)
            # As bash calls it: the command, the word being completed, the word before it.
            _towerwatch "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var env = ProcessInfo.processInfo.environment
        env["TOWERWATCH_LOG"] = nil
        for (key, value) in environment { env[key] = value }
        let result = try Subprocess.run(["bash", "-c", script], environment: env)
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    @Test("guard, officer and hazard ids complete from the log of --log or $TOWERWATCH_LOG")
    func idsCompleteInBash() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tw-complete-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/district.twlog"
        try #require(try Subprocess.run([binary, "init", "--log", log]).status == 0)
        let reported = try Subprocess.run([binary, "report-hazard", "--log", log, "--category", "parking", "--tower", "T01", "--floor", "B1",
                                           "--zone", "garage", "--as", "O-01"])
        try #require(reported.status == 0, "\(reported.output)")

        #expect(try Self.complete(binary, ["guard", "G-01"], current: 1, environment: ["TOWERWATCH_LOG": log]) == (10...19).map { "G-0\($0)" })
        #expect(try Self.complete(binary, ["console", "--log", log, "--as", "O-0"], current: 4).contains("O-01"))
        // The cursor on the subject, --log after it: the log is still found, the word still read.
        #expect(try Self.complete(binary, ["close", "H-", "--log", log], current: 1, cursor: "close H-".count) == ["H-000001"])
        #expect(try Self.complete(binary, ["guard", "G-01"], current: 1).isEmpty, "no log named: nothing, and no error")
    }
}
