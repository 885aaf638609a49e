import TowerwatchCore

/// Everything one frame is drawn from.
public struct ConsoleFrame: Sendable {
    public var state: DistrictState
    public var recent: [EventRecord]
    public var now: Timestamp
    public var theme: Theme
    public var logName: String
    /// How the district's times read: its zone's local time, with the offset.
    public var time: LocalTimeText
    public init(state: DistrictState, recent: [EventRecord], now: Timestamp, theme: Theme, logName: String, time: LocalTimeText) {
        self.state = state; self.recent = recent; self.now = now; self.theme = theme; self.logName = logName; self.time = time
    }
}

/// Composes the officer console into a grid of cells: a pure function of the
/// frame's inputs and the console model. The terminal backend diffs grids.
public enum ConsoleScreen {
    public struct Output: Sendable {
        public var grid: Grid
        public var layout: ConsoleLayout
        /// The scroll each table pane used, to be kept in the model.
        public var scrolls: [PaneID: Int]
    }

    public static func render(_ model: ConsoleModel, _ frame: ConsoleFrame, rows: ConsoleRows, size: Size) -> Output {
        let theme = frame.theme
        var grid = Grid(width: size.width, height: size.height, style: theme[.text])
        let layout = ConsoleLayout(size: size, focus: model.focus)
        guard layout.kind != .tooSmall else {
            drawTooSmall(&grid, size: size, theme: theme)
            return Output(grid: grid, layout: layout, scrolls: [:])
        }
        drawStatusBar(&grid, layout.statusBar, model, frame, rows: rows)
        var scrolls: [PaneID: Int] = [:]
        for (pane, rect) in layout.rects {
            if pane == .detail {
                drawDetail(&grid, rect, model, frame, rows: rows, focused: model.focus == .detail)
            } else {
                scrolls[pane] = drawTable(&grid, rect, pane, model, rows: rows, theme: theme, focused: model.focus == pane)
            }
        }
        for (pane, rect) in layout.tabs {
            let selected = model.focus == pane || (model.focus == .detail && pane == .hazards)
            grid.write(" \(pane.rawValue + 1) \(pane.title) ", x: rect.x, y: rect.y, width: rect.width,
                       style: selected ? theme[.paneTitleFocused].adding(.reverse) : theme[.paneTitle])
        }
        drawHintBar(&grid, layout.hintBar, model, frame, rows: rows)
        if let overlay = model.overlay {
            OverlayView.draw(overlay, into: &grid, model: model, frame: frame, rows: rows, layout: layout)
        }
        return Output(grid: grid, layout: layout, scrolls: scrolls)
    }

    // MARK: - Parts

    static func drawTooSmall(_ grid: inout Grid, size: Size, theme: Theme) {
        theme.drawTooSmall(into: &grid, size: size, need: ConsoleLayout.minimum)
    }

    static func drawStatusBar(_ grid: inout Grid, _ rect: Rect, _ model: ConsoleModel, _ frame: ConsoleFrame, rows: ConsoleRows) {
        let theme = frame.theme
        grid.fill(rect, style: theme[.statusBar])
        let s = frame.state
        let figures = model.mode == .drill ? s.drillFigures : s.liveFigures
        let overdue = rows.overdueHazards(in: s, now: frame.now, policy: model.policy)
        // Who acts from here is never cut: it is written at the right end first.
        let identity = " " + (model.officer.map { "as \($0)" } ?? "view only") + (model.quiet ? " · quiet" : "") + " "
        let identityWidth = identity.displayWidth
        grid.write(identity, x: rect.maxX - identityWidth, y: rect.y, style: theme[.statusBar].adding(.bold))
        let rect = Rect(x: rect.x, y: rect.y, width: max(0, rect.width - identityWidth), height: 1)
        var x = rect.x
        x += grid.write(" towerwatch ", x: x, y: rect.y, style: theme[.statusBar].adding(.bold))
        // A replay gives the date too: the past it shows may be any day.
        let clock = model.mode == .replay ? frame.time.dateTime(frame.now) : frame.time.clockWithZone(frame.now)
        x += grid.write(clock + " ", x: x, y: rect.y, style: theme[.statusBar])
        let modeRole: Role = model.mode == .live ? .statusLive : model.mode == .drill ? .statusDrill : .statusReplay
        // A drill must never pass for the live district: its label says so in words, not only in colour.
        let modeLabel = model.mode == .drill ? " DRILL - NOT LIVE " : " \(model.mode.rawValue) "
        x += grid.write(modeLabel, x: x, y: rect.y, style: theme[modeRole])
        if let banner = model.banner {
            // Until the first key: what runs and where its log is, before any figure.
            x += grid.write(" " + banner + " ", x: x, y: rect.y, width: rect.maxX - x, style: theme[.statusBar].adding(.bold))
        }
        if overdue > 0, x < rect.maxX { x += grid.write(" ‼ \(overdue) OVERDUE ", x: x + 1, y: rect.y, width: max(0, rect.maxX - x - 1), style: theme[.alarm]) + 1 }
        let alarms = s.activeAlarms().count
        if alarms > 0, x < rect.maxX {
            x += grid.write(" \(alarms) ALARM\(alarms == 1 ? "" : "S") ", x: x + 1, y: rect.y, width: max(0, rect.maxX - x - 1), style: theme[.alarm].adding(.bold)) + 1
        }
        if model.banner != nil { return }
        let rest = "  open \(s.openHazards.count)  rectified \(figures.hazardsRectified)  disputes closed \(figures.disputesResolved)  \(frame.logName) #\(s.lastSeq)"
        grid.write(rest, x: x, y: rect.y, width: rect.maxX - x, style: theme[.statusBar])
    }

