#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog
import TowerwatchPostgres

/// Where a district's log lives, as the user writes it after `--log` or in
/// `$TOWERWATCH_LOG`: a file path, or a PostgreSQL URL
/// (`postgresql:///towerwatch?host=/run/pg&district=futian`, `postgres://…`).
///
/// Every command opens its log through here, so each one works on either
/// store without knowing which it has.
public enum LogLocation {
    /// Whether `location` names a database rather than a file.
    public static func isDatabase(_ location: String) -> Bool { PostgresLocation.isLocation(location) }

    /// Opens the store at `location`. A read-only open never writes.
    public static func openStore(_ location: String, writable: Bool, durability: Durability = .everyAppend) throws -> EventStore {
        guard isDatabase(location) else { return try FileEventStore(path: location, writable: writable, durability: durability) }
        #if Postgres
        return try PostgresEventStore(PostgresLocation(location), writable: writable, durability: durability)
        #else
        throw withoutPostgres(location)
        #endif
    }

    /// Whether a log is at `location`: a file there, or the district in the database
    /// (false as well when the database cannot be reached: creating it then says why).
    public static func exists(_ location: String) -> Bool {
        guard isDatabase(location) else { return access(location, F_OK) == 0 }
        #if Postgres
        return (try? PostgresEventStore.districtExists(PostgresLocation(location))) ?? false
        #else
        return false
        #endif
    }

    /// Creates a new, empty log at `location` (a file, or a district in a database,
    /// with towerwatch's tables if the database has none yet).
    public static func create(_ location: String, header: LogHeader, sharing: FileEventStore.Sharing = .ownerOnly) throws {
        guard isDatabase(location) else { return try FileEventStore.create(path: location, header: header, sharing: sharing) }
        #if Postgres
        try PostgresEventStore.create(PostgresLocation(location), header: header)
        #else
        throw withoutPostgres(location)
        #endif
    }

    /// Opens and replays the district at `location` from its newest matching
    /// snapshot (beside the file, or in the database beside the records).
    public static func openDistrict(_ location: String, writable: Bool, durability: Durability = .everyAppend) throws -> DistrictLog {
        try openDistrict(openStore(location, writable: writable, durability: durability))
    }

    /// Replays `store` from its newest matching snapshot (beside a file, or in the
    /// database beside its records). `progress` hears how far the replay has got.
    public static func openDistrict(_ store: EventStore, progress: ReadProgress? = nil) throws -> DistrictLog {
        try DistrictLog.open(store, progress: progress)
    }

    /// Whether this user may write the log: a file by its mode; a database
    /// decides for itself (its roles and grants), so a console opens it writable.
    public static func mayWrite(_ location: String) -> Bool {
        isDatabase(location) || access(location, W_OK) == 0
    }

    /// The log's file name for a status bar: the district for a database.
    public static func shortName(_ location: String) -> String {
        if isDatabase(location), let db = try? PostgresLocation(location) { return db.district }
        return location.split(separator: "/").last.map(String.init) ?? location
    }

    private static func withoutPostgres(_ location: String) -> LogError {
        .refused(path: location, reason: "this towerwatch was built without PostgreSQL (build it with: swift build --traits Postgres)")
    }
}
