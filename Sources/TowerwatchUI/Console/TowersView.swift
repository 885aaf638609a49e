import TowerwatchCore

/// What the towers pane shows: the towers, or the repeat offenders of a window
/// (tenants and places with repeated hazards of one category over the last 7,
/// 30 or 90 days). One key steps through them (`KeyMap`).
public enum TowersView: Sendable, Hashable {
    case towers
    case repeatOffenders(days: Int)

    /// The view after this one: towers, then 7, 30 and 90 days, then the towers again.
    public var next: TowersView {
        switch self {
        case .towers: return .repeatOffenders(days: RepeatTallies.windows[0])
        case .repeatOffenders(let days):
            guard let i = RepeatTallies.windows.firstIndex(of: days), i + 1 < RepeatTallies.windows.count else { return .towers }
            return .repeatOffenders(days: RepeatTallies.windows[i + 1])
        }
    }

    public var title: String {
        switch self {
        case .towers: PaneID.towers.title
        case .repeatOffenders(let days): "Repeat offenders, \(days) days"
        }
    }

    /// The repeat-offender view's columns: who or where, what, how many, and the times to rectify.
    public static let offenderColumns = [
        TableColumn("Tenant or place", width: 14, flex: 3, priority: 9), TableColumn("Category", width: 11, priority: 7),
        TableColumn("N", width: 3, align: .right, priority: 9), TableColumn("Fixed", width: 5, align: .right, priority: 4),
        TableColumn("Avg fix", width: 7, align: .right, priority: 5), TableColumn("Longest", width: 7, align: .right, priority: 3),
    ]

    /// The rows of the repeat-offender view at `now`, most hazards first.
    static func offenderRows(_ s: DistrictState, days: Int, now: Timestamp) -> [TableRow] {
        s.repeatOffences(days: days, endingAt: now).map { o in
            let who: TableCell
            switch o.key.subject {
            case .tenant: who = TableCell(s.describe(o.key.subject), .towerName)
            case .place: who = TableCell(s.describe(o.key.subject), .text)
            }
            func span(_ x: Span?) -> TableCell {
                TableCell(x?.compact ?? "—", .textDim, sort: .number(Double(x?.millis ?? -1)))
            }
            return TableRow(key: o.key.rowKey, cells: [
                who, TableCell(o.key.category.label, .text),
                TableCell(String(o.hazards), o.hazards >= 3 ? .hazardOverdue : .text, sort: .number(Double(o.hazards))),
                TableCell(String(o.rectified), .textDim, sort: .number(Double(o.rectified))),
                span(o.meanRectify), span(o.longestRectify),
            ])
        }
    }
}

extension RepeatKey {
    /// A row key that never reads as a tower id.
    var rowKey: String {
        switch subject {
        case .tenant(let t): "repeat tenant \(t.raw) \(category.rawValue)"
        case let .place(tower, floor, zone): "repeat place \(tower.raw) \(floor) \(zone) \(category.rawValue)"
        }
    }
}
