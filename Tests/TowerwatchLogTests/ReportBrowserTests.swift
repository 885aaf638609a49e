import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// `towerwatch report --format html --out`, run as the real binary on a forked
/// drill log (a live shift, then a drill), and the page rendered by headless
/// Chromium to a PNG and an A4 PDF that are read back with poppler's tools.
///
/// The browser part skips, saying so, on a machine without `chromium` or
/// `pdftotext`; CI installs both (`.ci/run`). Every external program runs under
/// `timeout`, so a hung browser fails the test instead of the run.
@Suite("HTML report in a browser", .serialized)
struct ReportBrowserTests {
    static let zone = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))

    /// The live shift of `ReportCommandTests` (H-000001, H-000002) in Asia/Shanghai, forked
    /// at +72m into a drill log where a drill hazard H-000003 is answered by G-003.
    static func makeDrillLog(in dir: String) throws -> (path: String, base: Timestamp) {
        let live = dir + "/live.twlog", drill = dir + "/drill.twlog"
        let base = try ReportCommandTests.makeLog(at: live)
        let o = Actor.officer("O-01"), g3 = Actor.guard("G-003")
        do {
            let d = try DistrictLog(store: FileEventStore(path: live, writable: true))
            try LogFixture.mustExecute(d, Command(o, .setTimeZone("Asia/Shanghai")), at: base + .minutes(71))
            try d.store.flush()
        }
        try DrillFork.fork(from: live, at: base + .minutes(72), to: drill, created: base + .minutes(72))
        let d = try DistrictLog(store: FileEventStore(path: drill, writable: true))
        func run(_ actor: Actor, _ action: Action, _ minutes: Int64) throws {
            try LogFixture.mustExecute(d, Command(actor, action), at: base + .minutes(minutes))
        }
        try run(o, .reportHazard(HazardReport(category: .fireAlarm, source: .officer, tower: "T02", floor: "1",
                                              zone: StandardZone.lobby, note: "drill: alarm on 1")), 80)
        try run(o, .dispatch(hazard: "H-000003", guard: "G-003"), 81)
        try run(g3, .acknowledge("D-000003", channel: .console), 82)
        try run(g3, .arrive("D-000003"), 84)
        try run(g3, .clear("D-000003", note: "reset"), 90)
        try run(o, .close("H-000003", note: "drill over"), 95)
        try d.store.flush()
        return (drill, base)
    }

    static func tool(_ name: String) -> Bool { LogFixture.runShell("command -v \"$1\" >/dev/null 2>&1", [name]) == 0 }
    static let browserMissing: String? = {
        let missing = ["chromium", "pdftotext", "pdfinfo", "timeout"].filter { !tool($0) }
        return missing.isEmpty ? nil : "needs \(missing.joined(separator: ", ")) (apt-get install -y chromium poppler-utils)"
    }()

    /// Runs `script` under /bin/sh in `dir` with `$1` = dir; returns the status and what it wrote.
    static func shell(_ script: String, in dir: String) -> (status: Int32, stdout: String, stderr: String) {
        let status = LogFixture.runShell("cd \"$1\" && { \(script) ; } >\"$1/sh.out\" 2>\"$1/sh.err\"", [dir])
        defer { unlink(dir + "/sh.out"); unlink(dir + "/sh.err") }
        return (status, String(decoding: LogFixture.contents(dir + "/sh.out"), as: UTF8.self),
                String(decoding: LogFixture.contents(dir + "/sh.err"), as: UTF8.self))
    }

    /// Headless Chromium with its own profile folder, bounded in time; console messages on standard error.
    static let chromium = "HOME=\"$1\" timeout -k 5 90 chromium --headless --no-sandbox --disable-gpu --no-first-run"
        + " --user-data-dir=\"$1/profile\" --enable-logging=stderr --v=0 --hide-scrollbars"

    @Test(.enabled(if: browserMissing == nil, "skipped: chromium, pdftotext, pdfinfo and timeout are needed (apt-get install -y chromium poppler-utils)"),
          .timeLimit(.minutes(3)))
    func `chromium renders the page to a PNG and an A4 PDF with a page per section, without errors`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let (log, base) = try Self.makeDrillLog(in: dir)
        let r = try ChildProcess.run(["report", log, "--format", "html", "--out", dir + "/shift.html"], in: dir, timeout: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty, "--out: nothing on standard output")

        // The PDF: it loads without a console message, on A4.
        let pdf = Self.shell(Self.chromium + " --no-pdf-header-footer --print-to-pdf=\"$1/shift.pdf\" \"file://$1/shift.html\"", in: dir)
        #expect(pdf.status == 0, "chromium --print-to-pdf: \(pdf.stderr.suffix(2000))")
        let problems = pdf.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") || $0.contains("net::ERR") }
        #expect(problems.isEmpty, "the page logged: \(problems.joined(separator: "\n"))")
        let info = Self.shell("timeout 30 pdfinfo \"$1/shift.pdf\"", in: dir)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("(A4)"), "\(info.stdout)")
        // A page per section: six live, six drill, the trainee beside the original shift, the programme, when hazards happen, the notes.
        let pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }
        #expect(pages == 16, "\(info.stdout)")

        func page(_ n: Int) -> String {
            Self.shell("timeout 30 pdftotext -layout -f \(n) -l \(n) \"$1/shift.pdf\" -", in: dir).stdout
        }
        let first = page(1)
        #expect(first.contains("After-action report") && first.contains("Summary"))
        #expect(first.contains("local, Asia/Shanghai (+08:00)"), "\(first)")
        #expect(first.contains("DRILL LOG, forked from"), "the drill log says so on the cover")
        let timeline = page(2)
        #expect(timeline.contains("Timeline") && timeline.contains("H-000001") && timeline.contains("H-000002"))
        #expect(!timeline.contains("H-000003"), "the drill hazard is not on the live timeline")
        #expect(timeline.contains(Self.zone.clock(base)) && timeline.contains(Self.zone.clock(base + .minutes(30))),
                "reported times read in the district's zone: \(timeline)")
        #expect(timeline.contains("中福广场"), "CJK names reach the PDF as text")
        let headings = ["Times to scene", "Towers", "Teams", "Worst ten"]
        for (i, heading) in headings.enumerated() { #expect(page(3 + i).contains(heading), "page \(3 + i): \(heading)") }
        let drillTimeline = page(8)
        #expect(drillTimeline.contains("DRILL") && drillTimeline.contains("Timeline (drill)"))
        #expect(drillTimeline.contains("H-000003") && !drillTimeline.contains("H-000001"))
        #expect(drillTimeline.contains("never counted in the live figures"))
        let comparison = page(13)
        #expect(comparison.contains("The trainee beside the original shift") && comparison.contains("live.twlog"), "\(comparison)")
        #expect(page(14).contains("The programme") && page(15).contains("When hazards happen"))
        #expect(page(16).contains("Notes"))

        // The PNG: a real image of the window's size.
        let png = Self.shell(Self.chromium + " --window-size=900,1400 --screenshot=\"$1/shift.png\" \"file://$1/shift.html\"", in: dir)
        #expect(png.status == 0, "chromium --screenshot: \(png.stderr.suffix(2000))")
        let bytes = LogFixture.contents(dir + "/shift.png")
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "a PNG signature")
        if bytes.count > 24 {
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 900 && height == 1400)
        }
    }

    // MARK: - --out

    @Test func `--out writes the file whole, mode 0600, and nothing to standard output`() throws {
        try ReportCommandTests.withLog { dir, path, _ in
            let out = dir + "/shift.html"
            let r = try ChildProcess.run(["report", path, "--format", "html", "--out", out], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            let page = String(decoding: LogFixture.contents(out), as: UTF8.self)
            #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
            #expect(LogFixture.mode(out) == 0o600)
            // Without --out the same page goes to standard output.
            let plain = try ChildProcess.run(["report", path, "--format", "html"], in: dir)
            #expect(plain.stdout == page)
            // Any format: text too.
            let text = try ChildProcess.run(["report", path, "--out", dir + "/shift.txt"], in: dir)
            #expect(text.status == 0 && text.stdout.isEmpty)
            #expect(String(decoding: LogFixture.contents(dir + "/shift.txt"), as: UTF8.self).hasPrefix("AFTER-ACTION REPORT"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasSuffix(".partial") })
        }
    }

    @Test func `--out into a folder that does not exist names it and the mkdir that makes it`() throws {
        try ReportCommandTests.withLog { dir, path, _ in
            let r = try ChildProcess.run(["report", path, "--format", "html", "--out", dir + "/no/such/shift.html"], in: dir)
            #expect(r.status == 1)
            #expect(r.stderr.contains("the folder '\(dir)/no/such' does not exist; create it with: mkdir -p '\(dir)/no/such'"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
        }
    }

    @Test func `a failed run leaves the report already there untouched and no partial file`() throws {
        try ReportCommandTests.withLog { dir, path, _ in
            let out = dir + "/shift.html"
            LogFixture.write(Array("the report of yesterday".utf8), to: out)
            let r = try ChildProcess.run(["report", dir + "/missing.twlog", "--format", "html", "--out", out], in: dir)
            #expect(r.status == 1, "\(r.stderr)")
            #expect(LogFixture.contents(out) == Array("the report of yesterday".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasSuffix(".partial") })
            let folder = try ChildProcess.run(["report", path, "--out", dir], in: dir)
            #expect(folder.status == 1 && folder.stderr.contains("it is a folder"), "\(folder.stderr)")
            // Never over the log being read, by any name.
            let log = LogFixture.contents(path)
            symlink(path, dir + "/alias.twlog")
            for name in [path, dir + "/alias.twlog"] {
                let over = try ChildProcess.run(["report", path, "--format", "html", "--out", name], in: dir)
                #expect(over.status == 64 && over.stderr.contains("which is being read; name another file"), "\(over.stderr)")
            }
            #expect(LogFixture.contents(path) == log)
        }
    }
}
