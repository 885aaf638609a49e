#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import Testing
import TowerwatchCore

/// The HTML report of the hand-built shift (`HandShift`), read back with an XML
/// parser: a page that is not well-formed fails here, without a browser. The
/// shift's names are made hostile first (markup, an escape sequence, a bidi
/// override), so the page must show them as inert text.
@Suite("HTML report")
struct ReportHTMLTests {
    /// G-B's name and T02's: markup, a terminal escape, a right-to-left override, a bell.
    static let hostileGuard = "<script>alert(1)</script>\u{1B}[2J李娜\u{202E}gnp.exe & \"q\" 'a'"
    static let hostileTower = "福田<b>银座</b>\u{07}\u{FFFF}"
    static let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))

    /// The hand shift with hostile names, and two alarms on H-2 (D-2 unacknowledged at 09:02,
    /// nobody on scene at 09:05) as an officer console would have recorded them.
    static let report: AfterActionReport = {
        let records = HandShift.records.flatMap { r -> [EventRecord] in
            var r = r
            func alarm(_ kind: AlarmKind, _ dispatch: DispatchID?, _ m: Int) -> EventRecord {
                EventRecord(seq: 0, time: HandShift.at(9, m), actor: .system, event: .alarmRaised(kind: kind, hazard: "H-2", dispatch: dispatch))
            }
            switch r.event {
            case .guardDispatched("D-2", _, _): return [r, alarm(.ackOverdue, "D-2", 2)]
            case .guardArrivedOnScene("D-2", _): return [alarm(.sceneOverdue, nil, 5), r]
            case let .guardEnrolled(g, _, team, home, training, account) where g == HandShift.gb:
                r.event = .guardEnrolled(guard: g, name: hostileGuard, team: team, homeTower: home, training: training, account: account)
            case let .towerRegistered(t, _, english, company, above, below, zones) where t == "T02":
                r.event = .towerRegistered(tower: t, name: hostileTower, englishName: english, company: company,
                                           floorsAbove: above, floorsBelow: below, zones: zones)
            default: break
            }
            return [r]
        }.enumerated().map { n, r -> EventRecord in
            var r = r
            r.seq = UInt64(n + 1)
            return r
        }
        var report = ShiftReport.of(records, from: HandShift.at(8, 0), to: HandShift.at(10, 0))
        report.local = shanghai
        return report
    }()
    static let html = ReportHTML.render(report)
    static let page: Node = { (try? Node.parse(html)) ?? Node(name: "unparsed") }()

    // MARK: - Well-formed, self-contained

    @Test func `the page is well-formed and a cut page is not`() throws {
        let root = try Node.parse(Self.html)
        #expect(root.name == "html")
        #expect(root.first("head") != nil && root.first("body") != nil)
        #expect(throws: (any Error).self, "the parser must notice a page cut short") {
            try Node.parse(String(Self.html.dropLast(300)))
        }
    }

    @Test func `the page names the build that made it, at the end of its notes`() throws {
        let notes = try #require(Self.page.all.first { $0.name == "section" && $0.attributes["id"] == "notes" })
        let madeBy = try #require(notes.all.first { $0.attributes["class"] == "made-by" })
        #expect(madeBy.text == "Made by \(TowerwatchVersion.text)")
    }

    @Test func `nothing runs and nothing is fetched`() {
        let names = Set(Self.page.all.map(\.name))
        for forbidden in ["script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject"] {
            #expect(!names.contains(forbidden), "no <\(forbidden)>")
        }
        let attributes = Self.page.all.flatMap(\.attributes.keys)
        #expect(!attributes.contains { ["src", "href", "xlink:href", "action"].contains($0) || $0.hasPrefix("on") })
        let style = Self.page.first("style")?.text ?? ""
        #expect(!style.isEmpty)
        #expect(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"))
    }

    @Test func `prints on A4 with page breaks and fonts that render CJK`() {
        let style = Self.page.first("style")?.text ?? ""
        #expect(style.contains("@page { size: A4"))
        #expect(style.contains("break-before: page"))
        #expect(style.contains("break-inside: avoid"))
        for family in ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"] {
            #expect(style.contains("\"\(family)\""), "font list names \(family)")
        }
    }

    // MARK: - Sections

    @Test func `live and drill each have their sections, in order, then the programme and the notes`() {
        let ids = Self.page.all.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(ids == ["live-summary", "live-timeline", "live-distribution", "live-towers", "live-teams", "live-worst", "live-alarms",
                        "drill-summary", "drill-timeline", "drill-distribution", "drill-towers", "drill-teams", "drill-worst", "programme", "hour-of-day",
                        "notes"])
    }

    @Test func `drills are kept apart and labelled`() throws {
        let live = try #require(Self.page.element(id: "live")), drill = try #require(Self.page.element(id: "drill"))
        #expect(!live.text.contains("H-5") && !live.text.contains("D-5"), "the drill hazard is not in the live part")
        #expect(drill.text.contains("H-5") && drill.text.contains("D-5"))
        #expect(!drill.text.contains("H-1"))
        #expect(drill.attributes["class"] == "part drill")
        for section in drill.all where section.name == "section" {
            let heading = try #require(section.first("h2"))
            #expect(heading.text.hasPrefix("DRILL"), "\(section.attributes["id"] ?? "") is labelled")
            #expect(section.text.contains("never counted in the live figures"))
        }
        #expect(!live.all.contains { $0.attributes["class"] == "badge" })
    }

    // MARK: - Timeline

    @Test func `the timeline has one row per hazard, open-at-start first`() throws {
        let rows = try timelineRows("live-timeline")
        #expect(rows.map { $0.children.first?.text } == ["H-0", "H-1", "H-2", "H-3", "H-4"])
        #expect(try timelineRows("drill-timeline").map { $0.children.first?.text } == ["H-5"])
    }

    @Test func `a hazard's row shows reported, each dispatch's steps and the close, in local time with the zone`() throws {
        let rows = try timelineRows("live-timeline")
        let h1 = try #require(rows.first { $0.children.first?.text == "H-1" })
        #expect(h1.children[1].text == "16:20:00", "08:20 UTC read in Asia/Shanghai")
        let titles = h1.all.filter { $0.name == "title" }.map(\.text)
        #expect(titles.contains("H-1 reported 16:20:00 +08:00"))
        #expect(titles.contains { $0.hasPrefix("D-1 G-B ") && $0.hasSuffix(" sent 16:21:00 +08:00 (+1m00s after the report)") })
        #expect(titles.contains { $0.hasSuffix(" acknowledged 16:21:40 +08:00 (+1m40s after the report)") })
        #expect(titles.contains { $0.hasSuffix(" on scene 16:24:20 +08:00 (+4m20s after the report)") })
        #expect(titles.contains { $0.hasSuffix(" cleared 16:40:00 +08:00 (+20m00s after the report)") })
        #expect(titles.contains("closed 16:45:00 +08:00 (+25m00s after the report)"))
        let classes = h1.all.compactMap { $0.attributes["class"] }
        for shape in ["reported", "sent", "ack", "scene", "cleared", "closed", "hz"] { #expect(classes.contains(shape), "H-1 draws \(shape)") }
        let marks = h1.all.filter { $0.attributes["class"] == "mark" }
        #expect(marks.count == 3, "60 s, 5 min and 30 min")

        // H-3: two lanes, the first withdrawn, the second on scene and still open at the end.
        let h3 = try #require(rows.first { $0.children.first?.text == "H-3" })
        #expect(h3.all.filter { ($0.attributes["class"] ?? "").hasPrefix("dsp") }.count == 2)
        #expect(h3.all.contains { $0.attributes["class"] == "ended" })
        #expect(h3.all.contains { $0.attributes["class"] == "hz open" }, "H-3 is still open at 10:00")
        // H-2 was on scene 8 minutes after its dispatch: drawn late.
        let h2 = try #require(rows.first { $0.children.first?.text == "H-2" })
        #expect(h2.all.contains { $0.attributes["class"] == "scene late" })
        #expect(h2.attributes["class"] == "late")
        let alarms = h2.all.filter { $0.attributes["class"] == "alarm" }.compactMap { $0.first("title")?.text }
        #expect(alarms == ["alarm: not acknowledged (D-2) 17:02:00 +08:00 (+2m00s after the report)",
                           "alarm: no guard on scene 17:05:00 +08:00 (+5m00s after the report)"])
        #expect(!h1.all.contains { $0.attributes["class"] == "alarm" })
    }

    @Test func `the alarms are listed in local time`() throws {
        #expect(Self.report.skippedRecords == 0)
        let section = try #require(Self.page.element(id: "live-alarms"))
        #expect(try rows(of: section).map { $0.children.map(\.text) } == [
            ["17:02:00", "not acknowledged", "H-2", "D-2"], ["17:05:00", "no guard on scene", "H-2", "-"],
        ])
        #expect(section.first("thead")?.text.contains("At (+08:00)") == true)
    }

    @Test func `the timeline's axis is labelled with the programme's marks`() throws {
        let timeline = try #require(Self.page.element(id: "live-timeline"))
        let head = try #require(timeline.first("thead"))
        let labels = head.all.filter { $0.name == "text" }.map(\.text)
        #expect(labels == ["0", "60 s", "5 min", "30 min", "2 h+"])
        #expect(head.text.contains("Reported (+08:00)"))
    }

    @Test func `the window on the clock: a bar per hazard at its local time, round ticks`() throws {
        let timeline = try #require(Self.page.element(id: "live-timeline"))
        let strip = try #require(timeline.all.first { $0.attributes["class"] == "strip" }?.first("svg"))
        let bars = strip.all.filter { ($0.attributes["class"] ?? "").hasPrefix("strip-hz") }
        #expect(bars.count == 5, "H-0 open at the start and H-1…H-4")
        let titles: [String] = bars.compactMap { $0.first("title")?.text }
        #expect(titles.contains("H-1 fire safety, 中福广场: reported 16:20:00 +08:00, closed 16:45:00 +08:00"))
        #expect(titles.contains { $0.hasPrefix("H-0 ") && $0.hasSuffix("open at the end") })
        let ticks = strip.all.filter { $0.name == "text" }.map(\.text)
        #expect(ticks == ["16:00", "16:15", "16:30", "16:45", "17:00", "17:15", "17:30", "17:45", "18:00"])
        let h0 = try #require(bars.first { $0.first("title")?.text.hasPrefix("H-0 ") == true })
        #expect(h0.attributes["x"] == "8", "reported before the window: drawn from its start")
    }

    @Test func `the scale puts the marks where it says and is linear between them`() {
        let scale = ReportSVG.TimelineScale(policy: .standard)
        #expect(scale.fraction(.seconds(0)) == 0)
        #expect(scale.fraction(.seconds(60)) == 0.12)
        #expect(scale.fraction(.minutes(5)) == 0.40)
        #expect(abs(scale.fraction(.seconds(180)) - 0.26) < 1e-9, "halfway from 60 s to 5 min")
        #expect(scale.fraction(.minutes(30)) == 0.78)
        #expect(scale.fraction(.minutes(120)) == 1)
        #expect(scale.fraction(.minutes(500)) == 1 && scale.beyond(.minutes(121)) && !scale.beyond(.minutes(120)))
    }

    @Test func `a window with more hazards than the timeline draws says how many it left out`() throws {
        let page = try Node.parse(ReportHTML.render(Self.report, timelineLimit: 2))
        let section = try #require(page.element(id: "live-timeline"))
        let rows = try #require(section.first("tbody")).children
        #expect(rows.filter { $0.attributes["class"] != "group" }.map { $0.children.first?.text } == ["H-0", "H-1"])
        #expect(rows.last?.text == "… and 3 more hazards not drawn (the timeline draws 2); narrow the window with --from and --to."
            + " The tables cover them all.")
        #expect(ReportHTML.timelineLimit == 500)
    }

    // MARK: - Distribution, tables

    @Test func `the distribution of times to scene has a bar per filled bucket and the target line`() throws {
        let section = try #require(Self.page.element(id: "live-distribution"))
        let svg = try #require(section.first("svg"))
        let bars = svg.all.filter { ($0.attributes["class"] ?? "").hasPrefix("bar") && $0.name == "rect" }
        // Times to scene: D-1 3m20s, D-2 7m, D-4 2m → buckets 3-4m, 7-8m, 2-3m.
        #expect(bars.map { $0.first("title")?.text } == ["2-3m: 1", "3-4m: 1", "7-8m: 1"])
        #expect(bars.map { $0.attributes["class"] } == ["bar", "bar", "bar late"])
        #expect(svg.all.contains { $0.attributes["class"] == "target" })
        #expect(svg.all.contains { $0.text == "target 5 min" })
        #expect(section.text.contains("within 5 min of the dispatch: 2 (66%)"))
    }

    @Test func `towers, teams and the worst ten are tables of the model's rows`() throws {
        let towers = try #require(Self.page.element(id: "live-towers"))
        #expect(try rows(of: towers).map { $0.children.first?.text } == Self.report.live.towers.map(\.id.raw))
        let teams = try #require(Self.page.element(id: "live-teams"))
        #expect(try rows(of: teams).map { $0.children[1].text } == ["巡防一队", "巡防二队"])
        let worst = try #require(Self.page.element(id: "live-worst"))
        let tables = worst.all.filter { $0.name == "table" }
        #expect(tables.count == 2)
        #expect(try rows(of: tables[0]).map { $0.children[1].text } == Self.report.live.worstScene.map(\.id.raw))
        #expect(try rows(of: tables[0]).first?.children[2].text == "17:01:00", "D-2 sent 09:01 UTC")
        #expect(try rows(of: tables[1]).map { $0.children[1].text } == Self.report.live.worstRectify.map(\.id.raw))
    }

    // MARK: - Escaping

    @Test func `hostile names are text: no markup, no escape, no bidi override`() throws {
        #expect(!Self.html.contains("<script"))
        #expect(!Self.html.contains("<b>"))
        #expect(!Self.html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E || $0.value == 0xFFFF })
        #expect(Self.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;李娜gnp.exe &amp; &quot;q&quot; &#39;a&#39;"))
        let sanitizedGuard = "<script>alert(1)</script>李娜gnp.exe & \"q\" 'a'"
        let worst = try #require(Self.page.element(id: "live-worst"))
        #expect(worst.all.contains { $0.name == "td" && $0.text == sanitizedGuard }, "the parsed name reads as the sanitized text")
        let towers = try #require(Self.page.element(id: "live-towers"))
        #expect(towers.all.contains { $0.name == "td" && $0.text == "福田<b>银座</b>\u{FFFD}\u{FFFD}" })
    }

    @Test func `escape covers the five characters and the noncharacters`() {
        #expect(HTMLText.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(HTMLText.escape("x\u{FFFE}y") == "x\u{FFFD}y")
        #expect(HTMLText.escape("\u{1B}]52;c;aGk=\u{07}ok") == "ok", "an OSC sequence is dropped whole")
        #expect(HTMLText.escape("中福广场") == "中福广场")
        #expect(HTMLText.number(12) == "12" && HTMLText.number(12.5) == "12.5" && HTMLText.number(0.256) == "0.26")
        #expect(HTMLText.number(-3.1) == "-3.1" && HTMLText.number(7.05) == "7.05")
    }

    @Test func `the cover names the window and the zone`() throws {
        let cover = try #require(Self.page.first("header"))
        #expect(cover.text.contains("2026-11-29 16:00:00–18:00:00 +08:00"))
        #expect(cover.text.contains("local, Asia/Shanghai (+08:00)"))
    }

    @Test func `an empty part says so`() throws {
        var report = ShiftReport.of(HandShift.records, from: HandShift.at(8, 0), to: HandShift.at(9, 0))
        report.local = Self.shanghai
        let page = try Node.parse(ReportHTML.render(report, notice: "DRILL LOG: <every> record"))
        #expect(page.element(id: "drill-summary")?.text.contains("No drill records in this window.") == true)
        #expect(page.element(id: "drill-timeline") == nil)
        #expect(page.first("header")?.text.contains("DRILL LOG: <every> record") == true)
    }

    @Test func `a forked drill's comparison follows the drill part; an unreadable original says why`() throws {
        let compared = DrillComparison.compare(drill: Self.report, original: Self.report)
        let appendix = DrillAppendix(comparison: compared, traineeLog: "drill<1>.twlog", originalLog: "live.twlog")
        let page = try Node.parse(ReportHTML.render(Self.report, drill: appendix))
        let ids = page.all.filter { $0.name == "section" }.compactMap { $0.attributes["id"] }
        #expect(ids.suffix(4) == ["comparison", "programme", "hour-of-day", "notes"])
        let section = try #require(page.element(id: "comparison"))
        #expect(section.text.contains("Trainee: the drill records of drill<1>.twlog. Original: the live records of live.twlog."))
        #expect(try rows(of: section).map { $0.children.map(\.text) } == compared.figures.map { [$0.label, $0.trainee, $0.original] })
        let broken = DrillAppendix(traineeLog: "d.twlog", originalLog: "gone.twlog", problem: "the original log gone.twlog cannot be read (no such file)")
        let without = try Node.parse(ReportHTML.render(Self.report, drill: broken))
        #expect(without.element(id: "comparison")?.text.contains("cannot be read (no such file); no comparison.") == true)
    }

    // MARK: - Reading the page back

    func timelineRows(_ id: String) throws -> [Node] {
        let section = try #require(Self.page.element(id: id))
        return try rows(of: section).filter { $0.attributes["class"] != "group" }
    }

    func rows(of element: Node) throws -> [Node] {
        let body = try #require(element.first("tbody"))
        return body.children.filter { $0.name == "tr" }
    }
}