    static func drawHintBar(_ grid: inout Grid, _ rect: Rect, _ model: ConsoleModel, _ frame: ConsoleFrame, rows: ConsoleRows) {
        let theme = frame.theme
        grid.fill(rect, style: theme[.hintText])
        let hints = model.mode == .replay
            ? ReplayKeyMap.bindings.hints().map { ($0.key, $0.word) } + [("?", "help"), ("q", "quit")]
            : KeyMap.hints()
        // `? help` and `q quit` always show, at the right end; the rest fills what is left.
        let kept = hints.filter { $0.0 == "?" || $0.0 == "q" }
        let keptWidth = kept.reduce(0) { $0 + $1.0.displayWidth + $1.1.displayWidth + 3 }
        var end = rect.maxX
        if rect.width > keptWidth + 10 {
            end -= keptWidth
            var x = end
            for (key, word) in kept {
                x += grid.write(key, x: x, y: rect.y, style: theme[.hintKey])
                x += grid.write(" " + word + "  ", x: x, y: rect.y, style: theme[.hintText])
            }
        }
        var x = rect.x
        let status = model.visibleStatus(at: frame.now)
        // A refusal (it waits for a key) and a fresh confirmation first, then the
        // offer, then what rang (the offer names the alarm itself).
        if let offer = model.shownOffer(state: frame.state, rows: rows, now: frame.now), status == nil || status?.kind == .alarm {
            grid.write(offer.line.fitted(toWidth: end - x - 2), x: x, y: rect.y, width: end - x, style: theme[.alarm])
            return
        }
        if let status {
            let room = end - x - 1
            let width = min(room, max(room * 3 / 5, status.text.displayWidth))
            x += grid.write(status.text, x: x, y: rect.y, width: width, style: status.isError ? theme[.error] : theme[.text]) + 2
        }
        for (key, word) in hints where !kept.contains(where: { $0.0 == key }) {
            guard x + key.displayWidth + word.displayWidth + 2 < end else { break }
            x += grid.write(key, x: x, y: rect.y, style: theme[.hintKey])
            x += grid.write(" " + word + "  ", x: x, y: rect.y, style: theme[.hintText])
        }
    }

    static func drawTable(_ grid: inout Grid, _ rect: Rect, _ pane: PaneID, _ model: ConsoleModel, rows: ConsoleRows,
                          theme: Theme, focused: Bool) -> Int {
        let state = model.table(pane)
        let arranged = state.arrange(rows.rows(pane))
        let total = rows.rows(pane).count
        let paneTitle = pane == .towers ? model.towersView.title : pane.title
        var title = "\(pane.rawValue + 1) \(paneTitle) (\(arranged.count == total ? "\(total)" : "\(arranged.count)/\(total)"))"
        if !state.filter.isEmpty { title += " /" + state.filter }
        let inside = grid.box(rect, title: title, style: focused ? theme[.paneBorderFocused] : theme[.paneBorder],
                              titleStyle: focused ? theme[.paneTitleFocused] : theme[.paneTitle])
        // A feed reaching back past midnight gives its rows their date, a joined hazard its ×N: wider columns.
        let columns = rows.columns(pane, towersView: model.towersView)
        return TableView.draw(arranged, columns: columns, state: state, focused: focused, theme: theme, into: &grid, area: inside)
    }

    static func drawDetail(_ grid: inout Grid, _ rect: Rect, _ model: ConsoleModel, _ frame: ConsoleFrame, rows: ConsoleRows, focused: Bool) {
        let theme = frame.theme
        let source = model.detailSource
        let inside = grid.box(rect, title: "5 Detail — \(source.title.lowercased())",
                              style: focused ? theme[.paneBorderFocused] : theme[.paneBorder],
                              titleStyle: focused ? theme[.paneTitleFocused] : theme[.paneTitle])
        let lines = DetailText.lines(pane: source, key: model.selectedKey(source, rows: rows), state: frame.state,
                                     recent: frame.recent, now: frame.now, policy: model.policy, time: frame.time)
        for (i, line) in lines.prefix(inside.height).enumerated() {
            grid.write(line.text, x: inside.x, y: inside.y + i, width: inside.width, style: theme[line.role])
        }
    }
}
