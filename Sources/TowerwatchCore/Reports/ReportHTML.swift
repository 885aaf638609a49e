/// The report as one self-contained HTML page for a debrief: on a projector or on
/// A4 paper.
///
/// One file, nothing fetched: the style sheet is inline (`ReportHTMLStyle`), the
/// pictures are inline SVG (`ReportSVG`), there is no script, no link, no image
/// file and no web font. It is made from the same model as the text, CSV and JSON
/// forms (`AfterActionReport`), so its figures are theirs.
///
/// ## What it shows
/// A cover with the window, the zone and the targets; then, for the live records
/// and again, apart and labelled, for the drill records: a summary of counts; a
/// timeline with one row per hazard (reported, each dispatch sent, acknowledged,
/// on scene, cleared or ended, closed, alarms) against the 60 s / 5 min / 30 min
/// marks; the distribution of times to scene with the target line; the towers;
/// the teams; the worst ten times to scene and to rectify; the alarms. Notes that
/// define every figure close it.
///
/// ## Well-formed
/// The page is XHTML-compatible HTML: every element closed, every attribute
/// quoted, only the five references XML knows, so an XML parser reads it whole
/// (the tests do) and a browser reads it as HTML. Every text from the log passes
/// `HTMLText.escape` (the one sanitizer, then entities).
///
/// Times are local in the district's zone, the zone named on the cover and the
/// offset beside each column of times; tooltips carry the full `14:15:02 +08:00`.
public enum ReportHTML {
    /// The page as one string (small reports, tests).
    public static func render(_ report: AfterActionReport, notice: String? = nil, drill appendix: DrillAppendix? = nil,
                              timelineLimit: Int = timelineLimit) -> String {
        var out = ""
        write(report, notice: notice, drill: appendix, timelineLimit: timelineLimit, to: &out)
        return out
    }

    /// The most hazards the timeline draws: a debrief covers a shift or a day (a busy day
    /// has a few dozen); a year's window would make a page no browser prints. Past it the
    /// timeline says how many it left out and how to narrow the window; the tables still
    /// cover the whole window.
    public static let timelineLimit = 500

