/// A typed identifier: `ID<GuardTag>` and `ID<TowerTag>` never mix, though both
/// are short strings in the log (`G-017`, `T03`).
public struct ID<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let raw: String
    /// `raw.hashValue`, worked out once when the id is made: replay looks ids up
    /// in dictionaries several times per record, and hashing the `String` again
    /// each time cost more than the rest of a scan's fold. It is the `String`'s
    /// own hash, so ids that are equal as text (canonically equivalent, like a
    /// precomposed `é` and `e` + accent) hash alike, and, like every Swift hash,
    /// it is seeded afresh in each process (nothing can be built to collide).
    /// Never stored: a snapshot or a log holds only `raw`.
    public let hashKey: Int

    @inlinable public init(_ raw: String) { self.raw = raw; hashKey = raw.hashValue }
    /// An id whose hash the caller already has (the log's decoder keeps the ids it
    /// has met): `hashKey` must be `raw.hashValue`; debug builds check that it is.
    @inlinable package init(_ raw: String, hashKey: Int) {
        assert(hashKey == raw.hashValue, "hashKey is not the id's hash")
        self.raw = raw; self.hashKey = hashKey
    }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { raw }
    @inlinable public static func < (a: ID, b: ID) -> Bool { a.raw < b.raw }
    /// Equal ids have equal `hashKey`s, so comparing those first only rejects faster.
    @inlinable public static func == (a: ID, b: ID) -> Bool { a.hashKey == b.hashKey && a.raw == b.raw }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(hashKey) }
    /// What `Dictionary` and `Set` call: `hashKey` with their seed, no `Hasher` pass.
    @inlinable public func _rawHashValue(seed: Int) -> Int { hashKey ^ seed }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
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
