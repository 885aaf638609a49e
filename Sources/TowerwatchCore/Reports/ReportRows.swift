/// The rows of an after-action report: one type per table.
///
/// Every duration is a `Span`; a clock that never stopped inside the report
/// (a dispatch nobody acknowledged, a hazard still open) has a nil time and
/// says how long it had been running at the report's end instead.

// MARK: - Dispatches

/// One dispatch: who was sent where for what, and how fast they answered.
public struct DispatchReportRow: Hashable, Sendable {
    public var id: DispatchID
    public var hazard: HazardID
    public var guardID: GuardID
    public var guardName: String
    public var team: TeamID
    public var teamName: String
    public var tower: TowerID
    public var towerName: String
    public var floor: String
    public var zone: String
    public var category: HazardCategory
    public var source: HazardSource
    public var assignedAt: Timestamp
    public var acknowledgedAt: Timestamp?
    public var arrivedAt: Timestamp?
    public var clearedAt: Timestamp?
    /// Where the dispatch stood at the report's end: cleared, declined, withdrawn, or still open.
    public var outcome: DispatchPhase
    public var drill: Bool

    /// Dispatch → acknowledgement.
    public var toAcknowledge: Span?
    /// Dispatch → arrival on scene (the 5-minute rule measured from the dispatch).
    public var toScene: Span?
    /// Dispatch → cleared.
    public var toClear: Span?
    /// How long the dispatch was waiting for its next step when it ended or the report ended
    /// (for one never acknowledged or never on scene); nil when it reached the scene.
    public var waited: Span?
    /// True: on scene within the scene target; false: on scene later, or still not there past it;
    /// nil: ended (declined, withdrawn) or the report ended before the target passed.
    public var sceneWithinTarget: Bool?
    /// Acknowledged after the ack timeout, or not acknowledged while it ran past it.
    public var acknowledgedLate: Bool
    /// On scene after the scene target, or not on scene while it ran past it.
    public var arrivedLate: Bool
    /// Answered late: acknowledged late or on scene late.
    public var late: Bool { acknowledgedLate || arrivedLate }
    /// The guard's steps written by an account other than the guard's own
    /// (`ack by zhaodz (radio)`): an officer's on-behalf record, an administrator's
    /// hand. Empty in a district that binds no accounts.
    public var writtenByOthers: [String] = []
}

// MARK: - Hazards

/// One hazard from its report: first guard on scene and rectification against their targets.
public struct HazardReportRow: Hashable, Sendable {
    public var id: HazardID
    public var category: HazardCategory
    public var source: HazardSource
    public var severity: Severity
    public var tower: TowerID
    public var towerName: String
    public var floor: String
    public var zone: String
    public var reportedAt: Timestamp
    /// When the first guard was sent (nil: nobody was).
    public var firstDispatchAt: Timestamp?
    public var firstArrivalAt: Timestamp?
    public var closedAt: Timestamp?
    public var dispatches: Int
    /// Alarms raised for it, in the window or before.
    public var alarms: Int
    public var drill: Bool
    /// Report → first guard on scene.
    public var toFirstScene: Span?
    /// First dispatch → first guard on scene, whichever dispatch got there: how long
    /// the tenant waited once a guard was first sent (a decline and a second
    /// dispatch included). Beside the per-dispatch times, which restart at each dispatch.
    public var firstDispatchToScene: Span?
    /// Report → closed (rectified).
    public var toRectify: Span?
    /// Report → the report's end, for a hazard still open then.
    public var openFor: Span?
    /// True within the scene target; false later or still nobody there past it; nil undecided.
    public var sceneWithinTarget: Bool?
    /// True within the rectify target; false later or still open past it; nil undecided.
    public var rectifyWithinTarget: Bool?
}

// MARK: - Guards

/// Why a silent period ended.
public enum SilenceEnd: String, Hashable, Sendable, CaseIterable {
    /// The guard scanned a checkpoint.
    case scan
    /// The guard was dispatched (a dispatch's own clocks watch them then).
    case dispatch
    /// The guard went off duty.
    case offDuty = "off-duty"
    /// Still silent when the report ended.
    case reportEnd = "report-end"
}

