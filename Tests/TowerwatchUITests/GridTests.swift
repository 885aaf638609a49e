import Testing
@testable import TowerwatchUI

@Suite("Grid")
struct GridTests {
    @Test("text is written by display width and lines() reads CJK naturally")
    func writeCJK() {
        var grid = Grid(width: 12, height: 2)
        let written = grid.write("中福广场", x: 1, y: 0)
        #expect(written == 8)
        #expect(grid.lines() == [" 中福广场   ", "            "])
        #expect(grid[1, 0].width == 2)
        #expect(grid[2, 0].isContinuation)
        #expect(grid[9, 0] == .blank)
    }

    @Test("mixed rows line up in columns")
    func columns() {
        var grid = Grid(width: 20, height: 3)
        let rows = [("中福广场", "3"), ("Tower 7", "12"), ("福田银座", "0")]
        for (y, row) in rows.enumerated() {
            grid.write(row.0, x: 0, y: y, width: 10)
            grid.write("|", x: 10, y: y)
            grid.write(row.1, x: 11, y: y, width: 4, align: .right)
        }
        #expect(grid.lines(trimmingTrailingSpaces: true) == [
            "中福广场  |   3",
            "Tower 7   |  12",
            "福田银座  |   0",
        ])
    }

    @Test("text is truncated with an ellipsis to its field, and never splits a wide character")
    func truncation() {
        var grid = Grid(width: 10, height: 1)
        #expect(grid.write("福田银座 Futian", x: 0, y: 0, width: 7) == 7)
        #expect(grid.line(0) == "福田银…   ")
        grid = Grid(width: 5, height: 1)
        // Clipped by the grid edge: 中福 fit in 4, 广 would straddle → ellipsis.
        grid.write("中福广场", x: 0, y: 0)
        #expect(grid.line(0) == "中福…")
        grid = Grid(width: 5, height: 1)
        grid.write("中福广场", x: 0, y: 0, overflow: .clip)
        #expect(grid.line(0) == "中福 ")
    }

    @Test("writes always sanitize")
    func sanitizes() {
        var grid = Grid(width: 20, height: 1)
        grid.write("a\u{1B}[2J\u{1B}]52;c;x\u{07}b\nc", x: 0, y: 0)
        #expect(grid.line(0, trimmingTrailingSpaces: true) == "ab c")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func widePairs() {
        var grid = Grid(width: 6, height: 1)
        grid.write("中福广", x: 0, y: 0)
        grid.write("x", x: 1, y: 0)     // right half of 中
        #expect(grid.line(0) == " x福广")
        grid.write("y", x: 2, y: 0)     // left half of 福
        #expect(grid.line(0) == " xy 广")
        #expect(!grid[3, 0].isContinuation)
        grid.write("场", x: 3, y: 0)    // straddles 广's left half
        #expect(grid.line(0) == " xy场 ")
    }

    @Test("right alignment and centring")
    func alignment() {
        var grid = Grid(width: 10, height: 2)
        grid.write("福田", x: 0, y: 0, width: 10, align: .right)
        grid.write("ab", x: 0, y: 1, width: 10, align: .center)
        #expect(grid.lines() == ["      福田", "    ab    "])
    }

    @Test("fill and restyle")
    func fillAndStyle() {
        var grid = Grid(width: 4, height: 2)
        let bar = Style(fg: .white, bg: .blue, .bold)
        grid.fill(Rect(x: 0, y: 1, width: 4, height: 1), style: bar)
        #expect(grid[3, 1].style == bar)
        #expect(grid[3, 0].style == .plain)
        grid.write("ab", x: 0, y: 0)
        grid.restyle(Rect(x: 0, y: 0, width: 4, height: 1)) { $0.adding(.reverse) }
        #expect(grid[0, 0].text == "a")
        #expect(grid[0, 0].style.attributes == .reverse)
    }

    @Test("boxes draw borders and a title truncated by width")
    func box() {
        var grid = Grid(width: 12, height: 4)
        let inner = grid.box(grid.bounds, title: "中福广场 Plaza")
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(grid.lines() == [
            "┌ 中福广… ─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        grid.write("福田银座 Futian", in: inner.row(0))
        #expect(grid.line(1) == "│福田银座 …│")
    }

    @Test("clipping confines a pane to its area")
    func clipping() {
        var grid = Grid(width: 10, height: 3)
        let area = Rect(x: 2, y: 1, width: 5, height: 1)
        grid.clipped(to: area) { g in
            g.write("中福广场", x: 2, y: 1)
            g.write("outside", x: 0, y: 0)
            g.fill(g.bounds, style: .plain, with: "#")
        }
        #expect(grid.lines() == ["          ", "  #####   ", "          "])
        #expect(grid.clip == grid.bounds)
        var second = Grid(width: 10, height: 1)
        second.clipped(to: Rect(x: 0, y: 0, width: 5, height: 1)) { g in
            g.write("中福广场", x: 0, y: 0, overflow: .clip)
        }
        // 广 would cross the clip edge: a space instead of half a character.
        #expect(second.line(0) == "中福      ")
    }

    @Test("a sub-grid can be drawn onto another")
    func blit() {
        var pane = Grid(width: 4, height: 1)
        pane.write("福田", x: 0, y: 0)
        var screen = Grid(width: 6, height: 2)
        screen.draw(pane, at: Point(x: 1, y: 1))
        #expect(screen.lines() == ["      ", " 福田 "])
        screen.draw(pane, at: Point(x: 4, y: 0))
        #expect(screen.line(0) == "    福")
    }
}

@Suite("Rect layouts")
struct RectTests {
    @Test("splitting tiles the rect exactly")
    func split() {
        let screen = Rect(x: 0, y: 0, width: 100, height: 30)
        let rows = screen.rows([.fixed(1), .fill(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 28, 1])
        #expect(rows[2].y == 29)
        let columns = rows[1].columns([.percent(30), .fill(2), .fill(1)])
        #expect(columns.map(\.width) == [30, 46, 24])
        #expect(columns.map(\.x) == [0, 30, 76])
        let spaced = screen.columns([.fill(1), .fill(1)], spacing: 2)
        #expect(spaced.map(\.width) == [49, 49])
        #expect(spaced[1].x == 51)
    }

    @Test("a tiny terminal degrades to empty rects, never negative ones")
    func tiny() {
        let small = Rect(x: 0, y: 0, width: 3, height: 1)
        let rows = small.rows([.fixed(1), .fill(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 0, 0])
        #expect(small.inset(by: 2).isEmpty)
        #expect(small.inset(by: 2).width == 0)
        #expect(small.centered(width: 10, height: 10) == small)
    }

    @Test("edge cuts and intersection")
    func cuts() {
        let r = Rect(x: 2, y: 3, width: 10, height: 5)
        let (top, rest) = r.splitTop(2)
        #expect(top == Rect(x: 2, y: 3, width: 10, height: 2))
        #expect(rest == Rect(x: 2, y: 5, width: 10, height: 3))
        let (_, right) = r.splitRight(4)
        #expect(right == Rect(x: 8, y: 3, width: 4, height: 5))
        #expect(r.intersection(Rect(x: 10, y: 0, width: 10, height: 4)) == Rect(x: 10, y: 3, width: 2, height: 1))
        #expect(r.intersection(Rect(x: 50, y: 50, width: 1, height: 1)).isEmpty)
    }
}
