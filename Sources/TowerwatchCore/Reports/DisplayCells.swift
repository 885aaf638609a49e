import TowerwatchText

/// How many terminal cells text takes, for the report's aligned tables.
///
/// The report measures with the same ``DisplayWidth`` as the console's grid,
/// so a tower name such as 中福广场, a flag or 👩‍🚒 takes the same cells in
/// a printed table as on screen. These are the report's words for it.
public enum DisplayCells {
    /// The cells `text` occupies.
    public static func width(_ text: String) -> Int {
        DisplayWidth.of(text)
    }

    /// `text` followed by spaces up to `cells` (never cut).
    public static func padRight(_ text: String, to cells: Int) -> String {
        DisplayWidth.widen(text, toWidth: cells, align: .left)
    }

    /// Spaces then `text`, up to `cells` (never cut).
    public static func padLeft(_ text: String, to cells: Int) -> String {
        DisplayWidth.widen(text, toWidth: cells, align: .right)
    }
}
