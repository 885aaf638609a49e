import Testing
import TowerwatchCore
@testable import TowerwatchUI
import TowerwatchText

/// Grapheme clusters drawn into frames: each cluster lands whole in one cell
/// (plus a continuation cell when it is two wide), rows keep their width,
/// and a cut never leaves half a cluster.
@Suite("Grapheme clusters in rendered frames")
struct ClusterFrameTests {
    /// A text and the cells each of its clusters takes.
    static let cases: [(text: String, clusters: [Int])] = [
        ("Tower 7", [1, 1, 1, 1, 1, 1, 1]),
        ("中福广场", [2, 2, 2, 2]),
        ("ＡＢ１", [2, 2, 2]),
        ("👩‍🚒", [2]),
        ("🇨🇳", [2]),
        ("Cafe\u{301}", [1, 1, 1, 1]),
        ("\u{2764}\u{FE0F}", [2]),
        ("\u{2764}", [1]),
        ("a\u{7}b", [1, 1, 1]),  // the bell is made visible as U+FFFD, one cell
        ("T01 中福 🇨🇳 👩‍🚒 e\u{301}", [1, 1, 1, 1, 2, 2, 1, 2, 1, 2, 1, 1]),
    ]

    @Test("each cluster takes one cell and its continuation; the rest of the row stays in place")
    func clustersPlaced() {
        for (text, clusters) in Self.cases {
            var grid = Grid(width: 24, height: 1)
            grid.write("[" + text + "]", x: 0, y: 0)
            let width = clusters.reduce(0, +)
            let safe = Sanitizer.sanitize(text)
            var x = 1
            for (character, w) in zip(safe, clusters) {
                #expect(grid[x, 0] == Cell(text: String(character), width: w, style: .plain), "\(text) at \(x)")
                if w == 2 { #expect(grid[x + 1, 0].isContinuation, "\(text) at \(x + 1)") }
                x += w
            }
            #expect(grid[1 + width, 0].text == "]", "\(text): the closing bracket sits after \(width) cells")
            #expect(grid.line(0, trimmingTrailingSpaces: true) == "[" + safe + "]")
            // A wide cell counts two columns, its continuation none.
            #expect(grid.cells.map(\.width).reduce(0, +) == 24)
        }
    }

    @Test("cut to any field width, a row holds whole clusters and an ellipsis")
    func clustersCut() {
        for (text, clusters) in Self.cases {
            let width = clusters.reduce(0, +)
            let pieces = Set(Sanitizer.sanitize(text).map(String.init) + ["…", " ", "", "|"])
            for field in 1...width {
                var grid = Grid(width: 24, height: 1)
                grid.write(text, x: 0, y: 0, width: field)
                grid.write("|", x: field, y: 0)
                #expect(grid[field, 0].text == "|", "\(text) in \(field) cells spilled over")
                for cell in grid.cells {
                    #expect(pieces.contains(cell.text), "\(text) in \(field) cells: a cell holds \(cell.text.unicodeScalars.map(\.value))")
                }
            }
        }
    }

    @Test("a console frame with emoji, flags and accents in a note: rows keep their width, the replay's copy adds nothing")
    func consoleFrame() {
        var fixture = ConsoleFixture()
        let note = "👩‍🚒 on B2, 🇨🇳 flag, \u{2764}\u{FE0F} Cafe\u{301} 中福"
        fixture.run(Command(.officer("O-01"), .reportHazard(HazardReport(category: .dispute, source: .tenantCall, tower: "T01", floor: "2",
                                                                          zone: "lobby", note: note))), at: fixture.start + .minutes(10))
        var model = ConsoleModel(officer: "O-01")
        model.tables[.hazards] = TableState()
        model.tables[.hazards]!.selectedKey = "H-000004"
        let out = fixture.render(model, width: 200, height: 60)
        let grid = out.grid
        for y in 0..<grid.height {
            let cells = (0..<grid.width).map { grid[$0, y] }
            #expect(cells.map(\.width).reduce(0, +) == 200, "row \(y)")
        }
        // The firefighter is one cell of two columns, never cut after its joiner.
        let firefighter = grid.cells.filter { $0.text == "👩‍🚒" }
        #expect(!firefighter.isEmpty)
        #expect(firefighter.allSatisfy { $0.width == 2 })
        #expect(!grid.cells.contains { $0.text == "\u{1F469}\u{200D}" || $0.text == "\u{1F469}" })
        #expect(grid.lines().contains { $0.contains(note) }, "the detail pane shows the whole note")

        // Replay draws the console's grid onto its own: the copy is the same
        // row for row, with no ellipsis added.
        var copy = Grid(width: 200, height: 60)
        copy.draw(grid, at: .zero)
        #expect(copy.lines() == grid.lines())
        #expect(copy.cells == grid.cells)
    }
}
