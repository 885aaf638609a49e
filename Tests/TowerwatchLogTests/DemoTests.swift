import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
import TowerwatchLogMemory

/// The demo district and the simulator: DOMAIN.md's figures, a district that
/// replays to itself, a repeatable stream, and a history that reads back.
@Suite struct DemoTests {
    static let setUp = Timestamp(year: 2026, month: 3, day: 2, hour: 6)

    static func demoLog() throws -> (DistrictLog, InMemoryEventStore) {
        let store = InMemoryEventStore()
        let log = try DistrictLog(store: store)
        try DemoDistrict.write(to: log, at: setUp)
        return (log, store)
    }

    // MARK: - The district

    @Test func districtHasTheReportsTowersTenantsAndCompanies() throws {
        let s = try Self.demoLog().0.state
        #expect(s.companies.count == 11)
        #expect(s.towers.count == 27)
        let names = Set(s.towers.values.map(\.name))
        #expect(names.contains("中福广场") && names.contains("福田银座"))
        #expect(s.towers[DemoDistrict.zhongfuPlaza]?.name == "中福广场")
        #expect(s.towers[DemoDistrict.futianYinzuo]?.englishName == "Futian Yinzuo")
        #expect(s.towers.values.allSatisfy { !$0.englishName.isEmpty && s.companies[$0.company] != nil })

        #expect(s.tenants.count == 324)
        #expect(Set(s.tenants.values.map(\.name)).count == 324)
        let newcomer = try #require(s.tenants[DemoDistrict.newRestaurant])
        #expect(newcomer.kind == "restaurant" && newcomer.tower == DemoDistrict.zhongfuPlaza)
        #expect(Set(s.tenants.values.map(\.kind)).isSuperset(of: ["office", "restaurant", "retail"]))
    }

    @Test func everyTowerHasUndergroundLevelsZonesAndCheckpoints() throws {
        let s = try Self.demoLog().0.state
        for tower in s.towers.values {
            #expect((15...45).contains(tower.floorsAbove), "\(tower.name) floors")
            #expect(tower.floorsBelow == 2 && tower.hasFloor("B1") && tower.hasFloor("B2"))
            #expect(tower.zones == StandardZone.all)
            #expect((8...12).contains(tower.checkpoints.count), "\(tower.name) has \(tower.checkpoints.count) checkpoints")
            let points = tower.checkpoints.compactMap { s.checkpoints[$0] }
            #expect(points.count == tower.checkpoints.count)
            #expect(points.allSatisfy { $0.tower == tower.id && $0.id.raw.hasPrefix(tower.id.raw + "-CP") && tower.hasFloor($0.floor) })
            let floors = Set(points.map(\.floor))
            #expect(floors.isSuperset(of: ["1", "B1", "B2"]) && floors.count >= 5, "ground, floors and garage levels")
        }
    }

    @Test func guardsTeamsCaptainsOfficersAndProcedures() throws {
        let s = try Self.demoLog().0.state
        #expect(s.guards.count == 240)
        #expect(s.guardOrder.first == "G-001" && s.guardOrder.last == "G-240")
        #expect(Set(s.guards.values.map(\.name)).count == 240, "names are unique")
        #expect(s.guards.values.allSatisfy { s.towers[$0.homeTower] != nil && !$0.training.isEmpty && !$0.onDuty })
        #expect(Set(s.guards.values.map(\.homeTower)).count == 27, "every tower has guards posted")
        #expect(s.teams.count == 24)
        for team in s.teams.values {
            let captain = try #require(team.captain, "\(team.name) has a captain")
            #expect(team.members.contains(captain))
            #expect(team.members.count == 10)
        }
        #expect(s.officers.count == 4)
        for category in HazardCategory.allCases {
            #expect((s.procedures[category]?.count ?? 0) >= 3, "procedure for \(category)")
        }
    }

    @Test func theDistrictIsTheSameEveryTimeAndReplaysToItself() throws {
        let (log, store) = try Self.demoLog()
        #expect(DemoDistrict.isWritten(in: log.state))
        #expect(store.records.allSatisfy { $0.actor == .system && $0.time == Self.setUp })
        let reopened = try DistrictLog(store: store).state
        #expect(reopened.towers == log.state.towers)
        #expect(reopened.checkpoints == log.state.checkpoints)
        #expect(reopened.tenants == log.state.tenants)
        #expect(reopened.guards == log.state.guards)
        #expect(reopened.teams == log.state.teams)
        #expect(reopened.procedures == log.state.procedures)
        #expect(reopened.lastSeq == log.state.lastSeq)

        let again = try Self.demoLog().1
        #expect(again.records == store.records)
        // Writing it twice is refused whole: nothing is appended.
        #expect(throws: DemoDistrict.WriteError.self) { try DemoDistrict.write(to: log, at: Self.setUp) }
        #expect(store.records.count == again.records.count)
    }

