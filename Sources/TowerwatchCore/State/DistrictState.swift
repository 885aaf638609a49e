/// The district as the fold of every event so far.
///
/// Only `evolve` (and its in-place form `apply`) changes it. The per-tower
/// figures and the open sets are kept up to date as events are folded, so the
/// console's queries never rescan history.
public struct DistrictState: Sendable, Codable, Equatable {
    public var companies: [CompanyID: PropertyCompany] = [:]
    public var towers: [TowerID: Tower] = [:]
    /// Towers in the order they were registered.
    public var towerOrder: [TowerID] = []
    public var checkpoints: [CheckpointID: Checkpoint] = [:]
    public var tenants: [TenantID: Tenant] = [:]
    public var teams: [TeamID: Team] = [:]
    public var teamOrder: [TeamID] = []
    public var guards: [GuardID: Guard] = [:]
    public var guardOrder: [GuardID] = []
    public var officers: [OfficerID: Officer] = [:]
    /// The roster of accounts: which operating-system account acts as whom. Empty
    /// in a district that binds none (then nobody's identity is checked; see `CallerCheck`).
    public var accounts: [String: Actor] = [:]
    public var procedures: [HazardCategory: [String]] = [:]
    public var shifts: [ShiftID: Shift] = [:]
    public var currentShift: ShiftID?
    /// The district's time zone (`Asia/Shanghai`), as last set; nil in a log from before
    /// zones were recorded. Its rules come from outside the core (see `ZoneRules`).
    public var timeZone: String?
    /// Entities whose set-up record a repair lost: each is a placeholder in its
    /// dictionary (no name, no figures) until its set-up record is written again.
    public var lostInRepair: Set<LostSetUp> = []

    /// Open hazards and those closed within `closedRetention`; older ones live only in the log.
    public var hazards: [HazardID: Hazard] = [:]
    public var openHazards: Set<HazardID> = []
    /// Closed hazards, oldest close first, waiting to be archived (from `closedHead` on).
    public var closedOrder: [ClosedHazard] = []
    /// The first entry of `closedOrder` not yet archived: a queue without shifting.
    public var closedHead = 0
    /// How long a closed hazard (and its dispatches) stays in memory for the console.
    public static let closedRetention = Span.hours(24)
    public var dispatches: [DispatchID: Dispatch] = [:]
    public var bulletins: [Bulletin] = []
    public static let bulletinsKept = 50

    public var towerFigures: [TowerID: TowerFigures] = [:]
    /// Live hazards per tenant or place, category and day, for the repeat-offender view.
    public var repeats = RepeatTallies()
    public var liveFigures = DistrictFigures()
    public var drillFigures = DistrictFigures()
    /// The programme's figures since the log began (see `ProgrammeTally`): live records only.
    public var programme = ProgrammeTally()
    /// How long a hazard of each category stayed open before the programme, in minutes, as an officer recorded it.
    public var rectifyBaselines: [HazardCategory: Int] = [:]

    /// Sequence number and time of the last record folded in.
    public var lastSeq: UInt64 = 0
    public var lastTime: Timestamp?
    /// Counters that make new identifiers (`H-000123`), so ids never repeat.
    public var hazardCount = 0
    public var dispatchCount = 0
    /// The highest number in any hazard or dispatch id seen (`H-000123` → 123): after
    /// a repair removed a report, the count lags, and archived ids must never come back.
    public var highestHazardNumber = 0
    public var highestDispatchNumber = 0
    public var bulletinCount = 0

    public init() {}

    public var openHazardCount: Int { openHazards.count }
}

/// A closed hazard and when it closed, for archiving in order.
public struct ClosedHazard: Hashable, Sendable, Codable {
    public var hazard: HazardID
    public var at: Timestamp
}

/// What the towers pane shows for one tower, kept current by `evolve`.
public struct TowerFigures: Hashable, Sendable, Codable {
    public var openHazards = 0
    public var guardsPresent = 0
    public var lastCrimeAt: Timestamp?
    /// When the tower joined the log; "days since last crime" counts from here when there was none.
    public var since: Timestamp?
    public init() {}
}

/// The programme's headline figures. Drill events count in a separate copy.
public struct DistrictFigures: Hashable, Sendable, Codable {
    public var hazardsReported = 0
    public var hazardsRectified = 0
    public var fireHazardsRectified = 0
    /// Every dispute closed (the status bar's "disputes closed"); the programme counts
    /// those resolved on the spot apart (`ProgrammeTally.disputesResolvedOnSpot`).
    public var disputesResolved = 0
    public var dispatches = 0
    public var checkpointScans = 0
    public var escalations = 0
    public var alarms = 0
    public init() {}
}
