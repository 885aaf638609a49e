/// The tables, functions and triggers that hold districts' logs in one database.
///
/// - `towerwatch_districts`: one row per district: its log header line and the
///   last sequence number written (the log's own sequence, not a `serial`, which
///   would leave gaps after a rollback).
/// - `towerwatch_records`: each record as the exact line the file format writes
///   (a `text` column, checksum included: `jsonb` would reorder keys and break
///   it), keyed by (district, seq), so a race for one number is a clean conflict.
/// - A statement-level trigger after every insert checks that each district's new
///   records continue its sequence (the first follows the last, no gaps), moves
///   the district's last sequence on, and notifies `towerwatch:DISTRICT` with it,
///   so consoles that LISTEN follow without polling. However the rows arrive
///   (an append, a `COPY`, `psql`), the sequence rule holds.
/// - Records are never changed or removed: updates, deletes and truncation are refused.
/// - `towerwatch_snapshots`: cached folds beside the records, keyed by district,
///   the record they stop at and the fold version that made them; each holds the
///   snapshot exactly as a snapshot file would (`Snapshot.encoded`), its header
///   line apart so a replay lists them without reading the states.
///
/// Installing is idempotent and serialized by an advisory lock, so processes
/// that open a new database at once do not trip over each other.
enum PostgresSchema {
    static let installLock = 0x7457_6C6F_6700   // "tWlog"

    static let script = """
    BEGIN;
    SELECT pg_advisory_xact_lock(\(installLock));
    CREATE TABLE IF NOT EXISTS towerwatch_districts (
        district text PRIMARY KEY,
        header   text NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
    );
    CREATE TABLE IF NOT EXISTS towerwatch_records (
        district text NOT NULL REFERENCES towerwatch_districts,
        seq      bigint NOT NULL CHECK (seq > 0),
        line     text NOT NULL,
        PRIMARY KEY (district, seq)
    );

    CREATE TABLE IF NOT EXISTS towerwatch_snapshots (
        district     text NOT NULL,
        seq          bigint NOT NULL,
        fold_version integer NOT NULL,
        header       text NOT NULL,
        snapshot     bytea NOT NULL,
        written_by   name NOT NULL DEFAULT session_user,
        PRIMARY KEY (district, seq, fold_version),
        FOREIGN KEY (district, seq) REFERENCES towerwatch_records (district, seq)
    );

    CREATE OR REPLACE FUNCTION towerwatch_records_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        batch record;
        moved integer;
        last_now bigint;
    BEGIN
        FOR batch IN SELECT district, min(seq) AS first, max(seq) AS last, count(*) AS n
                     FROM towerwatch_new_records GROUP BY district LOOP
            IF batch.last - batch.first + 1 <> batch.n THEN
                RAISE EXCEPTION 'records % to % of district % are not contiguous', batch.first, batch.last, batch.district
                    USING ERRCODE = 'TW400';
            END IF;
            UPDATE towerwatch_districts SET last_seq = batch.last
                WHERE district = batch.district AND last_seq = batch.first - 1;
            GET DIAGNOSTICS moved = ROW_COUNT;
            IF moved = 0 THEN
                SELECT last_seq INTO last_now FROM towerwatch_districts WHERE district = batch.district;
                RAISE EXCEPTION 'record % does not follow the last record of district %', batch.first, batch.district
                    USING ERRCODE = 'TW409', DETAIL = coalesce(last_now::text, 'no such district');
            END IF;
            PERFORM pg_notify('towerwatch:' || batch.district, batch.last::text);
        END LOOP;
        RETURN NULL;
    END $$;

    CREATE OR REPLACE TRIGGER towerwatch_records_continue
        AFTER INSERT ON towerwatch_records REFERENCING NEW TABLE AS towerwatch_new_records
        FOR EACH STATEMENT EXECUTE FUNCTION towerwatch_records_inserted();

    CREATE OR REPLACE FUNCTION towerwatch_records_kept() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'a towerwatch log is append-only: records are never changed or removed' USING ERRCODE = 'TW405';
    END $$;
    CREATE OR REPLACE TRIGGER towerwatch_records_append_only
        BEFORE UPDATE OR DELETE ON towerwatch_records
        FOR EACH ROW EXECUTE FUNCTION towerwatch_records_kept();
    CREATE OR REPLACE TRIGGER towerwatch_records_no_truncate
        BEFORE TRUNCATE ON towerwatch_records
        FOR EACH STATEMENT EXECUTE FUNCTION towerwatch_records_kept();
    COMMIT;
    """
}
