import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The command line on a PostgreSQL district, with the real binary: moving a log
/// between a file and the database byte for byte, the log tools and the report
/// on a URL, and two processes on one district (a console sees another's append).
///
/// Runs when built with the Postgres trait and `TOWERWATCH_TEST_PG` names a
/// database the tests may write; otherwise each test says why it was skipped.
@Suite(.serialized) struct PostgresEndToEndTests {
    /// The test database's URL with a district of its own, or nil (reason printed).
    static func district(_ name: String) -> String? {
        #if Postgres
        guard let url = ProcessInfo.processInfo.environment["TOWERWATCH_TEST_PG"], !url.isEmpty else {
            print("PostgreSQL end-to-end tests skipped: TOWERWATCH_TEST_PG is not set")
            return nil
        }
        return url + (url.contains("?") ? "&" : "?") + "district=\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #else
        print("PostgreSQL end-to-end tests skipped: built without the Postgres trait")
        return nil
        #endif
    }

    struct Failed: Error, CustomStringConvertible { var description: String }

    static func binary() throws -> String {
        guard let b = TmuxHarness.locateBinary() else { throw Failed(description: "no towerwatch executable; run through swift test") }
        return b
    }

    @discardableResult
    static func run(_ arguments: [String], expect status: Int32 = 0) throws -> String {
        let result = try Subprocess.run([try binary()] + arguments)
        guard result.status == status else {
            throw Failed(description: "towerwatch \(arguments.joined(separator: " ")) exited \(result.status), not \(status): \(result.output)")
        }
        return result.output
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "tw-pg-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A demo district with some life in it, written through the command line.
    static func busy(_ log: String) throws {
        try run(["init", "--log", log])
        for g in ["G-001", "G-002", "G-003"] { try run(["on-duty", g, "--as", "O-01", "--log", log]) }
        try run(["report-hazard", "--as", "G-001", "--category", "fire-safety", "--tower", "T01", "--floor", "3",
                 "--zone", "escape-route", "--note", "装修垃圾\t堵塞 \\ 消防通道", "--log", log])
        try run(["dispatch", "H-000001", "--guard", "G-002", "--as", "O-01", "--log", log])
        try run(["ack", "D-000001", "--as", "G-002", "--log", log])
        try run(["arrive", "D-000001", "--as", "G-002", "--log", log])
        try run(["clear", "D-000001", "--as", "G-002", "--note", "waste removed", "--log", log])
    }

    @Test func exportToTheDatabaseAndBackIsByteIdenticalAndTheToolsAgree() throws {
        guard let url = Self.district("export") else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/district.twlog", back = dir + "/back.twlog"
        try Self.busy(file)

        let out = try Self.run(["log", "export", "--from", file, "--to", url])
        #expect(out.contains("copied"))
        try Self.run(["log", "export", "--from", url, "--to", back])
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original, "the file that came back differs")

        // A second export to the same district is refused, and changes nothing.
        let again = try Self.run(["log", "export", "--from", file, "--to", url], expect: 1)
        #expect(again.contains("already exists"))

        // verify, dump and report read the database as they read the file.
        let verified = try Self.run(["log", "verify", url])
        #expect(verified.contains("sound"))
        #expect(try Self.run(["log", "dump", url]) == (try Self.run(["log", "dump", back])))
        for format in ["text", "csv", "json"] {
            #expect(try Self.run(["report", url, "--format", format]) == (try Self.run(["report", back, "--format", format])), "\(format)")
        }
        // Appending through the database, then exporting, gives the file with the same appended line.
        try Self.run(["scan", "T01-CP01", "--as", "G-001", "--log", url])
        let grown = dir + "/grown.twlog"
        try Self.run(["log", "export", "--from", url, "--to", grown])
        let grownBytes = try Data(contentsOf: URL(fileURLWithPath: grown))
        #expect(grownBytes.prefix(original.count) == original)
        #expect(grownBytes.count > original.count)
        #expect(try Self.run(["log", "verify", grown]).contains("sound"))
    }

