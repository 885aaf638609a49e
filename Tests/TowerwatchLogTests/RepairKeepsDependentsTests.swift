import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Repair keeps every good record: one damaged set-up record leaves the live log
/// alone; the records that name what it set up stay, folded against the record
/// rebuilt from a snapshot or against a `SetupRecordLost` placeholder.
@Suite struct RepairKeepsDependentsTests {
    let dir = LogFixture.makeDirectory()
    var path: String { dir + "/district.twlog" }

    /// The set-up records others depend on, each with the text that finds its line
    /// in the busy district (plus a shift) and the entity it sets up.
    static let setUpRecords: [(type: String, marker: String, entity: LostSetUp)] = [
        ("CompanyRegistered", "company=C1", LostSetUp(.company, "C1")),
        ("TowerRegistered", "tower=T01", LostSetUp(.tower, "T01")),
        ("CheckpointInstalled", "checkpoint=T01-CP02", LostSetUp(.checkpoint, "T01-CP02")),
        ("TeamFormed", "team=TM1", LostSetUp(.team, "TM1")),
        ("GuardEnrolled", "guard=G-001", LostSetUp(.guard, "G-001")),
        ("ShiftStarted", "shift=S1", LostSetUp(.shift, "S1")),
        ("HazardReported", "hazard=H-000001", LostSetUp(.hazard, "H-000001")),
    ]

    /// The busy district, with a shift started and ended, folded; its lines as written.
    func makeLog() throws -> (lines: [[UInt8]], state: DistrictState) {
        let district = try LogFixture.makeBusyDistrict(at: path)
        try LogFixture.mustExecute(district, Command(.officer("O-01"), .startShift("S1", name: "night")))
        try LogFixture.mustExecute(district, Command(.officer("O-01"), .endShift("S1")))
        try district.store.flush()
        return (LogFixture.lines(LogFixture.contents(path)), district.state)
    }

    func index(of type: String, _ marker: String, in lines: [[UInt8]]) -> Int {
        lines.indices.first {
            let text = String(decoding: lines[$0], as: UTF8.self)
            return text.contains("\t\(type)\t") && text.contains("\t\(marker)\t")
        }!
    }

    /// Flips one byte of the record of `type` that holds `marker` (in the middle, or
    /// with `inLastValue` the last byte of its last field, never its type or id), and
    /// writes the damaged log; returns the record's line index and the lines written.
    @discardableResult
    func damageOne(_ type: String, _ marker: String, in lines: [[UInt8]], inLastValue: Bool = false) -> (target: Int, damaged: [[UInt8]]) {
        let target = index(of: type, marker, in: lines)
        var damaged = lines
        damaged[target][inLastValue ? damaged[target].count - 10 : damaged[target].count / 2] ^= 0x01
        LogFixture.write(LogFixture.join(damaged), to: path)
        return (target, damaged)
    }

    func folded(_ path: String) throws -> DistrictState {
        try DistrictLog(store: FileEventStore(path: path, writable: false)).state
    }

    /// `state` without `entity` and what only its own set-up record gave: what the fold
    /// of the log without that record holds of everything else.
    static func withoutEntity(_ state: DistrictState, _ entity: LostSetUp) -> DistrictState {
        var s = state
        s.lostInRepair.remove(entity)
        switch entity.kind {
        case .company: s.companies[CompanyID(entity.id)] = nil
        case .tower:
            s.towers[TowerID(entity.id)] = nil
            s.towerOrder.removeAll { $0.raw == entity.id }
            s.towerFigures[TowerID(entity.id)]?.since = nil
        case .checkpoint:
            s.checkpoints[CheckpointID(entity.id)] = nil
            for t in s.towers.keys { s.towers[t]!.checkpoints.removeAll { $0.raw == entity.id } }
        case .team:
            s.teams[TeamID(entity.id)] = nil
            s.teamOrder.removeAll { $0.raw == entity.id }
        case .guard:
            s.guards[GuardID(entity.id)] = nil
            s.guardOrder.removeAll { $0.raw == entity.id }
            for t in s.teams.keys { s.teams[t]!.members.removeAll { $0.raw == entity.id } }
        case .shift:
            s.shifts[ShiftID(entity.id)] = nil
        case .hazard:
            s.hazards[HazardID(entity.id)] = nil
            s.openHazards.remove(HazardID(entity.id))
            // The report's own counts (reported, open in its tower, what its close
            // rectified) went with it: they are the lost record's, not another's.
            s.hazardCount = 0
            s.liveFigures = DistrictFigures()
            s.repeats = RepeatTallies()
            s.programme = ProgrammeTally()  // the programme counted its close as well
            for t in s.towerFigures.keys { s.towerFigures[t]!.openHazards = 0 }
        }
        return s
    }

