import Foundation
import Testing
import TowerwatchText
#if canImport(Glibc)
import Glibc
#endif

/// The officer console driven as an officer would: the real binary in a real
/// terminal (a tmux pane), keys in, screen text out.
///
/// Serialized: each test owns a console and a tmux server, and the timing of
/// "another process appends" is only meaningful when the tests do not fight
/// each other for the two cores of CI. Every wait is bounded.
@Suite("officer console end to end", .serialized,
       .enabled(if: TmuxHarness.isAvailable, "tmux is not installed; console end-to-end tests skipped"))
struct ConsoleEndToEndTests {
    // MARK: - Start

    @Test("starts on a prepared log at 160×45: hazards, towers, guards, feed and detail, CJK columns aligned")
    func startsWithEveryPane() throws {
        let console = try ConsoleScenario(width: 160, height: 45)
        defer { console.close() }
        try console.waitForConsole()
        let screen = try console.tmux.waitFor(description: "both hazards and the guards on duty") {
            $0.contains("H-000002") && $0.contains("G-004")
        }

        expectWideFrame(screen, width: 160, height: 45)
        #expect(screen.contains("1 Open hazards (2)"))
        #expect(screen.contains("2 Towers (27)"))
        #expect(screen.contains("3 Guards (4)"))
        #expect(screen.contains("4 Event feed"))
        #expect(screen.contains("LIVE"))
        #expect(screen.contains("as O-01"))

        // The towers pane: 中福广场's company starts in the column the header's
        // "Company" starts in, measured in display columns.
        let towers = try #require(ScreenText.pane(titled: "2 Towers", in: screen), "no towers pane:\n\(screen)")
        let towerHeader = try #require(towers.first)
        let zhongfu = try #require(towers.first { $0.hasPrefix("中福广场 ") }, "no 中福广场 row:\n\(towers.joined(separator: "\n"))")
        #expect(ScreenText.column(of: "Company", in: Substring(towerHeader)) == ScreenText.column(of: "中福物业", in: Substring(zhongfu)),
                "\(towerHeader)\n\(zhongfu)")
        #expect(ScreenText.column(of: "Open", in: Substring(towerHeader)).map { $0 + 3 }
                == zhongfu.lastIndexOfDigitColumn(before: "Grd", header: towerHeader),
                "the Open count is right-aligned under its header\n\(towerHeader)\n\(zhongfu)")

        // The hazards pane: the place column holds 中福广场 under "Where", and the
        // state column stays in line after the CJK text.
        let hazards = try #require(ScreenText.pane(titled: "1 Open hazards", in: screen))
        let hazardHeader = try #require(hazards.first)
        let fire = try #require(hazards.first { $0.hasPrefix("H-000001") }, "no H-000001 row:\n\(hazards.joined(separator: "\n"))")
        #expect(ScreenText.column(of: "Where", in: Substring(hazardHeader)) == ScreenText.column(of: "中福广场", in: Substring(fire)))
        #expect(ScreenText.column(of: "State", in: Substring(hazardHeader)) == ScreenText.column(of: "new", in: Substring(fire)))
        #expect(fire.contains("fire safety"))

        let guards = try #require(ScreenText.pane(titled: "3 Guards", in: screen))
        #expect(guards.filter { $0.hasPrefix("G-00") }.count == 4, "\(guards.joined(separator: "\n"))")

        // Colour is on by default (the control for the NO_COLOR test).
        let coloured = try console.tmux.capture(withEscapes: true)
        #expect(ScreenText.setsColour(coloured), "\(coloured.prefix(300).debugDescription)")
    }

    // MARK: - Filter

    @Test("/ filters the focused pane as you type; Esc restores every row")
    func filterNarrowsAndEscapeRestores() throws {
        let console = try ConsoleScenario()
        defer { console.close() }
        try console.waitForConsole()
        try console.tmux.sendKeys("2")  // the towers pane
        let before = try towerRows(console.tmux.waitFor(text: "2 Towers (27)"))
        #expect(before.count > 10, "the towers pane should fill with rows: \(before)")

        try console.tmux.sendKeys("/")
        try console.tmux.type("中福")
        let filtered = try console.tmux.waitFor(text: "2 Towers (2/27) /中福")
        let rows = towerRows(filtered)
        #expect(rows.count == 2, "\(rows)")
        #expect(rows.allSatisfy { $0.hasPrefix("中福广场") }, "\(rows)")

        try console.tmux.sendKeys("Escape")
        let restored = try console.tmux.waitFor(absenceOf: "/中福")
        #expect(restored.contains("2 Towers (27)"))
        #expect(towerRows(restored) == before)
    }

    // MARK: - Dispatch

    @Test("d opens the picker; Enter dispatches the recommended guard, on screen and in the log")
    func dispatchThroughThePicker() throws {
        let console = try ConsoleScenario()
        defer { console.close() }
        try console.waitForConsole()
        try console.tmux.sendKeys("1", "g")   // the hazards pane, first row
        try console.tmux.sendKeys("d")
        let picker = try console.tmux.waitFor(text: "Dispatch a guard")

        // The picker names the hazard and marks the recommended guard (listed first, chosen).
        let pickerLines = ScreenText.lines(picker)
        let hazardLine = try #require(pickerLines.first { $0.contains(" fire safety at ") || $0.contains(" parking at ") })
        let hazard = try #require(hazardLine.firstMatch(of: /H-\d{6}/).map { String($0.output) })
        let chosen = try #require(pickerLines.first { $0.contains("▶") }, "no chosen row:\n\(picker)")
        #expect(chosen.contains("★"), "the first row is the recommended one: \(chosen)")
        let guardID = try #require(chosen.firstMatch(of: /G-\d{3}/).map { String($0.output) })

        try console.tmux.sendKeys("Enter")
        let after = try console.tmux.waitFor(description: "\(hazard) dispatched to \(guardID)") { screen in
            ScreenText.pane(titled: "1 Open hazards", in: screen)?
                .contains { $0.hasPrefix(hazard) && $0.contains("dispatched") && $0.contains(guardID) } ?? false
        }
        #expect(!after.contains("Dispatch a guard"), "the picker closes")
        #expect(after.contains("✓ \(guardID)"), "the status bar tells what was done")

        let dump = try console.dumpLog(type: "GuardDispatched")
        #expect(dump.status == 0, "\(dump.output)")
        let records = dump.output.split(separator: "\n").filter { $0.contains("GuardDispatched") }
        #expect(records.count == 1, "\(dump.output)")
        #expect(records.first?.contains("\"hazard\":\"\(hazard)\"") == true, "\(dump.output)")
        #expect(records.first?.contains("\"guard\":\"\(guardID)\"") == true, "\(dump.output)")
        #expect(records.first?.contains("officer:O-01") == true, "\(dump.output)")
    }

    // MARK: - Following the log

    @Test("another process's ack shows within about a second")
    func followsAnotherProcess() throws {
        let console = try ConsoleScenario(.dispatched)
        defer { console.close() }
        try console.waitForConsole()
        try console.tmux.waitFor(description: "H-000001 dispatched to G-002") { screen in
            hazardRow("H-000001", screen)?.contains("dispatched") == true && hazardRow("H-000001", screen)?.contains("G-002") == true
        }

        let ack = try console.cli(["ack", "D-000001", "--as", "G-002"])
        #expect(ack.status == 0, "\(ack.output)")
        let appended = Date()
        // Bounded well beyond the expectation so a failure shows how late it was.
        let seen = try console.pollUntil(timeout: 5) { hazardRow("H-000001", $0)?.contains("acknowledged") == true }
        let shown = try #require(seen, "the ack never showed:\n\((try? console.tmux.capture()) ?? "")")
        let latency = shown.seenAt.timeIntervalSince(appended)
        #expect(latency < 1.5, "the ack took \(String(format: "%.3f", latency)) s to show")
        try console.tmux.waitFor(text: "acknowledged D-000001", timeout: 2)  // and the feed says so
    }

    @Test("a guard's note from the one-line command shows in the officer's feed and the hazard's detail")
    func guardNoteShowsInFeedAndDetail() throws {
        // Tall enough for the detail pane to reach the timeline's later lines (it does not scroll).
        let console = try ConsoleScenario(.dispatched, width: 200, height: 60)
        defer { console.close() }
        try console.waitForConsole()
        try console.tmux.waitFor(description: "H-000001 dispatched to G-002") { hazardRow("H-000001", $0)?.contains("G-002") == true }

        let note = try console.cli(["note", "H-000001", "--text", "门已清空 door clear", "--as", "G-002"])
        #expect(note.status == 0, "\(note.output)")
        #expect(note.output.contains("H-000001 note by G-002: 门已清空 door clear"), "\(note.output)")
        let feed = try console.tmux.waitFor(description: "the note in the feed") { screen in
            ScreenText.pane(titled: "4 Event feed", in: screen)?.contains { $0.contains("H-000001 note by G-002: 门已清空 door clear") } ?? false
        }
        #expect(ScreenText.pane(titled: "4 Event feed", in: feed) != nil)

        // The detail pane follows the selected hazard: select H-000001 (at most one row down).
        func detail(_ screen: String) -> [String] { ScreenText.pane(titled: "5 Detail", in: screen) ?? [] }
        try console.tmux.sendKeys("1")
        var screen = try console.tmux.waitFor(text: "5 Detail")
        if detail(screen).first?.hasPrefix("H-000001") != true {
            try console.tmux.sendKeys("j")
            screen = try console.tmux.waitFor(description: "H-000001 in the detail pane") { detail($0).first?.hasPrefix("H-000001") == true }
        }
        let timeline = detail(screen)
        let line = try #require(timeline.first { $0.contains("note by G-002: 门已清空 door clear") }, "\(timeline.joined(separator: "\n"))")
        #expect(line.firstMatch(of: /^\d{2}:\d{2}:\d{2}  \+/) != nil, "a timeline line starts with the time: \(line)")

        // A guard who was not sent is refused, and nothing is written.
        let stranger = try console.cli(["note", "H-000001", "--text", "me too", "--as", "G-003"])
        #expect(stranger.status == 2, "\(stranger.output)")
        let dump = try console.dumpLog(type: "HazardNoteAdded")
        #expect(dump.output.split(separator: "\n").filter { $0.contains("HazardNoteAdded") }.count == 1, "\(dump.output)")
        #expect(dump.output.contains("\"actor\":\"guard:G-002\""), "\(dump.output)")
    }

    // MARK: - Sizes

    @Test("resizes to 80×24 (tabs), 40×10 (too small) and back to 160×45 without garbage")
    func resizes() throws {
        let console = try ConsoleScenario(width: 160, height: 45)
        defer { console.close() }
        try console.waitForConsole()

        try console.tmux.resize(width: 80, height: 24)
        let compact = try console.tmux.waitFor(description: "the compact layout's tab strip") {
            $0.contains(" 1 Open hazards   2 Towers   3 Guards ") && !$0.contains("5 Detail")
        }
        let compactLines = ScreenText.lines(compact)
        for (y, line) in compactLines.enumerated() {
            #expect(ScreenText.width(line) <= 80, "row \(y) is wider than the terminal: \(line)")
            if line.hasPrefix("│") || line.hasPrefix("┌") || line.hasPrefix("└") {
                #expect(ScreenText.width(line) == 80, "row \(y) is not a whole box row: \(line)")
            }
        }
        #expect(ScreenText.pane(titled: "1 Open hazards (2)", in: compact) != nil, "\(compact)")
        #expect(!compact.contains("2 Towers (27)"), "one table pane at a time in the compact layout")

        try console.tmux.resize(width: 40, height: 10)
        let tiny = try console.tmux.waitFor(text: "Terminal too small")
        #expect(tiny.contains("40×10"), "\(tiny)")
        #expect(tiny.contains("need 60×16"), "\(tiny)")
        #expect(!ScreenText.hasBoxDrawing(tiny), "pieces of the old frame are left:\n\(tiny)")
        #expect(ScreenText.lines(tiny).filter { !$0.isEmpty }.count <= 3, "\(tiny)")

        try console.tmux.resize(width: 160, height: 45)
        let wide = try console.tmux.waitFor(description: "every pane back") {
            $0.contains("2 Towers (27)") && $0.contains("5 Detail") && !$0.contains("Terminal too small")
        }
        expectWideFrame(wide, width: 160, height: 45)
        #expect(!wide.contains(" 1 Open hazards   2 Towers "), "no tab strip in the wide layout")
    }

    // MARK: - Leaving

    @Test("q quits with status 0 and gives the terminal back as it was")
    func quitRestoresTheTerminal() throws {
        let console = try ConsoleScenario(width: 120, height: 36)
        defer { console.close() }
        try console.waitForConsole()
        let running = try console.paneFlags(["alternate_on", "cursor_flag", "mouse_any_flag", "mouse_standard_flag"])
        #expect(running["alternate_on"] == "1", "the console draws on the alternate screen: \(running)")
        #expect(running["cursor_flag"] == "0", "the cursor is hidden while the console runs: \(running)")

        try console.tmux.sendKeys("q")
        let exit = try console.afterExit()
        #expect(exit.status == 0, "\(exit.screen)")
        expectRestored(console, exit)
    }

    @Test("SIGTERM restores the terminal and exits 143")
    func sigtermRestoresTheTerminal() throws {
        let console = try ConsoleScenario(width: 120, height: 36)
        defer { console.close() }
        try console.waitForConsole()
        let pid = try #require(console.consolePID(), "cannot find the console's process")

        #expect(kill(pid, SIGTERM) == 0)
        let exit = try console.afterExit()
        #expect(exit.status == 143, "\(exit.screen)")
        expectRestored(console, exit)
        #expect(console.consolePID() == nil, "the console is gone")
    }

    // MARK: - Terminal types

    @Test("TERM=vt100 (no colours) starts and draws every pane")
    func vt100Draws() throws {
        let console = try ConsoleScenario(width: 160, height: 45, term: "vt100")
        defer { console.close() }
        try console.waitForConsole()
        let screen = try console.tmux.waitFor(text: "中福广场")
        expectWideFrame(screen, width: 160, height: 45)
        #expect(!ScreenText.setsColour(try console.tmux.capture(withEscapes: true)))
        try console.tmux.sendKeys("q")
        #expect(try console.afterExit().status == 0)
    }

    @Test("NO_COLOR=1 draws without a single colour")
    func noColorDrawsInMonochrome() throws {
        let console = try ConsoleScenario(width: 160, height: 45, environment: ["NO_COLOR": "1"])
        defer { console.close() }
        try console.waitForConsole()
        let screen = try console.tmux.waitFor(text: "中福广场")
        expectWideFrame(screen, width: 160, height: 45)
        let escaped = try console.tmux.capture(withEscapes: true)
        #expect(!ScreenText.setsColour(escaped), "colour codes under NO_COLOR")
        // Still distinguishable without colour: the focused pane and status bar use attributes.
        #expect(escaped.contains("\u{1B}["), "no attributes at all")
    }

    @Test("TERM=dumb refuses with a clear message and a non-zero status")
    func dumbTerminalRefuses() throws {
        let console = try ConsoleScenario(width: 120, height: 20, term: "dumb")
        defer { console.close() }
        let exit = try console.afterExit()
        #expect(exit.status != 0, "\(exit.screen)")
        let message = exit.screen.replacingOccurrences(of: "\n", with: " ")
        #expect(message.contains("terminal type 'dumb' cannot position the cursor"), "\(exit.screen)")
        #expect(message.contains("TERM=xterm-256color"), "the message says what to do: \(exit.screen)")
        #expect(exit.ttySame, "\(exit.screen)")
    }

    // MARK: - Rejections

    // MARK: - Grapheme clusters

    @Test("a note with a joined emoji, a flag, an emoji heart and an accent: each drawn in its cells, the row edge to edge")
    func clustersReachTheTerminalWhole() throws {
        let console = try ConsoleScenario()
        defer { console.close() }
        try console.waitForConsole()
        let note = "👩‍🚒x 🇨🇳y \u{2764}\u{FE0F}z e\u{301}w 中"
        let report = try console.cli(["report-hazard", "--as", "G-002", "--category", "dispute", "--tower", "T01", "--floor", "2",
                                      "--zone", "lobby", "--note", note])
        #expect(report.status == 0, "\(report.output)")
        try console.tmux.waitFor(text: "H-000003")
        try console.tmux.sendKeys("/")
        try console.tmux.type("H-000003")
        // The detail pane shows the selected hazard's note. ncurses measures
        // a cell by its first scalar, so the grid hands it 👩‍🚒 whole; a flag
        // and ❤️, which the C library measures one cell narrower than the
        // grid, are drawn as their region letters and as ❤ plus a space.
        let screen = try console.tmux.waitFor(text: "👩‍🚒x CNy \u{2764} z e\u{301}w 中")
        let lines = ScreenText.lines(screen)
        let row = try #require(lines.first { $0.contains("👩‍🚒x") })
        #expect(!row.contains("\u{1F469}\u{200D}x"), "never cut after the joiner: \(row)")
        // Every row ends at the right edge, measured as the console measures.
        #expect(lines.count >= 45)
        for line in lines.prefix(44).dropFirst() {
            #expect(DisplayWidth.of(String(line)) == 160, "\(line)")
        }
    }

    @Test("a rejected command shows its reason in the bottom bar and writes nothing")
    func rejectionShowsItsReason() throws {
        let console = try ConsoleScenario()
        defer { console.close() }
        try console.waitForConsole()
        try console.tmux.sendKeys(":")
        try console.tmux.type("dispatch H-000001 --guard G-999")
        try console.tmux.sendKeys("Enter")
        let screen = try console.tmux.waitFor(text: "rejected: unknown guard G-999")
        let bottom = try #require(ScreenText.lines(screen).last { !$0.isEmpty })
        #expect(bottom.contains("rejected: unknown guard G-999"), "the reason is in the bottom bar: \(bottom)")
        #expect(hazardRow("H-000001", screen)?.contains("new") == true, "the hazard is untouched")

        let dump = try console.dumpLog(type: "GuardDispatched")
        #expect(dump.status == 0 && !dump.output.contains("GuardDispatched"), "\(dump.output)")
    }
}

