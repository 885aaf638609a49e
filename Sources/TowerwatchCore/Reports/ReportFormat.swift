/// The forms an after-action report is written in (`towerwatch report --format`).
public enum ReportFormat: String, CaseIterable, Sendable, Hashable {
    /// Aligned tables, a chart of times to scene, the worst cases, footnotes (`ReportText`).
    case text
    /// RFC 4180, one table or every table as sections (`ReportCSV`).
    case csv
    /// One JSON object (`ReportJSON`).
    case json
    /// One self-contained page: inline SVG and CSS, no script, prints on A4 (`ReportHTML`).
    case html
}
