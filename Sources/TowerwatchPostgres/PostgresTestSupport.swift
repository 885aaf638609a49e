#if Postgres
import TowerwatchLog

/// What tests of other modules need to do to a PostgreSQL store that no
/// program should: cut its connections as a network failure would.
public enum PostgresTestSupport {
    /// Ends every server session of `store` (its statements and its follower),
    /// from a connection of its own, as a dropped network or a restarted server would.
    public static func terminateConnections(of store: EventStore) throws {
        guard let store = store as? PostgresEventStore else { return }
        let pids = store.sessionPids()
        let killer = try PostgresConnection(store.location)
        for pid in pids {
            try killer.execute("SELECT pg_terminate_backend($1::int)", [String(pid)], doing: "cutting a test connection")
        }
    }
}

extension PostgresEventStore {
    /// The server process ids of this store's sessions (statements, follower).
    func sessionPids() -> [Int32] {
        [connection.backendPid] + (followerPid.map { [$0] } ?? [])
    }
}
#endif