    @Test func aDamagedFileIsNotImported() throws {
        guard let url = Self.district("damaged") else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/district.twlog"
        try Self.run(["init", "--log", file])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let middle = bytes.count / 2
        bytes[middle] = bytes[middle] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: URL(fileURLWithPath: file))
        let out = try Self.run(["log", "export", "--from", file, "--to", url], expect: 1)
        #expect(out.contains(file + ":"), "\(out)")
        // Nothing of it was kept: the district does not exist.
        let verify = try Self.run(["log", "verify", url], expect: 1)
        #expect(verify.contains("no district"), "\(verify)")
    }

    /// The history tools on a district in the database: `simulate --history` writes
    /// it (through the district's lock and the one command path), `log snapshot`
    /// keeps snapshots in the database, a drill forked from the database holds the
    /// same records byte for byte as one forked from the exported file, `replay`
    /// shows it, and `log repair` refuses it with its reason.
    @Test func replayDrillSimulateAndSnapshotTakeADatabase() throws {
        guard let url = Self.district("history") else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let simulated = try Self.run(["simulate", "--log", url, "--history", "1d", "--seed", "7"])
        #expect(simulated.contains("records") || simulated.contains("events"), "\(simulated)")
        #expect(try Self.run(["log", "verify", url]).contains("sound"))
        let file = dir + "/exported.twlog"
        try Self.run(["log", "export", "--from", url, "--to", file])

        // Snapshots in the database, used when the district is opened.
        let kept = try Self.run(["log", "snapshot", url, "--every", "5000"])
        #expect(kept.contains("the database"), "\(kept)")
        #expect(!FileManager.default.fileExists(atPath: url + ".snapshots"))

        // A fork from the database and one from the file: the same history, byte for byte.
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        guard let middle = lines[lines.count / 2].split(separator: "\t").dropFirst().first.map(String.init) else {
            throw Failed(description: "no time in \(lines[lines.count / 2])")
        }
        try Self.run(["drill", "--from", url, "--at", middle, "--out", dir + "/from-db.twlog"])
        try Self.run(["drill", "--from", file, "--at", middle, "--out", dir + "/from-file.twlog"])
        let fromDB = try String(contentsOfFile: dir + "/from-db.twlog", encoding: .utf8).split(separator: "\n")
        let fromFile = try String(contentsOfFile: dir + "/from-file.twlog", encoding: .utf8).split(separator: "\n")
        #expect(fromDB.count > 1 && fromDB.count < lines.count)
        #expect(fromDB.dropFirst() == fromFile.dropFirst(), "the forks' records differ")
        #expect(fromDB.first?.contains("mode=drill") == true)
        #expect(try Self.run(["drill", "--from", url, "--at", middle, "--out", url], expect: 64).contains("a drill log is a file"))

        let repair = try Self.run(["log", "repair", url], expect: 64)
        #expect(repair.contains("does not tear"), "\(repair)")

        let q = TmuxHarness.shellQuote
        let replay = try [Self.binary(), "replay", url].map(q).joined(separator: " ")
        let tmux = try ConsoleScenario.withSignalsUnblocked {
            try TmuxHarness(command: "sh -c \(q("timeout --foreground 60 \(replay); sleep 30"))", width: 160, height: 45,
                            environment: ["NO_COLOR": ""])
        }
        defer { tmux.close() }
        _ = try tmux.waitFor(text: "REPLAY", timeout: 30)
        try tmux.sendKeys("q")
    }

    /// Two processes on one district, as on two hosts: a console follows in tmux,
    /// the command line reports a hazard and dispatches, and the console shows both.
    @Test func aConsoleSeesAnotherProcesssAppend() throws {
        guard let url = Self.district("follow") else { return }
        try Self.run(["init", "--log", url])
        try Self.run(["on-duty", "G-017", "--as", "O-01", "--log", url])
        let q = TmuxHarness.shellQuote
        let console = try [Self.binary(), "console", "--log", url, "--as", "O-02"].map(q).joined(separator: " ")
        let tmux = try ConsoleScenario.withSignalsUnblocked {
            try TmuxHarness(command: "sh -c \(q("timeout --foreground 60 \(console); sleep 30"))", width: 160, height: 45,
                            environment: ["NO_COLOR": ""])
        }
        defer { tmux.close() }
        _ = try tmux.waitFor(description: "the console's first frame", timeout: 15) { $0.contains("Open hazards") && $0.contains("q quit") }
        try Self.run(["report-hazard", "--as", "G-017", "--category", "fire-safety", "--tower", "T01", "--floor", "3",
                      "--zone", "escape-route", "--note", "pgfollowmarker", "--log", url])
        _ = try tmux.waitFor(text: "H-000001", timeout: 10)
        try Self.run(["dispatch", "H-000001", "--guard", "G-017", "--as", "O-01", "--log", url])
        _ = try tmux.waitFor(text: "dispatched D-000001 → H-000001", timeout: 10)  // the feed leads with the action and the id
        try tmux.sendKeys("q")
    }
}
