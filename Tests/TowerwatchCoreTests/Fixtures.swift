import Testing
@testable import TowerwatchCore

// MARK: - The fixture district
//
// Three towers, two of them the ones the programme's report names:
//
//   T01 中福广场 Zhongfu Plaza   30 floors, B1-B2, all standard zones   (中福物业)
//   T02 福田银座 Futian Yinzuo   20 floors, B1-B2, all standard zones   (福田物业)
//   T03 金融大厦 Finance Tower   12 floors, no underground, no garage   (中福物业)
//
// Guards (all off duty until a test puts them on duty):
//
//   G-001 张伟  team 中福一队  home 中福广场  (captain)
//   G-002 李娜  team 中福一队  home 中福广场
//   G-003 周敏  team 中福一队  home 中福广场
//   G-004 王强  team 银座二队  home 福田银座
//   G-005 刘洋  team 中福一队  home 福田银座   (same team as the Zhongfu guards)
//   G-006 陈静  team 金融三队  home 金融大厦
//   G-007 吴刚  team 银座二队  home 中福广场
//
// Officers O-01 赵队长 and O-02 孙警官.

/// When the district was set up: the towers join the log here.
let setUpTime = Timestamp(year: 2026, month: 3, day: 1, hour: 6)
/// The start of the shift every scenario plays in: the first given fact happens here.
let t0 = Timestamp(year: 2026, month: 3, day: 2, hour: 8)

let zhongfuProperty: CompanyID = "PC-ZF"
let futianProperty: CompanyID = "PC-FT"

let zhongfu: TowerID = "T01"
let yinzuo: TowerID = "T02"
let jinrong: TowerID = "T03"

let zfGarageB2: CheckpointID = "CP-ZF-B2"
let zfGarageB1: CheckpointID = "CP-ZF-B1"
let zfLobby: CheckpointID = "CP-ZF-01"
let zfDock3: CheckpointID = "CP-ZF-03"
let zfEscape12: CheckpointID = "CP-ZF-12"
let yzLobby: CheckpointID = "CP-YZ-01"
let yzGarageB1: CheckpointID = "CP-YZ-B1"
let jrLobby: CheckpointID = "CP-JR-01"

/// 川味小馆, a restaurant on floor 2 of 中福广场 (the report's renovation-waste tenant).
let restaurant: TenantID = "TN-001"
/// 银座律师事务所, a law firm on floor 15 of 福田银座.
let lawFirm: TenantID = "TN-002"

let teamZhongfu: TeamID = "TM-01"
let teamYinzuo: TeamID = "TM-02"
let teamJinrong: TeamID = "TM-03"

let zhang: GuardID = "G-001"
let li: GuardID = "G-002"
let zhou: GuardID = "G-003"
let wang: GuardID = "G-004"
let liu: GuardID = "G-005"
let chen: GuardID = "G-006"
let wu: GuardID = "G-007"

let zhao: OfficerID = "O-01"
let sun: OfficerID = "O-02"

/// The duty officer who acts in most scenarios.
let officer: Actor = .officer(zhao)
let plateCamera: Actor = .feed("plate-camera")

let h1: HazardID = "H-000001"
let h2: HazardID = "H-000002"
let h3: HazardID = "H-000003"
let d1: DispatchID = "D-000001"
let d2: DispatchID = "D-000002"
let d3: DispatchID = "D-000003"

