import TowerwatchText
/// The report as one JSON object.
///
/// Keys:
/// - `from`, `to`, `start`, `end`: moments in the district's local time with the
///   zone's offset (`2026-11-29T16:15:00.250+08:00`), as every time in the tables,
///   or null (see `AfterActionReport`);
/// - `policy`: `ackTimeoutSeconds`, `sceneTargetSeconds`, `rectifyTargetSeconds`,
///   `silentAfterSeconds`, `patrolRoundSeconds`;
/// - `skippedRecords`: records that could not be folded;
/// - `live` and `drill`: one object each, with an array per table (`dispatches`,
///   `hazards`, `guards`, `silences`, `towers`, `teams`, `openAtStart`, `alarms`, `repeatOffenders`), whose objects carry the
///   CSV columns in camelCase, `_s` becoming `Seconds` (`to_scene_s` →
///   `toSceneSeconds`) and without the `section` column; `byCategory` and
///   `bySource` (objects from the vocabulary's name to a count);
///   `sceneHistogram` (`bucketSeconds`, `counts`, `labels`, `sparkline`);
///   `worstScene` (dispatch ids) and `worstRectify` (hazard ids), worst first;
///   `counts`: the window's totals (`hazardsOpenAtStart`, `hazardsReported`,
///   `hazardsClosed`, `hazardsOpenAtEnd`, the same for dispatches, `alarms` and
///   by kind, `silentPeriods`, `silentPeriodsClipped`, `scans`);
/// - `programme` and `hourOfDay`: see `ReportJSON.programme`.
public enum ReportJSON {
    public static func render(_ report: AfterActionReport) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Writes the report to `out` piece by piece: a year's rows are never one string.
    public static func write(_ report: AfterActionReport, to out: inout some TextOutputStream) {
        out.write("{")
        let local = report.local
        out.write("\"from\":" + time(report.from, local) + ",\"to\":" + time(report.to, local))
        out.write(",\"start\":" + time(report.start, local) + ",\"end\":" + time(report.end, local))
        let p = report.policy
        out.write(",\"policy\":{\"ackTimeoutSeconds\":" + ReportCell.secondsText(p.ackTimeout))
        out.write(",\"sceneTargetSeconds\":" + ReportCell.secondsText(p.sceneTarget))
        out.write(",\"rectifyTargetSeconds\":" + ReportCell.secondsText(p.rectifyTarget))
        out.write(",\"silentAfterSeconds\":" + ReportCell.secondsText(p.silentAfter))
        out.write(",\"patrolRoundSeconds\":" + ReportCell.secondsText(report.patrolRound) + "}")
        out.write(",\"skippedRecords\":\(report.skippedRecords)")
        for s in [report.live, report.drill] {
            out.write(",\"" + (s.drill ? "drill" : "live") + "\":")
            section(s, of: report, to: &out)
        }
        programme(report, to: &out)
        out.write("}")
    }

    static func section(_ s: ReportSection, of report: AfterActionReport, to out: inout some TextOutputStream) {
        var only = report
        only.live = s.drill ? ReportSection(drill: false) : s
        only.drill = s.drill ? s : ReportSection(drill: true)
        out.write("{")
        let tables: [ReportTable.Name] = [.dispatches, .hazards, .guards, .silences, .towers, .teams, .openAtStart, .alarms, .repeatOffenders]
        for (n, name) in tables.enumerated() {
            let table = only.table(name)
            out.write((n == 0 ? "" : ",") + quote(camel(name.rawValue)) + ":")
            objects(table, to: &out)
        }
        var parts: [String] = [""]
        parts.append("\"counts\":{" + s.counts.map { quote(camel($0.figure)) + ":\($0.count)" }.joined(separator: ",") + "}")
        parts.append("\"byCategory\":{" + s.byCategory.map { quote($0.category.rawValue) + ":\($0.count)" }.joined(separator: ",") + "}")
        parts.append("\"bySource\":{" + s.bySource.map { quote($0.source.rawValue) + ":\($0.count)" }.joined(separator: ",") + "}")
        let h = s.sceneHistogram
        parts.append("\"sceneHistogram\":{\"bucketSeconds\":" + ReportCell.secondsText(h.bucketWidth)
            + ",\"counts\":[" + h.counts.map(String.init).joined(separator: ",") + "]"
            + ",\"labels\":[" + h.counts.indices.map { quote(h.label(of: $0)) }.joined(separator: ",") + "]"
            + ",\"sparkline\":" + quote(h.sparkline) + "}")
        parts.append("\"worstScene\":[" + s.worstScene.map { quote($0.id.raw) }.joined(separator: ",") + "]")
        parts.append("\"worstRectify\":[" + s.worstRectify.map { quote($0.id.raw) }.joined(separator: ",") + "]")
        out.write(parts.joined(separator: ",") + "}")
    }

    /// A table as an array of objects, one a row: its columns after `section`, in camelCase.
    /// `keep` picks the rows (all by default).
    static func objects(_ table: ReportTable, where keep: ([ReportCell]) -> Bool = { _ in true }, to out: inout some TextOutputStream) {
        let keys = table.columns.dropFirst().map { quote(camel($0)) + ":" }
        out.write("[")
        var first = true
        for row in table.rows where keep(row) {
            var line = first ? "{" : ",{"
            first = false
            for (k, (key, cell)) in zip(keys, row.dropFirst()).enumerated() {
                if k > 0 { line += "," }
                line += key
                line += value(cell, table.local)
            }
            out.write(line + "}")
        }
        out.write("]")
    }

    /// `to_scene_s` → `toSceneSeconds`, `assigned_at` → `assignedAt`, `open-at-start` → `openAtStart`.
    public static func camel(_ snake: String) -> String {
        var words = snake.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
        if words.last == "s" { words[words.count - 1] = "seconds" }
        return words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    static func value(_ cell: ReportCell, _ local: LocalTimeText) -> String {
        switch cell {
        case .text(let s): return quote(s)
        case .int(let n): return String(n)
        case .seconds(let s): return s.map(ReportCell.secondsText) ?? "null"
        case .time(let t): return time(t, local)
        case .flag(let b): return b.map { $0 ? "true" : "false" } ?? "null"
        case .optionalText(let s): return s.map(quote) ?? "null"
        }
    }

    /// A moment, local with its offset, as a JSON string; null for none.
    static func time(_ t: Timestamp?, _ local: LocalTimeText) -> String { t.map { quote(local.iso8601($0)) } ?? "null" }

    /// A JSON string literal (see `JSONString`).
    public static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
