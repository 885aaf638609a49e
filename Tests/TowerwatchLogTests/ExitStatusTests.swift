import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// The exit statuses are a contract: 0 done, 1 an error, 2 refused by the
/// rules, 64 a usage error; `--help` says so. And long-running writers
/// (`simulate`, `ingest`) follow a log that was replaced, as consoles do.
@Suite struct ExitStatusTests {
    @Test func everyKindOfOutcomeHasItsStatus() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/status.twlog"
        try LogFixture.makeDistrict(at: path)
        let cases: [(String, [String], Int32)] = [
            ("done", ["scan", "T01-CP01", "--as", "G-001", "--log", path], 0),
            ("refused by the rules", ["scan", "T09-CP99", "--as", "G-001", "--log", path], 2),
            ("refused: not enrolled", ["on-duty", "G-404", "--as", "O-01", "--log", path], 2),
            ("usage: unknown option", ["scan", "T01-CP01", "--as", "G-001", "--log", path, "--bogus"], 64),
            ("usage: bad value", ["report", path, "--format", "xml"], 64),
            ("usage: bad time", ["report", path, "--from", "yesterday"], 64),
            ("usage: bad type", ["log", "dump", path, "--type", "Nothing"], 64),
            ("error: no such log", ["scan", "T01-CP01", "--as", "G-001", "--log", dir + "/missing.twlog"], 1),
            ("error: no such log to verify", ["log", "verify", dir + "/missing.twlog"], 1),
            ("ingest: a line refused", ["ingest", "--log", path], 2),
        ]
        for (what, arguments, status) in cases {
            let input: [UInt8]? = arguments.first == "ingest" ? Array((#"{"as":"G-001","command":"scan","checkpoint":"T09-CP99"}"# + "\n").utf8) : nil
            let run = try ChildProcess.run(arguments, stdin: input, in: dir)
            #expect(run.status == status, "\(what): \(run.status) \(run.stderr)")
        }
        // A log that is not sound: verify exits 1.
        var bytes = LogFixture.contents(path)
        bytes[bytes.count - 20] ^= 0x01
        LogFixture.write(bytes, to: path)
        #expect(try ChildProcess.run(["log", "verify", path], in: dir).status == 1)
        // --help states the contract.
        let help = try ChildProcess.run(["--help"], in: dir)
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit status: 0 done; 1 an error") && help.stdout.contains("2 refused by the rules") && help.stdout.contains("64 a usage error"), "\(help.stdout)")
    }

    /// A writer holding a log whose file was replaced (as repair replaces it)
    /// reopens the file now at the path and appends there.
    @Test func aWriterFollowsAReplacedLog() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/replaced.twlog"
        let district = try LogFixture.makeDistrict(at: path, durability: .everyAppend)
        let copy = dir + "/copy.twlog"
        LogFixture.write(LogFixture.contents(path), to: copy)
        #expect(rename(copy, path) == 0)
        #expect(district.isReplaced)
        let result = try district.executeFollowingReplacement(Command(.guard("G-001"), .scan(guard: "G-001", checkpoint: "T01-CP01")), now: LogFixture.t0 + .seconds(60))
        guard case .success(let records) = result else { Issue.record("\(result)"); return }
        #expect(!district.isReplaced)
        #expect(try LogFixture.records(path).last == records.last)
    }

    /// `simulate` goes on writing into a log replaced under it, and ends with status 0.
    @Test func simulateFollowsAReplacedLog() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/sim.twlog"
        // A drill log: speed is for logs whose clock is their own.
        let made = try ChildProcess.run(["drill", "--out", path], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        // 40 simulated minutes at 600 times: about 4 s, then it stops by itself.
        var child = try ChildProcess.start(["simulate", "--log", path, "--speed", "600", "--duration", "40m"], in: dir)
        func count() -> Int { LogFixture.lines(LogFixture.contents(path)).count }
        let start = count()
        let deadline = LogFixture.monotonic() + 10
        while count() < start + 5 && LogFixture.monotonic() < deadline { usleep(20_000) }
        // Replace the log with a copy of itself, as a repair does.
        let copy = dir + "/copy.twlog"
        LogFixture.write(LogFixture.contents(path), to: copy)
        #expect(rename(copy, path) == 0)
        let replacedAt = count()
        while count() < replacedAt + 5 && LogFixture.monotonic() < deadline + 10 { usleep(20_000) }
        #expect(count() >= replacedAt + 5, "simulate wrote nothing into the replaced log: \(child.stderr)")
        let status = child.wait(timeout: 20)
        #expect(status == 0, "\(status): \(child.stderr)")
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