/// The set-up of the fixture district, as the system records it.
let setUpEvents: [Event] = [
    .companyRegistered(company: zhongfuProperty, name: "中福物业"),
    .companyRegistered(company: futianProperty, name: "福田物业"),
    .towerRegistered(tower: zhongfu, name: "中福广场", englishName: "Zhongfu Plaza", company: zhongfuProperty,
                     floorsAbove: 30, floorsBelow: 2, zones: StandardZone.all),
    .towerRegistered(tower: yinzuo, name: "福田银座", englishName: "Futian Yinzuo", company: futianProperty,
                     floorsAbove: 20, floorsBelow: 2, zones: StandardZone.all),
    .towerRegistered(tower: jinrong, name: "金融大厦", englishName: "Finance Tower", company: zhongfuProperty,
                     floorsAbove: 12, floorsBelow: 0,
                     zones: [StandardZone.lobby, StandardZone.escapeRoute, StandardZone.loadingDock]),
    .checkpointInstalled(checkpoint: zfGarageB2, tower: zhongfu, floor: "B2", zone: StandardZone.garage, name: "B2车库"),
    .checkpointInstalled(checkpoint: zfGarageB1, tower: zhongfu, floor: "B1", zone: StandardZone.garage, name: "B1车库"),
    .checkpointInstalled(checkpoint: zfLobby, tower: zhongfu, floor: "1", zone: StandardZone.lobby, name: "大堂"),
    .checkpointInstalled(checkpoint: zfDock3, tower: zhongfu, floor: "3", zone: StandardZone.loadingDock, name: "三楼卸货区"),
    .checkpointInstalled(checkpoint: zfEscape12, tower: zhongfu, floor: "12", zone: StandardZone.escapeRoute, name: "12楼疏散通道"),
    .checkpointInstalled(checkpoint: yzLobby, tower: yinzuo, floor: "1", zone: StandardZone.lobby, name: "大堂"),
    .checkpointInstalled(checkpoint: yzGarageB1, tower: yinzuo, floor: "B1", zone: StandardZone.garage, name: "B1车库"),
    .checkpointInstalled(checkpoint: jrLobby, tower: jinrong, floor: "1", zone: StandardZone.lobby, name: "大堂"),
    .tenantMovedIn(tenant: restaurant, name: "川味小馆", tower: zhongfu, floor: "2", kind: "restaurant"),
    .tenantMovedIn(tenant: lawFirm, name: "银座律师事务所", tower: yinzuo, floor: "15", kind: "law firm"),
    .teamFormed(team: teamZhongfu, name: "中福一队"),
    .teamFormed(team: teamYinzuo, name: "银座二队"),
    .teamFormed(team: teamJinrong, name: "金融三队"),
    .guardEnrolled(guard: zhang, name: "张伟", team: teamZhongfu, homeTower: zhongfu, training: ["fire safety", "dispute mediation"]),
    .guardEnrolled(guard: li, name: "李娜", team: teamZhongfu, homeTower: zhongfu, training: ["first aid"]),
    .guardEnrolled(guard: zhou, name: "周敏", team: teamZhongfu, homeTower: zhongfu, training: []),
    .guardEnrolled(guard: wang, name: "王强", team: teamYinzuo, homeTower: yinzuo, training: ["traffic guidance"]),
    .guardEnrolled(guard: liu, name: "刘洋", team: teamZhongfu, homeTower: yinzuo, training: []),
    .guardEnrolled(guard: chen, name: "陈静", team: teamJinrong, homeTower: jinrong, training: []),
    .guardEnrolled(guard: wu, name: "吴刚", team: teamYinzuo, homeTower: zhongfu, training: []),
    .captainAppointed(team: teamZhongfu, guard: zhang),
    .officerEnrolled(officer: zhao, name: "赵队长"),
    .officerEnrolled(officer: sun, name: "孙警官"),
]

/// The fixture district right after set-up: nobody on duty, nothing reported.
let fixtureDistrict: DistrictState = {
    var state = DistrictState()
    for (i, event) in setUpEvents.enumerated() {
        let reason = state.apply(EventRecord(seq: UInt64(i + 1), time: setUpTime + .seconds(Int64(i)), actor: .system, event: event))
        precondition(reason == nil, "fixture set-up does not fold: \(reason!)")
    }
    return state
}()

// MARK: - Given facts

/// One fact for a scenario's history: an event with (optionally) who did it,
/// when, and whether it was part of a drill. The actor defaults to whoever
/// would normally cause the event (see `defaultActor(for:)`).
struct Fact: Sendable {
    var event: Event
    var actor: Actor?
    var time: Timestamp?
    var drill = false

    init(_ event: Event, by actor: Actor? = nil, at time: Timestamp? = nil, drill: Bool = false) {
        self.event = event; self.actor = actor; self.time = time; self.drill = drill
    }

    func by(_ actor: Actor) -> Fact { var f = self; f.actor = actor; return f }
    func at(_ time: Timestamp) -> Fact { var f = self; f.time = time; return f }
    var inDrill: Fact { var f = self; f.drill = true; return f }

    // MARK: Shorthands for the facts most scenarios need

