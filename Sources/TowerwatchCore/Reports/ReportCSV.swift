/// The report as CSV (RFC 4180): comma-separated, CRLF line ends, a field quoted
/// when it holds a comma, a quote, CR or LF, quotes doubled inside.
///
/// One table gives a plain CSV file: its header row, then one row per item.
/// All tables together are sections, each opened by a line `# NAME` and closed
/// by an empty line, in the order of `ReportTable.names`.
public enum ReportCSV {
    public static func render(_ table: ReportTable) -> String {
        var out = ""
        write(table, to: &out)
        return out
    }

    public static func render(_ report: AfterActionReport) -> String {
        var out = ""
        write(report, to: &out)
        return out
    }

    /// Writes one table to `out`, a row at a time.
    public static func write(_ table: ReportTable, to out: inout some TextOutputStream) {
        out.write(line(table.columns))
        for row in table.rows { out.write(line(row.map { $0.plain(table.local) })) }
    }

    /// Writes every table to `out`, each as a section.
    public static func write(_ report: AfterActionReport, to out: inout some TextOutputStream) {
        for table in report.tables {
            out.write("# \(table.name)\r\n")
            write(table, to: &out)
            out.write("\r\n")
        }
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
