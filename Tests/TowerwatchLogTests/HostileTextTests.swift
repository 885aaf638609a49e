import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// The same hostile strings fed to every subcommand that prints: as arguments,
/// as feed lines, and as text inside the log. Whatever a command prints, on
/// standard output or standard error, holds none of them raw.
@Suite struct HostileTextTests {
    /// A title-setting OSC, a C1 CSI, a right-to-left override, NUL (only through a
    /// feed or the log: an argument cannot hold it) and BEL.
    static let hostile = ["\u{1B}]0;X\u{07}", "\u{9B}31m", "\u{202E}evil", "a\u{07}b"]
    static let feedOnly = "n\u{0}ul"

    /// The bytes no output may hold: ESC, BEL, NUL, U+009B and U+202E (as UTF-8).
    static func rawControls(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        if bytes.contains(0x1B) { found.append("ESC") }
        if bytes.contains(0x07) { found.append("BEL") }
        if bytes.contains(0x00) { found.append("NUL") }
        for (name, seq) in [("U+009B", [0xC2, 0x9B]), ("U+202E", [0xE2, 0x80, 0xAE])] as [(String, [UInt8])] {
            if bytes.count >= seq.count, (0...(bytes.count - seq.count)).contains(where: { Array(bytes[$0..<($0 + seq.count)]) == seq }) {
                found.append(name)
            }
        }
        return found
    }

    func expectClean(_ run: (status: Int32, stdout: String, stderr: String), _ what: String) {
        for (stream, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
            let raw = Self.rawControls(Array(text.utf8))
            #expect(raw.isEmpty, "\(what): \(stream) holds \(raw) raw: \(text.debugDescription)")
        }
    }