    static func onDuty(_ g: GuardID) -> Fact { Fact(.guardWentOnDuty(guard: g)) }
    static func offDuty(_ g: GuardID) -> Fact { Fact(.guardWentOffDuty(guard: g)) }
    static func scanned(_ g: GuardID, _ cp: CheckpointID) -> Fact { Fact(.checkpointScanned(guard: g, checkpoint: cp)) }
    /// A hazard report; by default a fire-safety hazard on the escape route of 中福广场, floor 1.
    static func reported(_ h: HazardID, _ category: HazardCategory = .fireSafety, in tower: TowerID = zhongfu,
                         floor: String = "1", zone: String = StandardZone.escapeRoute, severity: Severity? = nil,
                         tenant: TenantID? = nil, source: HazardSource = .patrol, note: String = "") -> Fact {
        Fact(.hazardReported(hazard: h, category: category, source: source, tower: tower, floor: floor, zone: zone,
                             severity: severity ?? HazardReport.defaultSeverity(category), tenant: tenant, note: note))
    }
    static func dispatched(_ d: DispatchID, _ h: HazardID, to g: GuardID) -> Fact {
        Fact(.guardDispatched(dispatch: d, hazard: h, guard: g))
    }
    static func acknowledged(_ d: DispatchID, by g: GuardID, channel: AckChannel = .console) -> Fact {
        Fact(.dispatchAcknowledged(dispatch: d, guard: g, channel: channel))
    }
    static func arrived(_ d: DispatchID, _ g: GuardID) -> Fact { Fact(.guardArrivedOnScene(dispatch: d, guard: g)) }
    static func cleared(_ d: DispatchID, _ g: GuardID, note: String = "done") -> Fact {
        Fact(.dispatchCleared(dispatch: d, guard: g, note: note))
    }
    static func declined(_ d: DispatchID, _ g: GuardID, reason: String = "busy") -> Fact {
        Fact(.dispatchDeclined(dispatch: d, guard: g, reason: reason))
    }
    static func withdrawn(_ d: DispatchID, reason: String = "not needed") -> Fact {
        Fact(.dispatchWithdrawn(dispatch: d, reason: reason))
    }
    static func escalated(_ h: HazardID, to target: EscalationTarget = .police) -> Fact {
        Fact(.hazardEscalated(hazard: h, to: target, note: ""))
    }
    static func closed(_ h: HazardID, note: String = "rectified") -> Fact { Fact(.hazardClosed(hazard: h, note: note)) }

    /// A guard on duty, sent to a hazard, who acknowledged and is on scene: the usual lead-in.
    static func onScene(_ g: GuardID, _ d: DispatchID, _ h: HazardID) -> [Fact] {
        [.dispatched(d, h, to: g), .acknowledged(d, by: g), .arrived(d, g)]
    }
}

/// Who normally causes an event: the guard for a guard's own steps, the duty
/// officer for orders and reports, the system for set-up.
func defaultActor(for event: Event) -> Actor {
    switch event {
    case .guardWentOnDuty(let g), .guardWentOffDuty(let g), .checkpointScanned(let g, _),
         .guardArrivedOnScene(_, let g), .dispatchCleared(_, let g, _), .dispatchDeclined(_, let g, _):
        return .guard(g)
    case .dispatchAcknowledged(_, let g, let channel):
        return channel == .console ? .guard(g) : officer
    case .hazardReported, .guardDispatched, .dispatchWithdrawn, .hazardEscalated, .hazardClosed:
        return officer
    case .bulletinIssued:
        return .feed("police-room")
    default:
        return .system
    }
}

/// Folds facts onto a state (the fixture district by default) with increasing
/// sequence numbers. A fact without a time happens one second after the
/// previous one, and the first at `t0`. Every fact must fold: a fact the
/// state refuses is a broken scenario and fails the test.
func given(_ facts: [Fact], on base: DistrictState = fixtureDistrict,
           sourceLocation: SourceLocation = #_sourceLocation) -> DistrictState {
    var state = base
    for fact in facts {
        let previous = state.lastTime ?? t0
        let time = fact.time ?? max(previous + .seconds(1), t0)
        let record = EventRecord(seq: state.lastSeq + 1, time: time, actor: fact.actor ?? defaultActor(for: fact.event),
                                 drill: fact.drill, event: fact.event)
        if let reason = state.apply(record) {
            Issue.record("given fact \(fact.event.typeName) did not fold: \(reason)", sourceLocation: sourceLocation)
        }
    }
    return state
}

func given(_ facts: Fact..., on base: DistrictState = fixtureDistrict,
           sourceLocation: SourceLocation = #_sourceLocation) -> DistrictState {
    given(facts, on: base, sourceLocation: sourceLocation)
}

// MARK: - When a command, then events or a rejection

/// A command decided against a state at a moment.
struct Decision {
    var state: DistrictState
    var command: Command
    var now: Timestamp
    var result: Result<[Event], Rejection>

