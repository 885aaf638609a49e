/// The report as text for a terminal or a printout: aligned tables (measured in
/// display cells, so 中福广场 takes eight), a chart of times to scene, the worst
/// ten cases, and footnotes that define every figure.
///
/// Everything fits `width` cells: tables leave out low-priority columns (and
/// say which), shorten names, and wrap only as a last resort; prose wraps at spaces.
public enum ReportText {
    typealias Column = ReportLayout.Column
    /// `-` for a clock that never stopped or a value that does not apply.
    static let none = "-"
    /// The width when none is given: what `report` uses when not writing to a terminal.
    public static let defaultWidth = 100

    public static func render(_ report: AfterActionReport, width: Int = defaultWidth) -> String {
        let width = max(width, 20)
        var out: [String] = []
        out.append("AFTER-ACTION REPORT")
        out.append("Window   \(moment(report.start, report)) → \(moment(report.end, report))" + (report.to == nil ? "  (to the end of the log)" : ""))
        out.append("Times    local, \(report.local.zone.identifier)" + (report.start.map { " (\(report.local.zoneLabel($0)))" } ?? ""))
        let p = report.policy
        out.append("Targets  acknowledge \(p.ackTimeout.compact) · on scene \(p.sceneTarget.compact) · rectify \(p.rectifyTarget.compact)"
            + " · silent after \(p.silentAfter.compact) · patrol round \(report.patrolRound.compact)")
        if report.skippedRecords > 0 { out.append("Skipped  \(report.skippedRecords) records that could not be folded") }
        out.append("")
        out += section(report.live, report, width: width)
        out.append("")
        out += section(report.drill, report, width: width)
        out.append("")
        out += ProgrammeReportText.lines(report, width: width)
        out.append("")
        out += footnotes(report)
        out.append("")
        out.append("Made by \(TowerwatchVersion.text)")
        return out.flatMap { ReportLayout.wrap($0, width: width, indent: "  ") }.joined(separator: "\n") + "\n"
    }

    // MARK: - Times: the one place the text report turns a moment into text

    /// A moment in a table row, in the district's zone: the time of day, with its
    /// date when the window runs over more than one local day (`11-29 23:58:10`),
    /// and the year too on every row when it runs over a new year (the same form
    /// on every row of the report, whatever the row's own day).
    public static func time(_ t: Timestamp, _ report: AfterActionReport) -> String {
        let local = report.local
        guard let start = report.start, let end = report.end, !local.sameDay(start, end) else { return local.clock(t) }
        let date = local.date(t)
        return (local.fields(start).year == local.fields(end).year ? String(date.dropFirst(5)) : date) + " " + local.clock(t)
    }
    /// A moment in a heading or a note (the window's bounds), local with its date; `-` for none.
    public static func moment(_ t: Timestamp?, _ report: AfterActionReport) -> String { t.map(report.local.dateTime) ?? none }

    // MARK: - One section

