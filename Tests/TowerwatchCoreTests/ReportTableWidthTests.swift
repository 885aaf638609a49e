import Testing
@testable import TowerwatchCore

/// The report's tables measure text as the console's grid does, so a name
/// with a flag, a joined emoji or an accent lines up in both.
@Suite("Report tables measure grapheme clusters")
struct ReportTableWidthTests {
    @Test("a flag, a joined emoji, an emoji heart and an accent take the cells the screen gives them")
    func clusterWidths() {
        #expect(DisplayCells.width("🇨🇳") == 2)
        #expect(DisplayCells.width("👩‍🚒") == 2)
        #expect(DisplayCells.width("\u{2764}\u{FE0F}") == 2)
        #expect(DisplayCells.width("\u{2764}") == 1)
        #expect(DisplayCells.width("Cafe\u{301}") == 4)
        #expect(DisplayCells.padLeft("🇨🇳", to: 4) == "  🇨🇳")
        #expect(DisplayCells.padRight("👩‍🚒", to: 3) == "👩‍🚒 ")
        #expect(DisplayCells.padRight("中福广场", to: 3) == "中福广场", "never cut")
    }

    @Test("table rows with those names end at the same cell")
    func tableLinesUp() {
        let lines = ReportText.table(["Who", "Where", "n"], right: [2], [
            ["👩‍🚒 李娜", "🇨🇳 中福广场", "3"],
            ["Cafe\u{301}", "T02", "12"],
            ["\u{2764}\u{FE0F} ok", "福田银座", "7"],
        ])
        #expect(lines.count == 5, "header, rule, three rows")
        #expect(Set(lines.map(DisplayCells.width)).count == 1, "\(lines)")
        #expect(lines[2] == "  👩‍🚒 李娜  🇨🇳 中福广场   3")
    }
}
