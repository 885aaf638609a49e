/// What someone asks the district to do. A command is checked by `decide`
/// against the current state and becomes events, or a rejection with a reason.
public struct Command: Hashable, Sendable {
    public var actor: Actor
    public var action: Action
    public init(_ actor: Actor, _ action: Action) { self.actor = actor; self.action = action }
}

/// The intents people, feeds and the system can express.
public enum Action: Hashable, Sendable {
    // MARK: District set-up (system only)
    case registerCompany(CompanyID, name: String)
    case registerTower(TowerID, name: String, englishName: String, company: CompanyID, floorsAbove: Int, floorsBelow: Int, zones: [String])
    case installCheckpoint(CheckpointID, tower: TowerID, floor: String, zone: String, name: String)
    case moveInTenant(TenantID, name: String, tower: TowerID, floor: String, kind: String)
    case formTeam(TeamID, name: String)
    case enrollGuard(GuardID, name: String, team: TeamID, homeTower: TowerID, training: [String], account: String? = nil)
    case appointCaptain(team: TeamID, guard: GuardID)
    case enrollOfficer(OfficerID, name: String, account: String? = nil)

    // MARK: The roster of accounts (an officer, or the system)
    /// Binds an operating-system account to a person or feed of the district.
    case linkAccount(String, to: Actor)
    case unlinkAccount(String)
    case defineProcedure(HazardCategory, steps: [String])

    // MARK: District settings
    /// Sets the zone the district's clocks read in (an officer, or the system at `init`).
    case setTimeZone(String)

    // MARK: Shifts and patrol
    case startShift(ShiftID, name: String)
    case endShift(ShiftID)
    case goOnDuty(GuardID)
    case goOffDuty(GuardID)
    case scan(guard: GuardID, checkpoint: CheckpointID)

    // MARK: Hazards and dispatches
    case reportHazard(HazardReport)
    case dispatch(hazard: HazardID, guard: GuardID)
    /// `channel` other than `.console` records an acknowledgement an officer
    /// received by radio or phone on the guard's behalf.
    case acknowledge(DispatchID, channel: AckChannel)
    case arrive(DispatchID)
    case clear(DispatchID, note: String)
    case decline(DispatchID, reason: String)
    case reassign(DispatchID, to: GuardID)
    case withdraw(DispatchID, reason: String)
    case escalate(HazardID, to: EscalationTarget, note: String)
    case close(HazardID, note: String)
    /// A note on an open hazard's timeline, by an officer or a guard sent to it.
    case addNote(HazardID, text: String)
    /// Splits joined report number `report` out of a hazard into one of its own (officer).
    case splitReport(HazardID, report: Int)

    // MARK: Alliance
    case issueBulletin(from: String, text: String, tower: TowerID?)

    // MARK: The programme's own record (an officer)
    /// Records how long a hazard of the category stayed open before the programme, in minutes.
    case setBaseline(HazardCategory, minutes: Int)
    /// Records that a safety drill was held at a tower.
    case recordDrillHeld(tower: TowerID, scenario: String)

    // MARK: The system's own
    /// Records an alarm for a deadline that has passed (system only; see `dueAlarms`).
    case raiseAlarm(AlarmKind, hazard: HazardID, dispatch: DispatchID?)
}

/// The facts of a new hazard, as a reporter gives them.
public struct HazardReport: Hashable, Sendable {
    public var category: HazardCategory
    public var source: HazardSource
    public var tower: TowerID
    public var floor: String
    public var zone: String
    public var severity: Severity
    public var tenant: TenantID?
    public var note: String

    public init(category: HazardCategory, source: HazardSource, tower: TowerID, floor: String, zone: String,
                severity: Severity? = nil, tenant: TenantID? = nil, note: String = "") {
        self.category = category; self.source = source; self.tower = tower; self.floor = floor; self.zone = zone
        self.severity = severity ?? HazardReport.defaultSeverity(category); self.tenant = tenant; self.note = note
    }

    /// The severity a category gets when the reporter names none.
    public static func defaultSeverity(_ c: HazardCategory) -> Severity {
        switch c {
        case .fireAlarm, .crime: .critical
        case .flood, .suspiciousPerson, .fireSafety: .high
        case .dispute, .parking: .medium
        case .traffic: .low
        }
    }
}

/// Why a command was refused, in words a duty officer or guard understands.
public struct Rejection: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
