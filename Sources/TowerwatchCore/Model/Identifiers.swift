/// A typed identifier: `ID<GuardTag>` and `ID<TowerTag>` never mix, though both
/// are short strings in the log (`G-017`, `T03`).
public struct ID<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let raw: String
    @inlinable public init(_ raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { raw = value }
    public var description: String { raw }
    @inlinable public static func < (a: ID, b: ID) -> Bool { a.raw < b.raw }
    public init(from decoder: Decoder) throws { raw = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(raw) }
}

public enum TowerTag {}
public enum CompanyTag {}
public enum CheckpointTag {}
public enum TenantTag {}
public enum TeamTag {}
public enum GuardTag {}
public enum OfficerTag {}
public enum HazardTag {}
public enum DispatchTag {}
public enum ShiftTag {}
public enum BulletinTag {}

public typealias TowerID = ID<TowerTag>
public typealias CompanyID = ID<CompanyTag>
public typealias CheckpointID = ID<CheckpointTag>
public typealias TenantID = ID<TenantTag>
public typealias TeamID = ID<TeamTag>
public typealias GuardID = ID<GuardTag>
public typealias OfficerID = ID<OfficerTag>
public typealias HazardID = ID<HazardTag>
public typealias DispatchID = ID<DispatchTag>
public typealias ShiftID = ID<ShiftTag>
public typealias BulletinID = ID<BulletinTag>

/// Who did something: every event records its actor, so people's actions and
/// the system's own (escalations, alarms) stay distinct in the log.
public enum Actor: Hashable, Sendable, Codable, CustomStringConvertible {
    case officer(OfficerID)
    case `guard`(GuardID)
    /// A machine source: a plate camera, a face camera, the patrol scanner, the simulator's feeds.
    case feed(String)
    /// towerwatch itself: district set-up, escalation timers.
    case system

    /// `officer:O-01`, `guard:G-017`, `feed:plate-camera`, `system`.
    public var description: String {
        switch self {
        case .officer(let id): return "officer:" + id.raw
        case .guard(let id): return "guard:" + id.raw
        case .feed(let name): return "feed:" + name
        case .system: return "system"
        }
    }

    /// Parses the form `description` writes; nil for anything else.
    public init?(text: String) {
        if text == "system" { self = .system; return }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon], rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { return nil }
        switch kind {
        case "officer": self = .officer(OfficerID(rest))
        case "guard": self = .guard(GuardID(rest))
        case "feed": self = .feed(rest)
        default: return nil
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let actor = Actor(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an actor: \(text)"))
        }
        self = actor
    }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(description) }
}
