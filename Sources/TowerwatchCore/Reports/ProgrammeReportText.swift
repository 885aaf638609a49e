/// The text report's programme section and its hour-of-day heat map: the
/// figures the district reports on itself (see `ProgrammeFigures` for every
/// definition), over the window beside those since the district's start.
enum ProgrammeReportText {
    typealias Column = ReportLayout.Column

    static func lines(_ report: AfterActionReport, width: Int) -> [String] {
        let w = report.programme, all = report.programmeSinceStart
        let local = report.local
        func date(_ t: Timestamp?) -> String { t.map(local.date) ?? ReportText.none }
        var out = ["══ THE PROGRAMME (live records only) ══"]
        out.append("Since the district's start \(date(all.start)); the window from \(date(w.start)); standing figures read at "
                   + ReportText.moment(w.at, report))
        out += ReportLayout.table(
            [Column("Figure"), Column("Window", right: true), Column("Since start", right: true), Column("Against", shortens: true)],
            figureRows(report), width: width)
        out.append("")
        out.append("Towers (days without a criminal case⁶; drills in the local year of \(local.fields(w.at).year), against \(ProgrammeFigures.drillsPerYear))")
        out += ReportLayout.table(
            [Column("Tower"), Column("Name", drop: 2, shortens: true), Column("Days without a criminal case", right: true),
             Column("Drills this year", right: true), Column("Drills in window", right: true, drop: 1)],
            w.towers.map { t in [
                t.id.raw, t.name, "\(t.daysWithoutCriminalCase)" + (t.hadCriminalCase ? "" : " (none yet)"),
                "\(t.drills(inYearOf: w.at, local)) / \(ProgrammeFigures.drillsPerYear)", "\(t.drillsHeld)",
            ] }, width: width)
        out.append("")
        out.append("Guards trained, by category (from enrolment; \(w.guardsEnrolled) guards)")
        let others = w.training.contains { !$0.isProgrammeCategory }
        out += ReportLayout.table([Column("Category", shortens: true), Column("Guards", right: true)] + (others ? [Column("Note", drop: 1)] : []),
                                  w.training.map { [$0.category, "\($0.guards)"] + (others ? [$0.isProgrammeCategory ? "" : "not one of the 12"] : []) },
                                  width: width)
        out.append("")
        out.append("When hazards happen (live hazards reported in the window, by local hour, \(local.zone.identifier))")
        out += HourOfDayTable(report.live.hazards, local: local).heatMap(width: width)
        out.append("")
        out += [
            "Programme notes",
            "⁴ Rectified: a live fire-safety hazard closed; its time to rectify runs from the report to the close (a median read"
                + " to the minute under two days, to the hour beyond). Fire alarms are answered, not rectified, and are not counted.",
            "⁵ Resolved on the spot: a dispute closed without any escalation, after a guard sent to it reached the scene and"
                + " cleared the dispatch. Escalated to police: a hazard's first escalation to the police, counted once.",
            "⁶ A criminal case is a live hazard reported in the crime category; the days count from a tower's last one, or from"
                + " when the tower joined the log. A drill held is a live drill-held record: a drill's own records never count.",
        ]
        return out
    }

    /// The headline figures as rows (figure, window, since start, against), for the text and HTML reports.
    static func figureRows(_ report: AfterActionReport) -> [[String]] {
        let w = report.programme, all = report.programmeSinceStart
        let local = report.local
        func median(_ f: ProgrammeFigures) -> String { f.fireRectifyMedian?.compact ?? ReportText.none }
        let baseline = w.fireBaseline.map { "before \($0.compact)" } ?? "before: not recorded"
        let yearDrills = { (f: ProgrammeFigures) in f.towers.reduce(0) { $0 + $1.drills(inYearOf: f.at, local) } }
        return [
            ["Fire hazards rectified⁴", "\(w.fireHazardsRectified)", "\(all.fireHazardsRectified)", ""],
            ["Disputes resolved on the spot⁵", "\(w.disputesResolvedOnSpot) of \(w.disputesClosed)",
             "\(all.disputesResolvedOnSpot) of \(all.disputesClosed)", "disputes closed"],
            ["Hazards escalated to police", "\(w.escalatedToPolice)", "\(all.escalatedToPolice)", ""],
            ["Median time to rectify a fire hazard", median(w), median(all), "target \(w.rectifyTarget.compact) · \(baseline)"],
            ["Drills held", "\(w.drillsHeld)", "\(all.drillsHeld)",
             "\(yearDrills(w)) this year · \(ProgrammeFigures.drillsPerYear) a tower a year"],
            ["Towers at 12 drills this year", "", "\(w.towersAtDrillTarget(local)) of \(w.towers.count)", ""],
            ["Training categories with a guard trained", "", "\(w.categoriesTrained) of \(TrainingCategories.all.count)",
             "\(w.guardsEnrolled) guards enrolled"],
        ]
    }
}
