import TowerwatchCore
import TowerwatchText

/// The programme's figures on the officer console (key `p`): what the district
/// reports on itself, since its start, read at the console's moment. Every
/// definition is `ProgrammeFigures`'s; the report gives the same figures for
/// any window.
///
/// Laid out for the width it is given: the headline figures one a line, then
/// the towers and the training categories in as many columns as fit, so that
/// 80×24 shows all 27 towers and the 12 categories and a wider screen shows them
/// in fewer lines.
public enum ProgrammeView {
    public static func lines(_ f: ProgrammeFigures, width: Int, time: LocalTimeText) -> [StyledLine] {
        var out: [StyledLine] = []
        let since = f.start.map { "since \(time.date($0)) (the district's start)" } ?? "no tower registered yet"
        out.append(StyledLine("Live records \(since) · read \(time.clockWithZone(f.at))", .textDim))
        func figure(_ label: String, _ value: String, _ role: Role = .overlayText) {
            out.append(StyledLine(label.padded(toWidth: 31) + value, role))
        }
        figure("Fire hazards rectified", "\(f.fireHazardsRectified)")
        figure("Disputes resolved on the spot", "\(f.disputesResolvedOnSpot) of \(f.disputesClosed) disputes closed")
        figure("Hazards escalated to police", "\(f.escalatedToPolice)")
        let median = f.fireRectifyMedian.map { m in m.compact + (m <= f.rectifyTarget ? " ✓" : " ‼") } ?? "-"
        let before = f.fireBaseline.map { "before: \($0.compact)" } ?? "before: not recorded"
        let over = f.fireRectifyMedian.map { $0 > f.rectifyTarget } ?? false
        figure("Fire hazard: median to rectify", "\(median) (target \(f.rectifyTarget.compact); \(before))", over ? .clockOverdue : .overlayText)
        let year = time.fields(f.at).year
        figure("Drills held", "\(f.drillsHeld) · towers at \(ProgrammeFigures.drillsPerYear) in \(year): "
               + "\(f.towersAtDrillTarget(time)) of \(f.towers.count)")

        out.append(StyledLine("Towers: days without a criminal case · drills in \(year) of \(ProgrammeFigures.drillsPerYear)", .header))
        let dayDigits = f.towers.map { String($0.daysWithoutCriminalCase).count }.max() ?? 1
        let towerCells = f.towers.map { t in
            t.id.raw.padded(toWidth: 4) + (String(t.daysWithoutCriminalCase) + "d").padded(toWidth: dayDigits + 1, align: .right)
                + " " + "\(t.drills(inYearOf: f.at, time))/\(ProgrammeFigures.drillsPerYear)".padded(toWidth: 5, align: .right)
        }
        out += columns(towerCells, width: width).map { StyledLine($0, .overlayText) }

        out.append(StyledLine("Guards trained (of \(f.guardsEnrolled); \(f.categoriesTrained) of \(TrainingCategories.all.count) categories)", .header))
        let count = f.training.map { String($0.guards).count }.max() ?? 1
        let nameWidth = f.training.map { $0.category.displayWidth }.max() ?? 0
        let trainingCells = f.training.map { $0.category.padded(toWidth: nameWidth) + " " + String($0.guards).padded(toWidth: count, align: .right) }
        out += columns(trainingCells, width: width).map { StyledLine($0, .overlayText) }
        return out
    }

    /// Cells of equal width laid out in as many columns as fit `width`, two cells apart, filled row by row.
    static func columns(_ cells: [String], width: Int) -> [String] {
        guard let cell = cells.map(\.displayWidth).max(), cell > 0 else { return [] }
        let perLine = max(1, (width + 2) / (cell + 2))
        return stride(from: 0, to: cells.count, by: perLine).map { start in
            cells[start..<min(cells.count, start + perLine)].map { $0.padded(toWidth: cell) }.joined(separator: "  ")
        }
    }
}
