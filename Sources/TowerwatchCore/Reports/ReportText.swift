/// The report as text for a terminal or a printout: aligned tables (measured in
/// display cells, so 中福广场 takes eight), a chart of times to scene, the worst
/// ten cases, and footnotes that define every figure.
public enum ReportText {
    /// `-` for a clock that never stopped or a value that does not apply.
    static let none = "-"

    public static func render(_ report: AfterActionReport) -> String {
        var out: [String] = []
        out.append("AFTER-ACTION REPORT")
        let start = report.start.map(report.local.dateTime) ?? none, end = report.end.map(report.local.dateTime) ?? none
        out.append("Window   \(start) → \(end)" + (report.to == nil ? "  (to the end of the log)" : ""))
        out.append("Times    local, \(report.local.zone.identifier)" + (report.start.map { " (\(report.local.zoneLabel($0)))" } ?? ""))
        let p = report.policy
        out.append("Targets  acknowledge \(p.ackTimeout.compact) · on scene \(p.sceneTarget.compact) · rectify \(p.rectifyTarget.compact)"
            + " · silent after \(p.silentAfter.compact) · patrol round \(report.patrolRound.compact)")
        if report.skippedRecords > 0 { out.append("Skipped  \(report.skippedRecords) records that could not be folded") }
        out.append("")
        out += section(report.live, report)
        out.append("")
        out += section(report.drill, report)
        out.append("")
        out += footnotes(report)
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - One section

    static func section(_ s: ReportSection, _ report: AfterActionReport) -> [String] {
        let title = s.drill ? "══ DRILL (drill records only; never counted in the live figures) ══" : "══ LIVE ══"
        guard !s.isEmpty else { return [title, "No \(s.drill ? "drill" : "live") records in this window."] }
        var out = [title]
        let rectified = s.hazards.count { $0.toRectify != nil }
        out.append("Hazards: \(s.hazards.count) reported · \(rectified) rectified · \(s.hazards.count - rectified) open at the end")
        out.append("  by category: " + (s.byCategory.isEmpty ? none : s.byCategory.map { "\($0.category.label) \($0.count)" }.joined(separator: " · ")))
        out.append("  by source:   " + (s.bySource.isEmpty ? none : s.bySource.map { "\($0.source.label) \($0.count)" }.joined(separator: " · ")))
        let late = s.dispatches.count { $0.late }
        out.append("Dispatches: \(s.dispatches.count) sent · \(late) answered late")

        out.append("")
        out.append("Dispatches (times from the dispatch; ≤5m: on scene within the scene target)")
        out += table(["Dispatch", "Hazard", "Guard", "Name", "Tower", "Floor", "Zone", "What", "Ack", "Scene", "≤\(report.policy.sceneTarget.compact)", "Clear", "Outcome", "Late"],
                     right: [8, 9, 11],
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

        out.append("")
        out.append("Hazards (times from the report)")
        out += table(["Hazard", "What", "Source", "Tower", "Floor", "Zone", "Reported", "On scene", "≤\(report.policy.sceneTarget.compact)",
                      "Rectified", "≤\(report.policy.rectifyTarget.compact)", "Open for"],
                     right: [7, 9, 11],
                     s.hazards.map { h in [
                        h.id.raw, h.category.label, h.source.label, h.towerName, h.floor, h.zone, moment(h.reportedAt, report),
                        span(h.toFirstScene), flag(h.sceneWithinTarget), span(h.toRectify), flag(h.rectifyWithinTarget), span(h.openFor),
                     ] })

        out.append("")
        out.append("Guards (route: the home tower's checkpoints, once per patrol round¹)")
        out += table(["Guard", "Name", "Team", "Scans", "Points", "Route", "Rounds", "Excused", "Missed", "Silent", "Longest", "Dispatches", "Late"],
                     right: Array(3...12),
                     s.guards.map { g in [
                        g.id.raw, g.name, g.teamName, "\(g.scans)", "\(g.checkpointsScanned)", "\(g.routeLength)", "\(g.rounds)",
                        "\(g.roundsExcused)", "\(g.checkpointsMissed)", "\(g.silentPeriods.count)", span(g.longestSilence),
                        "\(g.dispatches)", "\(g.lateDispatches)",
                     ] })
        if !s.silentPeriods.isEmpty {
            out.append("")
            out.append("Silent periods² (longer than \(report.policy.silentAfter.compact))")
            out += table(["Guard", "From", "To", "Length", "Ended by"], right: [3],
                         s.silentPeriods.map { [$0.guardID.raw, moment($0.from, report), moment($0.to, report), $0.length.compact, $0.endedBy.rawValue] })
        }

        out.append("")
        out.append("Towers (from each hazard's report; median / worst of stopped clocks)")
        out += table(["Tower", "Name", "Hazards", "Rectified", "Dispatches", "Late", "Scene med", "Scene worst", "Over", "Rectify med", "Rectify worst", "Over"],
                     right: Array(2...11),
                     s.towers.map { t in [
                        t.id.raw, t.name, "\(t.hazards)", "\(t.rectified)", "\(t.dispatches)", "\(t.lateDispatches)",
                        span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstHazard?.raw), "\(t.sceneMissed)",
                        span(t.rectifyMedian), worst(t.rectifyWorst, t.rectifyWorstHazard?.raw), "\(t.rectifyMissed)",
                     ] })

        out.append("")
        out.append("Teams (from each dispatch; median / worst of stopped clocks)")
        out += table(["Team", "Name", "Guards", "Dispatches", "Late", "Ack med", "Ack worst", "Scene med", "Scene worst", "Scans", "Missed", "Silent"],
                     right: Array(2...11),
                     s.teams.map { t in [
                        t.id.raw, t.name, "\(t.guards)", "\(t.dispatches)", "\(t.lateDispatches)", span(t.ackMedian), span(t.ackWorst),
                        span(t.sceneMedian), worst(t.sceneWorst, t.sceneWorstDispatch?.raw), "\(t.scans)", "\(t.checkpointsMissed)",
                        "\(t.silentPeriods)",
                     ] })

        out.append("")
        out += chart(s.sceneHistogram, target: report.policy.sceneTarget)

        out.append("")
        out.append("Worst ten times to scene (from the dispatch)")
        out += table(["#", "Dispatch", "Guard", "Name", "Tower", "Floor", "What", "To scene", "Note"], right: [0, 7],
                     s.worstScene.enumerated().map { i, d in [
                        "\(i + 1)", d.id.raw, d.guardID.raw, d.guardName, d.towerName, d.floor, d.category.label,
                        span(d.toScene ?? d.waited), d.toScene == nil ? "never on scene (\(d.outcome.label))" : (d.arrivedLate ? "late" : ""),
                     ] })
        out.append("")
        out.append("Worst ten times to rectify (from the report)")
        out += table(["#", "Hazard", "What", "Tower", "Floor", "Zone", "To rectify", "Note"], right: [0, 6],
                     s.worstRectify.enumerated().map { i, h in [
                        "\(i + 1)", h.id.raw, h.category.label, h.towerName, h.floor, h.zone, span(h.toRectify ?? h.openFor),
                        h.toRectify == nil ? "still open" : (h.rectifyWithinTarget == false ? "late" : ""),
                     ] })
        return out
    }

    // MARK: - Pieces

    /// The chart of times to scene: the sparkline, then one bar per bucket.
    public static func chart(_ h: ReportHistogram, target: Span) -> [String] {
        var out = ["Times to scene (dispatches that reached it, from the dispatch; \(h.total) in all)"]
        out.append("  " + h.sparkline + "   " + h.label(of: 0) + " … " + h.label(of: h.counts.count - 1))
        let top = h.counts.max() ?? 0
        let labels = h.counts.indices.map { h.label(of: $0) }
        let labelWidth = labels.map(DisplayCells.width).max() ?? 0
        for (i, n) in h.counts.enumerated() {
            let bar = top == 0 ? "" : String(repeating: "█", count: (n * 30 + top - 1) / top)
            let mark = h.bucketWidth * Int64(i + 1) == target ? "  ┄ target \(target.compact)" : ""
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
            "² Silent: on duty, free of dispatches, and no sign of life for longer than \(p.silentAfter.compact): from going on duty,"
                + " a scan, the end of a dispatch or the report's start, to the next scan, a dispatch, going off duty or the report's end.",
            "Late: acknowledged after \(p.ackTimeout.compact), or on scene more than \(p.sceneTarget.compact) after the dispatch"
                + " (or still waiting past those limits when the dispatch or the report ended).",
            "Medians of an even count are the mean of the two middle values. A clock still running at the report's end is shown"
                + " as '\(none)' and read at \(report.end.map(report.local.dateTime) ?? none); drill records are never counted in the live figures.",
        ]
    }

    /// An aligned table: columns padded to their widest cell in display cells, two spaces apart.
    public static func table(_ header: [String], right: [Int] = [], _ rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["  (none)"] }
        var widths = header.map(DisplayCells.width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayCells.width(cell)) } }
        let rightSet = Set(right)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                if rightSet.contains(i) { parts.append(DisplayCells.padLeft(cell, to: widths[i])) }
                else { parts.append(last ? cell : DisplayCells.padRight(cell, to: widths[i])) }
            }
            var text = "  " + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), "  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line)
    }

    static func span(_ s: Span?) -> String { s?.compact ?? none }
    /// A row's time in the district's zone: the time of day, with its date when the
    /// window runs over more than one local day (`11-29 23:58:10`).
    static func moment(_ t: Timestamp, _ report: AfterActionReport) -> String {
        guard let start = report.start, let end = report.end, !report.local.sameDay(start, end) else { return report.local.clock(t) }
        return report.local.clock(t, sameDayAs: t + .days(1))
    }
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
