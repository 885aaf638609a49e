import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Errors that say the fix, from the real binary: the command meant, the ids
/// meant (and ids in any case), the folder to create; and the version, named
/// by `--version`, `log dump` and the text report.
@Suite struct CommandLineAdviceTests {
    @Test func `an unknown command names the nearest command, not the demo's usage, and exits 64`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let typo = try ChildProcess.run(["consol"], in: dir)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown command 'consol'; did you mean 'console'?"), "\(typo.stderr)")
        #expect(!typo.stderr.contains("towerwatch demo"), "the default command's usage: \(typo.stderr)")
        let far = try ChildProcess.run(["frobnicate"], in: dir)
        #expect(far.status == 64)
        #expect(far.stderr.contains("unknown command 'frobnicate' (towerwatch --help lists them)"), "\(far.stderr)")
    }

    @Test func `ids are read in any case, and an unknown id names the nearest known ids`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = try LogFixture.records(path).count
        let lower = try ChildProcess.run(["off-duty", "g-002", "--as", "o-01", "--log", path], in: dir)
        #expect(lower.status == 0, "\(lower.stderr)")
        let records = try LogFixture.records(path).dropFirst(before)
        #expect(records.map(\.event) == [.guardWentOffDuty(guard: "G-002")])
        #expect(records.map(\.actor) == [.officer("O-01")])

        let slip = try ChildProcess.run(["off-duty", "G-0022", "--as", "O-01", "--log", path], in: dir)
        #expect(slip.status == 2)
        #expect(slip.stderr.contains("unknown guard G-0022; did you mean G-002?"), "\(slip.stderr)")
        let who = try ChildProcess.run(["off-duty", "G-001", "--as", "O-011", "--log", path], in: dir)
        #expect(who.status == 2)
        #expect(who.stderr.contains("did you mean O-01"), "\(who.stderr)")
        // The guard console refuses an unknown guard before it takes the screen, with the nearest.
        let console = try ChildProcess.run(["guard", "G-0011", "--log", path], in: dir)
        #expect(console.status == 2)
        #expect(console.stderr.contains("unknown guard G-0011: not enrolled in \(path); did you mean G-001"), "\(console.stderr)")
        #expect(try LogFixture.records(path).count == before + 1, "nothing refused was written")
    }

    @Test func `a log in a folder that does not exist names the folder and the mkdir that creates it`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let folder = dir + "/no such/logs"
        let made = try ChildProcess.run(["init", "--log", folder + "/d.twlog"], in: dir)
        #expect(made.status == 1)
        #expect(made.stderr.contains("the folder '\(folder)' does not exist; create it with: mkdir -p '\(folder)'"), "\(made.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder))
        // Any writer of a log says the same: the simulator's history, and a relative path as typed.
        let simulated = try ChildProcess.run(["simulate", "--log", folder + "/s.twlog", "--history", "1h"], in: dir)
        #expect(simulated.status == 1)
        #expect(simulated.stderr.contains("create it with: mkdir -p '\(folder)'"), "\(simulated.stderr)")
        let relative = try ChildProcess.run(["init", "--log", "logs/it's.twlog"], in: dir)
        #expect(relative.status == 1)
        #expect(relative.stderr.contains("the folder 'logs' does not exist; create it with: mkdir -p 'logs'"), "\(relative.stderr)")
        let quoted = try ChildProcess.run(["init", "--log", "it's here/d.twlog"], in: dir)
        #expect(quoted.stderr.contains("mkdir -p 'it'\\''s here'"), "a quote in the folder is quoted for the shell: \(quoted.stderr)")
        // A file that is missing in a folder that exists keeps the old advice: create the log.
        let missing = try ChildProcess.run(["on-duty", "G-001", "--as", "O-01", "--log", dir + "/none.twlog"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("towerwatch init --log"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("mkdir"), "\(missing.stderr)")
    }

    @Test func `--version names the build, and log dump and the text report name it too`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let version = try ChildProcess.run(["--version"], in: dir)
        #expect(version.status == 0)
        #expect(version.stdout == "towerwatch \(TowerwatchVersion.number)\n")
        let path = dir + "/d.twlog"
        try LogFixture.makeDistrict(at: path)
        let dump = try ChildProcess.run(["log", "dump", path], in: dir)
        #expect(dump.status == 0)
        // Not a terminal: nothing but the records (the header for a person is tested in a terminal, end to end).
        #expect(dump.stderr.isEmpty, "\(dump.stderr)")
        #expect(!dump.stdout.contains("towerwatch \(TowerwatchVersion.number)"), "standard output stays records only")
        let report = try ChildProcess.run(["report", path], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasSuffix("Made by towerwatch \(TowerwatchVersion.number)\n"), "\(report.stdout.suffix(200))")
    }
}
