/// The report as CSV (RFC 4180): comma-separated, CRLF line ends, a field quoted
/// when it holds a comma, a quote, CR or LF, quotes doubled inside.
///
/// One table gives a plain CSV file: its header row, then one row per item.
/// All tables together are sections, each opened by a line `# NAME` and closed
/// by an empty line, in the order of `ReportTable.names`.
public enum ReportCSV {
    public static func render(_ table: ReportTable) -> String {
        var out = line(table.columns)
        for row in table.rows { out += line(row.map(\.plain)) }
        return out
    }

    public static func render(_ report: AfterActionReport) -> String {
        report.tables.map { "# \($0.name)\r\n" + render($0) + "\r\n" }.joined()
    }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }

    /// A field, quoted when RFC 4180 asks for it.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return field }
        var out = "\""
        for c in field { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }
}
