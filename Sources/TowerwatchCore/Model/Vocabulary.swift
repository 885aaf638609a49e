/// The kinds of hazard the district's guards answer, as DOMAIN.md names them.
public enum HazardCategory: String, CaseIterable, Sendable, Codable {
    case fireSafety = "fire-safety"
    case parking
    case dispute
    case traffic
    case flood
    case fireAlarm = "fire-alarm"
    case suspiciousPerson = "suspicious-person"
    case crime

    /// Words for people: "fire-safety hazard", "suspicious person".
    public var label: String {
        switch self {
        case .fireSafety: return "fire safety"
        case .parking: return "parking"
        case .dispute: return "dispute"
        case .traffic: return "traffic"
        case .flood: return "flood"
        case .fireAlarm: return "fire alarm"
        case .suspiciousPerson: return "suspicious person"
        case .crime: return "crime"
        }
    }
}

/// Where a hazard report came from.
public enum HazardSource: String, CaseIterable, Sendable, Codable {
    case patrol
    case plateCamera = "plate-camera"
    case faceCamera = "face-camera"
    case tenantCall = "tenant-call"
    case allianceBulletin = "alliance-bulletin"
    case officer

    public var label: String {
        switch self {
        case .patrol: return "patrol"
        case .plateCamera: return "plate camera"
        case .faceCamera: return "face camera"
        case .tenantCall: return "tenant call"
        case .allianceBulletin: return "alliance bulletin"
        case .officer: return "officer"
        }
    }
}

/// How urgent a hazard is; higher sorts first.
public enum Severity: Int, CaseIterable, Sendable, Codable, Comparable {
    case low = 1, medium = 2, high = 3, critical = 4
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    public var name: String {
        switch self { case .low: "low"; case .medium: "medium"; case .high: "high"; case .critical: "critical" }
    }
    public init?(name: String) {
        guard let s = Severity.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }
}

/// Where a hazard is passed on beyond the guard force.
public enum EscalationTarget: String, CaseIterable, Sendable, Codable {
    case police
    case fireService = "fire-service"
    case captain
    case propertyCompany = "property-company"
}

/// How an acknowledgement reached the log: from the guard's own console, or
/// recorded by an officer on the guard's behalf (radio, phone).
public enum AckChannel: String, CaseIterable, Sendable, Codable {
    case console
    case radio
    case phone
}

/// What a guard is doing now.
public enum GuardStatus: String, CaseIterable, Sendable, Codable {
    case offDuty = "off-duty"
    case available
    case onPatrol = "on-patrol"
    case dispatched
    case enRoute = "en-route"
    case onScene = "on-scene"

    public var label: String {
        switch self {
        case .offDuty: "off duty"; case .available: "available"; case .onPatrol: "on patrol"
        case .dispatched: "dispatched"; case .enRoute: "en route"; case .onScene: "on scene"
        }
    }
    /// On duty and free to take a dispatch.
    public var isFree: Bool { self == .available || self == .onPatrol }
}

/// The standard zones of a tower, by identifier. Towers may add their own.
public enum StandardZone {
    public static let lobby = "lobby"
    public static let escapeRoute = "escape-route"
    public static let garage = "garage"
    public static let eBikeZone = "e-bike-zone"
    public static let loadingDock = "loading-dock"
    public static let all = [lobby, escapeRoute, garage, eBikeZone, loadingDock]
}

/// The deadlines the system watches.
public enum AlarmKind: String, CaseIterable, Sendable, Codable {
    /// A dispatch not acknowledged within the ack timeout.
    case ackOverdue = "ack-overdue"
    /// No guard on scene within the scene target (5 minutes) of the report.
    case sceneOverdue = "scene-overdue"
    /// Not rectified within the rectify target (30 minutes) of the report.
    case rectifyOverdue = "rectify-overdue"

    public var label: String {
        switch self {
        case .ackOverdue: "not acknowledged"
        case .sceneOverdue: "no guard on scene"
        case .rectifyOverdue: "not rectified"
        }
    }
}
