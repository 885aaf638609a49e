import Foundation
import Testing
@testable import TowerwatchCore

/// The fold of `SetupRecordLost`: a placeholder the records that name it fold
/// against, replaced when its set-up record is written again.
@Suite struct LostSetUpFoldTests {
    static let t0 = Timestamp(millis: 1_795_000_000_000)

    struct Folding {
        var state = DistrictState()
        var seq: UInt64 = 0
        @discardableResult
        mutating func fold(_ e: Event, _ actor: Actor = .system) -> String? {
            seq += 1
            return state.apply(EventRecord(seq: seq, time: LostSetUpFoldTests.t0 + Span(millis: Int64(seq) * 1000), actor: actor, event: e))
        }
    }

    static func district() -> Folding {
        var f = Folding()
        f.fold(.companyRegistered(company: "C1", name: "Co"))
        f.fold(.towerRegistered(tower: "T01", name: "One", englishName: "One", company: "C1", floorsAbove: 10, floorsBelow: 1, zones: ["lobby"]))
        f.fold(.teamFormed(team: "TM1", name: "Team"))
        f.fold(.guardEnrolled(guard: "G-001", name: "Wang", team: "TM1", homeTower: "T01", training: []))
        f.fold(.officerEnrolled(officer: "O-01", name: "Zhao"))
        f.fold(.guardWentOnDuty(guard: "G-001"))
        return f
    }

    @Test func aLostReportKeepsItsDispatchesAndIsReplacedByItsReportWrittenAgain() {
        var f = Self.district()
        #expect(f.fold(.setUpLost(kind: .hazard, id: "H-000003")) == nil)
        #expect(f.fold(.guardDispatched(dispatch: "D-000001", hazard: "H-000003", guard: "G-001"), .officer("O-01")) == nil)
        #expect(f.state.isLostInRepair(.hazard, "H-000003"))
        #expect(f.state.highestHazardNumber == 3, "a new report must not reuse the lost one's id")
        let report = Event.hazardReported(hazard: "H-000003", category: .flood, source: .patrol, tower: "T01", floor: "1", zone: "lobby",
                                          severity: .high, tenant: nil, note: "water")
        #expect(f.fold(report, .officer("O-01")) == nil)
        #expect(!f.state.isLostInRepair(.hazard, "H-000003"))
        #expect(f.state.hazards["H-000003"]?.category == .flood && f.state.hazards["H-000003"]?.dispatches == ["D-000001"])
        // A report that was not lost cannot be made twice.
        #expect(f.fold(report, .officer("O-01")) == "hazard H-000003 was already reported")
    }

    @Test func aPlaceholderIsWrittenOnlyForWhatTheStateLacks() {
        var f = Self.district()
        #expect(f.fold(.setUpLost(kind: .tower, id: "T01")) == "tower T01 exists: nothing was lost")
        #expect(f.state.lostInRepair.isEmpty)
        for kind in SetUpKind.allCases {
            #expect(f.fold(.setUpLost(kind: kind, id: "X-\(kind.rawValue)")) == nil)
            #expect(f.state.holds(LostSetUp(kind, "X-\(kind.rawValue)")))
        }
        #expect(f.state.lostInRepair.count == SetUpKind.allCases.count)
    }

    @Test func everyRecordThatNamesALostEntityFoldsAgainstItsPlaceholder() {
        var f = Self.district()
        f.fold(.setUpLost(kind: .checkpoint, id: "T01-CP09"))
        f.fold(.setUpLost(kind: .guard, id: "G-009"))
        f.fold(.setUpLost(kind: .shift, id: "S7"))
        #expect(f.fold(.guardWentOnDuty(guard: "G-009")) == nil)
        #expect(f.fold(.checkpointScanned(guard: "G-009", checkpoint: "T01-CP09")) == nil)
        #expect(f.fold(.shiftEnded(shift: "S7"), .officer("O-01")) == nil)
        #expect(f.state.guards["G-009"]?.presentIn == nil, "a lost checkpoint names no tower: the guard is nowhere known")
        #expect(f.state.towerFigures[""] == nil, "no figures for a tower no one named")
        #expect(f.state.missingSetUp(for: .checkpointScanned(guard: "G-010", checkpoint: "T01-CP09")) == [LostSetUp(.guard, "G-010")])
    }

    @Test func anOfficerMayRegisterAgainOnlyWhatARepairLost() {
        var f = Self.district()
        f.fold(.setUpLost(kind: .tower, id: "T05"))
        let again = Action.registerTower("T05", name: "Five", englishName: "Five", company: "C1", floorsAbove: 5, floorsBelow: 0, zones: [])
        let now = Self.t0 + Span.hours(1)
        guard case .success(let events) = decide(f.state, Command(.officer("O-01"), again), now: now) else {
            Issue.record("an officer could not register a lost tower again"); return
        }
        #expect(events.count == 1)
        let other = Action.registerTower("T06", name: "Six", englishName: "Six", company: "C1", floorsAbove: 5, floorsBelow: 0, zones: [])
        guard case .failure(let rejection) = decide(f.state, Command(.officer("O-01"), other), now: now) else {
            Issue.record("an officer registered a new tower"); return
        }
        #expect(rejection.reason.contains("only the system"))
        f.fold(.setUpLost(kind: .checkpoint, id: "T01-CP04"))
        let install = Action.installCheckpoint("T01-CP04", tower: "T01", floor: "1", zone: "lobby", name: "lobby")
        guard case .success = decide(f.state, Command(.officer("O-01"), install), now: now) else {
            Issue.record("a lost checkpoint could not be installed again"); return
        }
    }

    @Test func onlyTheSystemWritesAPlaceholderInTheAudit() {
        var audit = RecordAudit(state: Self.district().state)
        let by = { (actor: Actor) in EventRecord(seq: 10, time: Self.t0 + Span.hours(1), actor: actor, event: .setUpLost(kind: .tower, id: "T07")) }
        #expect(audit.check(by(.officer("O-01")))?.contains("only log repair") == true)
        var fresh = RecordAudit(state: Self.district().state)
        #expect(fresh.check(by(.system)) == nil)
    }

    @Test func aStateWithPlaceholdersSurvivesASnapshot() throws {
        var f = Self.district()
        f.fold(.setUpLost(kind: .team, id: "TM4"))
        let data = try JSONEncoder().encode(f.state)
        #expect(try JSONDecoder().decode(DistrictState.self, from: data) == f.state)
    }
}
