import TowerwatchCore

/// The replay screen: the officer console's panes at the replay's moment, and
/// a timeline bar with hazards, dispatches and alarms marked, below them.
///
/// The panes are drawn by the same `ConsoleScreen` a live console uses, from
/// the same state and the same clock (the log's), so a replayed frame equals
/// the live frame at that moment.
public enum ReplayScreen {
    public static func render(_ model: ReplayModel, _ frame: ConsoleFrame, rows: ConsoleRows, marks: [TimelineMark], size: Size) -> ConsoleScreen.Output {
        let theme = frame.theme
        let paneSize = Size(width: size.width, height: max(0, size.height - 1))
        let inner = ConsoleScreen.render(model.console, frame, rows: rows, size: paneSize)
        var grid = Grid(width: size.width, height: size.height, style: theme[.text])
        grid.draw(inner.grid, at: .zero)
        guard size.height >= 2, inner.layout.kind != .tooSmall else { return ConsoleScreen.Output(grid: grid, layout: inner.layout, scrolls: inner.scrolls) }
        drawTimeline(&grid, row: size.height - 1, model: model, marks: marks, theme: theme)
        if let text = model.goToText {
            let rect = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
            grid.fill(rect, style: theme[.filterPrompt])
            grid.write("go to: " + text + "▏  (14:30, 2026-11-29 14:30, …T14:30+08:00; Enter goes, Esc cancels)", in: rect, style: theme[.filterPrompt])
        }
        return ConsoleScreen.Output(grid: grid, layout: inner.layout, scrolls: inner.scrolls)
    }

    static func drawTimeline(_ grid: inout Grid, row y: Int, model: ReplayModel, marks: [TimelineMark], theme: Theme) {
        let width = grid.width
        grid.fill(Rect(x: 0, y: y, width: width, height: 1), style: theme[.statusReplay])
        let left = " REPLAY \(model.playing ? "▶" : "❚❚") \(model.speed)× "
        let right = " \(model.local.range(model.from, model.to, compact: true)) "
        var x = grid.write(left, x: 0, y: y, style: theme[.statusReplay].adding(.bold))
        let barWidth = max(0, width - x - DisplayWidth.of(right))
        guard barWidth > 4 else { return }
        let span = max(1, model.to.millis - model.from.millis)
        func column(_ t: Timestamp) -> Int { min(barWidth - 1, max(0, Int((t.millis - model.from.millis) * Int64(barWidth) / span))) }
        var hazards = [Int](repeating: 0, count: barWidth), alarms = [Int](repeating: 0, count: barWidth)
        for m in marks where m.time >= model.from && m.time <= model.to {
            switch m.kind {
            case .hazard, .dispatch: hazards[column(m.time)] += 1
            case .alarm: alarms[column(m.time)] += 1
            }
        }
        let peak = max(1, hazards.max() ?? 1)
        let blocks: [Character] = ["·", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let cursor = column(model.time)
        for i in 0..<barWidth {
            let level = hazards[i] == 0 ? 0 : 1 + (hazards[i] * 7) / peak
            var style = alarms[i] > 0 ? theme[.timelineOverdue] : (hazards[i] > 0 ? theme[.timelineMark] : theme[.statusReplay])
            var ch = blocks[min(8, level)]
            if i == cursor { ch = "┃"; style = style.adding(.reverse) }
            if model.bookmarks.contains(where: { column($0) == i }) && i != cursor { ch = "◆" }
            grid.write(String(ch), x: x + i, y: y, style: style)
        }
        x += barWidth
        grid.write(right, x: x, y: y, style: theme[.statusReplay])
    }
}