    /// Writes the page to `out` piece by piece: a long window's timeline is never one string.
    /// `notice` is a line shown on the cover (a drill log says so); `appendix`, a forked
    /// drill's comparison with the original shift, shown after the drill part.
    public static func write(_ report: AfterActionReport, notice: String? = nil, drill appendix: DrillAppendix? = nil,
                             timelineLimit: Int = timelineLimit, to out: inout some TextOutputStream) {
        out.write("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        out.write("<title>" + e("After-action report " + windowText(report)) + "</title>\n")
        out.write("<style>\n" + ReportHTMLStyle.css + "\n</style>\n</head>\n<body>\n")
        cover(report, notice: notice, to: &out)
        part(report.live, report, timelineLimit: timelineLimit, to: &out)
        part(report.drill, report, timelineLimit: timelineLimit, to: &out)
        if let appendix { comparison(appendix, report, to: &out) }
        programme(report, to: &out)
        notes(report, to: &out)
        out.write("</body>\n</html>\n")
    }

    // MARK: - Cover

    static func cover(_ report: AfterActionReport, notice: String?, to out: inout some TextOutputStream) {
        let p = report.policy
        out.write("<header class=\"cover\">\n<h1>After-action report</h1>\n")
        if let notice { out.write("<p class=\"notice\">" + e(notice) + "</p>\n") }
        out.write("<dl class=\"facts\">\n")
        out.write(fact("Window", windowText(report) + (report.to == nil ? " (to the end of the log)" : "")))
        out.write(fact("Times", "local, " + report.local.zone.identifier + (report.start.map { " (" + report.local.zoneLabel($0) + ")" } ?? "")))
        out.write(fact("Targets", "acknowledge \(ReportSVG.markLabel(p.ackTimeout)) · on scene \(ReportSVG.markLabel(p.sceneTarget))"
            + " · rectify \(ReportSVG.markLabel(p.rectifyTarget)) · silent after \(ReportSVG.markLabel(p.silentAfter))"
            + " · patrol round \(ReportSVG.markLabel(report.patrolRound))"))
        out.write(fact("Live", headline(report.live)))
        out.write(fact("Drill", report.drill.isEmpty ? "no drill records in this window" : headline(report.drill) + " (counted apart)"))
        if report.skippedRecords > 0 { out.write(fact("Skipped", "\(report.skippedRecords) records that could not be folded")) }
        out.write("</dl>\n</header>\n")
    }

    static func headline(_ s: ReportSection) -> String {
        "\(s.hazards.count) hazards reported · \(s.dispatches.count) dispatches (\(s.dispatches.count { $0.late }) answered late)"
            + " · \(s.alarms.count) alarms"
    }

    /// The window's ends, local with the zone: `2026-11-29 08:00:00–10:00:00 +08:00`.
    static func windowText(_ report: AfterActionReport) -> String {
        guard let start = report.start, let end = report.end else { return "(no records)" }
        return report.local.range(start, end)
    }

    // MARK: - One part: live or drill

    static func part(_ s: ReportSection, _ report: AfterActionReport, timelineLimit: Int, to out: inout some TextOutputStream) {
        let key = s.drill ? "drill" : "live"
        out.write("<div class=\"part \(key)\" id=\"\(key)\">\n")
        guard !s.isEmpty else {
            out.write(open("\(key)-summary", "summary", s, "Summary"))
            out.write("<p>No \(key) records in this window.</p>\n</section>\n</div>\n")
            return
        }
        summary(s, report, to: &out)
        timeline(s, report, limit: timelineLimit, to: &out)
        distribution(s, report, to: &out)
        towers(s, report, to: &out)
        teams(s, report, to: &out)
        worst(s, report, to: &out)
        if !s.alarms.isEmpty { alarms(s, report, to: &out) }
        out.write("</div>\n")
    }

    /// A section's opening: its id, and a heading that labels drill sections in words.
    static func open(_ id: String, _ cls: String, _ s: ReportSection, _ title: String) -> String {
        let label = s.drill ? "<span class=\"badge\">DRILL</span>" : ""
        return "<section id=\"\(id)\" class=\"\(cls)\">\n<h2>\(label)\(e(title))\(s.drill ? " (drill)" : "")</h2>\n"
            + (s.drill ? "<p class=\"small\">Drill records only: never counted in the live figures.</p>\n" : "")
    }

    static func summary(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(open(id(s, "summary"), "summary", s, "Summary"))
        let late = s.dispatches.count { $0.late }
        let silences = s.silentPeriods
        out.write(table([("Figure", false), ("Open at the start", true), ("New", true), ("Ended", true), ("Open at the end", true)], [
            [td("Hazards"), num(s.openAtStart.count), num(s.hazards.count), num(s.hazardsClosed), num(s.hazardsOpenAtEnd)],
            [td("Dispatches"), num(s.dispatchesOpenAtStart), num(s.dispatches.count), num(s.dispatchesEnded), num(s.dispatchesOpenAtEnd)],
        ]))
        out.write("<dl class=\"facts\">\n")
        out.write(fact("Answered late", "\(late) of \(s.dispatches.count) dispatches"))
        out.write(fact("Alarms", "\(s.alarms.count)" + (s.alarms.isEmpty ? "" : " (" + AlarmKind.allCases.map { k in
            "\(k.label) \(s.alarms.count { $0.kind == k })" }.joined(separator: " · ") + ")")))
        out.write(fact("Silent periods", "\(silences.count)" + (silences.contains { $0.clipped }
            ? " (\(silences.count { $0.clipped }) began before the window)" : "")))
        out.write(fact("By category", s.byCategory.isEmpty ? "-" : s.byCategory.map { "\($0.category.label) \($0.count)" }.joined(separator: " · ")))
        out.write(fact("By source", s.bySource.isEmpty ? "-" : s.bySource.map { "\($0.source.label) \($0.count)" }.joined(separator: " · ")))
        out.write("</dl>\n</section>\n")
    }

    // MARK: - Timeline

    static func timeline(_ s: ReportSection, _ report: AfterActionReport, limit: Int, to out: inout some TextOutputStream) {
        let scale = ReportSVG.TimelineScale(policy: report.policy)
        out.write(open(id(s, "timeline"), "timeline", s, "Timeline"))
        out.write("<p class=\"small\">One row per hazard, times from its report. Dashed lines: the "
            + e(scale.marks.map { ReportSVG.markLabel($0.span) }.joined(separator: " / "))
            + " marks (acknowledge, on scene, rectified); the scale is linear between marks. One lane per dispatch under the hazard's line."
            + " Pointing at a shape shows what and when.</p>\n")
        if let start = report.start, let end = report.end {
            out.write("<h3>The window on the clock</h3>\n<div class=\"strip\">"
                + ReportSVG.shiftStrip(s.openAtStart + s.hazards, from: start, to: end, local: report.local) + "</div>\n")
            out.write("<p class=\"small\">Each hazard from its report to its close, at the local time it happened; late ones in orange.</p>\n")
            out.write("<h3>Each hazard against the marks</h3>\n")
        }
        out.write("<div class=\"legend\">" + ReportSVG.timelineLegend(scale) + "</div>\n")
        var byHazard: [HazardID: [DispatchReportRow]] = [:]
        for d in s.dispatches { byHazard[d.hazard, default: []].append(d) }
        var alarmsBy: [HazardID: [AlarmReportRow]] = [:]
        for a in s.alarms { alarmsBy[a.hazard, default: []].append(a) }
        let zone = report.start.map { " (" + report.local.zoneLabel($0) + ")" } ?? ""
        out.write("<table class=\"timeline\">\n<thead><tr><th>Hazard</th><th>Reported\(e(zone))</th><th>Where, what</th>"
            + "<th class=\"track\">" + ReportSVG.timelineAxis(scale) + "</th></tr></thead>\n<tbody>\n")
        var drawn = 0
        func row(_ h: HazardReportRow) {
            drawn += 1
            guard drawn <= limit else { return }
            out.write("<tr" + (h.sceneWithinTarget == false || h.rectifyWithinTarget == false ? " class=\"late\"" : "") + ">"
                + fixed(h.id.raw) + fixed(ReportText.time(h.reportedAt, report))
                + "<td>" + e("\(h.towerName) \(h.floor) \(h.zone)") + "<br/><span class=\"small\">" + e(h.category.label) + "</span></td>"
                + "<td class=\"track\">" + ReportSVG.timelineTrack(h, dispatches: byHazard[h.id] ?? [], alarms: alarmsBy[h.id] ?? [],
                                                                scale: scale, report: report) + "</td></tr>\n")
        }
        if !s.openAtStart.isEmpty {
            out.write("<tr class=\"group\"><td colspan=\"4\">Open at the window's start (reported before it)</td></tr>\n")
            for h in s.openAtStart { row(h) }
            if !s.hazards.isEmpty { out.write("<tr class=\"group\"><td colspan=\"4\">Reported in the window</td></tr>\n") }
        }
        for h in s.hazards { row(h) }
        if s.hazards.isEmpty, s.openAtStart.isEmpty { out.write("<tr><td colspan=\"4\" class=\"none\">(no hazards)</td></tr>\n") }
        if drawn > limit {
            out.write("<tr class=\"group\"><td colspan=\"4\">… and \(drawn - limit) more hazards not drawn (the timeline draws \(limit));"
                + " narrow the window with --from and --to. The tables cover them all.</td></tr>\n")
        }
        out.write("</tbody>\n</table>\n</section>\n")
    }

    // MARK: - Times to scene

    static func distribution(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        let target = report.policy.sceneTarget
        out.write(open(id(s, "distribution"), "distribution", s, "Times to scene"))
        let reached = s.dispatches.compactMap(\.toScene)
        let within = reached.count { $0 <= target }
        let median = ReportStatistics.median(reached)
        out.write("<p>Dispatches that reached the scene: \(reached.count); within \(e(ReportSVG.markLabel(target))) of the dispatch: \(within)"
            + (reached.isEmpty ? "" : " (\(within * 100 / reached.count)%)")
            + (median.map { "; median " + e($0.compact) } ?? "") + ". Worst: "
            + e(ReportStatistics.worst(reached)?.compact ?? "-") + ".</p>\n")
        out.write("<div>" + ReportSVG.sceneChart(s.sceneHistogram, target: target) + "</div>\n")
        out.write("<p class=\"small\">From the dispatch to the guard on scene, in one-minute buckets (the last holds everything later)."
            + " Bars at or past the target line are late.</p>\n</section>\n")
    }

    // MARK: - Towers and teams

    static func towers(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(tableSection(s, "towers", "Towers", note: "From each hazard's report; median and worst of stopped clocks; over: past the target.",
                        [("Tower", false), ("Name", false), ("Hazards", true), ("Rectified", true), ("Dispatches", true), ("Late", true),
                         ("Scene med", true), ("Scene worst", true), ("Over", true), ("Rectify med", true), ("Rectify worst", true), ("Over", true)],
                        s.towers.map { t in [
                            fixed(t.id.raw), fixed(t.name), num(t.hazards), num(t.rectified), num(t.dispatches), num(t.lateDispatches),
                            span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstHazard?.raw), num(t.sceneMissed, flagged: true),
                            span(t.rectifyMedian), worst(t.rectifyWorst, t.rectifyWorstHazard?.raw), num(t.rectifyMissed, flagged: true),
                        ] }))
    }

