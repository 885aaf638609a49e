/// The programme's tables for CSV and JSON (the text report has them in
/// `ProgrammeReportText`):
///
/// - `programme`: one row a figure: `figure`, `window` (over the report's
///   window), `since_start` (since the district's start), `target`. Figures:
///   `fire_hazards_rectified`, `disputes_closed`, `disputes_resolved_on_spot`,
///   `escalated_to_police`, `drills_held`, `fire_rectify_median_s` (target: the
///   rectify target), `fire_rectify_baseline_s` (the baseline an officer recorded),
///   `towers_at_drill_target` (target: the towers), `training_categories_trained`
///   (target: 12), `guards_enrolled`.
/// - `programme-towers`: `tower`, `name`, `days_without_criminal_case`,
///   `had_criminal_case`, `drills_in_window`, `drills_this_year` (the local year of
///   the report's end), `drills_target` (12).
/// - `training`: `category`, `guards`, `programme_category` (one of the 12).
/// - `hour-of-day`: per section, `hour` (0–23, local in the district's zone), a
///   column per category (`fire_safety`…), `total`: hazards reported in the window.
///
/// The programme counts only live records: their `section` is always `live`.
/// See `ProgrammeFigures` for the definitions.
extension AfterActionReport {
    func programmeTable(_ table: ReportTable.Name) -> ReportTable {
        let name = table.rawValue
        let w = programme, all = programmeSinceStart, local = self.local
        let liveTag = ReportCell.text("live")
        switch table {
        case .programme:
            func row(_ figure: String, _ window: ReportCell, _ since: ReportCell, _ target: ReportCell = .optionalText(nil)) -> [ReportCell] {
                [liveTag, .text(figure), window, since, target]
            }
            return ReportTable(name: name, columns: ["section", "figure", "window", "since_start", "target"], rows: [
                row("fire_hazards_rectified", .int(w.fireHazardsRectified), .int(all.fireHazardsRectified)),
                row("disputes_closed", .int(w.disputesClosed), .int(all.disputesClosed)),
                row("disputes_resolved_on_spot", .int(w.disputesResolvedOnSpot), .int(all.disputesResolvedOnSpot)),
                row("escalated_to_police", .int(w.escalatedToPolice), .int(all.escalatedToPolice)),
                row("drills_held", .int(w.drillsHeld), .int(all.drillsHeld)),
                row("fire_rectify_median_s", .seconds(w.fireRectifyMedian), .seconds(all.fireRectifyMedian), .seconds(w.rectifyTarget)),
                row("fire_rectify_baseline_s", .seconds(w.fireBaseline), .seconds(all.fireBaseline)),
                row("towers_at_drill_target", .optionalText(nil), .int(w.towersAtDrillTarget(local)), .int(w.towers.count)),
                row("training_categories_trained", .optionalText(nil), .int(w.categoriesTrained), .int(TrainingCategories.all.count)),
                row("guards_enrolled", .optionalText(nil), .int(w.guardsEnrolled)),
            ])
        case .programmeTowers:
            return ReportTable(name: name, columns: ["section", "tower", "name", "days_without_criminal_case", "had_criminal_case",
                                                     "drills_in_window", "drills_this_year", "drills_target"],
                               rows: w.towers.map { t in [
                                   liveTag, .text(t.id.raw), .text(t.name), .int(t.daysWithoutCriminalCase), .flag(t.hadCriminalCase),
                                   .int(t.drillsHeld), .int(t.drills(inYearOf: w.at, local)), .int(ProgrammeFigures.drillsPerYear),
                               ] })
        case .training:
            return ReportTable(name: name, columns: ["section", "category", "guards", "programme_category"],
                               rows: w.training.map { [liveTag, .text($0.category), .int($0.guards), .flag($0.isProgrammeCategory)] })
        case .hourOfDay:
            let categories = HazardCategory.allCases
            let columns = ["section", "hour"] + categories.map { String($0.rawValue.map { $0 == "-" ? "_" : $0 }) } + ["total"]
            let rows = [self.live, self.drill].flatMap { s -> [[ReportCell]] in
                let t = HourOfDayTable(s.hazards, local: local)
                return (0..<24).map { hour in
                    [.text(s.drill ? "drill" : "live"), .int(hour)] + categories.map { .int(t.count(hour: hour, $0)) } + [.int(t.total(hour: hour))]
                }
            }
            return ReportTable(name: name, columns: columns, rows: rows)
        case .dispatches, .hazards, .guards, .silences, .towers, .teams, .categories, .sources, .sceneHistogram, .counts,
             .openAtStart, .alarms, .repeatOffenders:
            preconditionFailure("\(name) is not a programme table")
        }
    }
}

extension ReportJSON {
    /// The programme's keys of the JSON report: `programme` holds `figures`
    /// (the `programme` table's rows: `figure`, `window`, `sinceStart`, `target`),
    /// `towers` and `training` (the `programme-towers` and `training` tables);
    /// `hourOfDay` holds `live` and `drill`, 24 objects each (`hour`, a key per
    /// category in camelCase, `total`).
    static func programme(_ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write(",\"programme\":{\"figures\":")
        objects(report.table(.programme), to: &out)
        out.write(",\"towers\":")
        objects(report.table(.programmeTowers), to: &out)
        out.write(",\"training\":")
        objects(report.table(.training), to: &out)
        out.write("},\"hourOfDay\":{")
        let hours = report.table(.hourOfDay)
        for (n, section) in ["live", "drill"].enumerated() {
            out.write((n == 0 ? "" : ",") + quote(section) + ":")
            objects(hours, where: { $0.first == .text(section) }, to: &out)
        }
        out.write("}")
    }
}
