import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// The one-line commands are the verb table's: every verb is a command of the
/// real binary, with the arguments the table gives it, and words the table does
/// not know are refused with status 2.
@Suite struct OneLineCommandTests {
    @Test func `every verb of the table is a one-line command whose help lists its arguments`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        for verb in Verb.allCases {
            let help = try ChildProcess.run([verb.name, "--help"], in: dir)
            #expect(help.status == 0, "\(verb.name): \(help.stderr)")
            #expect(help.stdout.contains(verb.abstract.prefix(20)), "\(verb.name): \(help.stdout)")
            for argument in verb.arguments {
                #expect(help.stdout.contains(argument.isSubject ? "<\(argument.key)>" : "--\(argument.key) <\(argument.key)>"), "\(verb.name) --\(argument.key)")
            }
            #expect(help.stdout.contains("--as <ID>") && help.stdout.contains("--log <PATH>"))
        }
    }

    @Test func `flags are read by the table: both --key value and --key=value, the subject anywhere; bad words exit 2`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeDistrict(at: path)
        let before = try LogFixture.records(path).count
        let scan = try ChildProcess.run(["scan", "--log=\(path)", "--as", "G-002", "T01-CP01"], in: dir)
        #expect(scan.status == 0, "\(scan.stderr)")
        let report = try ChildProcess.run(["report-hazard", "--as", "G-002", "--category=flood", "--tower", "T01", "--floor", "B1",
                                           "--zone", "garage", "--note", "water -- rising", "--log", path], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let offDuty = try ChildProcess.run(["off-duty", "G-002", "--as", "O-01", "--log", path], in: dir)
        #expect(offDuty.status == 0, "\(offDuty.stderr)")
        let records = try LogFixture.records(path).dropFirst(before)
        #expect(records.map(\.event.kind) == [.checkpointScanned, .hazardReported, .guardWentOffDuty])

        let stray = try ChildProcess.run(["close", "H-000001", "--floor", "3", "--as", "O-01", "--log", path], in: dir)
        #expect(stray.status == 2)
        #expect(stray.stderr.contains("close does not take --floor"), "\(stray.stderr)")
        let missing = try ChildProcess.run(["dispatch", "H-000001", "--as", "O-01", "--log", path], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("dispatch needs --guard"), "\(missing.stderr)")
        let typo = try ChildProcess.run(["dispach", "H-000001", "--guard", "G-002", "--as", "O-01", "--log", path], in: dir)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown command 'dispach'; did you mean dispatch?"), "\(typo.stderr)")
        #expect(try LogFixture.records(path).count == before + 3, "nothing refused was written")
    }
}