    // MARK: - The simulator

    static func history(seed: UInt64, hours: Int64) throws -> (InMemoryEventStore, SimulationReport) {
        let store = InMemoryEventStore()
        let report = try Simulator.writeHistory(to: store, length: .hours(hours), seed: seed, start: setUp)
        return (store, report)
    }

    @Test func theSameSeedGivesTheSameRecordsAndAnotherSeedDiffers() throws {
        let (a, ra) = try Self.history(seed: 7, hours: 6)
        let (b, _) = try Self.history(seed: 7, hours: 6)
        let (c, _) = try Self.history(seed: 8, hours: 6)
        #expect(ra.events > 5_000)
        #expect(a.records == b.records)
        #expect(a.records != c.records)
        // The district part is the same whatever the seed.
        let districtEvents = DemoDistrict.commands.count
        #expect(Array(a.records.prefix(districtEvents)) == Array(c.records.prefix(districtEvents)))
    }

    @Test func twoDaysOfHistoryReadBackAndLookLikeTheDistrict() throws {
        let dir = NSTemporaryDirectory() + "towerwatch-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/history.twlog"
        var shares: [Double] = []
        let report = try Simulator.writeHistory(to: path, length: .days(2), seed: 42, start: Self.setUp) { shares.append($0) }

        // Reopening replays and checks every record: each one is a possible event.
        let log = try DistrictLog(store: FileEventStore(path: path, writable: false))
        let s = log.state
        #expect(s.lastSeq == UInt64(report.events))
        #expect(shares.last == 1 && shares == shares.sorted())

        let scans = report.scans
        #expect(s.liveFigures.checkpointScans == scans)
        #expect(Double(scans) > 0.7 * Double(report.events), "scans dominate: \(scans) of \(report.events)")
        #expect(scans > 40_000 && scans < 160_000)
        let categories = report.hazardsByCategory.filter { $0.value > 0 }
        #expect(categories.count >= 4, "\(report.hazardsByCategory)")
        #expect((report.hazardsByCategory[.fireSafety] ?? 0) > 0 && (report.hazardsByCategory[.parking] ?? 0) > 0)
        #expect(report.hazards >= 15)
        #expect(report.dispatches >= report.hazards / 2)
        #expect(report.acknowledgements > 0 && report.arrivals > 0 && report.clearances > 0)
        #expect(report.lateArrivals > 0, "some guards reach the scene after 5 minutes")
        #expect(s.liveFigures.hazardsRectified >= report.hazards - 10)
        #expect((report.byKind[.shiftStarted] ?? 0) >= 4)

        // About a third on duty; nobody left holding a dispatch at a shift change.
        let onDuty = s.guards.values.filter(\.onDuty).count
        #expect((70...100).contains(onDuty), "\(onDuty) on duty")
        #expect(report.rejections * 1000 <= report.commands, "rejections: \(report.rejectionSamples)")
    }

    @Test func liveRunWritesThroughTheLogAndStopsOnTime() throws {
        let (log, store) = try Self.demoLog()
        let clock = SteppingClock(start: Self.setUp + .hours(3), step: .seconds(20))
        let report = try Simulator.runLive(log: log, seed: 3, speed: 1, duration: .minutes(40),
                                           config: .lively, clock: clock)
        #expect(report.events > 500)
        #expect(report.rejections == 0, "\(report.rejectionSamples)")
        #expect(report.hazards >= 3, "the lively district reports hazards at once")
        #expect(store.records.last!.time <= Self.setUp + .hours(3) + .minutes(41))
        #expect(try DistrictLog(store: store).state.lastSeq == log.state.lastSeq)
        var calls = 0
        let stopped = try Simulator.runLive(log: log, seed: 3, clock: clock, stop: { calls += 1; return calls > 3 })
        #expect(stopped.events < 100)
    }

    @Test func lengthsParse() {
        #expect(SimulationLength.parse("30d") == .days(30))
        #expect(SimulationLength.parse("90s") == .seconds(90))
        #expect(SimulationLength.parse("2h") == .hours(2))
        #expect(SimulationLength.parse("1y") == .days(365))
        #expect(SimulationLength.parse("45") == .seconds(45))
        #expect(SimulationLength.parse("x") == nil && SimulationLength.parse("-3d") == nil && SimulationLength.parse("") == nil)
    }
}

/// A clock that moves forward a fixed step every time it is read, so a live run
/// proceeds without waiting for real time.
final class SteppingClock: Clock, @unchecked Sendable {
    private var current: Timestamp
    private let step: Span
    init(start: Timestamp, step: Span) { current = start; self.step = step }
    func now() -> Timestamp { current = current + step; return current }
}
