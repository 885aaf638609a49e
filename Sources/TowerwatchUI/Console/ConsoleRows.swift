import TowerwatchCore

/// The rows every table pane shows, computed from the state and the clock.
///
/// Rendering and key handling both read these, so what a key selects is what
/// the screen shows. Everything here is a pure function of its inputs.
public struct ConsoleRows: Sendable {
    public var hazards: [TableRow]
    public var towers: [TableRow]
    public var guards: [TableRow]
    public var feed: [TableRow]

    // Each pane declares what matters most: when it is narrow, columns of
    // lower priority go first, and flexible columns are cut at their end.
    // Hazards: the id (with ×N when several reports joined it: see
    // `joinedWidth`), its state, who is on it and the scene clock stay longest.
    public static let hazardColumns = [
        TableColumn("ID", width: 8, priority: 9), TableColumn("Category", width: 11, priority: 6),
        TableColumn("Where", width: 10, flex: 2, priority: 7), TableColumn("Age", width: 6, align: .right, priority: 2),
        TableColumn("State", width: 16, priority: 9), TableColumn("Guard", width: 12, flex: 1, priority: 8),
        TableColumn("Ack", width: 7, align: .right, priority: 5), TableColumn("Scene", width: 7, align: .right, priority: 8),
        TableColumn("Fix", width: 7, align: .right, priority: 4),
    ]
    public static let towerColumns = [
        TableColumn("Tower", width: 10, flex: 2, priority: 9), TableColumn("Company", width: 8, flex: 1, priority: 3),
        TableColumn("Open", width: 4, align: .right, priority: 8), TableColumn("Grd", width: 3, align: .right, priority: 7),
        TableColumn("Late", width: 4, align: .right, priority: 8), TableColumn("NoCrime", width: 7, align: .right, priority: 4),
    ]
    /// Team names (巡防十一队) are ten cells: whole wherever the pane has room for the column.
    public static let guardColumns = [
        TableColumn("ID", width: 5, priority: 9), TableColumn("Name", width: 6, flex: 1, priority: 8), TableColumn("Team", width: 10, priority: 3),
        TableColumn("Status", width: 11, priority: 9), TableColumn("Last checkpoint", width: 14, flex: 3, priority: 6),
        TableColumn("Ago", width: 6, align: .right, priority: 7),
    ]
    /// The feed's event text leads with the action and the id (``FeedText``), so a cut loses the least.
    public static let feedColumns = [TableColumn("Time", width: 8, priority: 5), TableColumn("Event", width: 20, flex: 1, priority: 9)]
    public static let feedDatedTimeWidth = 14
    /// The ID column's width while some open hazard shows ×N (`H-000012 ×3`):
    /// wider only then, so a district without joined reports keeps its columns.
    public static let joinedIDWidth = 11
    /// True when some open hazard stands for more than one report.
    public private(set) var hazardsJoined = false

    /// The columns of `pane` as this frame draws them.
    public func columns(_ pane: PaneID, towersView: TowersView = .towers) -> [TableColumn] {
        var columns = Self.columns(pane, towersView: towersView)
        if pane == .hazards, hazardsJoined { columns[0].width = Self.joinedIDWidth }
        if pane == .feed, feedCrossesDays { columns[0].width = Self.feedDatedTimeWidth }
        return columns
    }
    /// True when the feed holds records from another local day than now's: those rows show their date.
    public private(set) var feedCrossesDays = false

    public static func columns(_ pane: PaneID, towersView: TowersView = .towers) -> [TableColumn] {
        switch pane {
        case .hazards: hazardColumns
        case .towers: towersView == .towers ? towerColumns : TowersView.offenderColumns
        case .guards: guardColumns
        case .feed, .detail: feedColumns
        }
    }

    public func rows(_ pane: PaneID) -> [TableRow] {
        switch pane {
        case .hazards: hazards
        case .towers: towers
        case .guards: guards
        case .feed: feed
        case .detail: []
        }
    }

    /// What the overdue count below was worked out from.
    private var basis: Basis
    /// Open hazards overdue at `basis.now` (for the status bar).
    private var overdueCount: Int

    private struct Basis: Sendable {
        var openHazards: Set<HazardID>
        var hazards: [HazardID: Hazard]
        var dispatches: [DispatchID: Dispatch]
        var now: Timestamp
        var policy: Policy
    }

