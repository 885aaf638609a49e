/// A fact that happened in the district, in the past tense. Events are
/// appended to the log and never changed; the district is their fold.
///
/// Keystrokes and screen moves are never events. Who did it, when, and
/// whether it was part of a drill live in the `EventRecord` around the event.
///
/// The cases with many fields, rare in a log (set-up, reports, bulletins), are
/// `indirect`: they live in a box of their own, so an `Event`, and every record
/// that replay moves between threads and buffers, stays the size of a dispatch
/// step rather than of a full hazard report.
public enum Event: Hashable, Sendable {
    // MARK: District set-up
    case companyRegistered(company: CompanyID, name: String)
    indirect case towerRegistered(tower: TowerID, name: String, englishName: String, company: CompanyID,
                         floorsAbove: Int, floorsBelow: Int, zones: [String])
    indirect case checkpointInstalled(checkpoint: CheckpointID, tower: TowerID, floor: String, zone: String, name: String)
    indirect case tenantMovedIn(tenant: TenantID, name: String, tower: TowerID, floor: String, kind: String)
    case teamFormed(team: TeamID, name: String)
    /// `account`: the operating-system account the guard logs in with, if bound at enrolment.
    indirect case guardEnrolled(guard: GuardID, name: String, team: TeamID, homeTower: TowerID, training: [String], account: String? = nil)
    case captainAppointed(team: TeamID, guard: GuardID)
    indirect case officerEnrolled(officer: OfficerID, name: String, account: String? = nil)
    /// An operating-system account now acts as `actor` in this district (see `CallerCheck`).
    indirect case accountLinked(account: String, actor: Actor)
    /// The account no longer acts for anyone here.
    case accountUnlinked(account: String)
    case procedureDefined(category: HazardCategory, steps: [String])
    /// `log repair` found the set-up record of this entity damaged and no trusted
    /// snapshot that held it: the fold keeps a placeholder so the records that name
    /// it still fold, until its set-up record is written again (see `LostSetUp`).
    case setUpLost(kind: SetUpKind, id: String)

    // MARK: District settings
    /// The district's clocks read in this zone (`Asia/Shanghai`) from now on; the log stays in UTC.
    case districtTimeZoneSet(zone: String)

    // MARK: Shifts and patrol
    case shiftStarted(shift: ShiftID, name: String)
    case shiftEnded(shift: ShiftID)
    case guardWentOnDuty(guard: GuardID)
    case guardWentOffDuty(guard: GuardID)
    case checkpointScanned(guard: GuardID, checkpoint: CheckpointID)

    // MARK: Hazards and dispatches
    indirect case hazardReported(hazard: HazardID, category: HazardCategory, source: HazardSource, tower: TowerID,
                        floor: String, zone: String, severity: Severity, tenant: TenantID?, note: String)
    case guardDispatched(dispatch: DispatchID, hazard: HazardID, guard: GuardID)
    case dispatchAcknowledged(dispatch: DispatchID, guard: GuardID, channel: AckChannel)
    case guardArrivedOnScene(dispatch: DispatchID, guard: GuardID)
    case dispatchCleared(dispatch: DispatchID, guard: GuardID, note: String)
    case dispatchDeclined(dispatch: DispatchID, guard: GuardID, reason: String)
    case dispatchWithdrawn(dispatch: DispatchID, reason: String)
    case hazardEscalated(hazard: HazardID, to: EscalationTarget, note: String)
    case hazardClosed(hazard: HazardID, note: String)
    /// An officer, or the guard sent to it, wrote a note on an open hazard (the
    /// record's actor says who); the notes make the hazard's timeline.
    case hazardNoteAdded(hazard: HazardID, note: String)
    /// A report of the same problem as an open hazard (same category, tower, floor
    /// and zone, and tenant where both name one) joined it instead of opening
    /// another: one hazard per problem. The record's actor made the report; the
    /// event keeps the report whole, as made, so it reads alone in the log.
    indirect case hazardReportJoined(hazard: HazardID, category: HazardCategory, source: HazardSource, tower: TowerID,
                                     floor: String, zone: String, severity: Severity, tenant: TenantID?, note: String)
    /// An officer split joined report number `report` of hazard `from` back out:
    /// it opens `hazard` with the facts and the time of that report.
    case hazardReportSplit(hazard: HazardID, from: HazardID, report: Int)

    // MARK: Alliance
    indirect case bulletinIssued(bulletin: BulletinID, from: String, text: String, tower: TowerID?)

    // MARK: The programme's own record
    /// An officer recorded how long a hazard of `category` stayed open before the
    /// programme (the "3–4 days" of a blocked escape route), in whole minutes: the
    /// baseline the programme's median time to rectify is read against.
    case rectifyBaselineSet(category: HazardCategory, minutes: Int)
    /// A safety drill was held at `tower` (an officer or trainer records it). Only
    /// this fact enters the live log: a drill's own events stay in its drill log.
    indirect case safetyDrillHeld(tower: TowerID, scenario: String)

