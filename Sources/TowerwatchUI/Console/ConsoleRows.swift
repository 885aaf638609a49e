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

    public static let hazardColumns = [
        TableColumn("ID", width: 8, priority: 9), TableColumn("Category", width: 11, priority: 6),
        TableColumn("Where", width: 14, flex: 2, priority: 7), TableColumn("Age", width: 6, align: .right, priority: 2),
        TableColumn("State", width: 12, priority: 8), TableColumn("Guard", width: 12, flex: 1, priority: 4),
        TableColumn("Ack", width: 7, align: .right, priority: 7), TableColumn("Scene", width: 7, align: .right, priority: 8),
        TableColumn("Fix", width: 7, align: .right, priority: 6),
    ]
    public static let towerColumns = [
        TableColumn("Tower", width: 10, flex: 2, priority: 9), TableColumn("Company", width: 8, flex: 1, priority: 3),
        TableColumn("Open", width: 4, align: .right, priority: 8), TableColumn("Grd", width: 3, align: .right, priority: 7),
        TableColumn("Late", width: 4, align: .right, priority: 8), TableColumn("NoCrime", width: 7, align: .right, priority: 4),
    ]
    public static let guardColumns = [
        TableColumn("ID", width: 5, priority: 9), TableColumn("Name", width: 6, flex: 1, priority: 8), TableColumn("Team", width: 8, priority: 3),
        TableColumn("Status", width: 11, priority: 9), TableColumn("Last checkpoint", width: 14, flex: 3, priority: 6),
        TableColumn("Ago", width: 6, align: .right, priority: 7),
    ]
    public static let feedColumns = [TableColumn("Time", width: 8), TableColumn("Event", width: 20, flex: 1)]

    public static func columns(_ pane: PaneID) -> [TableColumn] {
        switch pane {
        case .hazards: hazardColumns
        case .towers: towerColumns
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

    public init(state s: DistrictState, recent: [EventRecord], now: Timestamp, policy: Policy) {
        hazards = s.openHazardsByUrgency(now: now, policy: policy).map { Self.hazardRow($0, s, now) }
        towers = s.towerSummaries(now: now, policy: policy).map { t in
            TableRow(key: t.tower.id.raw, cells: [
                TableCell(t.tower.name, .towerName), TableCell(t.companyName, .textDim),
                TableCell(String(t.openHazards), t.openHazards > 0 ? .text : .textDim, sort: .number(Double(t.openHazards))),
                TableCell(String(t.guardsPresent), .text, sort: .number(Double(t.guardsPresent))),
                TableCell(t.overdue > 0 ? "‼\(t.overdue)" : "0", t.overdue > 0 ? .hazardOverdue : .textDim, sort: .number(Double(t.overdue))),
                TableCell("\(t.daysSinceLastCrime)d", .textDim, sort: .number(Double(t.daysSinceLastCrime))),
            ])
        }
        guards = s.guardOrder.compactMap { s.guards[$0] }.filter(\.onDuty).map { g in
            let silent = s.isSilent(g, now: now, policy: policy)
            let cp = s.lastCheckpoint(of: g)
            let place = cp.map { "\(s.towers[$0.tower]?.name ?? $0.tower.raw) \($0.floor) \($0.name)" } ?? "—"
            let ago = g.lastScan.map { now - $0.at }
            return TableRow(key: g.id.raw, cells: [
                TableCell(g.id.raw), TableCell(g.name),
                TableCell(s.teams[g.team]?.name ?? g.team.raw, .textDim),
                TableCell(silent ? "‼ silent" : g.status.label, silent ? .guardSilent : Self.role(g.status)),
                TableCell(place, .text), TableCell(ago?.compact ?? "—", silent ? .guardSilent : .textDim, sort: .number(Double(ago?.millis ?? .max))),
            ])
        }
        feed = recent.reversed().filter { RecordText.isNotable($0.event) }.prefix(200).map { r in
            TableRow(key: String(r.seq), cells: [
                TableCell(r.time.clockText, .feedTime),
                TableCell((r.drill ? "[drill] " : "") + RecordText.describe(r, in: s), Self.feedRole(r.event)),
            ])
        }
    }

    static func hazardRow(_ st: HazardStatus, _ s: DistrictState, _ now: Timestamp) -> TableRow {
        let h = st.hazard
        let tower = s.towers[h.tower]?.name ?? h.tower.raw
        let guardText = st.dispatch.map { d in s.guards[d.guard].map { "\(d.guard) \($0.name)" } ?? d.guard.raw } ?? "—"
        func clock(_ c: ClockReading?) -> TableCell {
            guard let c else { return TableCell("—", .textDim, sort: .number(-1)) }
            let text = c.level == .normal ? c.elapsed.compact : c.level.symbol + c.elapsed.compact
            let role: Role = c.isRunning ? (c.level == .overdue ? .clockOverdue : c.level == .warning ? .clockWarning : .clockNormal)
                                         : (c.level == .overdue ? .clockOverdue : .textDim)
            return TableCell(c.isRunning ? text : "✓" + c.elapsed.compact, role, sort: .number(Double(c.elapsed.millis)))
        }
        let stateRole: Role = st.isOverdue ? .hazardOverdue : {
            switch st.phase {
            case .new: return .hazardNew
            case .dispatched: return .hazardDispatched
            case .acknowledged: return .hazardAcknowledged
            case .onScene: return .hazardOnScene
            case .closed: return .hazardResolved
            }
        }()
        let idRole: Role = {
            switch h.severity { case .critical: .severityCritical; case .high: .severityHigh; case .medium: .severityMedium; case .low: .severityLow }
        }()
        return TableRow(key: h.id.raw, cells: [
            TableCell(h.id.raw, idRole),
            TableCell(h.category.label, idRole),
            TableCell("\(tower) \(h.floor) \(h.zone)"),
            TableCell((now - h.reportedAt).compact, .textDim, sort: .number(Double((now - h.reportedAt).millis))),
            TableCell((st.isOverdue ? "‼ " : "") + st.phase.label, stateRole),
            TableCell(guardText),
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
        default: return .feedText
        }
    }
}