    public init(state s: DistrictState, recent: [EventRecord], now: Timestamp, policy: Policy, time: LocalTimeText,
                towersView: TowersView = .towers) {
        // Every open hazard's clocks, once: for the hazards pane (its order),
        // the towers pane and the status bar (their overdue counts).
        let urgency = s.openHazardUrgency(now: now, policy: policy)
        let frame = RowFrame(state: s, now: now, policy: policy)
        let hazardSource = HazardRowSource(ids: urgency.map(\.id), frame: frame)
        hazards = urgency.indices.map { TableRow(key: urgency[$0].id.raw, source: hazardSource, index: $0) }
        hazardsJoined = urgency.contains { s.hazards[$0.id].map { $0.reportCount > 1 } ?? false }
        var overdue = 0
        for u in urgency where u.isOverdue { overdue += 1 }
        overdueCount = overdue
        basis = Basis(openHazards: s.openHazards, hazards: s.hazards, dispatches: s.dispatches, now: now, policy: policy)
        if case .repeatOffenders(let days) = towersView {
            towers = TowersView.offenderRows(s, days: days, now: now)
        } else {
            towers = Self.towerRows(s, now: now, urgency: urgency)
        }
        var onDuty: [Guard] = []
        for id in s.guardOrder {
            if let g = s.guards[id], g.onDuty { onDuty.append(g) }
        }
        let guardSource = GuardRowSource(guards: onDuty, frame: frame)
        guards = onDuty.indices.map { TableRow(key: onDuty[$0].id.raw, source: guardSource, index: $0) }
        // The latest 200 notable records, newest first.
        var notable: [EventRecord] = []
        var i = recent.endIndex
        while i > recent.startIndex, notable.count < 200 {
            i -= 1
            if RecordText.isNotable(recent[i].event) { notable.append(recent[i]) }
        }
        // Newest first: the last is the oldest, the one a day boundary reaches first.
        feedCrossesDays = notable.last.map { !time.sameDay($0.time, now) } ?? false
        let feedSource = FeedRowSource(records: notable, frame: frame, time: time)
        feed = notable.indices.map { TableRow(key: String(notable[$0].seq), source: feedSource, index: $0) }
    }

    /// Open hazards overdue at `now`: worked out with the rows when they come
    /// from the same hazards, clock and policy, else from `state`.
    public func overdueHazards(in state: DistrictState, now: Timestamp, policy: Policy) -> Int {
        if now == basis.now, policy == basis.policy, state.openHazards == basis.openHazards,
           state.hazards == basis.hazards, state.dispatches == basis.dispatches {
            return overdueCount
        }
        return state.overdueHazardCount(now: now, policy: policy)
    }

    static func towerRows(_ s: DistrictState, now: Timestamp, urgency: [HazardUrgency]) -> [TableRow] {
        s.towerSummaries(now: now, urgency: urgency).map { t in
            TableRow(key: t.tower.id.raw, cells: [
                TableCell(s.towerLabel(t.tower.id), .towerName), TableCell(t.companyName, .textDim),
                TableCell(String(t.openHazards), t.openHazards > 0 ? .text : .textDim, sort: .number(Double(t.openHazards))),
                TableCell(String(t.guardsPresent), .text, sort: .number(Double(t.guardsPresent))),
                TableCell(t.overdue > 0 ? "‼\(t.overdue)" : "0", t.overdue > 0 ? .hazardOverdue : .textDim, sort: .number(Double(t.overdue))),
                TableCell("\(t.daysSinceLastCrime)d", .textDim, sort: .number(Double(t.daysSinceLastCrime))),
            ])
        }
    }

    static func guardCells(_ g: Guard, _ s: DistrictState, _ now: Timestamp, _ policy: Policy) -> [TableCell] {
        let silent = s.isSilent(g, now: now, policy: policy)
        let cp = s.lastCheckpoint(of: g)
        let place = cp.map { Place.text(tower: s.towerLabel($0.tower), floor: $0.floor, zone: $0.name) } ?? "—"
        let ago = g.lastScan.map { now - $0.at }
        return [
            TableCell(g.id.raw), TableCell(s.guardLabel(g)),
            TableCell(s.teamLabel(g.team), .textDim),
            TableCell(silent ? "‼ silent" : g.status.label, silent ? .guardSilent : Self.role(g.status)),
            TableCell(place, .text), TableCell(ago?.compact ?? "—", silent ? .guardSilent : .textDim, sort: .number(Double(ago?.millis ?? .max))),
        ]
    }

    static func feedCells(_ r: EventRecord, _ s: DistrictState, now: Timestamp, time: LocalTimeText) -> [TableCell] {
        [
            TableCell(time.clock(r.time, sameDayAs: now), .feedTime, sort: .number(Double(r.time.millis))),
            TableCell((r.drill ? "[drill] " : "") + FeedText.line(r, in: s), Self.feedRole(r.event)),
        ]
    }

