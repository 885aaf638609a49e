/// The frame a console shows while it replays a long log before its first full
/// frame: the console's border and name, and in the middle how far the replay has
/// got (`replaying 41%…`, a bar, the figures), so a long start is never a blank screen.
public enum OpeningScreen {
    /// Draws at `size`: `title` in the top border (`towerwatch · shift.twlog`),
    /// `headline` centred (`replaying 41%…`), a bar for `fraction` (when known) and
    /// `details` (`620 MB of 1.5 GB · 3 s left`) under it.
    public static func render(title: String, headline: String, fraction: Double?, details: String,
                              theme: Theme, size: Size) -> Grid {
        var grid = Grid(size: size, style: theme[.text])
        guard size.width >= 4, size.height >= 3 else {
            grid.write(headline, x: 0, y: 0, width: size.width, style: theme[.text])
            return grid
        }
        let inside = grid.box(grid.bounds, title: title, style: theme[.paneBorder], titleStyle: theme[.paneTitle])
        var lines: [(String, Role)] = [(headline, .text)]
        if let fraction {
            let cells = max(1, min(40, inside.width - 4))
            let filled = min(cells, max(0, Int((fraction * Double(cells)).rounded(.down))))
            lines.append((String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled), .text))
        }
        if !details.isEmpty { lines.append((details, .textDim)) }
        let top = inside.y + max(0, (inside.height - lines.count) / 2)
        for (i, (text, role)) in lines.enumerated() where top + i < inside.maxY {
            grid.write(text, x: inside.x, y: top + i, width: inside.width, style: theme[role], align: .center)
        }
        return grid
    }
}
