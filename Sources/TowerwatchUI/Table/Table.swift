/// A column of a table pane: a title, a width (fixed, or a share of what is left) and an alignment.
public struct TableColumn: Sendable {
    public var title: String
    public var width: Int
    /// Columns with `flex > 0` share the width left over by the fixed ones.
    public var flex: Int
    public var align: TextAlignment
    /// When the pane is too narrow, columns of lower priority are dropped first.
    public var priority: Int
    public init(_ title: String, width: Int, flex: Int = 0, align: TextAlignment = .left, priority: Int = 5) {
        self.title = title; self.width = width; self.flex = flex; self.align = align; self.priority = priority
    }
}

/// How a cell sorts: numbers as numbers, text by ``NameCollation`` (numbers in names by value).
public enum SortValue: Sendable, Comparable {
    case number(Double)
    case text(String)
    public static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x < y
        case let (.text(x), .text(y)): return NameCollation.less(x, y)
        case (.number, .text): return true
        case (.text, .number): return false
        }
    }
}

/// One cell: its text, the role that styles it, and how it sorts.
public struct TableCell: Sendable {
    public var text: String
    public var role: Role
    public var sort: SortValue
    public init(_ text: String, _ role: Role = .text, sort: SortValue? = nil) {
        self.text = text; self.role = role; self.sort = sort ?? .text(text)
    }
}

/// Works out the cells of rows on demand: a pane with hundreds of rows only
/// shows a screenful, so its rows carry a key and are told in words only
/// when read (drawn, filtered, sorted).
protocol TableRowSource: AnyObject, Sendable {
    func cells(at index: Int) -> [TableCell]
}

/// One row, with a stable key so selection follows the thing, not the line, as data changes.
public struct TableRow: Sendable {
    public var key: String
    /// The row's cells; rows made by a ``TableRowSource`` work them out each time they are read.
    public var cells: [TableCell] {
        get { source?.cells(at: index) ?? stored }
        set { stored = newValue; source = nil }
    }
    private var stored: [TableCell]
    private var source: (any TableRowSource)?
    private var index: Int

    public init(key: String, cells: [TableCell]) { self.key = key; self.stored = cells; self.source = nil; self.index = 0 }

    /// A row whose cells `source` works out when they are read.
    init(key: String, source: any TableRowSource, index: Int) {
        self.key = key; self.stored = []; self.source = source; self.index = index
    }

    /// True when any cell contains `needle`, ignoring case.
    public func matches(_ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        let n = needle.lowercased()
        return key.lowercased().contains(n) || cells.contains { $0.text.lowercased().contains(n) }
    }
}

/// What a person has done to a table: selection, scroll, filter and sort.
public struct TableState: Sendable, Hashable {
    public var selectedKey: String?
    public var selectedIndex = 0
    public var scroll = 0
    public var filter = ""
    /// The column sorted by, or nil for the pane's own order (urgency, registration).
    public var sortColumn: Int?
    public var descending = false
    public init() {}

    /// Applies filter and sort to the pane's rows.
    public func arrange(_ rows: [TableRow]) -> [TableRow] {
        var out = filter.isEmpty ? rows : rows.filter { $0.matches(filter) }
        if let c = sortColumn {
            // Each row's sort value once, then the positions are sorted.
            // Stable: ties keep the pane's own order.
            let values: [SortValue] = out.map { row in
                let cells = row.cells
                return c < cells.count ? cells[c].sort : .text("")
            }
            let order = values.indices.sorted { a, b in
                let x = values[a], y = values[b]
                if x == y { return a < b }
                return descending ? y < x : x < y
            }
            let unsorted = out
            out = order.map { unsorted[$0] }
        }
        return out
    }

    /// Finds the selected row again in freshly arranged rows: by key, else by position.
    public func resolvedIndex(in rows: [TableRow]) -> Int {
        guard !rows.isEmpty else { return 0 }
        if let key = selectedKey, let i = rows.firstIndex(where: { $0.key == key }) { return i }
        return min(max(0, selectedIndex), rows.count - 1)
    }

