/// The report as one JSON object.
///
/// Keys:
/// - `from`, `to`, `start`, `end`: times in the log's form, or null (see `AfterActionReport`);
/// - `policy`: `ackTimeoutSeconds`, `sceneTargetSeconds`, `rectifyTargetSeconds`,
///   `silentAfterSeconds`, `patrolRoundSeconds`;
/// - `skippedRecords`: records that could not be folded;
/// - `live` and `drill`: one object each, with an array per table (`dispatches`,
///   `hazards`, `guards`, `silences`, `towers`, `teams`), whose objects carry the
///   CSV columns in camelCase, `_s` becoming `Seconds` (`to_scene_s` →
///   `toSceneSeconds`) and without the `section` column; `byCategory` and
///   `bySource` (objects from the vocabulary's name to a count);
///   `sceneHistogram` (`bucketSeconds`, `counts`, `labels`, `sparkline`);
///   `worstScene` (dispatch ids) and `worstRectify` (hazard ids), worst first.
public enum ReportJSON {
    public static func render(_ report: AfterActionReport) -> String {
        var out = "{"
        out += "\"from\":" + time(report.from) + ",\"to\":" + time(report.to)
        out += ",\"start\":" + time(report.start) + ",\"end\":" + time(report.end)
        let p = report.policy
        out += ",\"policy\":{\"ackTimeoutSeconds\":" + ReportCell.secondsText(p.ackTimeout)
        out += ",\"sceneTargetSeconds\":" + ReportCell.secondsText(p.sceneTarget)
        out += ",\"rectifyTargetSeconds\":" + ReportCell.secondsText(p.rectifyTarget)
        out += ",\"silentAfterSeconds\":" + ReportCell.secondsText(p.silentAfter)
        out += ",\"patrolRoundSeconds\":" + ReportCell.secondsText(report.patrolRound) + "}"
        out += ",\"skippedRecords\":\(report.skippedRecords)"
        for s in [report.live, report.drill] {
            out += ",\"" + (s.drill ? "drill" : "live") + "\":" + section(s, of: report)
        }
        return out + "}"
    }

    static func section(_ s: ReportSection, of report: AfterActionReport) -> String {
        var only = report
        only.live = s.drill ? ReportSection(drill: false) : s
        only.drill = s.drill ? s : ReportSection(drill: true)
        var parts: [String] = []
        for name in [ReportTable.Name.dispatches, .hazards, .guards, .silences, .towers, .teams] {
            let table = only.table(name)
            let keys = table.columns.dropFirst().map(camel)
            let rows = table.rows.map { row in
                "{" + zip(keys, row.dropFirst()).map { quote($0) + ":" + value($1) }.joined(separator: ",") + "}"
            }
            parts.append(quote(name.rawValue) + ":[" + rows.joined(separator: ",") + "]")
        }
        parts.append("\"byCategory\":{" + s.byCategory.map { quote($0.category.rawValue) + ":\($0.count)" }.joined(separator: ",") + "}")
        parts.append("\"bySource\":{" + s.bySource.map { quote($0.source.rawValue) + ":\($0.count)" }.joined(separator: ",") + "}")
        let h = s.sceneHistogram
        parts.append("\"sceneHistogram\":{\"bucketSeconds\":" + ReportCell.secondsText(h.bucketWidth)
            + ",\"counts\":[" + h.counts.map(String.init).joined(separator: ",") + "]"
            + ",\"labels\":[" + h.counts.indices.map { quote(h.label(of: $0)) }.joined(separator: ",") + "]"
            + ",\"sparkline\":" + quote(h.sparkline) + "}")
        parts.append("\"worstScene\":[" + s.worstScene.map { quote($0.id.raw) }.joined(separator: ",") + "]")
        parts.append("\"worstRectify\":[" + s.worstRectify.map { quote($0.id.raw) }.joined(separator: ",") + "]")
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// `to_scene_s` → `toSceneSeconds`, `assigned_at` → `assignedAt`.
    public static func camel(_ snake: String) -> String {
        var words = snake.split(separator: "_").map(String.init)
        if words.last == "s" { words[words.count - 1] = "seconds" }
        return words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    static func value(_ cell: ReportCell) -> String {
        switch cell {
        case .text(let s): return quote(s)
        case .int(let n): return String(n)
        case .seconds(let s): return s.map(ReportCell.secondsText) ?? "null"
        case .time(let t): return time(t)
        case .flag(let b): return b.map { $0 ? "true" : "false" } ?? "null"
        case .optionalText(let s): return s.map(quote) ?? "null"
        }
    }

    static func time(_ t: Timestamp?) -> String { t.map { quote($0.iso8601) } ?? "null" }

    /// A JSON string literal (see `JSONString`).
    public static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