    static func section(_ s: ReportSection, _ report: AfterActionReport, width: Int) -> [String] {
        let title = s.drill ? "══ DRILL (drill records only; never counted in the live figures) ══" : "══ LIVE ══"
        guard !s.isEmpty else { return [title, "No \(s.drill ? "drill" : "live") records in this window."] }
        let target = report.policy.sceneTarget.compact, rectifyTarget = report.policy.rectifyTarget.compact
        func table(_ columns: [Column], _ rows: [[String]]) -> [String] { ReportLayout.table(columns, rows, width: width) }
        var out = [title]
        out.append("Hazards: \(s.openAtStart.count) open at the start · \(s.hazards.count) reported · \(s.hazardsClosed) closed"
            + " · \(s.hazardsOpenAtEnd) open at the end")
        out.append("  by category: " + (s.byCategory.isEmpty ? none : s.byCategory.map { "\($0.category.label) \($0.count)" }.joined(separator: " · ")))
        out.append("  by source:   " + (s.bySource.isEmpty ? none : s.bySource.map { "\($0.source.label) \($0.count)" }.joined(separator: " · ")))
        let late = s.dispatches.count { $0.late }
        out.append("Dispatches: \(s.dispatchesOpenAtStart) open at the start · \(s.dispatches.count) sent (\(late) answered late)"
            + " · \(s.dispatchesEnded) ended · \(s.dispatchesOpenAtEnd) open at the end")
        out.append("Alarms: \(s.alarms.count)" + (s.alarms.isEmpty ? "" : " (" + AlarmKind.allCases.map { k in
            "\(k.label) \(s.alarms.count { $0.kind == k })" }.joined(separator: " · ") + ")"))
        let silences = s.silentPeriods
        out.append("Silent periods: \(silences.count)" + (silences.contains { $0.clipped }
            ? " (\(silences.count { $0.clipped }) began before the window: only the part inside it counts)" : ""))

        out.append("")
        out.append("Dispatches (times from the dispatch; ≤\(target): on scene within the scene target)")
        out += table([Column("Dispatch"), Column("Hazard"), Column("Guard"), Column("Name", drop: 3, shortens: true),
                      Column("Tower", drop: 2, shortens: true), Column("Floor", drop: 4), Column("Zone", drop: 5, shortens: true),
                      Column("What", drop: 1, shortens: true), Column("Ack", right: true), Column("Scene", right: true),
                      Column("≤\(target)"), Column("Clear", right: true, drop: 2), Column("Outcome"), Column("Late")],
                     s.dispatches.map { d in [
                        d.id.raw, d.hazard.raw, d.guardID.raw, d.guardName, d.towerName, d.floor, d.zone, d.category.label,
                        span(d.toAcknowledge), span(d.toScene), flag(d.sceneWithinTarget), span(d.toClear), d.outcome.label,
                        lateText(d),
                     ] })
        let byOthers = s.dispatches.filter { !$0.writtenByOthers.isEmpty }
        if !byOthers.isEmpty {
            out.append("Steps written by an account other than the guard's own:")
            for d in byOthers { out.append("  \(d.id.raw) \(d.guardID.raw): " + d.writtenByOthers.joined(separator: ", ")) }
        }

        let hazardColumns = [Column("Hazard"), Column("What", shortens: true), Column("Source", drop: 3), Column("Tower", drop: 2, shortens: true),
                             Column("Floor", drop: 4), Column("Zone", drop: 5, shortens: true), Column("Reported"),
                             Column("On scene", right: true), Column("≤\(target)"), Column("Sent→scene³", right: true, drop: 1),
                             Column("Rectified", right: true), Column("≤\(rectifyTarget)"), Column("Open for", right: true),
                             Column("Alarms", right: true, drop: 2)]
        func hazardRow(_ h: HazardReportRow) -> [String] {
            [h.id.raw, h.category.label, h.source.label, h.towerName, h.floor, h.zone, time(h.reportedAt, report),
             span(h.toFirstScene), flag(h.sceneWithinTarget), span(h.firstDispatchToScene), span(h.toRectify),
             flag(h.rectifyWithinTarget), span(h.openFor), "\(h.alarms)"]
        }
        out.append("")
        out.append("Hazards (times from the report)")
        out += table(hazardColumns, s.hazards.map(hazardRow))
        if !s.openAtStart.isEmpty {
            out.append("")
            out.append("Open at the window's start (reported before it; times from their report)")
            out += table(hazardColumns, s.openAtStart.map(hazardRow))
        }

        out.append("")
        out.append("Guards (route: the home tower's checkpoints, once per patrol round¹)")
        out += table([Column("Guard"), Column("Name", drop: 2, shortens: true), Column("Team", drop: 4, shortens: true),
                      Column("Scans", right: true, drop: 1), Column("Points", right: true, drop: 3), Column("Route", right: true, drop: 3),
                      Column("Rounds", right: true, drop: 2), Column("Excused", right: true, drop: 2), Column("Missed", right: true),
                      Column("Silent", right: true), Column("Longest", right: true), Column("Dispatches", right: true, drop: 1),
                      Column("Late", right: true)],
                     s.guards.map { g in [
                        g.id.raw, g.name, g.teamName, "\(g.scans)", "\(g.checkpointsScanned)", "\(g.routeLength)", "\(g.rounds)",
                        "\(g.roundsExcused)", "\(g.checkpointsMissed)", "\(g.silentPeriods.count)", span(g.longestSilence),
                        "\(g.dispatches)", "\(g.lateDispatches)",
                     ] })
        if !silences.isEmpty {
            out.append("")
            out.append("Silent periods² (longer than \(report.policy.silentAfter.compact))")
            out += table([Column("Guard"), Column("From"), Column("To"), Column("Length", right: true), Column("Ended by"),
                          Column("Note", drop: 1, shortens: true)],
                         silences.map { p in [p.guardID.raw, time(p.from, report), time(p.to, report), p.length.compact, p.endedBy.rawValue,
                                              p.clipped ? "silent since \(time(p.began, report)), before the window" : ""] })
        }
        if !s.alarms.isEmpty {
            out.append("")
            out.append("Alarms (deadlines that passed, as the system recorded them)")
            out += table([Column("At"), Column("Alarm"), Column("Hazard"), Column("Dispatch")],
                         s.alarms.map { [time($0.at, report), $0.kind.label, $0.hazard.raw, $0.dispatch?.raw ?? none] })
        }

        out.append("")
        out.append("Towers (from each hazard's report; median / worst of stopped clocks)")
        out += table([Column("Tower"), Column("Name", drop: 2, shortens: true), Column("Hazards", right: true),
                      Column("Rectified", right: true), Column("Dispatches", right: true, drop: 1), Column("Late", right: true, drop: 1),
                      Column("Scene med", right: true), Column("Scene worst", right: true, drop: 3), Column("Over", right: true),
                      Column("Rectify med", right: true), Column("Rectify worst", right: true, drop: 3), Column("Over", right: true)],
                     s.towers.map { t in [
                        t.id.raw, t.name, "\(t.hazards)", "\(t.rectified)", "\(t.dispatches)", "\(t.lateDispatches)",
                        span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstHazard?.raw), "\(t.sceneMissed)",
                        span(t.rectifyMedian), worst(t.rectifyWorst, t.rectifyWorstHazard?.raw), "\(t.rectifyMissed)",
                     ] })