/// A stretch when a guard on duty and free of dispatches gave no sign of life for
/// longer than `policy.silentAfter`.
public struct SilentPeriod: Hashable, Sendable {
    public var guardID: GuardID
    /// Where the silence enters the report: its start, or the report's start for one
    /// that began before it (clipped).
    public var from: Timestamp
    public var to: Timestamp
    /// The last sign of life (going on duty, a scan, the end of a job), which may lie
    /// before the report's start.
    public var began: Timestamp
    public var endedBy: SilenceEnd
    public var drill: Bool
    /// The part inside the report.
    public var length: Span { to - from }
    /// Began before the report's start: only the part inside it is counted.
    public var clipped: Bool { began < from }
}

// MARK: - Alarms

/// An alarm the system recorded in the window (a deadline that passed).
public struct AlarmReportRow: Hashable, Sendable {
    public var kind: AlarmKind
    public var hazard: HazardID
    public var dispatch: DispatchID?
    public var at: Timestamp
    public var drill: Bool
}

/// One guard's patrol and answers.
public struct GuardReportRow: Hashable, Sendable {
    public var id: GuardID
    public var name: String
    public var team: TeamID
    public var teamName: String
    public var homeTower: TowerID
    public var drill: Bool
    /// Checkpoint scans in the report.
    public var scans: Int
    /// Distinct checkpoints scanned.
    public var checkpointsScanned: Int
    /// The route: checkpoints of the home tower.
    public var routeLength: Int
    /// Complete patrol rounds on duty inside the report, excused ones included.
    public var rounds: Int
    /// Rounds in which the guard held a dispatch at some moment: not held against the route.
    public var roundsExcused: Int
    /// Route checkpoints not scanned, summed over the rounds that count.
    public var checkpointsMissed: Int
    public var silentPeriods: [SilentPeriod]
    public var dispatches: Int
    public var lateDispatches: Int
    public var longestSilence: Span? { silentPeriods.map(\.length).max() }
}

// MARK: - Towers and teams

/// A tower's hazards: counts, medians and worst cases (from each hazard's report).
public struct TowerReportRow: Hashable, Sendable {
    public var id: TowerID
    public var name: String
    public var hazards: Int
    public var rectified: Int
    public var dispatches: Int
    public var lateDispatches: Int
    public var sceneMedian: Span?
    public var sceneWorst: Span?
    public var sceneWorstHazard: HazardID?
    /// Hazards whose first guard arrived after the scene target, or nobody arrived while it ran past.
    public var sceneMissed: Int
    public var rectifyMedian: Span?
    public var rectifyWorst: Span?
    public var rectifyWorstHazard: HazardID?
    /// Hazards rectified after the rectify target, or still open past it.
    public var rectifyMissed: Int
}

/// A team's answers and patrols: counts, medians and worst cases (from each dispatch).
public struct TeamReportRow: Hashable, Sendable {
    public var id: TeamID
    public var name: String
    public var guards: Int
    public var dispatches: Int
    public var lateDispatches: Int
    public var ackMedian: Span?
    public var ackWorst: Span?
    public var sceneMedian: Span?
    public var sceneWorst: Span?
    public var sceneWorstDispatch: DispatchID?
    public var scans: Int
    public var checkpointsMissed: Int
    public var silentPeriods: Int
}

// MARK: - The report

