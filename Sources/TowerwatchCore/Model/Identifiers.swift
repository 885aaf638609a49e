/// A typed identifier: `ID<GuardTag>` and `ID<TowerTag>` never mix, though both
/// are short strings in the log (`G-017`, `T03`).
public struct ID<Tag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let raw: String
    /// A hash of `raw`'s bytes, worked out once when the id is made: replay looks
    /// ids up in dictionaries several times per record, and hashing a `String`
    /// with `Hasher` each time cost more than the rest of a scan's fold.
    public let hashKey: Int

    @inlinable public init(_ raw: String) { self.raw = raw; hashKey = IDHash.of(raw) }
    /// An id whose hash the caller already has (a decoder that read the bytes):
    /// `hashKey` must be `IDHash.of(raw)`, and debug builds check that it is.
    @inlinable public init(_ raw: String, hashKey: Int) {
        assert(hashKey == IDHash.of(raw), "hashKey does not match the id's text")
        self.raw = raw; self.hashKey = hashKey
    }
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { raw }
    @inlinable public static func < (a: ID, b: ID) -> Bool { a.raw < b.raw }
    /// Equal ids have equal `hashKey`s, so comparing those first only rejects faster.
    @inlinable public static func == (a: ID, b: ID) -> Bool { a.hashKey == b.hashKey && a.raw == b.raw }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(hashKey) }
    /// What `Dictionary` and `Set` call: `hashKey` (already well mixed) with their
    /// seed, no `Hasher` pass.
    @inlinable public func _rawHashValue(seed: Int) -> Int { hashKey ^ seed }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(raw) }
}

/// The hash of an identifier's UTF-8 bytes, read a word at a time (ids are short).
public enum IDHash {
    @inlinable
    public static func of(_ raw: String) -> Int {
        if let h = raw.utf8.withContiguousStorageIfAvailable({ bytes(UnsafeRawBufferPointer($0)) }) { return h }
        return bytes(Array(raw.utf8))
    }

    @inlinable
    static func bytes(_ b: [UInt8]) -> Int { b.withUnsafeBytes { bytes($0) } }

    @inlinable
    public static func bytes(_ b: UnsafeRawBufferPointer) -> Int {
        let n = b.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard let p = b.baseAddress else { return Int(truncatingIfNeeded: h) }
        var i = 0
        while i &+ 8 <= n {
            h = round(h, p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i &+= 8
        }
        if i < n {
            var w: UInt64 = 0
            var k: UInt64 = 0
            while i < n { w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << k; i &+= 1; k &+= 8 }
            h = round(h, w)
        }
        return Int(truncatingIfNeeded: h)
    }

    /// The hash of an id of `count` bytes (at most 16) given as two little-endian
    /// words, zero-padded: the same value `bytes` gives for those bytes.
    @inlinable @inline(__always)
    public static func short(_ w0: UInt64, _ w1: UInt64, count n: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        if n > 0 { h = round(h, w0) }
        if n > 8 { h = round(h, w1) }
        return Int(truncatingIfNeeded: h)
    }

    @inlinable @inline(__always)
    static func round(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let m = (h ^ w ^ 0xE703_7ED1_A0B4_28DB).multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return m.high ^ m.low
    }
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
