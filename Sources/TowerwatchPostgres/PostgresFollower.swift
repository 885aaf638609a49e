#if Postgres
#if canImport(Glibc)
import Glibc
#endif

/// The connection a console follows its district on: `LISTEN towerwatch:DISTRICT`.
///
/// Its socket is the store's change descriptor. Every (re)connection listens
/// first and then notifies itself, so the console wakes once and catches up on
/// whatever was appended before it was listening: nothing is missed, and since
/// a catch-up reads from the position folded so far, nothing is folded twice.
/// A lost connection is reported (`problem`) and tried again with backoff.
final class PostgresFollower {
    let location: PostgresLocation
    private var connection: PostgresConnection?
    private var backoff = ReconnectBackoff()
    /// Why changes are not followed now, for the status line; nil when they are.
    private(set) var problem: String?

    init(_ location: PostgresLocation) {
        self.location = location
        connect()
    }

    /// The server process of the listening connection, while there is one.
    var backendPid: Int32? { connection?.backendPid }

    /// The descriptor to poll; nil while disconnected (each call tries again once
    /// the backoff allows).
    var descriptor: Int32? {
        if connection == nil && backoff.mayTry() { connect() }
        return connection?.socket
    }

    /// Reads what arrived and drops the notifications (their only message is
    /// "the log grew"); notices a lost connection.
    func drain() {
        guard let connection else { return }
        // A server ending the session sends its reason first and closes after:
        // read until nothing more is waiting, so the close is noticed now.
        repeat {
            guard connection.consumeInput() else {
                lose(connection.lastMessage)
                return
            }
            _ = connection.takeNotifications()
        } while isReadable(connection.socket)
    }

    private func isReadable(_ fd: Int32) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, 0) > 0
    }

    private func connect() {
        do {
            let c = try PostgresConnection(location)
            let channel = "towerwatch:" + location.district
            try c.execute("LISTEN " + c.identifier(channel), doing: "following \(location.district)")
            try c.execute("SELECT pg_notify($1, 'listening')", [channel], doing: "following \(location.district)")
            connection = c
            backoff.succeeded()
            problem = nil
        } catch {
            lose("\(error)")
        }
    }

    private func lose(_ why: String) {
        connection = nil
        backoff.failed()
        backoff.failed()  // the first retry waits a step: a connection that just failed rarely returns at once
        problem = "not following \(location.district): \(why); trying again in \(backoff.secondsLeft()) s"
    }
}
#endif