/// Live or drill figures: the two never mix.
public struct ReportSection: Hashable, Sendable {
    public var drill: Bool
    /// Tenants and places with repeated live hazards over the last 7, 30 and 90
    /// days up to the window's end (empty in the drill section: drills never offend).
    public var repeatOffenders: [RepeatReportRow] = []
    /// Dispatches sent in the window.
    public var dispatches: [DispatchReportRow] = []
    /// Hazards reported in the window.
    public var hazards: [HazardReportRow] = []
    /// Hazards reported before the window and still open at its start (their times
    /// run from their report, before the window); counted in no per-tower figure.
    public var openAtStart: [HazardReportRow] = []
    /// Hazards closed in the window, whenever reported.
    public var hazardsClosed = 0
    /// Dispatches sent before the window and still open at its start.
    public var dispatchesOpenAtStart = 0
    /// Dispatches that ended (cleared, declined, withdrawn) in the window, whenever sent.
    public var dispatchesEnded = 0
    /// Dispatches still open at the end, whenever sent.
    public var dispatchesOpenAtEnd = 0
    /// Alarms recorded in the window, in log order.
    public var alarms: [AlarmReportRow] = []
    public var guards: [GuardReportRow] = []
    public var towers: [TowerReportRow] = []
    public var teams: [TeamReportRow] = []
    /// Hazards reported, by category and by source, in the vocabulary's order; zero counts left out.
    public var byCategory: [(category: HazardCategory, count: Int)] = []
    public var bySource: [(source: HazardSource, count: Int)] = []
    /// Times to scene of the dispatches that reached it, in one-minute buckets (the last is 10m+).
    public var sceneHistogram = ReportHistogram(bucketWidth: .minutes(1), buckets: 11)
    /// Up to ten dispatches with the longest time to scene (ones that never got there count with
    /// how long they waited, once past the target), longest first.
    public var worstScene: [DispatchReportRow] = []
    /// Up to ten hazards with the longest time to rectify (open ones count with how long they were open), longest first.
    public var worstRectify: [HazardReportRow] = []

    public var isEmpty: Bool { dispatches.isEmpty && hazards.isEmpty && guards.isEmpty && openAtStart.isEmpty && alarms.isEmpty }
    /// Hazards open at the end: reported in the window or before it, not closed.
    public var hazardsOpenAtEnd: Int { (hazards.count { $0.closedAt == nil }) + (openAtStart.count { $0.closedAt == nil }) }
    public var silentPeriods: [SilentPeriod] { guards.flatMap(\.silentPeriods) }

    public static func == (a: ReportSection, b: ReportSection) -> Bool {
        a.drill == b.drill && a.dispatches == b.dispatches && a.hazards == b.hazards && a.guards == b.guards
            && a.openAtStart == b.openAtStart && a.hazardsClosed == b.hazardsClosed && a.alarms == b.alarms
            && a.dispatchesOpenAtStart == b.dispatchesOpenAtStart && a.dispatchesEnded == b.dispatchesEnded
            && a.dispatchesOpenAtEnd == b.dispatchesOpenAtEnd
            && a.towers == b.towers && a.teams == b.teams && a.sceneHistogram == b.sceneHistogram
            && a.byCategory.map(\.category) == b.byCategory.map(\.category) && a.byCategory.map(\.count) == b.byCategory.map(\.count)
            && a.bySource.map(\.source) == b.bySource.map(\.source) && a.bySource.map(\.count) == b.bySource.map(\.count)
            && a.worstScene == b.worstScene && a.worstRectify == b.worstRectify
    }
    public func hash(into h: inout Hasher) { h.combine(drill); h.combine(dispatches); h.combine(hazards); h.combine(guards) }
}

/// The after-action report of one stretch of a log, live and drill apart.
public struct AfterActionReport: Hashable, Sendable {
    /// `--from`: records before it only set the scene (who is on duty, names, routes).
    public var from: Timestamp?
    /// `--to`: records at or after it are not read.
    public var to: Timestamp?
    /// The first moment the report covers: `from`, or the first record.
    public var start: Timestamp?
    /// The moment running clocks are read at: `to`, or the log's last record if that comes first.
    public var end: Timestamp?
    public var policy: Policy
    public var patrolRound: Span
    /// Records that did not fold (impossible events), skipped.
    public var skippedRecords: Int
    public var live: ReportSection
    public var drill: ReportSection
    /// The programme's figures over the window (`ProgrammeFigures`), and since the district's start.
    public var programme: ProgrammeFigures
    public var programmeSinceStart: ProgrammeFigures
    /// How the report's times read for people: the district's zone, with its offset.
    /// The command sets it (the core cannot know a zone's rules); UTC until then.
    public var local: LocalTimeText = .utc
}

/// One tenant or place with repeated hazards of one category over a window that ends with the report's.
public struct RepeatReportRow: Hashable, Sendable {
    /// The window, in days up to the report's end.
    public var days: Int
    public var who: String
    public var category: HazardCategory
    public var hazards: Int
    public var rectified: Int
    public var meanRectify: Span?
    public var longestRectify: Span?
}
