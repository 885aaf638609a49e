import Foundation
import TowerwatchCore

/// Time zones as this machine knows them (Foundation, from the system's zone
/// database), turned into the `ZoneRules` values the core reads.
///
/// Beside `WallClock`: the other piece of the outside world the core is handed
/// rather than asking for.
public enum SystemZones {
    /// The machine's zone: `TZ` when set, else `/etc/localtime`.
    public static func machineZoneName() -> String {
        TimeZone.current.identifier
    }

    /// The rules of a named zone (`Asia/Shanghai`, `UTC`, `Etc/GMT-8`), or nil when
    /// this machine does not know the name. Offset changes are taken from 1970 to 2100.
    public static func rules(for identifier: String) -> ZoneRules? {
        cache.lock()
        defer { cache.unlock() }
        if let known = cache.rules[identifier] { return known }
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        var changes: [ZoneRules.Change] = []
        var at = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < end, changes.count < 1_000 {
            changes.append(ZoneRules.Change(at: Timestamp(millis: Int64((next.timeIntervalSince1970 * 1000).rounded())),
                                            offset: zone.secondsFromGMT(for: next)))
            at = next
        }
        let rules = ZoneRules(identifier: identifier, initialOffset: zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)),
                              changes: changes)
        cache.rules[identifier] = rules
        return rules
    }

    /// How a district's times read here: in the zone its log records, else (a log
    /// written before zones were recorded) in the machine's zone. A recorded zone
    /// this machine does not know reads in UTC, and `unknown` names it.
    public static func localTime(for state: DistrictState) -> (time: LocalTimeText, unknown: String?) {
        localTime(zoneNamed: state.timeZone)
    }

    /// As `localTime(for:)`, for a zone known by name (nil: none recorded).
    public static func localTime(zoneNamed zone: String?) -> (time: LocalTimeText, unknown: String?) {
        if let name = zone {
            guard let rules = rules(for: name) else { return (.utc, name) }
            return (LocalTimeText(zone: rules), nil)
        }
        return (LocalTimeText(zone: rules(for: machineZoneName()) ?? .utc), nil)
    }

    /// The district's zone as a log records it with its set-up (`init` writes it
    /// first): the last `DistrictTimeZoneSet` among its first `limit` records, read
    /// without folding them, for a command that must read typed times before it
    /// reads the log (`report --from`). Nil when none is recorded there.
    public static func zoneRecordedAtStart(of store: EventStore, limit: Int = 5_000) throws -> String? {
        struct Enough: Error {}
        var zone: String?, read = 0
        do {
            _ = try store.read(after: store.start) { record, _ in
                if case .districtTimeZoneSet(let name) = record.event { zone = name }
                read += 1
                if read >= limit { throw Enough() }
            }
        } catch is Enough {}
        return zone
    }

    /// Known rules by name: working out a zone with daylight saving takes a few hundred look-ups.
    private final class Cache: @unchecked Sendable {
        private let guardLock = NSLock()
        var rules: [String: ZoneRules] = [:]
        func lock() { guardLock.lock() }
        func unlock() { guardLock.unlock() }
    }
    private static let cache = Cache()
}