// MARK: - Checks shared by the tests

/// A whole wide frame: status bar on top, hint bar at the bottom, and every
/// row between them box-drawn edge to edge, exactly `width` display columns
/// (a CJK name measured wrong, or a piece of an old frame, breaks that).
func expectWideFrame(_ screen: String, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = ScreenText.lines(screen)
    guard lines.count >= height else {
        Issue.record("only \(lines.count) rows:\n\(screen)", sourceLocation: sourceLocation)
        return
    }
    #expect(lines[0].hasPrefix(" towerwatch "), "status bar: \(lines[0])", sourceLocation: sourceLocation)
    #expect(lines[height - 1].contains("q quit"), "hint bar: \(lines[height - 1])", sourceLocation: sourceLocation)
    for y in 1..<(height - 1) {
        let line = lines[y]
        let ok = ScreenText.width(line) == width
            && line.first.map { "┌│└".contains($0) } == true
            && line.last.map { "┐│┘".contains($0) } == true
        #expect(ok, "row \(y) is \(ScreenText.width(line)) columns, not a whole box row:\n\(line)", sourceLocation: sourceLocation)
    }
    for title in ["1 Open hazards", "2 Towers", "3 Guards", "4 Event feed", "5 Detail"] {
        #expect(ScreenText.pane(titled: title, in: screen) != nil, "no \(title) pane", sourceLocation: sourceLocation)
    }
}