/// A parsed element: enough of a DOM to find sections, rows and texts.
/// Built once by the parser, then only read.
final class Node: @unchecked Sendable {
    let name: String
    var attributes: [String: String] = [:]
    var children: [Node] = []
    /// Text and the text of all descendants, in document order.
    var text: String { pieces.map { $0.node?.text ?? $0.text ?? "" }.joined() }
    fileprivate var pieces: [(node: Node?, text: String?)] = []

    init(name: String) { self.name = name }

    /// Every descendant, depth first, self first.
    var all: [Node] { [self] + children.flatMap(\.all) }
    func first(_ name: String) -> Node? { all.first { $0.name == name } }
    func element(id: String) -> Node? { all.first { $0.attributes["id"] == id } }

    struct ParseError: Error { var message: String }

    /// Parses `text` as XML; throws on the first well-formedness error. (On Linux `parse()`
    /// can return true for a document cut short: the error and the open elements tell.)
    static func parse(_ text: String) throws -> Node {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), parser.parserError == nil, builder.stack.isEmpty, let root = builder.root else {
            throw ParseError(message: parser.parserError.map { "\($0) at line \(parser.lineNumber)" } ?? "no root element")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [Node] = []
        var root: Node?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = Node(name: name)
            node.attributes = attributes
            if let parent = stack.last { parent.children.append(node); parent.pieces.append((node, nil)) } else { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.pieces.append((nil, string)) }
    }
}
