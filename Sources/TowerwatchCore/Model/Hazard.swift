/// Something that needs a guard, from report to close.
public struct Hazard: Hashable, Sendable, Codable {
    public var id: HazardID
    public var category: HazardCategory
    public var source: HazardSource
    public var tower: TowerID
    public var floor: String
    public var zone: String
    public var severity: Severity
    public var reporter: Actor
    public var tenant: TenantID?
    public var note: String
    public var reportedAt: Timestamp
    public var drill: Bool
    /// Every dispatch sent to it, in order.
    public var dispatches: [DispatchID] = []
    public var escalations: [Escalation] = []
    public var firstArrivalAt: Timestamp?
    public var closedAt: Timestamp?
    public var closeNote: String?
    /// Alarms the system raised for this hazard, in order.
    public var alarms: [RaisedAlarm] = []
    /// Notes officers and the guards sent to it added while it was open, in order.
    public var notes: [HazardNote] = []
    /// Later reports of the same problem that joined it, in order; a split one leaves.
    public var joinedReports: [JoinedReport] = []
    /// Reports received so far, the first and any split out included: the next
    /// joined report's number, so a report keeps its number after a split.
    public var reportsReceived = 1
    /// Hazards of this category at its tenant (0 without one) and at its place in
    /// the `RepeatTallies.recentDays` days up to its report, itself included: "the
    /// 3rd". Worked out when it opened; 0 for a drill hazard.
    public var tenantRepeat = 0
    public var placeRepeat = 0

    public var isOpen: Bool { closedAt == nil }
    /// How many reports it stands for now: the first and those joined.
    public var reportCount: Int { 1 + joinedReports.count }
    /// When the problem was last reported.
    public var lastReportAt: Timestamp { joinedReports.last?.at ?? reportedAt }
}

/// A report that joined an open hazard: who and what saw it, when, what they said.
public struct JoinedReport: Hashable, Sendable, Codable {
    /// Its number among the hazard's reports (the first report is 1).
    public var number: Int
    public var source: HazardSource
    public var severity: Severity
    public var tenant: TenantID?
    public var note: String
    public var at: Timestamp
    public var by: Actor

    public init(number: Int, source: HazardSource, severity: Severity, tenant: TenantID?, note: String, at: Timestamp, by: Actor) {
        self.number = number; self.source = source; self.severity = severity; self.tenant = tenant; self.note = note; self.at = at; self.by = by
    }
}

/// An alarm the system recorded.
public struct RaisedAlarm: Hashable, Sendable, Codable {
    public var kind: AlarmKind
    public var dispatch: DispatchID?
    public var at: Timestamp
}

/// A note on a hazard's timeline: what was written, when and by whom.
public struct HazardNote: Hashable, Sendable, Codable {
    /// The longest note `decide` accepts, in characters: a timeline line, not a report.
    public static let maximumLength = 500

    public var text: String
    public var at: Timestamp
    public var by: Actor

    public init(text: String, at: Timestamp, by: Actor) { self.text = text; self.at = at; self.by = by }
}

public struct Escalation: Hashable, Sendable, Codable {
    public var target: EscalationTarget
    public var at: Timestamp
    public var by: Actor
    public var note: String
}

/// Where an open hazard stands, from the guards' side.
public enum HazardPhase: String, Sendable, Codable, CaseIterable {
    case new, dispatched, acknowledged, onScene = "on-scene", closed
    public var label: String { self == .onScene ? "on scene" : rawValue }
}

/// One order that sends one guard to one hazard.
public struct Dispatch: Hashable, Sendable, Codable {
    public var id: DispatchID
    public var hazard: HazardID
    public var `guard`: GuardID
    public var assignedAt: Timestamp
    public var assignedBy: Actor
    public var acknowledgedAt: Timestamp?
    public var ackChannel: AckChannel?
    public var ackRecordedBy: Actor?
    public var arrivedAt: Timestamp?
    public var clearedAt: Timestamp?
    public var clearNote: String?
    public var declinedAt: Timestamp?
    public var declineReason: String?
    public var withdrawnAt: Timestamp?
    public var withdrawReason: String?

    public var phase: DispatchPhase {
        if clearedAt != nil { return .cleared }
        if declinedAt != nil { return .declined }
        if withdrawnAt != nil { return .withdrawn }
        if arrivedAt != nil { return .onScene }
        if acknowledgedAt != nil { return .acknowledged }
        return .assigned
    }
    /// Still binding its guard: assigned, acknowledged or on scene.
    public var isOpen: Bool { phase.isOpen }
    public var endedAt: Timestamp? { clearedAt ?? declinedAt ?? withdrawnAt }
}

public enum DispatchPhase: String, Sendable, Codable, CaseIterable {
    case assigned, acknowledged, onScene = "on-scene", cleared, declined, withdrawn
    public var isOpen: Bool { self == .assigned || self == .acknowledged || self == .onScene }
    public var label: String { self == .onScene ? "on scene" : rawValue }
}
