/// When hazards happen: hazards reported in each hour of the local day (the
/// district's zone), by category. The lunch peak of e-bikes and the evening
/// crowds at the food street show as the darker rows of its heat map.
///
/// Made from the hazards a report section lists (those reported in its window),
/// so it reads the same rows as the hazards table, in the zone the report is read in.
public struct HourOfDayTable: Hashable, Sendable {
    /// `counts[hour][category]`: hour 0...23 local, categories in `HazardCategory.allCases` order.
    public private(set) var counts: [[Int]]

    public init(_ hazards: [HazardReportRow], local: LocalTimeText) {
        counts = Array(repeating: Array(repeating: 0, count: HazardCategory.allCases.count), count: 24)
        let column = Dictionary(uniqueKeysWithValues: HazardCategory.allCases.enumerated().map { ($1, $0) })
        for h in hazards { counts[local.fields(h.reportedAt).hour][column[h.category]!] += 1 }
    }

    public func count(hour: Int, _ category: HazardCategory) -> Int {
        counts[hour][HazardCategory.allCases.firstIndex(of: category)!]
    }
    public func total(hour: Int) -> Int { counts[hour].reduce(0, +) }
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The busiest cell: the heat map's shades are fractions of it.
    public var busiest: Int { counts.map { $0.max() ?? 0 }.max() ?? 0 }

    // MARK: - The heat map

    /// The shades, lightest first: `·` for none, then a quarter of the busiest cell or less, a half, three quarters, more.
    public static let shades: [Character] = ["·", "░", "▒", "▓", "█"]

    /// The shade of a count: `·` for 0, otherwise `ceil(4 × n / busiest)` steps up.
    public func shade(_ n: Int) -> Character {
        guard n > 0, busiest > 0 else { return HourOfDayTable.shades[0] }
        return HourOfDayTable.shades[min(4, (4 * n + busiest - 1) / busiest)]
    }

    /// Short column heads, in `HazardCategory.allCases` order: four cells, or two when the map is narrow.
    public static func head(_ c: HazardCategory, narrow: Bool = false) -> String {
        let (wide, short): (String, String)
        switch c {
        case .fireSafety: (wide, short) = ("fire", "fs")
        case .parking: (wide, short) = ("park", "pk")
        case .dispute: (wide, short) = ("disp", "dp")
        case .traffic: (wide, short) = ("traf", "tr")
        case .flood: (wide, short) = ("flod", "fl")
        case .fireAlarm: (wide, short) = ("alrm", "fa")
        case .suspiciousPerson: (wide, short) = ("susp", "sp")
        case .crime: (wide, short) = ("crim", "cr")
        }
        return narrow ? short : wide
    }

    /// The heat map as text lines no wider than `width`: one row an hour, a column
    /// a category (shade and count), the hour's total, a key and a legend. Narrower,
    /// the counts go and the shades stay; narrower still, a line says what width it needs.
    public func heatMap(width: Int) -> [String] {
        let categories = HazardCategory.allCases
        let digits = max(1, String(busiest).count, String(counts.map { $0.reduce(0, +) }.max() ?? 0).count)
        let indent = "  ", hourWidth = 5  // "08h  "
        let wideCell = max(4, 3 + digits)
        let totalWidth = max(3, digits)
        let wide = indent.count + hourWidth + categories.count * (wideCell + 1) + totalWidth
        let narrowCell = 2
        let narrow = indent.count + hourWidth + categories.count * (narrowCell + 1) + totalWidth
        guard narrow <= width else { return [indent + "(the heat map needs \(narrow) columns; see a wider --width or --format csv)"] }
        let withCounts = wide <= width
        let cell = withCounts ? wideCell : narrowCell
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - DisplayCells.width(s)))
            return right ? fill + s : s + fill
        }
        var out: [String] = []
        out.append(indent + pad("", hourWidth, right: false) + categories.map { pad(HourOfDayTable.head($0, narrow: !withCounts), cell, right: false) + " " }.joined()
                   + pad("all", totalWidth, right: true))
        for hour in 0..<24 {
            var line = indent + pad((hour < 10 ? "0" : "") + "\(hour)h", hourWidth, right: false)
            for (i, _) in categories.enumerated() {
                let n = counts[hour][i]
                let shade = String(repeating: String(shade(n)), count: 2)
                let text = withCounts ? shade + " " + pad(n > 0 ? String(n) : "", digits, right: true) : shade
                line += pad(text, cell, right: false) + " "
            }
            line += pad(String(total(hour: hour)), totalWidth, right: true)
            while line.hasSuffix(" ") { line.removeLast() }
            out.append(line)
        }
        let quarter = busiest > 0 ? " of the busiest cell (\(busiest) hazard\(busiest == 1 ? "" : "s"))" : ""
        out += ReportLayout.wrap(indent + "· none  ░ up to ¼  ▒ up to ½  ▓ up to ¾  █ more" + quarter, width: width, indent: indent)
        out += ReportLayout.wrap(indent + "Key: " + categories.map { "\(HourOfDayTable.head($0, narrow: !withCounts)) \($0.label)" }.joined(separator: " · "),
                                 width: width, indent: indent + "     ")
        return out
    }
}
