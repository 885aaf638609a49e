import TowerwatchCore

/// What the guard console asks its runtime to do: the consoles' one effect type.
public typealias GuardEffect = ConsoleEffect

/// The overlays that take the guard console's keyboard while open.
public enum GuardOverlay: Sendable, Hashable {
    case help
    /// The whole procedure of the open dispatch's category, scrolled by `scroll` lines.
    case procedure(scroll: Int)
    /// The short note that goes with clearing `dispatch`.
    case clearNote(dispatch: DispatchID, text: String)
    /// The reason for declining `dispatch`, which goes back to the officer.
    case declineReason(dispatch: DispatchID, text: String)
    /// Reporting a hazard: first the category, then the location.
    case report(GuardReportForm)
    /// The checkpoints of one tower, to record a scan by hand.
    case scanPicker(tower: TowerID, index: Int)
}

/// The guard console's own state: who it is for, what is open, the last outcome. Never in the log.
public struct GuardModel: Sendable {
    /// The guard this console belongs to; every command acts as this guard.
    public var guardID: GuardID
    public var overlay: GuardOverlay?
    public var status: StatusMessage?
    public var mode: ConsoleMode = .live
    public var policy: Policy = .standard
    /// The last dispatch this console rang for, so a dispatch rings once.
    public var announcedDispatch: DispatchID?

    /// A console for `guardID`; a dispatch the guard already holds in `state` does
    /// not ring (they have seen it, or been told by radio).
    public init(guardID: GuardID, state: DistrictState? = nil, mode: ConsoleMode = .live) {
        self.guardID = guardID
        self.mode = mode
        announcedDispatch = state?.guards[guardID]?.openDispatch
    }

    /// The guard's open dispatch, if any.
    public func openDispatch(in state: DistrictState) -> Dispatch? {
        state.guards[guardID]?.openDispatch.flatMap { state.dispatches[$0] }
    }

    /// Where the guard is taken to be: their last checkpoint's tower, else the last
    /// tower they were seen in, else their home tower.
    public func currentTower(in state: DistrictState) -> TowerID? {
        guard let g = state.guards[guardID] else { return nil }
        return state.lastCheckpoint(of: g)?.tower ?? g.lastTower ?? g.homeTower
    }
}

/// The report-a-hazard overlay: a category picker, then the location, prefilled
/// from the guard's last checkpoint and editable (tower, floor and zone cycle
/// with ←/→; the floor and the note take typing).
public struct GuardReportForm: Sendable, Hashable {
    public enum Step: Sendable, Hashable { case category, location }
    public enum Field: Int, CaseIterable, Sendable { case tower, floor, zone, tenant, note }

    public var step: Step = .category
    public var categoryIndex = 0
    public var field: Field = .tower
    public var tower: TowerID
    public var floor: String
    public var zone: String
    /// The tenant responsible, if the guard names one (←/→ through the tower's tenants).
    public var tenant: TenantID?
    public var note = ""

    public var category: HazardCategory { HazardCategory.allCases[categoryIndex] }

    /// A form whose location is the guard's last checkpoint (or the tower they are in).
    public init(for guardID: GuardID, in state: DistrictState) {
        let g = state.guards[guardID]
        if let g, let cp = state.lastCheckpoint(of: g) {
            tower = cp.tower; floor = cp.floor; zone = cp.zone
        } else {
            tower = g.flatMap { $0.lastTower ?? $0.homeTower } ?? state.towerOrder.first ?? TowerID("T01")
            floor = "1"
            zone = state.towers[tower]?.zones.first ?? StandardZone.lobby
        }
    }

    public func label(_ f: Field) -> String {
        switch f { case .tower: "Tower"; case .floor: "Floor"; case .zone: "Zone"; case .tenant: "Tenant"; case .note: "Note" }
    }

    public func value(_ f: Field, state: DistrictState) -> String {
        switch f {
        case .tower: return state.towers[tower].map { "\($0.name) (\(tower))" } ?? tower.raw
        case .floor: return floor
        case .zone: return zone
        case .tenant: return state.tenantLabel(tenant)
        case .note: return note
        }
    }

    /// The report this form makes, from the guard on patrol.
    public var report: HazardReport {
        HazardReport(category: category, source: .patrol, tower: tower, floor: floor.trimmingSpaces, zone: zone, tenant: tenant, note: note.trimmingSpaces)
    }

    mutating func cycle(_ delta: Int, state: DistrictState) {
        func step<T: Equatable>(_ list: [T], _ current: T) -> T? {
            guard !list.isEmpty else { return nil }
            let i = list.firstIndex(of: current) ?? (delta > 0 ? -1 : list.count)
            return list[((i + delta) % list.count + list.count) % list.count]
        }
        switch field {
        case .tower:
            guard let next = step(state.towerOrder, tower) else { return }
            tower = next
            // Keep the floor and zone when the new tower has them.
            if let t = state.towers[next] {
                if !t.hasFloor(floor) { floor = "1" }
                if !t.zones.contains(zone) { zone = t.zones.first ?? zone }
            }
            tenant = nil
        case .floor:
            if let t = state.towers[tower], let next = step(t.floors, floor) { floor = next }
        case .zone:
            if let t = state.towers[tower], let next = step(t.zones, zone) { zone = next }
        case .tenant:
            tenant = steppedTenant(tenant, among: state.tenants(in: tower), by: delta)
        case .note:
            break
        }
    }
}
