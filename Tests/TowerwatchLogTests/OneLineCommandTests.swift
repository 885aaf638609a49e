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

    @Test func `flags are read by the table: both --key value and --key=value, the subject anywhere; bad words exit 64`() throws {
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
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("close does not take --floor"), "\(stray.stderr)")
        let missing = try ChildProcess.run(["dispatch", "H-000001", "--as", "O-01", "--log", path], in: dir)
        #expect(missing.status == 2, "a missing argument is found where the command is built against the district")
        #expect(missing.stderr.contains("dispatch needs --guard"), "\(missing.stderr)")
        let typo = try ChildProcess.run(["dispach", "H-000001", "--guard", "G-002", "--as", "O-01", "--log", path], in: dir)
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown command 'dispach'; did you mean 'dispatch'?"), "\(typo.stderr)")
        #expect(try LogFixture.records(path).count == before + 3, "nothing refused was written")
    }
    @Test func `note: an officer's note is written and told; another guard's is refused with status 2 and nothing written`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeDistrict(at: path)
        let report = try ChildProcess.run(["report-hazard", "--as", "G-002", "--category", "flood", "--tower", "T01", "--floor", "B1",
                                           "--zone", "garage", "--log", path], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let before = try LogFixture.records(path).count
        let note = try ChildProcess.run(["note", "H-000001", "--text", "pump on its way\tETA 10 min", "--as", "O-01", "--log", path], in: dir)
        #expect(note.status == 0, "\(note.stderr)")
        #expect(note.stdout.contains("H-000001 note by O-01: pump on its way"), "\(note.stdout)")
        let written = try LogFixture.records(path).dropFirst(before)
        #expect(written.map(\.event) == [.hazardNoteAdded(hazard: "H-000001", note: "pump on its way\tETA 10 min")])
        #expect(written.first?.actor == .officer("O-01"))

        try expectRefused(["note", "H-000001", "--text", "me too", "--as", "G-002", "--log", path], in: dir,
                          saying: "G-002 holds no open dispatch on H-000001")
        try expectRefused(["note", "H-000001", "--as", "O-01", "--log", path], in: dir, saying: "note needs --text")
        #expect(try LogFixture.records(path).count == before + 1, "nothing refused was written")
    }

    @Test func `report-hazard --tenant joins a second report of the same problem; split opens it again, or is refused with status 2`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/d.twlog"
        try LogFixture.makeDistrict(at: path)
        let place = ["--category", "fire-safety", "--tower", "T01", "--floor", "3", "--zone", "escape-route", "--log", path]
        let first = try ChildProcess.run(["report-hazard", "--as", "G-002"] + place, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try LogFixture.records(path).count
        let again = try ChildProcess.run(["report-hazard", "--as", "O-01", "--source", "tenant-call", "--note", "called in"] + place, in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("H-000001 reported again by O-01 (tenant call): joined: called in"), "\(again.stdout)")
        try expectRefused(["split", "H-000001", "--report", "2", "--as", "G-002", "--log", path], in: dir,
                          saying: "only an officer can split a report")
        try expectRefused(["split", "H-000001", "--report", "5", "--as", "O-01", "--log", path], in: dir,
                          saying: "H-000001 has no joined report 5; its joined reports are 2")
        let split = try ChildProcess.run(["split", "H-000001", "--report", "2", "--as", "O-01", "--log", path], in: dir)
        #expect(split.status == 0, "\(split.stderr)")
        let written = try LogFixture.records(path).dropFirst(before).map(\.event)
        #expect(written.count == 2)
        #expect(written.last == .hazardReportSplit(hazard: "H-000002", from: "H-000001", report: 2))
        let badTenant = try ChildProcess.run(["report-hazard", "--as", "O-01", "--tenant", "TN-999"] + place, in: dir)
        #expect(badTenant.status == 2)
        #expect(badTenant.stderr.contains("unknown tenant TN-999"), "\(badTenant.stderr)")
    }

    /// Runs the binary and expects it refused: status 2 and `reason` on standard error.
    func expectRefused(_ arguments: [String], in dir: String, saying reason: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try ChildProcess.run(arguments, in: dir)
        #expect(run.status == 2, "\(arguments.first ?? ""): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(reason), "\(run.stderr)", sourceLocation: sourceLocation)
    }
}