        if !s.repeatOffenders.isEmpty {
            out.append("")
            out.append("Repeat offenders (two or more live hazards of a category at a tenant or place, over the days up to the window's end)")
            out += table([Column("Days", right: true), Column("Tenant or place", shortens: true), Column("What", drop: 2, shortens: true),
                          Column("Hazards", right: true), Column("Rectified", right: true, drop: 1), Column("Mean fix", right: true),
                          Column("Longest", right: true, drop: 3)],
                         s.repeatOffenders.map { r in [
                            "\(r.days)", r.who, r.category.label, "\(r.hazards)", "\(r.rectified)", span(r.meanRectify), span(r.longestRectify),
                         ] })
        }

        out.append("")
        out.append("Teams (from each dispatch; median / worst of stopped clocks)")
        out += table([Column("Team"), Column("Name", drop: 2, shortens: true), Column("Guards", right: true, drop: 3),
                      Column("Dispatches", right: true), Column("Late", right: true), Column("Ack med", right: true),
                      Column("Ack worst", right: true, drop: 3), Column("Scene med", right: true), Column("Scene worst", right: true, drop: 3),
                      Column("Scans", right: true, drop: 1), Column("Missed", right: true, drop: 1), Column("Silent", right: true, drop: 1)],
                     s.teams.map { t in [
                        t.id.raw, t.name, "\(t.guards)", "\(t.dispatches)", "\(t.lateDispatches)", span(t.ackMedian), span(t.ackWorst),
                        span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstDispatch?.raw), "\(t.scans)", "\(t.checkpointsMissed)",
                        "\(t.silentPeriods)",
                     ] })

        out.append("")
        out += chart(s.sceneHistogram, target: report.policy.sceneTarget, width: width)

        out.append("")
        out.append("Worst ten times to scene (from the dispatch)")
        out += table([Column("#", right: true), Column("Dispatch"), Column("Guard"), Column("Name", drop: 2, shortens: true),
                      Column("Tower", drop: 1, shortens: true), Column("Floor", drop: 3), Column("What", drop: 2, shortens: true),
                      Column("To scene", right: true), Column("Note", shortens: true)],
                     s.worstScene.enumerated().map { i, d in [
                        "\(i + 1)", d.id.raw, d.guardID.raw, d.guardName, d.towerName, d.floor, d.category.label,
                        span(d.toScene ?? d.waited), d.toScene == nil ? "never on scene (\(d.outcome.label))" : (d.arrivedLate ? "late" : ""),
                     ] })
        out.append("")
        out.append("Worst ten times to rectify (from the report)")
        out += table([Column("#", right: true), Column("Hazard"), Column("What", drop: 2, shortens: true),
                      Column("Tower", drop: 1, shortens: true), Column("Floor", drop: 3), Column("Zone", drop: 4, shortens: true),
                      Column("To rectify", right: true), Column("Note")],
                     s.worstRectify.enumerated().map { i, h in [
                        "\(i + 1)", h.id.raw, h.category.label, h.towerName, h.floor, h.zone, span(h.toRectify ?? h.openFor),
                        h.toRectify == nil ? "still open" : (h.rectifyWithinTarget == false ? "late" : ""),
                     ] })
        return out
    }

    // MARK: - Pieces

    /// The chart of times to scene: the sparkline, then one bar per bucket, bars scaled to fit `width`.
    public static func chart(_ h: ReportHistogram, target: Span, width: Int = defaultWidth) -> [String] {
        var out = ["Times to scene (dispatches that reached it, from the dispatch; \(h.total) in all)"]
        out.append("  " + h.sparkline + "   " + h.label(of: 0) + " … " + h.label(of: h.counts.count - 1))
        let top = h.counts.max() ?? 0
        let labels = h.counts.indices.map { h.label(of: $0) }
        let labelWidth = labels.map(DisplayCells.width).max() ?? 0
        let markText = "  ┄ target \(target.compact)"
        // Room for the bar: the label, " │", the count and the target mark stay on the line.
        let longest = max(1, min(30, width - 2 - labelWidth - 2 - (String(top).count + 1) - DisplayCells.width(markText)))
        for (i, n) in h.counts.enumerated() {
            let bar = top == 0 ? "" : String(repeating: "█", count: (n * longest + top - 1) / top)
            let mark = h.bucketWidth * Int64(i + 1) == target ? markText : ""
            out.append("  " + DisplayCells.padLeft(labels[i], to: labelWidth) + " │" + bar + (n > 0 ? " \(n)" : "") + mark)
        }
        return out
    }

    static func footnotes(_ report: AfterActionReport) -> [String] {
        let p = report.policy
        return [
            "Notes",
            "¹ A guard's route is the checkpoints of their home tower, to be covered once per patrol round of \(report.patrolRound.compact)."
                + " Rounds are counted from the moment the guard went on duty; a round counts only when it lies wholly inside the"
                + " report and the duty stretch. Missed: route checkpoints not scanned in a round, summed over rounds. A round in"
                + " which the guard held a dispatch is excused. Points: distinct checkpoints scanned.",
            "² Silent: on duty, free of dispatches, and no sign of life for longer than \(p.silentAfter.compact) (the console's rule):"
                + " from going on duty, a scan or the end of a job (cleared, declined, withdrawn, reassigned away), to the next scan,"
                + " a dispatch, going off duty or the report's end. The window's start is no sign of life: a silence that began before"
                + " it is counted from the start, its note saying since when.",
            "³ Sent→scene: from the first guard sent to the first guard on scene, whichever dispatch got there (how long the"
                + " caller waited once someone was sent, a decline and a second dispatch included).",
            "Late: acknowledged after \(p.ackTimeout.compact), or on scene more than \(p.sceneTarget.compact) after the dispatch"
                + " (or still waiting past those limits when the dispatch or the report ended).",
            "Open at the start + reported − closed = open at the end. Medians of an even count are the mean of the two middle values."
                + " A clock still running at the report's end is shown as '\(none)' and read at \(moment(report.end, report));"
                + " drill records are never counted in the live figures.",
        ]
    }

    static func span(_ s: Span?) -> String { s?.compact ?? none }
    static func flag(_ b: Bool?) -> String { b.map { $0 ? "yes" : "NO" } ?? none }
    static func worst(_ s: Span?, _ id: String?) -> String { s.map { "\($0.compact) \(id ?? "")" } ?? none }
    static func lateText(_ d: DispatchReportRow) -> String {
        switch (d.acknowledgedLate, d.arrivedLate) {
        case (true, true): return "ack, scene"
        case (true, false): return "ack"
        case (false, true): return "scene"
        default: return ""
        }
    }
}