    @Test("one damaged set-up record removes exactly that record; every other stays and folds",
          arguments: RepairKeepsDependentsTests.setUpRecords.indices)
    func oneDamagedSetUpRecordLeavesAlone(_ which: Int) throws {
        defer { LogFixture.remove(dir) }
        let (type, marker, entity) = Self.setUpRecords[which]
        let (lines, original) = try makeLog()
        let originalRecords = try LogFixture.records(path)
        let (target, damaged) = damageOne(type, marker, in: lines)

        let outcome = try LogRepair.repair(path: path)

        // Exactly the damaged line left the live log, byte for byte.
        #expect(outcome.quarantined.map(\.line) == [target + 1], "\(outcome.quarantined)")
        #expect(Array(LogFixture.lines(LogFixture.contents(outcome.quarantinePath!)).dropFirst()) == [damaged[target]])
        #expect(outcome.placeholders == [entity])
        #expect(outcome.recovered.isEmpty)

        // Every other record is in the mended log, in order; the one record repair
        // wrote is the placeholder.
        let kept = try LogFixture.records(path)
        let lostSeq = originalRecords[target - 1].seq
        let others = originalRecords.filter { $0.seq != lostSeq }
        let written = kept.filter { if case .setUpLost = $0.event { return true } else { return false } }
        #expect(written.map(\.event) == [.setUpLost(kind: entity.kind, id: entity.id)])
        let survivors = kept.filter { if case .setUpLost = $0.event { return false } else { return true } }
        #expect(survivors.count == others.count, "records lost: \(others.count - survivors.count)")
        for (k, o) in zip(survivors, others) { #expect(k.event == o.event && k.actor == o.actor && k.time == o.time) }
        #expect(kept.map(\.seq) == Array(1...UInt64(kept.count)))

        // The fold holds every other record: equal to the original's once the lost entity is set aside.
        let repaired = try folded(path)
        #expect(repaired.lostInRepair == [entity])
        let (a, b) = (Self.withoutEntity(repaired, entity), Self.withoutEntity(original, entity))
        #expect(a == b, "\(SnapshotComparison.difference(a, b) ?? "")")

        // `log verify` calls it sound and counts the placeholder.
        let verify = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("the log holds 1 placeholder for set-up records lost in repair"), "\(verify.stdout)")
        #expect(verify.stdout.contains("\(entity.kind.rawValue) \(entity.id) — \(entity.kind.lostRecordWord) lost in repair"), "\(verify.stdout)")
    }

    @Test("a trusted snapshot recovers the lost record: the fold after repair equals the undamaged one",
          arguments: RepairKeepsDependentsTests.setUpRecords.indices)
    func aSnapshotRecoversTheLostRecord(_ which: Int) throws {
        defer { LogFixture.remove(dir) }
        let (type, marker, entity) = Self.setUpRecords[which]
        let (lines, original) = try makeLog()
        try SnapshotShelf(logPath: path).writeAll()  // one snapshot, at the last record
        // The damage spares the line's type and id: repair can tell which record it was.
        let (target, _) = damageOne(type, marker, in: lines, inLastValue: true)

        let outcome = try LogRepair.repair(path: path)

        #expect(outcome.quarantined.map(\.line) == [target + 1], "\(outcome.quarantined)")
        #expect(outcome.placeholders.isEmpty)
        #expect(outcome.recovered.map(\.entity) == [entity])
        let repaired = try folded(path)
        #expect(repaired.lostInRepair.isEmpty)
        // The entity itself is exactly as it was.
        switch entity.kind {
        case .company: #expect(repaired.companies == original.companies)
        case .tower: #expect(repaired.towers == original.towers)
        case .checkpoint: #expect(repaired.checkpoints == original.checkpoints && repaired.towers == original.towers)
        case .team: #expect(repaired.teams == original.teams)
        case .guard: #expect(repaired.guards == original.guards && repaired.teams.mapValues { Set($0.members) } == original.teams.mapValues { Set($0.members) })
        case .shift: #expect(repaired.shifts[ShiftID(entity.id)]?.name == original.shifts[ShiftID(entity.id)]?.name)
        case .hazard: #expect(repaired.hazards == original.hazards && repaired.liveFigures == original.liveFigures,
                              "\(String(describing: repaired.hazards[HazardID(entity.id)]))")
        }
        // And so is everything else: rebuilt where it stood, with its own time, the
        // record folds exactly as the undamaged one did.
        #expect(repaired == original, "\(SnapshotComparison.difference(repaired, original) ?? "")")
        let rebuilt = try LogFixture.records(path)[target - 1]
        #expect(rebuilt.event.setsUp == entity, "the rebuilt record stands where the damaged one stood")