    // MARK: The system's own
    /// A deadline passed: recorded by the system (never a person) so every console,
    /// and every replay, shows the same alarm at the same moment.
    case alarmRaised(kind: AlarmKind, hazard: HazardID, dispatch: DispatchID?)

    /// The event's type name as written in the log (`CheckpointScanned`).
    public var typeName: String { kind.rawValue }

    public var kind: EventKind {
        switch self {
        case .companyRegistered: .companyRegistered
        case .towerRegistered: .towerRegistered
        case .checkpointInstalled: .checkpointInstalled
        case .tenantMovedIn: .tenantMovedIn
        case .teamFormed: .teamFormed
        case .guardEnrolled: .guardEnrolled
        case .captainAppointed: .captainAppointed
        case .officerEnrolled: .officerEnrolled
        case .procedureDefined: .procedureDefined
        case .setUpLost: .setUpLost
        case .accountLinked: .accountLinked
        case .accountUnlinked: .accountUnlinked
        case .districtTimeZoneSet: .districtTimeZoneSet
        case .shiftStarted: .shiftStarted
        case .shiftEnded: .shiftEnded
        case .guardWentOnDuty: .guardWentOnDuty
        case .guardWentOffDuty: .guardWentOffDuty
        case .checkpointScanned: .checkpointScanned
        case .hazardReported: .hazardReported
        case .guardDispatched: .guardDispatched
        case .dispatchAcknowledged: .dispatchAcknowledged
        case .guardArrivedOnScene: .guardArrivedOnScene
        case .dispatchCleared: .dispatchCleared
        case .dispatchDeclined: .dispatchDeclined
        case .dispatchWithdrawn: .dispatchWithdrawn
        case .hazardEscalated: .hazardEscalated
        case .hazardClosed: .hazardClosed
        case .hazardNoteAdded: .hazardNoteAdded
        case .hazardReportJoined: .hazardReportJoined
        case .hazardReportSplit: .hazardReportSplit
        case .bulletinIssued: .bulletinIssued
        case .rectifyBaselineSet: .rectifyBaselineSet
        case .safetyDrillHeld: .safetyDrillHeld
        case .alarmRaised: .alarmRaised
        }
    }
}

/// The type of an event, as named in the log.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case companyRegistered = "CompanyRegistered"
    case towerRegistered = "TowerRegistered"
    case checkpointInstalled = "CheckpointInstalled"
    case tenantMovedIn = "TenantMovedIn"
    case teamFormed = "TeamFormed"
    case guardEnrolled = "GuardEnrolled"
    case captainAppointed = "CaptainAppointed"
    case officerEnrolled = "OfficerEnrolled"
    case procedureDefined = "ProcedureDefined"
    case setUpLost = "SetupRecordLost"
    case accountLinked = "AccountLinked"
    case accountUnlinked = "AccountUnlinked"
    case districtTimeZoneSet = "DistrictTimeZoneSet"
    case shiftStarted = "ShiftStarted"
    case shiftEnded = "ShiftEnded"
    case guardWentOnDuty = "GuardWentOnDuty"
    case guardWentOffDuty = "GuardWentOffDuty"
    case checkpointScanned = "CheckpointScanned"
    case hazardReported = "HazardReported"
    case guardDispatched = "GuardDispatched"
    case dispatchAcknowledged = "DispatchAcknowledged"
    case guardArrivedOnScene = "GuardArrivedOnScene"
    case dispatchCleared = "DispatchCleared"
    case dispatchDeclined = "DispatchDeclined"
    case dispatchWithdrawn = "DispatchWithdrawn"
    case hazardEscalated = "HazardEscalated"
    case hazardClosed = "HazardClosed"
    case hazardNoteAdded = "HazardNoteAdded"
    case hazardReportJoined = "HazardReportJoined"
    case hazardReportSplit = "HazardReportSplit"
    case bulletinIssued = "BulletinIssued"
    case rectifyBaselineSet = "RectifyBaselineSet"
    case safetyDrillHeld = "SafetyDrillHeld"
    case alarmRaised = "AlarmRaised"
}

/// An event as the log holds it: its place in the sequence, when it happened,
/// who did it, and whether it belongs to a drill.
public struct EventRecord: Hashable, Sendable {
    public var seq: UInt64
    public var time: Timestamp
    public var actor: Actor
    /// Drill events are part of an exercise: they never count in live figures.
    public var drill: Bool
    /// Its place among the records of the command that wrote it (see `CommandPart`).
    public var part: CommandPart
    public var event: Event
    /// The operating-system account of the process that wrote the record: the
    /// audit trail. Nil in records written before accounts were recorded.
    public var account: String?

    public init(seq: UInt64, time: Timestamp, actor: Actor, drill: Bool = false, part: CommandPart = .whole, event: Event, account: String? = nil) {
        self.seq = seq; self.time = time; self.actor = actor; self.drill = drill; self.part = part; self.event = event; self.account = account
    }
}
