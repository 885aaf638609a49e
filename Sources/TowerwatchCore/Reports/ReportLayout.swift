import TowerwatchText

/// Fitting the text report to a width in terminal cells: tables that leave out
/// low-priority columns (and say so), then shorten long names, then wrap into
/// blocks of columns;
/// prose wrapped at spaces. Every width is a display width (中福广场 takes eight).
public enum ReportLayout {
    /// One column of a text table.
    public struct Column: Sendable {
        public var title: String
        /// Right-aligned (numbers, durations).
        public var right: Bool
        /// 0: always shown; higher: left out sooner when the table does not fit.
        public var drop: Int
        /// Names and places, which may be shortened with `…` rather than leaving the table.
        public var shortens: Bool

        public init(_ title: String, right: Bool = false, drop: Int = 0, shortens: Bool = false) {
            self.title = title; self.right = right; self.drop = drop; self.shortens = shortens
        }
    }

    /// Columns are indented by two cells and two cells apart.
    static let indent = "  ", gap = 2
    /// A shortened column keeps at least this many cells.
    static let shortest = 6

    /// An aligned table no wider than `width`: the header, a rule, the rows; `(none)`
    /// without rows. Left-out columns are named on a last line.
    public static func table(_ columns: [Column], _ rows: [[String]], width: Int) -> [String] {
        guard !rows.isEmpty else { return [indent + "(none)"] }
        var widths = columns.map { DisplayCells.width($0.title) }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayCells.width(cell)) } }
        func total(_ shown: [Int]) -> Int { indent.count + shown.reduce(0) { $0 + widths[$1] } + gap * max(0, shown.count - 1) }

        // 1. Leave out columns, highest `drop` first, then the rightmost of equals.
        var shown = Array(columns.indices)
        while total(shown) > width {
            guard let out = shown.filter({ columns[$0].drop > 0 }).max(by: { (columns[$0].drop, $0) < (columns[$1].drop, $1) }) else { break }
            shown.removeAll { $0 == out }
        }
        // 2. Shorten names, the widest first, down to `shortest` cells.
        while total(shown) > width {
            guard let i = shown.filter({ columns[$0].shortens && widths[$0] > max(shortest, DisplayCells.width(columns[$0].title)) })
                .max(by: { widths[$0] < widths[$1] }) else { break }
            widths[i] -= min(widths[i] - max(shortest, DisplayCells.width(columns[i].title)), total(shown) - width)
        }
        func line(_ cells: [String], _ group: [Int]) -> String {
            var parts: [String] = []
            for (n, i) in group.enumerated() {
                let cell = truncate(i < cells.count ? cells[i] : "", to: widths[i])
                if columns[i].right { parts.append(DisplayCells.padLeft(cell, to: widths[i])) }
                else { parts.append(n == group.count - 1 ? cell : DisplayCells.padRight(cell, to: widths[i])) }
            }
            var text = indent + parts.joined(separator: String(repeating: " ", count: gap))
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        // 3. Still too wide: the table wraps into blocks of columns, each led by the first column.
        var groups: [[Int]] = [], current = [shown[0]]
        for i in shown.dropFirst() {
            if current.count > 1, total(current + [i]) > width { groups.append(current); current = [shown[0], i] }
            else { current.append(i) }
        }
        groups.append(current)
        var out: [String] = []
        for (n, group) in groups.enumerated() {
            if n > 0 { out.append("") }
            out.append(line(columns.map(\.title), group))
            out.append(indent + group.map { String(repeating: "─", count: widths[$0]) }.joined(separator: String(repeating: " ", count: gap)))
            out += rows.map { line($0, group) }
        }
        // A single column wider than the width (a very narrow one) is cut into lines.
        out = out.flatMap { wrapHard($0, width: width) }
        let left = columns.indices.filter { !shown.contains($0) }
        if !left.isEmpty {
            out += wrap(indent + "(not shown in \(width) columns: " + left.map { columns[$0].title }.joined(separator: ", ")
                        + "; see a wider --width or --format csv)", width: width, indent: indent + " ")
        }
        return out
    }

    /// `text` cut to `cells` with a final `…` when longer (the shared `DisplayWidth.truncate`).
    public static func truncate(_ text: String, to cells: Int) -> String {
        DisplayWidth.truncate(text, toWidth: cells)
    }

    /// Prose wrapped at spaces to `width` cells (the spacing inside a line kept);
    /// continuation lines start with `indent`. A word longer than a line is cut.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        guard DisplayCells.width(text) > width else { return [text] }
        var lines: [String] = []
        var rest = Substring(text), prefix = ""
        while !rest.isEmpty {
            let room = width - DisplayCells.width(prefix)
            if DisplayCells.width(String(rest)) <= room { lines.append(prefix + rest); break }
            // The longest part that fits, and the last space in it past any leading spaces.
            var used = 0, fits = rest.startIndex, lastSpace: Substring.Index?
            var i = rest.startIndex
            let body = rest.firstIndex { $0 != " " } ?? rest.endIndex
            while i < rest.endIndex {
                let w = DisplayWidth.of(rest[i])
                if used + w > room { break }
                used += w
                if rest[i] == " ", i > body { lastSpace = i }
                i = rest.index(after: i)
                fits = i
            }
            let cut = lastSpace ?? (fits > rest.startIndex ? fits : rest.index(after: rest.startIndex))
            var line = String(rest[..<cut])
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(prefix + line)
            rest = rest[cut...].drop { $0 == " " }
            prefix = indent
        }
        return lines
    }

    /// `line` cut every `width` cells, continuation lines indented by four cells.
    public static func wrapHard(_ line: String, width: Int) -> [String] {
        guard width > 4, DisplayCells.width(line) > width else { return [line] }
        var out: [String] = [], current = "", used = 0
        for c in line {
            let w = DisplayWidth.of(c)
            if used + w > width {
                out.append(current)
                current = "    "; used = 4
            }
            current.append(c); used += w
        }
        out.append(current)
        return out
    }
}