        let run = try ChildProcess.run(["log", "verify", path], in: dir)
        #expect(run.status == 0 && !run.stdout.contains("placeholder"), "\(run.stdout)")
    }

    /// Damage in the id itself hides which record it was: the snapshot still gives the
    /// record back, just before the first record that names it.
    @Test func aSnapshotRecoversARecordWhoseIdWasDamaged() throws {
        defer { LogFixture.remove(dir) }
        let (lines, original) = try makeLog()
        try SnapshotShelf(logPath: path).writeAll()
        let target = index(of: "TowerRegistered", "tower=T01", in: lines)
        var damaged = lines
        damaged[target] = LogFixture.replacing(damaged[target], "tower=T01", "tower=T0!")
        LogFixture.write(LogFixture.join(damaged), to: path)
        let outcome = try LogRepair.repair(path: path)
        #expect(outcome.quarantined.map(\.line) == [target + 1])
        #expect(outcome.recovered.map(\.entity) == [LostSetUp(.tower, "T01")] && outcome.placeholders.isEmpty)
        let repaired = try folded(path)
        #expect(repaired.towers == original.towers && repaired.checkpoints == original.checkpoints && repaired.guards == original.guards)
        #expect(repaired.towerOrder == ["T02", "T01"], "rebuilt before its first checkpoint, after T02's registration")
        #expect(try ChildProcess.run(["log", "verify", path], in: dir).status == 0)
    }

    @Test func theRepairCommandSaysWhereALostRecordCameFrom() throws {
        defer { LogFixture.remove(dir) }
        let (lines, _) = try makeLog()
        let (_, damaged) = damageOne("TowerRegistered", "tower=T01", in: lines)
        let run = try ChildProcess.run(["log", "repair", path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("moved 1 to"), "\(run.stdout)")
        #expect(run.stdout.contains("tower T01 — registration lost in repair"), "\(run.stdout)")
        #expect(run.stdout.contains("SetupRecordLost placeholder"), "\(run.stdout)")

        // With a snapshot, the same damage is recovered, and the output names the snapshot.
        LogFixture.remove(dir)
        _ = mkdir(dir, 0o700)
        _ = try makeLog()
        let snapshotted = try SnapshotShelf(logPath: path).writeAll()
        #expect(snapshotted.written == 1)
        LogFixture.write(LogFixture.join(damaged), to: path)
        let again = try ChildProcess.run(["log", "repair", path], in: dir)
        #expect(again.stdout.contains("recovered TowerRegistered of tower T01 from snapshot \(path).snapshots/snap-"), "\(again.stdout)")
    }

    /// Re-registering the placeholder replaces it, keeping what was folded against it.
    @Test func registeringALostTowerAgainReplacesThePlaceholder() throws {
        defer { LogFixture.remove(dir) }
        let (lines, original) = try makeLog()
        damageOne("TowerRegistered", "tower=T01", in: lines)
        _ = try LogRepair.repair(path: path)
        let district = try DistrictLog(store: FileEventStore(path: path, writable: true))
        #expect(district.state.isLostInRepair(.tower, "T01"))
        let t = original.towers["T01"]!
        try LogFixture.mustExecute(district, Command(.officer("O-02"), .registerTower("T01", name: t.name, englishName: t.englishName, company: t.company,
                                                                                      floorsAbove: t.floorsAbove, floorsBelow: t.floorsBelow, zones: t.zones)))
        #expect(!district.state.isLostInRepair(.tower, "T01"))
        #expect(district.state.towers["T01"] == t, "the re-registered tower keeps its checkpoints")
        // An officer may register only a lost tower; any other stays the system's.
        let refused = try district.execute(Command(.officer("O-02"), .registerTower("T09", name: "new", englishName: "new", company: "C1",
                                                                                    floorsAbove: 3, floorsBelow: 0, zones: [])), now: district.state.lastTime!)
        guard case .failure(let rejection) = refused else { Issue.record("an officer registered a new tower"); return }
        #expect(rejection.reason.contains("only the system"))
    }
}