    static func hazardRow(_ st: HazardStatus, _ s: DistrictState, _ now: Timestamp) -> TableRow {
        let h = st.hazard
        let tower = s.towerLabel(h.tower)
        let guardText = st.dispatch.map { d in s.guards[d.guard].map { "\(d.guard) \($0.name)" } ?? d.guard.raw } ?? "—"
        func clock(_ c: ClockReading?) -> TableCell {
            guard let c else { return TableCell("—", .textDim, sort: .number(-1)) }
            let text = c.level == .normal ? c.elapsed.compact : c.level.symbol + c.elapsed.compact
            let role: Role = c.isRunning ? (c.level == .overdue ? .clockOverdue : c.level == .warning ? .clockWarning : .clockNormal)
                                         : (c.level == .overdue ? .clockOverdue : .textDim)
            return TableCell(c.isRunning ? text : "✓" + c.elapsed.compact, role, sort: .number(Double(c.elapsed.millis)))
        }
        let stage = HazardStage(of: h, in: s)
        let stateRole: Role = stage.needsOfficer ? .alarm : (st.isOverdue || !stage.alarms.isEmpty) ? .hazardOverdue : stage.role
        var guardCell = TableCell(guardText)
        if case .declined(let reason) = stage.step, let d = stage.dispatch {
            // The reason is what the officer needs to decide: it goes in the row, highlighted.
            guardCell = TableCell("\(d.guard): \(reason)", .alarm)
        }
        let idRole: Role = {
            switch h.severity { case .critical: .severityCritical; case .high: .severityHigh; case .medium: .severityMedium; case .low: .severityLow }
        }()
        return TableRow(key: h.id.raw, cells: [
            // One hazard per problem: how many reports it stands for, beside its id.
            TableCell(h.id.raw + (h.reportCount > 1 ? " ×\(h.reportCount)" : ""), idRole),
            TableCell(h.category.label, idRole),
            TableCell(Place.text(tower: tower, floor: h.floor, zone: h.zone)),
            TableCell((now - h.reportedAt).compact, .textDim, sort: .number(Double((now - h.reportedAt).millis))),
            TableCell((st.isOverdue && stage.alarms.isEmpty ? "‼ " : "") + stage.cellText, stateRole),
            guardCell,
            clock(st.ackClock), clock(st.sceneClock), clock(st.rectifyClock),
        ])
    }

    static func role(_ status: GuardStatus) -> Role {
        switch status {
        case .offDuty: .guardOffDuty
        case .available: .guardAvailable
        case .onPatrol: .guardOnPatrol
        case .dispatched: .guardDispatched
        case .enRoute: .guardEnRoute
        case .onScene: .guardOnScene
        }
    }

    static func feedRole(_ e: Event) -> Role {
        switch e {
        case .hazardReported(_, let category, _, _, _, _, let severity, _, _):
            return severity >= .high || category == .fireAlarm ? .feedAlarm : .feedText
        case .hazardEscalated, .dispatchDeclined, .alarmRaised: return .feedAlarm
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .setUpLost, .shiftStarted, .shiftEnded, .guardWentOnDuty,
             .guardWentOffDuty, .checkpointScanned, .guardDispatched, .dispatchAcknowledged, .guardArrivedOnScene,
             .dispatchCleared, .dispatchWithdrawn, .hazardClosed, .hazardNoteAdded, .bulletinIssued, .districtTimeZoneSet,
             .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
            return .feedText
        }
    }
}

/// What every row of a frame is told from, shared by the panes' row sources.
private final class RowFrame: Sendable {
    let state: DistrictState
    let now: Timestamp
    let policy: Policy
    init(state: DistrictState, now: Timestamp, policy: Policy) { self.state = state; self.now = now; self.policy = policy }
}

/// The hazards pane's rows, told when read.
private final class HazardRowSource: TableRowSource {
    let ids: [HazardID]
    let frame: RowFrame
    init(ids: [HazardID], frame: RowFrame) { self.ids = ids; self.frame = frame }
    func cells(at index: Int) -> [TableCell] {
        let s = frame.state
        guard let h = s.hazards[ids[index]] else { return [] }
        return ConsoleRows.hazardRow(s.status(of: h, now: frame.now, policy: frame.policy), s, frame.now).cells
    }
}

/// The guards pane's rows (guards on duty), told when read.
private final class GuardRowSource: TableRowSource {
    let guards: [Guard]
    let frame: RowFrame
    init(guards: [Guard], frame: RowFrame) { self.guards = guards; self.frame = frame }
    func cells(at index: Int) -> [TableCell] { ConsoleRows.guardCells(guards[index], frame.state, frame.now, frame.policy) }
}

/// The feed's rows, told when read.
private final class FeedRowSource: TableRowSource {
    let records: [EventRecord]
    let frame: RowFrame
    let time: LocalTimeText
    init(records: [EventRecord], frame: RowFrame, time: LocalTimeText) { self.records = records; self.frame = frame; self.time = time }
    func cells(at index: Int) -> [TableCell] { ConsoleRows.feedCells(records[index], frame.state, now: frame.now, time: time) }
}
