import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchLogMemory
import TowerwatchPostgres

#if canImport(Glibc)
import Glibc
#endif

/// The stores the contract holds for. PostgreSQL is tested when the package is
/// built with the Postgres trait and `TOWERWATCH_TEST_PG` names a database
/// (`postgresql:///towerwatch?host=/tmp/pg&port=5433`); otherwise its cases say
/// why they were skipped and pass.
enum StoreKind: String, CaseIterable, Sendable {
    case file, memory, postgres
}

/// A fresh, empty log in one kind of store, and how to open more handles onto it
/// (as other processes, or other hosts, would).
final class StoreUnderTest: @unchecked Sendable {
    let kind: StoreKind
    /// Opens another handle onto the same log.
    let open: @Sendable (_ writable: Bool) throws -> EventStore
    /// Cuts a handle's connection as a network failure would (PostgreSQL only).
    let tear: (@Sendable (EventStore) throws -> Void)?
    private let cleanUp: @Sendable () -> Void

    init(kind: StoreKind, open: @escaping @Sendable (Bool) throws -> EventStore,
         tear: (@Sendable (EventStore) throws -> Void)? = nil, cleanUp: @escaping @Sendable () -> Void = {}) {
        self.kind = kind; self.open = open; self.tear = tear; self.cleanUp = cleanUp
    }

    deinit { cleanUp() }

    static let t0 = Timestamp(millis: 1_795_000_000_123)

    /// The database the PostgreSQL cases use, or why there is none.
    static var postgresURL: Result<String, SkipReason> {
        #if Postgres
        guard let url = ProcessInfo.processInfo.environment["TOWERWATCH_TEST_PG"], !url.isEmpty else {
            return .failure(SkipReason("TOWERWATCH_TEST_PG is not set (a postgresql:// URL of a database the tests may write)"))
        }
        return .success(url)
        #else
        return .failure(SkipReason("built without the Postgres trait (swift test --traits Postgres)"))
        #endif
    }

    struct SkipReason: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }

    /// A new empty log of `kind` (a district of its own in PostgreSQL), or nil with
    /// the reason printed when that kind cannot be tested here.
    static func make(_ kind: StoreKind, mode: LogMode = .live) throws -> StoreUnderTest? {
        let header = LogHeader(mode: mode, created: t0)
        switch kind {
        case .file:
            var template = Array("/tmp/towerwatch-contract-XXXXXX".utf8CString)
            let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
            let path = dir + "/district.twlog"
            try FileEventStore.create(path: path, header: header)
            return StoreUnderTest(kind: kind, open: { try FileEventStore(path: path, writable: $0) },
                                  cleanUp: { try? FileManager.default.removeItem(atPath: dir) })
        case .memory:
            nonisolated(unsafe) let shared = InMemoryEventStore(header: header)
            return StoreUnderTest(kind: kind, open: { _ in shared })
        case .postgres:
            switch postgresURL {
            case .failure(let reason):
                print("PostgreSQL store cases skipped: \(reason)")
                return nil
            case .success(let url):
                #if Postgres
                let district = "contract-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
                let location = try PostgresLocation(url + (url.contains("?") ? "&" : "?") + "district=" + district)
                try PostgresEventStore.create(location, header: header)
                return StoreUnderTest(kind: kind, open: { try PostgresEventStore(location, writable: $0) },
                                      tear: { store in try PostgresTestSupport.terminateConnections(of: store) })
                #else
                return nil
                #endif
            }
        }
    }

    // MARK: - A small district

    static let guards: [GuardID] = (1...8).map { GuardID("G-00\($0)") }
    static let checkpoints: [CheckpointID] = ["T01-CP01", "T01-CP02"]

    /// Set-up commands with text that tries every way to break a line that names
    /// may hold (backslashes, quotes, CJK, emoji, `=`): names refuse control
    /// characters, so tabs and newlines are tried in notes by the codec's own tests.
    static func setupCommands() -> [Command] {
        var actions: [Action] = [
            .registerCompany("C1", name: "福田 Property Co = \"one\" \\ back"),
            .registerTower("T01", name: "中福广场 🏢", englishName: "Zhongfu Plaza", company: "C1",
                           floorsAbove: 30, floorsBelow: 3, zones: StandardZone.all),
            .installCheckpoint("T01-CP01", tower: "T01", floor: "12", zone: StandardZone.lobby, name: "12F lobby"),
            .installCheckpoint("T01-CP02", tower: "T01", floor: "B1", zone: StandardZone.garage, name: "B1 garage"),
            .formTeam("TM1", name: "一队"),
            .enrollOfficer("O-01", name: "Officer 一"),
        ]
        for g in guards {
            actions.append(.enrollGuard(g, name: "Guard \(g.raw)", team: "TM1", homeTower: "T01", training: ["fire"]))
            actions.append(.goOnDuty(g))
        }
        return actions.map { Command(.system, $0) }
    }

    /// Opens a writable district on a new handle and runs the set-up through `decide`.
    func makeDistrict() throws -> DistrictLog {
        let district = try DistrictLog(store: open(true))
        var time = StoreUnderTest.t0
        for command in StoreUnderTest.setupCommands() {
            try StoreUnderTest.mustExecute(district, command, at: time)
            time = time + Span(millis: 3)
        }
        return district
    }

    @discardableResult
    static func mustExecute(_ district: DistrictLog, _ command: Command, at time: Timestamp? = nil) throws -> [EventRecord] {
        let now = time ?? (district.state.lastTime.map { $0 + Span(millis: 1) } ?? t0)
        switch try district.execute(command, now: now) {
        case .success(let records): return records
        case .failure(let rejection): throw SkipReason("fixture command rejected: \(rejection.reason)")
        }
    }

    /// Every record of the log, read on a fresh read-only handle.
    func records() throws -> [EventRecord] {
        let store = try open(false)
        var all: [EventRecord] = []
        _ = try store.read(after: store.start) { record, _ in all.append(record) }
        return all
    }

    static func scan(_ g: GuardID, _ i: Int) -> Command {
        Command(.guard(g), .scan(guard: g, checkpoint: checkpoints[i % checkpoints.count]))
    }
}