    /// The events, or nil (and a recorded issue) when the command was rejected.
    func events(sourceLocation: SourceLocation = #_sourceLocation) -> [Event]? {
        switch result {
        case .success(let events): return events
        case .failure(let rejection):
            Issue.record("expected events, got rejection: \(rejection.reason)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Expects exactly these events, in this order; returns the state with them
    /// folded at `now` (so a scenario can go on).
    @discardableResult
    func then(_ expected: [Event], sourceLocation: SourceLocation = #_sourceLocation) -> DistrictState {
        guard let events = events(sourceLocation: sourceLocation) else { return state }
        #expect(events == expected, sourceLocation: sourceLocation)
        return fold(events, into: state, by: command.actor, at: now, sourceLocation: sourceLocation)
    }

    /// Expects a rejection whose reason contains every fragment.
    func rejected(mentioning fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        switch result {
        case .success(let events):
            Issue.record("expected a rejection mentioning \(fragments), got events \(events)", sourceLocation: sourceLocation)
        case .failure(let rejection):
            for fragment in fragments {
                #expect(rejection.reason.contains(fragment), "reason: \(rejection.reason)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Expects success without pinning the events.
    @discardableResult
    func accepted(sourceLocation: SourceLocation = #_sourceLocation) -> DistrictState {
        guard let events = events(sourceLocation: sourceLocation) else { return state }
        return fold(events, into: state, by: command.actor, at: now, sourceLocation: sourceLocation)
    }
}

extension DistrictState {
    /// Decides a command at `now` (one second after the last record by default).
    func when(_ actor: Actor, _ action: Action, at now: Timestamp? = nil) -> Decision {
        let now = now ?? ((lastTime ?? t0) + .seconds(1))
        let command = Command(actor, action)
        return Decision(state: self, command: command, now: now, result: decide(self, command, now: now))
    }
}

/// Folds decided events as the log writer would: one record each, same time and actor.
func fold(_ events: [Event], into state: DistrictState, by actor: Actor, at time: Timestamp, drill: Bool = false,
          sourceLocation: SourceLocation = #_sourceLocation) -> DistrictState {
    var state = state
    for event in events {
        if let reason = state.apply(EventRecord(seq: state.lastSeq + 1, time: time, actor: actor, drill: drill, event: event)) {
            Issue.record("decided event \(event.typeName) did not fold: \(reason)", sourceLocation: sourceLocation)
        }
    }
    return state
}

/// The next record for a state: the sequence number after its last.
func record(_ event: Event, after state: DistrictState, at time: Timestamp? = nil, by actor: Actor? = nil,
            drill: Bool = false) -> EventRecord {
    EventRecord(seq: state.lastSeq + 1, time: time ?? ((state.lastTime ?? t0) + .seconds(1)),
                actor: actor ?? defaultActor(for: event), drill: drill, event: event)
}

// MARK: - Comparing states

/// The names of the stored properties where two states differ, compared
/// generically so that a property added later is compared too.
func differences(_ a: DistrictState, _ b: DistrictState, ignoring ignored: Set<String> = []) -> [String] {
    let left = Mirror(reflecting: a).children, right = Array(Mirror(reflecting: b).children)
    var differing: [String] = []
    for (i, child) in left.enumerated() {
        let name = child.label ?? "#\(i)"
        guard !ignored.contains(name) else { continue }
        guard let value = child.value as? any Equatable else { differing.append(name + " (not Equatable)"); continue }
        if !isEqual(value, right[i].value) { differing.append(name) }
    }
    return differing
}

private func isEqual<T: Equatable>(_ a: T, _ b: Any) -> Bool {
    guard let b = b as? T else { return false }
    return a == b
}

extension DistrictState {
    func summary(of tower: TowerID, now: Timestamp, policy: Policy = .standard) -> TowerSummary? {
        towerSummaries(now: now, policy: policy).first { $0.tower.id == tower }
    }
}

/// District figures with only the named counts set.
func figures(reported: Int = 0, rectified: Int = 0, fireRectified: Int = 0, disputesResolved: Int = 0,
             dispatches: Int = 0, scans: Int = 0, escalations: Int = 0) -> DistrictFigures {
    var f = DistrictFigures()
    f.hazardsReported = reported; f.hazardsRectified = rectified; f.fireHazardsRectified = fireRectified
    f.disputesResolved = disputesResolved; f.dispatches = dispatches; f.checkpointScans = scans; f.escalations = escalations
    return f
}
