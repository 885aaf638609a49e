/// The HTML report's programme section and its hour-of-day heat map: the same
/// figures and table as the text report (`ProgrammeReportText`, `HourOfDayTable`).
extension ReportHTML {
    /// Cell colours for the heat map, lightest first (none, then up to ¼, ½, ¾ of the busiest cell, more).
    static let heatColours = ["#ffffff", "#fde8d7", "#fbc49b", "#f59352", "#d9531e"]

    static func programme(_ report: AfterActionReport, to out: inout some TextOutputStream) {
        let w = report.programme, local = report.local
        let live = ReportSection(drill: false)
        out.write(open("programme", "programme", live, "The programme"))
        out.write("<p class=\"small\">" + e("Live records only: over the window, beside the figures since the district's start; "
                                            + "standing figures read at " + local.dateTime(w.at) + ".") + "</p>\n")
        out.write(table([("Figure", false), ("Window", true), ("Since start", true), ("Against", false)],
                        ProgrammeReportText.figureRows(report).map { r in [td(r[0]), "<td class=\"n\">" + e(r[1]) + "</td>",
                                                                            "<td class=\"n\">" + e(r[2]) + "</td>", td(r[3])] }))
        out.write(table([("Tower", false), ("Name", false), ("Days without a criminal case", true), ("Drills this year", true),
                         ("Drills in window", true)],
                        w.towers.map { t in [fixed(t.id.raw), fixed(t.name), num(t.daysWithoutCriminalCase),
                                             "<td class=\"n\">\(t.drills(inYearOf: w.at, local)) / \(ProgrammeFigures.drillsPerYear)</td>",
                                             num(t.drillsHeld)] }))
        out.write(table([("Training category", false), ("Guards trained", true)], w.training.map { [td($0.category), num($0.guards)] }))
        out.write("</section>\n")

        let hours = HourOfDayTable(report.live.hazards, local: local)
        out.write(open("hour-of-day", "hours", live, "When hazards happen"))
        out.write("<p class=\"small\">" + e("Live hazards reported in the window, by local hour (\(local.zone.identifier)) and category; "
                                            + "the darker the cell, the nearer the busiest (\(hours.busiest)).") + "</p>\n")
        let categories = HazardCategory.allCases
        out.write(table([("Hour", false)] + categories.map { ($0.label, true) } + [("All", true)], (0..<24).map { hour in
            [fixed((hour < 10 ? "0" : "") + "\(hour)h")] + categories.map { c in
                let n = hours.count(hour: hour, c)
                let level = HourOfDayTable.shades.firstIndex(of: hours.shade(n)) ?? 0
                return "<td class=\"n\" style=\"background-color:\(heatColours[level])\">" + (n > 0 ? "\(n)" : "") + "</td>"
            } + [num(hours.total(hour: hour))]
        }))
        out.write("</section>\n")
    }
}