    static func teams(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(tableSection(s, "teams", "Teams", note: "From each dispatch to the team's guards; median and worst of stopped clocks.",
                        [("Team", false), ("Name", false), ("Guards", true), ("Dispatches", true), ("Late", true), ("Ack med", true),
                         ("Ack worst", true), ("Scene med", true), ("Scene worst", true), ("Scans", true), ("Missed", true), ("Silent", true)],
                        s.teams.map { t in [
                            fixed(t.id.raw), fixed(t.name), num(t.guards), num(t.dispatches), num(t.lateDispatches, flagged: true),
                            span(t.ackMedian), span(t.ackWorst), span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstDispatch?.raw),
                            num(t.scans), num(t.checkpointsMissed), num(t.silentPeriods),
                        ] }))
    }

    // MARK: - Worst ten, alarms

    static func worst(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(open(id(s, "worst"), "worst", s, "Worst ten"))
        out.write("<h3>Times to scene (from the dispatch)</h3>\n")
        out.write(table([("#", true), ("Dispatch", false), ("Sent" + zone(report), false), ("Guard", false), ("Name", false),
                         ("Tower", false), ("Floor", false), ("What", false), ("To scene", true), ("Note", false)],
                        s.worstScene.enumerated().map { i, d in [
                            num(i + 1), fixed(d.id.raw), fixed(ReportText.time(d.assignedAt, report)), fixed(d.guardID.raw), fixed(d.guardName),
                            fixed(d.towerName), td(d.floor), td(d.category.label), span(d.toScene ?? d.waited),
                            td(d.toScene == nil ? "never on scene (\(d.outcome.label))" : (d.arrivedLate ? "late" : "")),
                        ] }))
        out.write("<h3>Times to rectify (from the report)</h3>\n")
        out.write(table([("#", true), ("Hazard", false), ("Reported" + zone(report), false), ("What", false), ("Tower", false),
                         ("Floor", false), ("Zone", false), ("To rectify", true), ("Note", false)],
                        s.worstRectify.enumerated().map { i, h in [
                            num(i + 1), fixed(h.id.raw), fixed(ReportText.time(h.reportedAt, report)), td(h.category.label), fixed(h.towerName),
                            td(h.floor), td(h.zone), span(h.toRectify ?? h.openFor),
                            td(h.toRectify == nil ? "still open" : (h.rectifyWithinTarget == false ? "late" : "")),
                        ] }))
        out.write("</section>\n")
    }

    static func alarms(_ s: ReportSection, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(tableSection(s, "alarms", "Alarms", note: "Deadlines that passed, as the system recorded them.",
                        [("At" + zone(report), false), ("Alarm", false), ("Hazard", false), ("Dispatch", false)],
                        s.alarms.map { [fixed(ReportText.time($0.at, report)), td($0.kind.label), fixed($0.hazard.raw), fixed($0.dispatch?.raw ?? "-")] }))
    }

    // MARK: - A forked drill beside the original shift

    static func comparison(_ appendix: DrillAppendix, _ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write("<section id=\"comparison\" class=\"comparison\">\n<h2><span class=\"badge\">DRILL</span>The trainee beside the original shift</h2>\n")
        guard let c = appendix.comparison else {
            out.write("<p>" + e((appendix.problem ?? "no comparison") + "; no comparison.") + "</p>\n</section>\n")
            return
        }
        let window = c.from.flatMap { from in c.to.map { report.local.range(from, $0) } } ?? windowText(report)
        out.write("<p class=\"small\">" + e("Over the same window, \(window). Trainee: the drill records of \(appendix.traineeLog)."
            + " Original: the live records of \(appendix.originalLog).") + "</p>\n")
        out.write(table([("Figure", false), ("Trainee", true), ("Original", true)],
                        c.figures.map { [td($0.label), "<td class=\"n\">" + e($0.trainee) + "</td>", "<td class=\"n\">" + e($0.original) + "</td>"] }))
        out.write("<h3>Hazards open at the fork</h3>\n<p class=\"small\">Times from the fork to the first guard sent, on scene, cleared.</p>\n")
        func cells(_ r: DrillComparison.Response) -> [String] { [span(r.firstDispatch), span(r.firstOnScene), span(r.firstCleared)] }
        out.write(table([("Hazard", false), ("What", false), ("Tower", false), ("Trainee sent", true), ("on scene", true), ("cleared", true),
                         ("Original sent", true), ("on scene", true), ("cleared", true)],
                        c.inherited.map { h in [fixed(h.hazard.raw), td(h.category.label), fixed(h.tower.raw)] + cells(h.trainee) + cells(h.original) }))
        out.write("</section>\n")
    }

    // MARK: - Notes

    static func notes(_ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write("<section id=\"notes\" class=\"notes\">\n<h2>Notes</h2>\n<ul class=\"notes\">\n")
        for note in ReportText.footnotes(report).dropFirst() { out.write("<li>" + e(note) + "</li>\n") }
        // The build that made the page, as the text report's last line names it.
        out.write("</ul>\n<p class=\"made-by\">Made by " + e(TowerwatchVersion.text) + "</p>\n</section>\n")
    }

    // MARK: - Pieces

    static func e(_ text: String) -> String { HTMLText.escape(text) }
    static func id(_ s: ReportSection, _ name: String) -> String { (s.drill ? "drill-" : "live-") + name }
    static func zone(_ report: AfterActionReport) -> String { report.start.map { " (" + report.local.zoneLabel($0) + ")" } ?? "" }

    static func fact(_ term: String, _ text: String) -> String { "<dt>" + e(term) + "</dt><dd>" + e(text) + "</dd>\n" }

    /// A cell that must not wrap (an id, a time, a name: 中福广场 cut in two reads as two names).
    static func fixed(_ text: String) -> String { "<td class=\"id\">" + e(text) + "</td>" }
    /// A cell of text from the log or the report (escaped).
    static func td(_ text: String) -> String { "<td>" + e(text) + "</td>" }
    static func num(_ n: Int, flagged: Bool = false) -> String { "<td class=\"n" + (flagged && n > 0 ? " late" : "") + "\">\(n)</td>" }
    static func span(_ s: Span?) -> String { s.map { "<td class=\"n\">" + e($0.compact) + "</td>" } ?? "<td class=\"n none\">-</td>" }
    static func worst(_ s: Span?, _ id: String?) -> String {
        s.map { "<td class=\"n\">" + e($0.compact) + " <span class=\"small\">" + e(id ?? "") + "</span></td>" } ?? "<td class=\"n none\">-</td>"
    }

    /// A section holding one table under a short note.
    static func tableSection(_ s: ReportSection, _ key: String, _ title: String, note: String, _ headers: [(String, Bool)],
                             _ rows: [[String]]) -> String {
        open(id(s, key), key, s, title) + "<p class=\"small\">" + e(note) + "</p>\n" + table(headers, rows) + "</section>\n"
    }

    /// A table: a header row (right-aligned where `numeric`), then rows of ready cells; `(none)` without rows.
    static func table(_ headers: [(String, Bool)], _ rows: [[String]]) -> String {
        var out = "<table>\n<thead><tr>" + headers.map { "<th" + ($0.1 ? " class=\"n\"" : "") + ">" + e($0.0) + "</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        if rows.isEmpty { out += "<tr><td colspan=\"\(headers.count)\" class=\"none\">(none)</td></tr>\n" }
        for row in rows { out += "<tr>" + row.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }
}