    /// Moves the selection by `delta` rows (clamped), remembering the key.
    public mutating func move(by delta: Int, in rows: [TableRow]) {
        guard !rows.isEmpty else { selectedKey = nil; selectedIndex = 0; return }
        let i = min(max(0, resolvedIndex(in: rows) + delta), rows.count - 1)
        select(i, in: rows)
    }

    public mutating func select(_ i: Int, in rows: [TableRow]) {
        guard !rows.isEmpty else { return }
        let clamped = min(max(0, i), rows.count - 1)
        selectedIndex = clamped
        selectedKey = rows[clamped].key
    }
}

/// Draws a table into a grid: a header row, then the visible rows with the selection highlighted.
public enum TableView {
    /// Column widths for `total` cells: fixed widths first, flexible ones share the rest;
    /// columns that do not fit are dropped from the right.
    public static func widths(_ columns: [TableColumn], total: Int) -> [Int] {
        // Keep the most important columns that fit at their own width.
        var kept = Set(columns.indices)
        func need(_ set: Set<Int>) -> Int { set.map { columns[$0].width }.reduce(0, +) + max(0, set.count - 1) }
        while need(kept) > total, kept.count > 1 {
            let drop = kept.min { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
            }!
            kept.remove(drop)
        }
        var widths = columns.indices.map { kept.contains($0) ? columns[$0].width : 0 }
        // Flexible columns share what is left over.
        let spare = total - need(kept)
        let flexible = kept.filter { columns[$0].flex > 0 }.sorted()
        let flexTotal = flexible.map { columns[$0].flex }.reduce(0, +)
        if flexTotal > 0 && spare > 0 {
            var given = 0
            for i in flexible {
                let extra = spare * columns[i].flex / flexTotal
                widths[i] += extra; given += extra
            }
            widths[flexible.last!] += spare - given
        }
        return widths
    }

    /// Draws `rows` in `area`; returns the scroll offset used (to keep the selection visible).
    @discardableResult
    public static func draw(_ rows: [TableRow], columns: [TableColumn], state: TableState, focused: Bool,
                            theme: Theme, into grid: inout Grid, area: Rect) -> Int {
        guard area.height >= 1, area.width >= 1 else { return 0 }
        let widths = widths(columns, total: area.width)
        // Header
        var x = area.x
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            let marker = state.sortColumn == i ? (state.descending ? "▼" : "▲") : ""
            grid.write(c.title + marker, x: x, y: area.y, width: widths[i], style: theme[.header], align: c.align)
            x += widths[i] + 1
        }
        let visible = area.height - 1
        guard visible > 0 else { return 0 }
        let selected = state.resolvedIndex(in: rows)
        var scroll = min(state.scroll, max(0, rows.count - visible))
        if selected < scroll { scroll = selected }
        if selected >= scroll + visible { scroll = selected - visible + 1 }
        for line in 0..<visible {
            let r = scroll + line
            guard r < rows.count else { break }
            let y = area.y + 1 + line
            let isSelected = r == selected
            let selectionStyle = focused ? theme[.selection] : theme[.selectionUnfocused]
            if isSelected { grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: selectionStyle) }
            var cx = area.x
            for (i, cell) in rows[r].cells.enumerated() where i < widths.count && widths[i] > 0 {
                let style = isSelected ? selectionStyle : theme[cell.role]
                grid.write(cell.text, x: cx, y: y, width: widths[i], style: style, align: columns[i].align)
                cx += widths[i] + 1
            }
        }
        if rows.isEmpty {
            grid.write(state.filter.isEmpty ? "(none)" : "(no rows match /\(state.filter))", x: area.x, y: area.y + 1,
                       width: area.width, style: theme[.textDim])
        }
        return scroll
    }
}
