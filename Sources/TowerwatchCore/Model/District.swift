/// A property company that manages one or more towers.
public struct PropertyCompany: Hashable, Sendable, Codable {
    public var id: CompanyID
    public var name: String
}

/// One high-rise: its floors (underground levels `B2`, `B1`, then `1`...), zones and checkpoints.
public struct Tower: Hashable, Sendable, Codable {
    public var id: TowerID
    public var name: String
    public var englishName: String
    public var company: CompanyID
    public var floorsAbove: Int
    public var floorsBelow: Int
    public var zones: [String]
    public var checkpoints: [CheckpointID] = []

    /// Floor names from the deepest underground level up: `B2`, `B1`, `1`, ... `N`.
    public var floors: [String] {
        (0..<floorsBelow).map { "B\(floorsBelow - $0)" } + (0..<floorsAbove).map { "\($0 + 1)" }
    }
    public func hasFloor(_ floor: String) -> Bool { Tower.level(of: floor).map { $0 < 0 ? -$0 <= floorsBelow : $0 >= 1 && $0 <= floorsAbove } ?? false }

    /// A floor as people read it: `12F` above ground, `B1` below (never `B1F`).
    public static func floorLabel(_ floor: String) -> String { floor.hasPrefix("B") ? floor : floor + "F" }

    /// A floor's level as a number: `B2` is -2, `12` is 12; nil for a malformed name.
    public static func level(of floor: String) -> Int? {
        // One spelling per floor: "12" and "B1", never "012", "B01" or "+3".
        if floor.hasPrefix("B"), let n = Int(floor.dropFirst()), n > 0, "B\(n)" == floor { return -n }
        if let n = Int(floor), n > 0, String(n) == floor { return n }
        return nil
    }
}

/// A patrol checkpoint that a guard scans.
public struct Checkpoint: Hashable, Sendable, Codable {
    public var id: CheckpointID
    public var tower: TowerID
    public var floor: String
    public var zone: String
    public var name: String
}

/// A company renting space in a tower.
public struct Tenant: Hashable, Sendable, Codable {
    public var id: TenantID
    public var name: String
    public var tower: TowerID
    public var floor: String
    public var kind: String
}

/// A team of guards with its captain.
public struct Team: Hashable, Sendable, Codable {
    public var id: TeamID
    public var name: String
    public var captain: GuardID?
    public var members: [GuardID] = []
}

/// A duty officer: the identity that dispatches, escalates and closes.
public struct Officer: Hashable, Sendable, Codable {
    public var id: OfficerID
    public var name: String
}

/// One scan in a guard's trail.
public struct Scan: Hashable, Sendable, Codable {
    public var checkpoint: CheckpointID
    public var at: Timestamp
}

/// A security guard: home tower, team, training, duty and status.
public struct Guard: Hashable, Sendable, Codable {
    public var id: GuardID
    public var name: String
    public var team: TeamID
    public var homeTower: TowerID
    public var training: [String]
    public var status: GuardStatus = .offDuty
    public var onDutySince: Timestamp?
    public var lastScan: Scan?
    /// Recent scans, oldest first: up to twice `trailLength`, trimmed in one step when
    /// full so a scan never shifts the array (read `recentTrail`).
    public var trail: [Scan] = []
    /// The last `trailLength` scans, oldest first.
    public var recentTrail: ArraySlice<Scan> { trail.suffix(Guard.trailLength) }
    public var openDispatch: DispatchID?
    /// When the guard's last job ended (a dispatch cleared, declined, withdrawn or
    /// reassigned away): a sign of life for `SilenceRule`.
    public var jobEndedAt: Timestamp?
    /// The tower the guard was last known in (last scan, or the scene of a dispatch).
    public var lastTower: TowerID?

    /// The tower this guard is counted as present in (on duty only).
    public var presentIn: TowerID?

    public static let trailLength = 12
    public var onDuty: Bool { status != .offDuty }

    /// A change of the tower a guard counts as present in.
    public struct PresenceChange: Sendable { public var from: TowerID?; public var to: TowerID? }

    /// Notes where the guard now is; returns the presence change, if any.
    mutating func move(to tower: TowerID?) -> PresenceChange? {
        // A placeholder a repair left (a checkpoint, hazard or home whose set-up
        // record was lost) names no tower: the guard stays where last known.
        if let tower, !tower.raw.isEmpty { lastTower = tower }
        let present = onDuty ? lastTower : nil
        guard present != presentIn else { return nil }
        defer { presentIn = present }
        return PresenceChange(from: presentIn, to: present)
    }

    /// Folds a checkpoint scan into the guard's trail and position.
    mutating func recordScan(_ scan: Scan, in tower: TowerID) -> PresenceChange? {
        lastScan = scan
        if trail.count >= 2 * Guard.trailLength { trail.removeFirst(Guard.trailLength) }
        trail.append(scan)
        if status == .available { status = .onPatrol }
        return move(to: tower)
    }
}

/// A fact from the district's alliance partners (police rooms, community workstations).
public struct Bulletin: Hashable, Sendable, Codable {
    public var id: BulletinID
    public var from: String
    public var text: String
    public var tower: TowerID?
    public var at: Timestamp
}

/// A shift: who went on duty when.
public struct Shift: Hashable, Sendable, Codable {
    public var id: ShiftID
    public var name: String
    public var startedAt: Timestamp
    public var endedAt: Timestamp?
}
