import TowerwatchText
/// A rectangle of styled cells that panes draw into.
///
/// The grid is the only drawing surface the UI knows: panes write text,
/// fill areas and draw boxes here, and the terminal backend diffs two grids
/// and sends only the changed cells to the screen. Tests render panes into a
/// grid and compare ``lines(trimmingTrailingSpaces:)`` with expected text.
///
/// Rules the grid keeps, so that callers cannot get them wrong:
/// - text is measured and clipped by **display width**: 福田银座 takes 8
///   cells, and a wide character that would straddle an edge is replaced by
///   a space instead of being split;
/// - every string written is **sanitized** first (see ``Sanitizer``), so
///   escape sequences from log records never reach the terminal;
/// - nothing is drawn outside ``clip``; use ``clipped(to:_:)`` to confine a
///   pane to its area. Coordinates are always absolute screen positions.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]
    /// Drawing outside this rect is silently ignored. Always inside ``bounds``.
    public private(set) var clip: Rect

    /// What to do with text wider than its field.
    public enum Overflow: Hashable, Sendable {
        /// Cut it and end with "…", so the reader knows something is missing.
        case ellipsis
        /// Cut it at the edge.
        case clip
    }

    /// A `width` x `height` grid of blank cells in `style`.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell.blank(style), count: self.width * self.height)
        self.clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    public init(size: Size, style: Style = .plain) {
        self.init(width: size.width, height: size.height, style: style)
    }

    /// The whole grid as a rect at (0, 0).
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    public var size: Size { Size(width: width, height: height) }

    // MARK: - Reading

    /// The cell at (x, y); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    public subscript(point: Point) -> Cell { self[point.x, point.y] }

    /// Plain-text rows for tests: continuation cells are left out, so a row
    /// holding 中福广场 reads naturally while still spanning 8 columns.
    public func lines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { line($0, trimmingTrailingSpaces: trimmingTrailingSpaces) }
    }

    /// One row as plain text; see ``lines(trimmingTrailingSpaces:)``.
    public func line(_ y: Int, trimmingTrailingSpaces: Bool = false) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width {
            text += cells[y * width + x].text
        }
        if trimmingTrailingSpaces {
            while text.last == " " { text.removeLast() }
        }
        return text
    }

    // MARK: - Clipping

    /// Runs `body` with drawing confined to `rect` (intersected with the
    /// current clip), then restores the previous clip.
    ///
    /// Coordinates inside stay absolute: a pane given `area` writes at
    /// `area.x`, `area.y` and cannot spill into its neighbour.
    public mutating func clipped<Result>(to rect: Rect, _ body: (inout Grid) throws -> Result) rethrows -> Result {
        let saved = clip
        clip = clip.intersection(rect)
        defer { clip = saved }
        return try body(&self)
    }

    // MARK: - Writing

    /// Writes `text` on row `y` starting at column `x`, in at most `width`
    /// cells (default: up to the clip edge); returns the cells written.
    ///
    /// The text is sanitized, then truncated by display width (with an
    /// ellipsis unless `overflow` is `.clip`). With a `width`, `align`
    /// places the text inside that field; cells of the field that the text
    /// does not cover are left untouched, so fill the row first for a bar.
    @discardableResult
    public mutating func write(
        _ text: String,
        x: Int,
        y: Int,
        width fieldWidth: Int? = nil,
        style: Style = .plain,
        align: TextAlignment = .left,
        overflow: Overflow = .ellipsis
    ) -> Int {
        guard y >= clip.minY, y < clip.maxY else { return 0 }
        let limit = max(0, fieldWidth ?? (clip.maxX - x))
        guard limit > 0 else { return 0 }
        if let written = writeSimple(text, x: x, y: y, limit: limit, style: style, align: align, overflow: overflow) {
            return written
        }
        let safe = Sanitizer.sanitize(text)
        let fitted: String
        switch overflow {
        case .ellipsis: fitted = DisplayWidth.truncate(safe, toWidth: limit)
        case .clip: fitted = DisplayWidth.truncate(safe, toWidth: limit, ellipsis: "")
        }
        let textWidth = DisplayWidth.of(fitted)
        var column = x
        switch align {
        case .left: break
        case .right: column += limit - textWidth
        case .center: column += (limit - textWidth) / 2
        }
        var written = 0
        for character in fitted {
            let w = DisplayWidth.of(character)
            // A lone zero-width cluster (a combining mark with nothing to
            // sit on) cannot have a cell of its own; drop it.
            guard w > 0 else { continue }
            written += place(character, width: w, x: column, y: y, style: style)
            column += w
        }
        return written
    }

    /// The fast path of ``write(_:x:y:width:style:align:overflow:)`` for
    /// text made only of *simple* scalars (see ``isSimple(_:)``); returns nil,
    /// having drawn nothing, for any other text.
    ///
    /// Simple scalars are printable and need no sanitizing (the sanitizer
    /// returns such text unchanged), and no two of them join into one
    /// grapheme cluster, so each scalar is a character of its own, of width
    /// `DisplayWidth.of(scalar)`. Measuring, truncating, aligning and placing
    /// scalar by scalar then gives exactly the cells of the general path,
    /// without building the sanitized and truncated strings.
    private mutating func writeSimple(_ text: String, x: Int, y: Int, limit: Int, style: Style,
                                      align: TextAlignment, overflow: Overflow) -> Int? {
        // Measure; bail out at the first scalar that is not simple.
        var total = 0
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte < 0x20 || byte == 0x7F { return nil }
            total += 1
        }
        if !ascii {
            total = 0
            for scalar in text.unicodeScalars {
                guard Grid.isSimple(scalar.value) else { return nil }
                total += DisplayWidth.of(scalar)
            }
        }
        // Truncate as `DisplayWidth.truncate` does: keep characters while
        // they fit in the budget, then the ellipsis (one cell) if cut.
        let cut = total > limit
        let mark = cut && overflow == .ellipsis
        let budget = cut ? (mark ? limit - 1 : limit) : total
        var textWidth = 0
        if cut {
            if ascii {
                textWidth = budget
            } else {
                for scalar in text.unicodeScalars {
                    let w = DisplayWidth.of(scalar)
                    if textWidth + w > budget { break }
                    textWidth += w
                }
            }
            if mark { textWidth += 1 }
        } else {
            textWidth = total
        }
        var column = x
        switch align {
        case .left: break
        case .right: column += limit - textWidth
        case .center: column += (limit - textWidth) / 2
        }
        var written = 0
        var used = 0
        if ascii {
            for byte in text.utf8 {
                if used + 1 > budget { break }
                used += 1
                written += place(text: Grid.asciiText[Int(byte) - 0x20], width: 1, x: column, y: y, style: style)
                column += 1
            }
        } else {
            for scalar in text.unicodeScalars {
                let w = DisplayWidth.of(scalar)
                if used + w > budget { break }
                used += w
                guard w > 0 else { continue }
                let cellText = scalar.value < 0x7F ? Grid.asciiText[Int(scalar.value) - 0x20] : String(scalar)
                written += place(text: cellText, width: w, x: column, y: y, style: style)
                column += w
            }
        }
        if mark {
            written += place(text: DisplayWidth.ellipsis, width: 1, x: column, y: y, style: style)
        }
        return written
    }

    /// One-character strings for printable ASCII (0x20-0x7E), made once.
    private static let asciiText: [String] = (0x20...0x7E).map { String(Unicode.Scalar(UInt8($0))) }

    /// True for a scalar that is printable, left unchanged by ``Sanitizer``,
    /// and can never join a neighbour from this set into one grapheme cluster
    /// (no marks, joiners, variation selectors, format characters, regional
    /// indicators or Hangul jamo): printable ASCII, Latin-1 and Latin
    /// extended letters, general punctuation, symbols and box drawing, kana,
    /// CJK ideographs, Hangul syllables and fullwidth forms.
    static func isSimple(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E: return true
        case 0xA0...0x2FF: return v != 0xAD
        case 0x2010...0x2027, 0x2030...0x205E: return true
        case 0x2100...0x2BFF: return true
        case 0x3041...0x3096, 0x30A1...0x30FF: return true
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true
        case 0xFF01...0xFF60: return true
        default: return false
        }
    }

    /// Writes `text` at `point`; see ``write(_:x:y:width:style:align:overflow:)``.
    @discardableResult
    public mutating func write(
        _ text: String,
        at point: Point,
        width fieldWidth: Int? = nil,
        style: Style = .plain,
        align: TextAlignment = .left,
        overflow: Overflow = .ellipsis
    ) -> Int {
        write(text, x: point.x, y: point.y, width: fieldWidth, style: style, align: align, overflow: overflow)
    }

    /// Writes `text` on the first row of `rect`, within its width.
    @discardableResult
    public mutating func write(
        _ text: String,
        in rect: Rect,
        style: Style = .plain,
        align: TextAlignment = .left,
        overflow: Overflow = .ellipsis
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        return write(text, x: rect.x, y: rect.y, width: rect.width, style: style, align: align, overflow: overflow)
    }

    // MARK: - Filling and styling

    /// Fills `rect` with `character` (a space by default) in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain, with character: Character = " ") {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        let w = DisplayWidth.of(character)
        // Only single-cell fill characters make sense; anything else
        // (wide, zero-width, control) falls back to a space.
        let cellCharacter: Character = (w == 1 && Sanitizer.sanitize(String(character)) == String(character)) ? character : " "
        let cellText = String(cellCharacter)
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                place(text: cellText, width: 1, x: x, y: y, style: style)
            }
        }
    }

    /// Changes the style of every cell in `rect` without touching its text:
    /// e.g. `grid.restyle(row) { $0.patched(with: selection) }`.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        for y in area.minY..<area.maxY {
            for x in area.minX..<area.maxX {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    /// Sets every cell in `rect` to `style`, keeping the text.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        restyle(rect) { _ in style }
    }

    /// Copies `other` onto this grid with its top-left corner at `origin`,
    /// clipped as usual: a pane can render into its own small grid and be
    /// placed later.
    public mutating func draw(_ other: Grid, at origin: Point) {
        for sy in 0..<other.height {
            var sx = 0
            while sx < other.width {
                let cell = other[sx, sy]
                if cell.isContinuation {
                    sx += 1
                    continue
                }
                let character = cell.text.first ?? " "
                place(character, width: max(1, cell.width), x: origin.x + sx, y: origin.y + sy, style: cell.style)
                sx += max(1, cell.width)
            }
        }
    }

    // MARK: - Cell placement

    /// Puts one character of display width `w` at (x, y), keeping wide
    /// pairs intact; returns the cells it covers (0 if clipped).
    ///
    /// A wide character whose right half would fall outside the clip is
    /// drawn as a space, so that a half-drawn ideograph never appears.
    @discardableResult
    mutating func place(_ character: Character, width w: Int, x: Int, y: Int, style: Style) -> Int {
        place(text: String(character), width: w, x: x, y: y, style: style)
    }

    /// ``place(_:width:x:y:style:)`` for a character already made a string.
    @discardableResult
    mutating func place(text: String, width w: Int, x: Int, y: Int, style: Style) -> Int {
        guard y >= clip.minY, y < clip.maxY, x >= clip.minX, x < clip.maxX else {
            // The left half is clipped away; if the right half is visible,
            // show a space there instead of half an ideograph.
            if w == 2, x + 1 == clip.minX, y >= clip.minY, y < clip.maxY, x + 1 < clip.maxX {
                setCell(.blank(style), x: x + 1, y: y)
                return 1
            }
            return 0
        }
        if w == 2 {
            guard x + 1 < clip.maxX else {
                setCell(.blank(style), x: x, y: y)
                return 1
            }
            setCell(Cell(text: text, width: 2, style: style), x: x, y: y)
            setCell(.continuation(style), x: x + 1, y: y)
            return 2
        }
        setCell(Cell(text: text, width: 1, style: style), x: x, y: y)
        return 1
    }

    /// Stores `cell`, first blanking the other half of any wide character it
    /// overwrites. Placing a continuation is the second step of placing a
    /// wide character, so its left neighbour is the new lead and stays.
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, !cell.isContinuation, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = .blank(cells[index - 1].style)
        }
        if old.width == 2, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
        cells[index] = cell
    }
}