    @Test func noSubcommandPrintsAHostileStringRaw() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/hostile.twlog"
        let d = try LogFixture.makeBusyDistrict(at: path)
        let o1 = Actor.officer("O-01")
        // Hostile text inside the log: notes and bulletins (ids and names refuse it).
        for h in Self.hostile + [Self.feedOnly] {
            try LogFixture.mustExecute(d, Command(.feed("cam"), .reportHazard(HazardReport(category: .parking, source: .plateCamera, tower: "T01",
                                                                                          floor: "B1", zone: StandardZone.garage, note: h))))
            try LogFixture.mustExecute(d, Command(o1, .issueBulletin(from: "alliance", text: h, tower: nil)))
        }
        try d.store.flush()
        var runs: [(String, [String], [UInt8]?)] = []
        for h in Self.hostile {
            let log = ["--log", path]
            runs += [
                ("report-hazard note", ["report-hazard", "--as", "O-01", "--category", "parking", "--tower", "T01", "--floor", "B1", "--zone", "garage", "--note", h] + log, nil),
                ("report-hazard tower", ["report-hazard", "--as", "O-01", "--category", "parking", "--tower", h, "--floor", "B1", "--zone", "garage"] + log, nil),
                ("report-hazard category", ["report-hazard", "--as", "O-01", "--category", h, "--tower", "T01", "--floor", "B1", "--zone", "garage"] + log, nil),
                ("decline", ["decline", "D-000001", "--as", "G-018", "--reason", h] + log, nil),
                ("clear", ["clear", h, "--as", "G-001", "--note", h] + log, nil),
                ("dispatch", ["dispatch", h, "--guard", h, "--as", "O-01"] + log, nil),
                ("ack", ["ack", h, "--as", h] + log, nil),
                ("arrive", ["arrive", h, "--as", "G-001"] + log, nil),
                ("reassign", ["reassign", h, "--guard", "G-002", "--as", "O-01"] + log, nil),
                ("escalate", ["escalate", "H-000002", "--to", h, "--as", "O-01", "--note", h] + log, nil),
                ("close", ["close", h, "--as", "O-01", "--note", h] + log, nil),
                ("scan", ["scan", h, "--as", "G-001"] + log, nil),
                ("on-duty", ["on-duty", h, "--as", "O-01"] + log, nil),
                ("unknown option", ["scan", "--" + h] + log, nil),
                ("bad log path", ["log", "verify", dir + "/" + h], nil),
                ("dump type", ["log", "dump", path, "--type", h], nil),
                ("report format", ["report", path, "--format", h], nil),
            ]
        }
        var feed = ""
        for h in Self.hostile + [Self.feedOnly] {
            let json = ReportJSON.quote(h)
            feed += "{\"as\":\(json),\"command\":\"scan\",\"checkpoint\":\"T01-CP01\",\"guard\":\"G-001\"}\n"
            feed += "{\"as\":\"O-01\",\"command\":\(json)}\n"
            feed += "{\"as\":\"O-01\",\"command\":\"report-hazard\",\"category\":\"parking\",\"tower\":\(json),\"floor\":\"B1\",\"zone\":\"garage\",\"note\":\(json)}\n"
            feed += h + "\n"
        }
        runs.append(("ingest", ["ingest", "--log", path], Array(feed.utf8)))
        runs += [
            ("log verify", ["log", "verify", path], nil),
            ("log verify --snapshots", ["log", "verify", "--snapshots", path], nil),
            ("log dump", ["log", "dump", path], nil),
            ("report text", ["report", path, "--format", "text"], nil),
            ("report csv", ["report", path, "--format", "csv"], nil),
            ("report json", ["report", path, "--format", "json"], nil),
        ]
        // `setup --check` prints paths from its argument, from the configuration file
        // and from the names of files beside the log: a staged installation holds them all.
        for (i, h) in Self.hostile.enumerated() {
            let stage = dir + "/stage\(i)" + h
            let state = stage + "/var/lib/towerwatch"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: stage + "/etc/towerwatch", withIntermediateDirectories: true)
            LogFixture.write(Array("log = \(state)/district\(h).twlog\n".utf8), to: stage + "/etc/towerwatch/towerwatch.conf")
            LogFixture.write([], to: state + "/beside" + h)
            runs.append(("setup --check", ["setup", "--check", "--root", stage], nil))
            runs.append(("setup --check of a missing root", ["setup", "--check", "--root", dir + "/missing" + h], nil))
        }
        for (what, arguments, input) in runs {
            expectClean(try ChildProcess.run(arguments, stdin: input, in: dir), what)
        }
        // The dump keeps the text, escaped: jq reads back exactly what was written.
        let dump = try ChildProcess.run(["log", "dump", path, "--type", "BulletinIssued"], in: dir)
        #expect(dump.stdout.contains("\\u009b31m") && dump.stdout.contains("\\u202eevil") && dump.stdout.contains("\\u001b]0;X\\u0007"), "\(dump.stdout)")
        let texts = dump.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let fields = object["fields"] as? [String: Any] else { return nil }
            return fields["text"] as? String
        }
        #expect(Set(Self.hostile + [Self.feedOnly]).isSubset(of: Set(texts)), "\(texts)")

        // A damaged record whose actor holds an escape: verify and repair name it, cleanly.
        var lines = LogFixture.lines(LogFixture.contents(path))
        var actor: [UInt8] = []
        FieldText.escape("\u{1B}]0;X\u{07}\u{9B}1m\u{202E}", into: &actor)
        lines.append(LogFixture.sealed(Array("\(lines.count)\t2026-11-29T12:00:00.000Z\tShiftEnded\t".utf8) + actor + Array("\tshift=S1".utf8)))
        LogFixture.write(LogFixture.join(lines), to: path)
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 1 && verify.stdout.contains("bad actor"), "\(verify.stdout)")
        expectClean(verify, "log verify of a bad actor")
        let repair = try ChildProcess.run(["log", "repair", path], in: dir)
        #expect(repair.status == 0, "\(repair.stderr)")
        expectClean(repair, "log repair of a bad actor")
    }
}
