import TowerwatchCore

/// What the console is showing: the live district, a drill, or a replay.
public enum ConsoleMode: String, Sendable, Hashable {
    case live = "LIVE", drill = "DRILL", replay = "REPLAY"
}

/// Something the console asks its runtime to do; the update step performs no I/O itself.
public enum ConsoleEffect: Sendable, Hashable {
    /// Run a command through the log (decide under the write lock, append).
    case execute(Command)
    case quit
    case cycleTheme
    case bell
}

/// A line in the status bar: the outcome of the last action.
public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var isError: Bool
    public init(text: String, isError: Bool) { self.text = text; self.isError = isError }
}

/// The overlays that take the keyboard while open.
public enum Overlay: Sendable, Hashable {
    case help
    case detail(scroll: Int)
    case filter(text: String)
    case commandLine(text: String)
    case newHazard(HazardForm)
    case dispatchPicker(hazard: HazardID, index: Int)
    case escalatePicker(hazard: HazardID, index: Int)
    case confirmClose(hazard: HazardID, note: String)
}

/// The officer console's own state: focus, selections, overlays. Never in the log.
public struct ConsoleModel: Sendable {
    public var focus: PaneID = .hazards
    /// The table pane whose selection the detail pane shows.
    public var detailSource: PaneID = .hazards
    public var tables: [PaneID: TableState] = [:]
    public var overlay: Overlay?
    public var status: StatusMessage?
    /// Who acts from this console; actions are refused without an officer identity.
    public var officer: OfficerID?
    public var mode: ConsoleMode = .live
    public var policy: Policy = .standard

    public init(officer: OfficerID? = nil, mode: ConsoleMode = .live) {
        self.officer = officer
        self.mode = mode
    }

    public func table(_ pane: PaneID) -> TableState { tables[pane] ?? TableState() }

    /// The key of the row selected in `pane`, resolved against its current rows.
    public func selectedKey(_ pane: PaneID, rows: ConsoleRows) -> String? {
        let arranged = table(pane).arrange(rows.rows(pane))
        guard !arranged.isEmpty else { return nil }
        return arranged[table(pane).resolvedIndex(in: arranged)].key
    }

    /// The hazard the officer has selected (in the hazards pane), if any.
    public func selectedHazard(rows: ConsoleRows) -> HazardID? {
        selectedKey(.hazards, rows: rows).map { HazardID($0) }
    }
}

/// The new-hazard form: choices cycle with ←/→, text fields take typing.
public struct HazardForm: Sendable, Hashable {
    public enum Field: Int, CaseIterable, Sendable { case category, tower, floor, zone, severity, note }
    public var field: Field = .category
    public var category: HazardCategory = .fireSafety
    public var towerIndex = 0
    public var floor = "1"
    public var zoneIndex = 0
    public var severity: Severity? = nil
    public var note = ""

    public init() {}

    public func label(_ f: Field) -> String {
        switch f {
        case .category: "Category"; case .tower: "Tower"; case .floor: "Floor"; case .zone: "Zone"; case .severity: "Severity"; case .note: "Note"
        }
    }

    public func value(_ f: Field, state: DistrictState) -> String {
        switch f {
        case .category: return category.label
        case .tower: return tower(in: state).map { "\($0.name) (\($0.id))" } ?? "—"
        case .floor: return floor
        case .zone: return zone(in: state) ?? "—"
        case .severity: return (severity ?? HazardReport.defaultSeverity(category)).name
        case .note: return note
        }
    }

    public func tower(in state: DistrictState) -> Tower? {
        guard !state.towerOrder.isEmpty else { return nil }
        return state.towers[state.towerOrder[min(towerIndex, state.towerOrder.count - 1)]]
    }

    public func zone(in state: DistrictState) -> String? {
        guard let t = tower(in: state), !t.zones.isEmpty else { return nil }
        return t.zones[min(zoneIndex, t.zones.count - 1)]
    }

    public func report(in state: DistrictState) -> HazardReport? {
        guard let t = tower(in: state), let z = zone(in: state) else { return nil }
        return HazardReport(category: category, source: .officer, tower: t.id, floor: floor.trimmingSpaces, zone: z, severity: severity, note: note)
    }

    mutating func cycle(_ delta: Int, state: DistrictState) {
        func wrap(_ i: Int, _ n: Int) -> Int { n == 0 ? 0 : ((i % n) + n) % n }
        switch field {
        case .category:
            let all = HazardCategory.allCases
            category = all[wrap((all.firstIndex(of: category) ?? 0) + delta, all.count)]
        case .tower:
            towerIndex = wrap(towerIndex + delta, state.towerOrder.count); zoneIndex = 0
        case .zone:
            zoneIndex = wrap(zoneIndex + delta, tower(in: state)?.zones.count ?? 0)
        case .severity:
            let all = Severity.allCases
            let current = severity ?? HazardReport.defaultSeverity(category)
            severity = all[wrap((all.firstIndex(of: current) ?? 0) + delta, all.count)]
        case .floor, .note:
            break
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
