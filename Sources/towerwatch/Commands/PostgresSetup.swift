import ArgumentParser
import TowerwatchApp
import TowerwatchLog
import TowerwatchPostgres

/// `towerwatch setup --postgres URL [--enroll ROLE=ACTOR]...`: the roles and the
/// checked append function that make the database, not the client, say who may
/// write what (see `PostgresIdentity`).
enum PostgresSetup {
    static let discussion = """
        --postgres URL prepares a PostgreSQL database (run as a role that owns the tables and may create roles): \
        the tables, the towerwatch_staff role, the roster and the append function that checks who writes. \
        --enroll ROLE=ACTOR (repeatable) creates the login role if needed and lets it act only as ACTOR: \
        guard:G-017, officer:O-01 (and system, for the alarms a console records) or feed:plate-camera. Staff roles \
        cannot insert records directly, even with psql; every record names the role that wrote it. Map OS accounts \
        to roles with peer authentication in pg_hba.conf: --print-hba prints the pg_hba.conf and pg_ident.conf \
        lines for every role on the roster (see docs/security.md).
        """

    static func run(_ url: String, enroll: [String], printHBA: Bool = false) throws {
        guard LogLocation.isDatabase(url) else { throw Failure(message: "--postgres must be a postgresql:// URL", status: 2) }
        let pairs = try enroll.map { entry -> (String, String) in
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty,
                  ["guard:", "officer:", "feed:"].contains(where: { parts[1].hasPrefix($0) && parts[1].count > $0.count }) else {
                throw Failure(message: "--enroll \(entry): write ROLE=guard:G-017, ROLE=officer:O-01 or ROLE=feed:NAME", status: 2)
            }
            return (parts[0], parts[1])
        }
        #if Postgres
        let location = try PostgresLocation(url)
        try PostgresIdentity.install(location)
        for (role, actor) in pairs { try PostgresIdentity.enroll(role: role, as: actor, in: location) }
        if printHBA {
            for line in try PostgresIdentity.peerMapping(location) { say(line) }
            return
        }
        say("set up \(location.connection): towerwatch_staff, the roster and towerwatch_append" +
              (pairs.isEmpty ? "" : "; enrolled " + pairs.map { "\($0.0) as \($0.1)" }.joined(separator: ", ")))
        #else
        _ = pairs
        throw Failure(message: "this towerwatch was built without PostgreSQL (build it with: swift build --traits Postgres)", status: 2)
        #endif
    }
}
