/// The kinds of set-up record that other records depend on, and that `log repair`
/// may find lost (damaged beyond reading) while records that name them survive.
///
/// The raw value is what the log writes in `SetupRecordLost kind=…`.
public enum SetUpKind: String, CaseIterable, Sendable, Codable, Comparable {
    case company, tower, checkpoint, team, `guard`, shift, hazard

    /// The record that makes one of this kind, as the log names it.
    public var recordName: String {
        switch self {
        case .company: "CompanyRegistered"
        case .tower: "TowerRegistered"
        case .checkpoint: "CheckpointInstalled"
        case .team: "TeamFormed"
        case .guard: "GuardEnrolled"
        case .shift: "ShiftStarted"
        case .hazard: "HazardReported"
        }
    }

    /// What was lost, in words: "registration", "enrolment", "report"...
    public var lostRecordWord: String {
        switch self {
        case .company, .tower: "registration"
        case .checkpoint: "installation"
        case .team: "formation"
        case .guard: "enrolment"
        case .shift: "start"
        case .hazard: "report"
        }
    }

    public static func < (a: SetUpKind, b: SetUpKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One entity whose set-up record a repair lost: the fold keeps a placeholder for it
/// (so the records that name it still fold) until the record is made again.
public struct LostSetUp: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var kind: SetUpKind
    public var id: String

    public init(_ kind: SetUpKind, _ id: String) { self.kind = kind; self.id = id }

    /// "tower T05 — registration lost in repair": the one wording every screen uses.
    public var description: String { "\(kind.rawValue) \(id) — \(kind.lostRecordWord) lost in repair" }

    /// The short label a name column shows in place of the name it lost.
    public static let nameLabel = "(lost in repair)"

    public static func < (a: LostSetUp, b: LostSetUp) -> Bool { (a.kind, a.id) < (b.kind, b.id) }
}

extension DistrictState {
    /// What a screen calls a tower: its name, or for a placeholder a repair left
    /// "tower T05 — registration lost in repair" (the id, when the state lacks it).
    public func towerLabel(_ id: TowerID) -> String {
        if isLostInRepair(.tower, id.raw) { return LostSetUp(.tower, id.raw).description }
        return towers[id]?.name ?? (id.raw.isEmpty ? "—" : id.raw)
    }

    /// What a screen calls a guard: the name, or the placeholder's "lost in repair" wording.
    public func guardLabel(_ g: Guard) -> String {
        isLostInRepair(.guard, g.id.raw) ? LostSetUp(.guard, g.id.raw).description : g.name
    }

    /// What a screen calls a team: the name, or the placeholder's "lost in repair" wording.
    public func teamLabel(_ id: TeamID) -> String {
        if isLostInRepair(.team, id.raw) { return LostSetUp(.team, id.raw).description }
        return teams[id]?.name ?? (id.raw.isEmpty ? "—" : id.raw)
    }
}
