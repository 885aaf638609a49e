import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

/// Report tables and formats are enums the command line checks; every table
/// has a name and a body, and the output follows the format.
@Suite struct ReportOutputTests {
    @Test func `every table name gives its table, and only those names do`() {
        let report = ShiftReport(from: nil, to: nil, policy: .standard, patrolRound: .minutes(60)).report()
        #expect(ReportTable.names == ["dispatches", "hazards", "guards", "silences", "towers", "teams", "categories", "sources", "scene-histogram",
                                      "counts", "open-at-start", "alarms", "repeat-offenders", "programme", "programme-towers", "training", "hour-of-day"])
        for name in ReportTable.Name.allCases {
            let table = report.table(name)
            #expect(table.name == name.rawValue)
            #expect(table.columns.first == "section")
            #expect(report.table(named: name.rawValue)?.columns == table.columns)
        }
        #expect(report.table(named: "volcanoes") == nil)
        #expect(report.tables.map(\.name) == ReportTable.names)
        #expect(ReportFormat(rawValue: "xml") == nil)
        #expect(ReportFormat.allCases.map(\.rawValue) == ["text", "csv", "json", "html"])
    }

    @Test func `the output follows the format; a drill log's text report says so first`() throws {
        let dir = AppFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/drill.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .drill, created: AppFixture.start))
        let store = try FileEventStore(path: path, writable: false)
        let report = ShiftReport(from: nil, to: nil, policy: .standard, patrolRound: .minutes(60)).report()
        func render(_ format: ReportFormat, _ table: ReportTable.Name? = nil) throws -> String {
            ReportOutput.render(report, format: format, table: table, of: store, policy: .standard, patrolRound: .minutes(60))
        }
        #expect(try render(.text).hasPrefix("DRILL LOG: every record here is part of a drill.\n"))
        #expect(try JSONSerialization.jsonObject(with: Data(try render(.json).utf8)) is [String: Any])
        #expect(try render(.csv, .towers).hasPrefix("section,tower,name,"))
        #expect(try render(.csv).contains("# scene-histogram\r\n"))
        #expect(ReportOutput.drillHeading(LogHeader(mode: .live)) == "")
        #expect(ReportOutput.drillHeading(LogHeader(mode: .drill, extra: ["forked-at": "2026-11-29T08:00:00.000Z", "forked-from": "live.twlog"]))
                .hasPrefix("DRILL LOG, forked from live.twlog at 2026-11-29T08:00:00.000Z:"))
    }
}
