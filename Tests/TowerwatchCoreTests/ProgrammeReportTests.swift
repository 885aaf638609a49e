import Foundation
import Testing
import TowerwatchCore

/// The report's programme section and its hour-of-day table, from the hand-built
/// history of `ProgrammeTests`, read in Shanghai time (UTC+8):
///
///     local 16h  H-1, H-4 fire-safety          → fire 2
///     local 17h  H-2 dispute, H-5 fire-safety  → dispute 1, fire 1
///     local 18h  H-3, H-6 dispute              → dispute 2
///     local 19h  H-7 crime; the drill's H-8    → crime 1 (live); fire 1 (drill)
@Suite("The report's programme section and hour-of-day table")
struct ProgrammeReportTests {
    static let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
    let report: AfterActionReport = {
        var r = ShiftReport.of(ProgrammeHistory.records)
        r.local = ProgrammeReportTests.shanghai
        return r
    }()

    @Test func `hazards by local hour and category`() {
        let t = HourOfDayTable(report.live.hazards, local: Self.shanghai)
        #expect(t.count(hour: 16, .fireSafety) == 2)
        #expect(t.count(hour: 17, .fireSafety) == 1)
        #expect(t.count(hour: 17, .dispute) == 1)
        #expect(t.count(hour: 18, .dispute) == 2)
        #expect(t.count(hour: 19, .crime) == 1)
        #expect(t.total == 7)
        #expect((0..<24).map(t.total(hour:)) == Array(repeating: 0, count: 16) + [2, 2, 2, 1] + [0, 0, 0, 0])
        #expect(t.busiest == 2)
        let utc = HourOfDayTable(report.live.hazards, local: .utc)
        #expect(utc.count(hour: 8, .fireSafety) == 2, "the same hazards at 08h UTC")
        let drill = HourOfDayTable(report.drill.hazards, local: Self.shanghai)
        #expect(drill.count(hour: 19, .fireSafety) == 1 && drill.total == 1)
    }

    @Test func `the heat map: shades of the busiest cell, counts when there is room`() {
        let t = HourOfDayTable(report.live.hazards, local: Self.shanghai)
        #expect(t.shade(0) == "·" && t.shade(1) == "▒" && t.shade(2) == "█")
        let wide = t.heatMap(width: 100)
        #expect(wide[0] == "       fire park disp traf flod alrm susp crim all")
        #expect(wide[1] == "  00h  ··   ··   ··   ··   ··   ··   ··   ··     0")
        #expect(wide[17] == "  16h  ██ 2 ··   ··   ··   ··   ··   ··   ··     2")
        #expect(wide[18] == "  17h  ▒▒ 1 ··   ▒▒ 1 ··   ··   ··   ··   ··     2")
        #expect(wide[25].contains("█ more of the busiest cell (2 hazards)"))
        let narrow = t.heatMap(width: 40)
        #expect(narrow[0] == "       fs pk dp tr fl fa sp cr all")
        #expect(narrow[17] == "  16h  ██ ·· ·· ·· ·· ·· ·· ··   2")
        for (width, lines) in [(100, wide), (40, narrow), (50, t.heatMap(width: 50)), (34, t.heatMap(width: 34))] {
            for line in lines { #expect(DisplayCells.width(line) <= width, "\(width): \(line)") }
        }
        #expect(t.heatMap(width: 33) == ["  (the heat map needs 34 columns; see a wider --width or --format csv)"])
    }

    @Test func `the text report has the programme section, fitting its width`() {
        for width in [60, 80, 100, 140] {
            let text = ReportText.render(report, width: width)
            #expect(text.contains("══ THE PROGRAMME (live records only) ══"))
            #expect(text.contains("When hazards happen"))
            for line in text.split(separator: "\n") { #expect(DisplayCells.width(String(line)) <= width, "\(width): \(line)") }
        }
        let text = ReportText.render(report, width: 120)
        #expect(text.contains("Fire hazards rectified⁴"))
        #expect(text.contains("target 30m00s · before 3d12h"))
        #expect(text.contains("  16h  ██ 2 "))
    }

    @Test func `CSV: the programme, its towers, training and the hour of day`() {
        let figures = ReportCSV.render(report.table(.programme))
        #expect(figures.hasPrefix("section,figure,window,since_start,target\r\n"))
        #expect(figures.contains("live,fire_hazards_rectified,3,3,\r\n"))
        #expect(figures.contains("live,disputes_resolved_on_spot,1,1,\r\n"))
        #expect(figures.contains("live,fire_rectify_median_s,2100,2100,1800\r\n"))
        #expect(figures.contains("live,fire_rectify_baseline_s,302400,302400,\r\n"))
        let towers = ReportCSV.render(report.table(.programmeTowers))
        #expect(towers.contains("live,T03,金融大厦,0,true,0,0,12\r\n"))
        #expect(towers.contains("live,T01,中福广场,2,false,2,2,12\r\n"))
        let hours = ReportCSV.render(report.table(.hourOfDay))
        #expect(hours.hasPrefix("section,hour,fire_safety,parking,dispute,traffic,flood,fire_alarm,suspicious_person,crime,total\r\n"))
        #expect(hours.contains("live,16,2,0,0,0,0,0,0,0,2\r\n"))
        #expect(hours.contains("drill,19,1,0,0,0,0,0,0,0,1\r\n"))
        #expect(ReportCSV.render(report.table(.training)).contains("live,first-aid,2,true\r\n"))
    }

    @Test func `JSON: programme figures, towers, training and the hour of day per section`() throws {
        let json = try #require(JSONSerialization.jsonObject(with: Data(ReportJSON.render(report).utf8)) as? [String: Any])
        let programme = try #require(json["programme"] as? [String: Any])
        let figures = try #require(programme["figures"] as? [[String: Any]])
        #expect(figures.first { $0["figure"] as? String == "escalated_to_police" }?["window"] as? Int == 2)
        let towers = try #require(programme["towers"] as? [[String: Any]])
        #expect(towers.map { $0["drillsInWindow"] as? Int } == [2, 1, 0])
        let hours = try #require(json["hourOfDay"] as? [String: Any])
        let live = try #require(hours["live"] as? [[String: Any]])
        #expect(live.count == 24)
        #expect(live[18]["dispute"] as? Int == 2)
        #expect((hours["drill"] as? [[String: Any]])?[19]["fireSafety"] as? Int == 1)
    }

    @Test func `HTML: the programme section and the heat map, coloured by the same shades`() {
        let html = ReportHTML.render(report)
        #expect(html.contains("<section id=\"programme\" class=\"programme\">"))
        #expect(html.contains("<td>Fire hazards rectified⁴</td><td class=\"n\">3</td><td class=\"n\">3</td>"))
        #expect(html.contains("<section id=\"hour-of-day\" class=\"hours\">"))
        // 16h: fire safety 2 (the busiest, darkest), parking none.
        #expect(html.contains("<td class=\"id\">16h</td><td class=\"n\" style=\"background-color:#d9531e\">2</td>"
                              + "<td class=\"n\" style=\"background-color:#ffffff\"></td>"))
    }
}
