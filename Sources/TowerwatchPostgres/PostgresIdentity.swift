#if Postgres
import TowerwatchLog

/// Identity held by the database: people connect as their own roles (peer
/// authentication maps an OS account to its role on the local socket; a
/// password or certificate from other hosts), and a role on the roster may
/// append only records whose actor it is.
///
/// - `towerwatch_roster` maps each role to the one actor it acts as
///   (`guard:G-017`, `officer:O-01`, `feed:plate-camera`). An officer's role may
///   also record as `system` (the alarms a console raises when a deadline passes).
/// - Roles in `towerwatch_staff` may read, and may append only through
///   `towerwatch_append`, a `SECURITY DEFINER` function that checks every
///   record's actor against the caller's roster entry before inserting: a
///   modified client, or `psql`, cannot write as anyone else, and cannot insert
///   into the table at all.
/// - Snapshots are trusted without a replay, so staff may only read them: only
///   the tables' owner (who runs `log snapshot URL`) writes them.
/// - Every record names the role that wrote it (`written_by`, the session's
///   login role, which a definer function does not change).
public enum PostgresIdentity {
    static let script = """
    BEGIN;
    SELECT pg_advisory_xact_lock(\(PostgresSchema.installLock));
    ALTER TABLE towerwatch_records ADD COLUMN IF NOT EXISTS written_by name NOT NULL DEFAULT session_user;
    CREATE TABLE IF NOT EXISTS towerwatch_roster (
        role  name PRIMARY KEY,
        actor text NOT NULL CHECK (actor ~ '^(guard|officer|feed):.+$')
    );
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'towerwatch_staff') THEN
            CREATE ROLE towerwatch_staff NOLOGIN;
        END IF;
    END $$;

    CREATE OR REPLACE FUNCTION towerwatch_append(p_district text, p_first bigint, p_lines text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    DECLARE
        allowed text;
        one text;
        acting text;
        n bigint := 0;
    BEGIN
        SELECT actor INTO allowed FROM towerwatch_roster WHERE role = session_user;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'role % is not on the towerwatch roster', session_user USING ERRCODE = 'TW403';
        END IF;
        FOREACH one IN ARRAY string_to_array(p_lines, E'\\n') LOOP
            acting := split_part(one, E'\\t', 4);
            IF acting <> allowed AND NOT (allowed LIKE 'officer:%' AND acting = 'system') THEN
                RAISE EXCEPTION 'role % acts as %, not as %', session_user, allowed, acting USING ERRCODE = 'TW403';
            END IF;
            n := n + 1;
        END LOOP;
        INSERT INTO towerwatch_records (district, seq, line)
            SELECT p_district, p_first + k - 1, line FROM unnest(string_to_array(p_lines, E'\\n')) WITH ORDINALITY AS t(line, k);
        RETURN p_first + n - 1;
    END $$;

    REVOKE ALL ON FUNCTION towerwatch_append(text, bigint, text) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION towerwatch_append(text, bigint, text) TO towerwatch_staff;
    REVOKE ALL ON towerwatch_records, towerwatch_districts, towerwatch_roster, towerwatch_snapshots FROM PUBLIC;
    GRANT SELECT ON towerwatch_records, towerwatch_districts, towerwatch_roster, towerwatch_snapshots TO towerwatch_staff;
    COMMIT;
    """

    /// Installs the tables (if missing), the roster, the staff role and the append
    /// function. Needs a role that may create roles and owns the tables.
    public static func install(_ location: PostgresLocation) throws {
        let connection = try PostgresConnection(location)
        try connection.executeScript(PostgresSchema.script, doing: "installing towerwatch's tables in \(location)")
        try connection.executeScript(script, doing: "installing towerwatch's roles and append function in \(location)")
    }

    /// The lines to add to the server's pg_hba.conf and pg_ident.conf so that each
    /// role on the roster logs in over the local socket by peer authentication, as
    /// the operating-system account of the same name (the map's left column is the
    /// OS account: edit it where an account's name differs from its role's).
    public static func peerMapping(_ location: PostgresLocation, map: String = "towerwatch") throws -> [String] {
        let connection = try PostgresConnection(location)
        let database = try connection.execute("SELECT current_database()", doing: "naming the database").first?.first ?? nil
        let roster = try connection.execute("SELECT role, actor FROM towerwatch_roster ORDER BY role", doing: "reading the roster")
        var lines = [
            "# pg_hba.conf: staff over the local socket by peer authentication, through the map \(map)",
            "# (above any broader 'local' line; the first matching line wins)",
            "local   \(database ?? "towerwatch")   +towerwatch_staff   peer map=\(map)",
            "# from other hosts, a password or a certificate instead, e.g.:",
            "# hostssl \(database ?? "towerwatch")   +towerwatch_staff   0.0.0.0/0   scram-sha-256",
            "",
            "# pg_ident.conf: MAP  OS-ACCOUNT  ROLE  (one line per person or feed on the roster)",
        ]
        for row in roster {
            guard let role = row[0], let actor = row[1] else { continue }
            lines.append("\(map)   \(role)   \(role)   # \(actor)")
        }
        if roster.isEmpty { lines.append("# (the roster is empty: enroll roles with --enroll ROLE=ACTOR)") }
        lines += ["", "# then reload the server's configuration: SELECT pg_reload_conf();"]
        return lines
    }

    /// Puts `role` on the roster acting as `actor` (creating the login role if it
    /// does not exist), so it may read every district and append as `actor` only.
    public static func enroll(role: String, as actor: String, in location: PostgresLocation) throws {
        let connection = try PostgresConnection(location)
        let name = connection.identifier(role)
        let exists = try connection.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [role], doing: "looking up role \(role)")
        if exists.isEmpty {
            try connection.execute("CREATE ROLE \(name) LOGIN", doing: "creating role \(role)")
        }
        try connection.execute("GRANT towerwatch_staff TO \(name)", doing: "letting \(role) use towerwatch")
        try connection.execute("""
            INSERT INTO towerwatch_roster (role, actor) VALUES ($1, $2)
            ON CONFLICT (role) DO UPDATE SET actor = EXCLUDED.actor
            """, [role, actor], doing: "putting \(role) on the roster as \(actor)")
    }
}
#endif
