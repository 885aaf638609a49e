import TowerwatchCore

/// What the console is showing: the live district, a drill, or a replay.
public enum ConsoleMode: String, Sendable, Hashable {
    case live = "LIVE", drill = "DRILL", replay = "REPLAY"
}

/// Something a console (officer, guard or replay) asks its runtime to do; the
/// update step performs no I/O itself. One type for all three, so the runner
/// performs them without translating one console's effects into its own.
public enum ConsoleEffect: Sendable, Hashable {
    /// Run a command through the log (decide under the write lock, append).
    case execute(Command)
    case quit
    case cycleTheme
    case bell
    /// The visual bell, where the terminal has one.
    case flash
}

/// A line in the status bar: the outcome of the last action, or what rang.
///
/// Confirmations fade after a few seconds; rejections and alarms stay until
/// the officer presses a key (see ``ConsoleModel/acknowledgeStatus()``). The
/// time it was said is an input like any other, so tests move a manual clock.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Something done or changed: fades after ``StatusMessage/confirmationLifetime``.
        case confirmation
        /// A refusal, a withdrawn offer, an error: stays until a key.
        case rejection
        /// What rang (a critical hazard, a decline, an alarm): stays until a key.
        case alarm
    }
    public var text: String
    public var kind: Kind
    /// When it was said; nil for a message that never fades on its own.
    public var at: Timestamp?

    /// How long a confirmation stays on screen.
    public static let confirmationLifetime = Span.seconds(5)

    public var isError: Bool { kind != .confirmation }

    public init(text: String, kind: Kind, at: Timestamp?) { self.text = text; self.kind = kind; self.at = at }
    public init(text: String, isError: Bool) { self.init(text: text, kind: isError ? .rejection : .confirmation, at: nil) }

    /// True while the message should still show at `now`.
    public func isShown(at now: Timestamp) -> Bool {
        guard kind == .confirmation, let at else { return true }
        return now - at < Self.confirmationLifetime
    }
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
    /// The programme's figures since the district's start, scrolled by `scroll` lines.
    case programme(scroll: Int)
    /// The one-line question before an offer (`R`, `A`, the picker) is carried out.
    case confirmOffer(Offer)
}

/// The officer console's own state: focus, selections, overlays. Never in the log.
public struct ConsoleModel: Sendable {
    public var focus: PaneID = .hazards
    /// The table pane whose selection the detail pane shows.
    public var detailSource: PaneID = .hazards
    public var tables: [PaneID: TableState] = [:]
    /// What the towers pane shows: the towers or the repeat offenders of a window.
    public var towersView: TowersView = .towers
    public var overlay: Overlay?
    public var status: StatusMessage?
    /// Who acts from this console; actions are refused without an officer identity.
    public var officer: OfficerID?
    public var mode: ConsoleMode = .live
    public var policy: Policy = .standard
    /// No bell and no flash when true (`--quiet`, or the key that toggles it).
    public var quiet = false
    /// A line the header leads with until the officer presses a key (the demo: what runs and where its log is).
    public var banner: String?

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

    /// The status line as it shows at `now`: nil once a confirmation has faded.
    public func visibleStatus(at now: Timestamp) -> StatusMessage? {
        status.flatMap { $0.isShown(at: now) ? $0 : nil }
    }

    /// Puts a line in the status bar, said at `now`.
    public mutating func say(_ text: String, _ kind: StatusMessage.Kind, _ now: Timestamp) {
        status = StatusMessage(text: text, kind: kind, at: now)
    }

    /// The offer the hint bar shows for these rows: `R` and `A` take exactly this one.
    public func shownOffer(state: DistrictState, rows: ConsoleRows, now: Timestamp) -> AlarmOffer? {
        guard mode != .replay else { return nil }
        return AlarmOffer.find(state: state, selected: selectedHazard(rows: rows), now: now, policy: policy)
    }

    /// Withdraws an offer waiting for confirmation that no longer holds in
    /// `state` (another process changed the district meanwhile).
    public mutating func withdrawStaleOffer(state: DistrictState, now: Timestamp) -> [ConsoleEffect] {
        guard case .confirmOffer(let offer) = overlay, let reason = offer.staleness(in: state) else { return [] }
        overlay = nil
        say("offer withdrawn: \(reason); nothing was sent", .rejection, now)
        return quiet ? [] : [.bell]
    }

    /// The hazard the officer has selected (in the hazards pane), if any.
    public func selectedHazard(rows: ConsoleRows) -> HazardID? {
        selectedKey(.hazards, rows: rows).map { HazardID($0) }
    }
}

/// The new-hazard form: choices cycle with ←/→, text fields take typing.
public struct HazardForm: Sendable, Hashable {
    public enum Field: Int, CaseIterable, Sendable { case category, tower, floor, zone, tenant, severity, note }
    public var field: Field = .category
    public var category: HazardCategory = .fireSafety
    public var towerIndex = 0
    public var floor = "1"
    public var zoneIndex = 0
    public var severity: Severity? = nil
    /// The tenant responsible, picked from the tower's tenants; nil for none.
    public var tenant: TenantID? = nil
    public var note = ""

    public init() {}

    public func label(_ f: Field) -> String {
        switch f {
        case .category: "Category"; case .tower: "Tower"; case .floor: "Floor"; case .zone: "Zone"; case .tenant: "Tenant"
        case .severity: "Severity"; case .note: "Note"
        }
    }

    public func value(_ f: Field, state: DistrictState) -> String {
        switch f {
        case .category: return category.label
        case .tower: return tower(in: state).map { "\($0.name) (\($0.id))" } ?? "—"
        case .floor: return floor
        case .zone: return zone(in: state) ?? "—"
        case .tenant: return state.tenantLabel(tenant)
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
        return HazardReport(category: category, source: .officer, tower: t.id, floor: floor.trimmingSpaces, zone: z, severity: severity, tenant: tenant, note: note)
    }

    mutating func cycle(_ delta: Int, state: DistrictState) {
        func wrap(_ i: Int, _ n: Int) -> Int { n == 0 ? 0 : ((i % n) + n) % n }
        switch field {
        case .category:
            let all = HazardCategory.allCases
            category = all[wrap((all.firstIndex(of: category) ?? 0) + delta, all.count)]
        case .tower:
            towerIndex = wrap(towerIndex + delta, state.towerOrder.count); zoneIndex = 0; tenant = nil
        case .zone:
            zoneIndex = wrap(zoneIndex + delta, tower(in: state)?.zones.count ?? 0)
        case .tenant:
            guard let t = tower(in: state) else { return }
            tenant = steppedTenant(tenant, among: state.tenants(in: t.id), by: delta)
            // The tenant's floor is where its hazard usually is; the officer may still type another.
            if let chosen = tenant.flatMap({ state.tenants[$0] }) { floor = chosen.floor }
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
