import TowerwatchCore

/// The guard's report-a-hazard form, in three steps each closed by Enter: the
/// category, the place, then an optional note that goes into the report.
///
/// The place comes from the guard's last checkpoint scan, offered as the
/// default. A guard who has scanned nothing this shift has no known place, so
/// nothing is filled in for them: a made-up tower and floor would send an
/// officer to the wrong building. They type (or cycle to) the tower, floor and
/// zone, and the form will not move on until all three are chosen.
public struct GuardReportForm: Sendable, Hashable {
    public enum Step: Int, CaseIterable, Sendable, Hashable {
        case category, place, note

        /// The step's name in the hint bar and the box.
        public var label: String {
            switch self { case .category: "category"; case .place: "place"; case .note: "note" }
        }
    }
    /// The parts of the place, chosen in turn with ↑↓ or Tab; the tenant responsible is optional.
    public enum Field: Int, CaseIterable, Sendable { case tower, floor, zone, tenant }

    public var step: Step = .category
    public var categoryIndex = 0
    public var field: Field = .tower
    /// The tower; nil until chosen when there is no scan to start from.
    public var tower: TowerID?
    /// What the guard typed to find the tower (an id such as `t02`, or part of its name).
    public var towerTyped = ""
    /// The floor as typed (`b1` is read as `B1`); empty until chosen.
    public var floor: String
    /// The zone; empty until chosen.
    public var zone: String
    /// What the guard typed to find the zone (its first letters: `gar` for garage).
    public var zoneTyped = ""
    /// The tenant responsible, if the guard names one (←→ through the tower's tenants).
    public var tenant: TenantID?
    public var note = ""
    /// The checkpoint the place was taken from, while it is unchanged.
    public var fromScan: CheckpointID?

    public var category: HazardCategory { HazardCategory.allCases[categoryIndex] }

    /// A form whose place is the guard's last checkpoint, or empty when they have none.
    public init(for guardID: GuardID, in state: DistrictState) {
        if let g = state.guards[guardID], let cp = state.lastCheckpoint(of: g) {
            tower = cp.tower; floor = cp.floor; zone = cp.zone; fromScan = cp.id
        } else {
            tower = nil; floor = ""; zone = ""
        }
    }

    public func label(_ f: Field) -> String {
        switch f { case .tower: "Tower"; case .floor: "Floor"; case .zone: "Zone"; case .tenant: "Tenant" }
    }

    /// The field's value as shown: the tower's name and id, or what has been typed so far.
    public func value(_ f: Field, state: DistrictState) -> String {
        switch f {
        case .tower:
            if let tower { return state.towers[tower].map { "\($0.name) (\(tower))" } ?? tower.raw }
            return towerTyped.isEmpty ? "—" : towerTyped + " (no such tower)"
        case .floor: return floor.isEmpty ? "—" : floor
        case .zone:
            if !zone.isEmpty { return zone }
            return zoneTyped.isEmpty ? "—" : zoneTyped + " (no such zone)"
        case .tenant: return state.tenantLabel(tenant)
        }
    }

    /// The first part of the place still to choose, nil when the place is whole.
    public var missing: Field? {
        if tower == nil { return .tower }
        if floor.isEmpty { return .floor }
        if zone.isEmpty { return .zone }
        return nil
    }

    /// The report this form makes, from the guard on patrol; nil while the place is not whole.
    public var report: HazardReport? {
        guard let tower, missing == nil else { return nil }
        return HazardReport(category: category, source: .patrol, tower: tower, floor: floor, zone: zone, tenant: tenant,
                            note: note.trimmingSpaces)
    }

    // MARK: - Editing the place

    /// Moves the current field through its known values (towers, the tower's floors or zones).
    mutating func cycle(_ delta: Int, state: DistrictState) {
        func next<T: Equatable>(_ list: [T], _ current: T?) -> T? {
            guard !list.isEmpty else { return nil }
            let i = current.flatMap { list.firstIndex(of: $0) } ?? (delta > 0 ? -1 : list.count)
            return list[((i + delta) % list.count + list.count) % list.count]
        }
        switch field {
        case .tower:
            guard let chosen = next(state.towerOrder, tower) else { return }
            setTower(chosen, state: state)
            towerTyped = ""
        case .floor:
            if let t = tower.flatMap({ state.towers[$0] }), let n = next(t.floors, floor.isEmpty ? nil : floor) { floor = n }
        case .zone:
            if let t = tower.flatMap({ state.towers[$0] }), let n = next(t.zones, zone.isEmpty ? nil : zone) { zone = n; zoneTyped = "" }
        case .tenant:
            if let tower { tenant = steppedTenant(tenant, among: state.tenants(in: tower), by: delta) }
            return  // naming the tenant does not move the place off the scan
        }
        fromScan = nil
    }

    /// Takes a typed key into the current field.
    mutating func type(_ key: KeyEvent, state: DistrictState) {
        switch field {
        case .tower:
            towerTyped = key.edited(towerTyped, limit: 24)
            if let found = Self.tower(matching: towerTyped, in: state) { setTower(found, state: state) } else { tower = nil }
        case .floor:
            floor = key.edited(floor, limit: 4).uppercased()
        case .zone:
            if key == .character(" ") { cycle(1, state: state); return }
            // Typing picks the first of the tower's zones that starts with what was typed.
            zoneTyped = key.edited(zoneTyped, limit: 24)
            let typed = zoneTyped.trimmingSpaces.lowercased()
            let zones = tower.flatMap { state.towers[$0]?.zones } ?? []
            zone = typed.isEmpty ? "" : zones.first { $0.lowercased().hasPrefix(typed) } ?? ""
        case .tenant:
            if key == .character(" ") { cycle(1, state: state) }
            return
        }
        fromScan = nil
    }

    /// A new tower keeps the floor and zone when it has them and clears them otherwise.
    mutating func setTower(_ id: TowerID, state: DistrictState) {
        if id != tower { tenant = nil }
        tower = id
        guard let t = state.towers[id] else { return }
        if !floor.isEmpty && !t.hasFloor(floor) { floor = "" }
        if !zone.isEmpty && !t.zones.contains(zone) { zone = "" }
    }

    /// The tower a typed text names: its id in any case (`t02`, `T02`), else the
    /// first tower (in district order) whose name contains the text.
    static func tower(matching text: String, in state: DistrictState) -> TowerID? {
        let typed = text.trimmingSpaces
        guard !typed.isEmpty else { return nil }
        if let id = state.towerOrder.first(where: { $0.raw.lowercased() == typed.lowercased() }) { return id }
        return state.towerOrder.first { state.towers[$0]?.name.contains(typed) == true }
    }
}