/// After the console has gone: the shell's line is on the normal screen,
/// nothing of the console is left, and tmux sees the terminal's modes back.
func expectRestored(_ console: ConsoleScenario, _ exit: (status: Int32, ttySame: Bool, screen: String),
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(exit.ttySame, "stty -g differs after the console", sourceLocation: sourceLocation)
    #expect(!ScreenText.hasBoxDrawing(exit.screen), "the console's frame is left on screen:\n\(exit.screen)",
            sourceLocation: sourceLocation)
    #expect(!exit.screen.contains("Open hazards"), "\(exit.screen)", sourceLocation: sourceLocation)
    guard let flags = try? console.paneFlags(["alternate_on", "cursor_flag", "mouse_any_flag", "mouse_standard_flag",
                                              "mouse_button_flag", "keypad_cursor_flag"]) else {
        Issue.record("cannot read the pane's flags", sourceLocation: sourceLocation)
        return
    }
    #expect(flags["alternate_on"] == "0", "still on the alternate screen: \(flags)", sourceLocation: sourceLocation)
    #expect(flags["cursor_flag"] == "1", "the cursor is still hidden: \(flags)", sourceLocation: sourceLocation)
    for mouse in ["mouse_any_flag", "mouse_standard_flag", "mouse_button_flag"] {
        #expect(flags[mouse] == "0", "mouse reporting left on: \(flags)", sourceLocation: sourceLocation)
    }
    #expect(flags["keypad_cursor_flag"] == "0", "application cursor keys left on: \(flags)", sourceLocation: sourceLocation)
}

/// The data rows of the towers pane (the header dropped, blank rows dropped).
func towerRows(_ screen: String) -> [String] {
    (ScreenText.pane(titled: "2 Towers", in: screen) ?? []).dropFirst()
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// The open hazards pane's row for `hazard`.
func hazardRow(_ hazard: String, _ screen: String) -> String? {
    ScreenText.pane(titled: "1 Open hazards", in: screen)?.first { $0.hasPrefix(hazard + " ") }
}

extension String {
    /// The display column of the last digit before the header word `next`,
    /// i.e. where a right-aligned number in the column before `next` ends.
    func lastIndexOfDigitColumn(before next: String, header: String) -> Int? {
        guard let nextColumn = ScreenText.column(of: next, in: Substring(header)) else { return nil }
        let cells = ScreenText.cells(Substring(self))
        guard nextColumn <= cells.count else { return nil }
        return cells[..<nextColumn].lastIndex { $0.first?.isNumber == true }
    }
}
