import Foundation
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
import TowerwatchLogMemory

/// The demo district in an in-memory log, with a few guards on duty and one
/// hazard dispatched, on a manual clock.
enum AppFixture {
    static let start = Timestamp(year: 2026, month: 11, day: 29, hour: 8)

    static func district(writable: Bool = true) throws -> (DistrictLog, InMemoryEventStore, ManualClock) {
        let store = InMemoryEventStore()
        let log = try DistrictLog(store: store)
        try DemoDistrict.write(to: log, at: start)
        let officer = Actor.officer("O-01")
        for g in ["G-001", "G-002", "G-003"] { try expectSuccess(log.execute(Command(officer, .goOnDuty(GuardID(g))), now: start)) }
        try expectSuccess(log.execute(Command(.guard("G-001"), .reportHazard(HazardReport(
            category: .fireSafety, source: .patrol, tower: "T01", floor: "3", zone: "escape-route", note: "装修垃圾"))), now: start + .minutes(1)))
        let clock = ManualClock(start + .minutes(2))
        guard writable else {
            let readOnly = InMemoryEventStore(header: store.header, records: store.records, writable: false)
            return (try DistrictLog(store: readOnly), readOnly, clock)
        }
        return (log, store, clock)
    }

    static func expectSuccess(_ result: Result<[EventRecord], Rejection>) throws {
        if case .failure(let r) = result { throw r }
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "towerwatch-app-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
