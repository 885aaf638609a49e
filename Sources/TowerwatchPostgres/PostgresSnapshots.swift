#if Postgres
import Foundation
import TowerwatchCore
import TowerwatchLog

/// A district's snapshots kept in the database beside its records
/// (`towerwatch_snapshots`), so a console on any host opens from the newest
/// one and replays only the tail, as it does beside a file.
///
/// Each row holds the snapshot exactly as a snapshot file would, and is checked
/// the same way before it is trusted: made by this build's fold, stopping at a
/// record the district still holds with the same checksum, its body's checksum
/// intact. Staff roles may only read them (see `PostgresIdentity`).
extension PostgresEventStore: SnapshotKeeping {
    /// A snapshot's name in messages.
    private func snapshotName(_ seq: UInt64) -> String { "\(name) snapshot at record \(seq)" }

    /// The header lines of the district's snapshots with the checksum its record
    /// carries now, newest first; none when the database predates snapshots.
    private func storedHeaders() throws -> [(seq: UInt64, header: String, recordCRC: UInt32?)] {
        let rows: [[String?]]
        do {
            rows = try connection.execute("""
                SELECT s.seq, s.header, right(r.line, 8) FROM towerwatch_snapshots s
                JOIN towerwatch_records r ON r.district = s.district AND r.seq = s.seq
                WHERE s.district = $1 ORDER BY s.seq DESC, s.fold_version DESC
                """, [location.district], doing: "listing the snapshots of \(location.district)")
        } catch let e as PostgresError where e.state == PostgresState.undefinedTable {
            return []
        }
        return rows.compactMap { row in
            guard let seq = row[0].flatMap({ UInt64($0) }), let header = row[1] else { return nil }
            return (seq, header, row[2].flatMap { UInt32($0, radix: 16) })
        }
    }

    /// Why the stored snapshot with `header` cannot be used, or nil.
    private func distrust(_ header: SnapshotHeader, recordCRC: UInt32?, foldVersion: Int) -> String? {
        do throws(RecordError) { try header.checkFold(foldVersion) } catch { return error.reason }
        guard recordCRC == header.recordCRC else {
            return "the district no longer holds record \(header.position.seq) as it was snapshotted"
        }
        return nil
    }

    public func newestSnapshot(foldVersion: Int, atOrBefore limit: Timestamp?) -> (Snapshot?, [LogNotice]) {
        var notices: [LogNotice] = []
        let stored: [(seq: UInt64, header: String, recordCRC: UInt32?)]
        do { stored = try storedHeaders() } catch {
            return (nil, [LogNotice(message: "\(name): snapshots not read: \(error)")])
        }
        for (seq, line, crc) in stored {
            let what = snapshotName(seq)
            do {
                let header = try SnapshotHeader.parse(Array(line.utf8), path: what)
                if let why = distrust(header, recordCRC: crc, foldVersion: foldVersion) {
                    notices.append(LogNotice(message: "\(what): ignored: \(why)"))
                    continue
                }
                if let limit, header.time > limit { continue }
                return (try snapshot(at: header), notices)
            } catch let e as RecordError {
                notices.append(LogNotice(message: "\(what): ignored: \(e.reason)"))
            } catch {
                notices.append(LogNotice(message: "\(what): ignored: \(error)"))
            }
        }
        return (nil, notices)
    }

    public func snapshotHeaders(foldVersion: Int) -> [SnapshotHeader] {
        ((try? storedHeaders()) ?? []).reversed().compactMap { seq, line, crc in
            guard let header = try? SnapshotHeader.parse(Array(line.utf8), path: snapshotName(seq)),
                  distrust(header, recordCRC: crc, foldVersion: foldVersion) == nil else { return nil }
            return header
        }
    }

    public func snapshot(at header: SnapshotHeader) throws -> Snapshot {
        let fold = header.foldVersion ?? 0
        let rows = try connection.fetchBytes("SELECT snapshot FROM towerwatch_snapshots WHERE district = $1 AND seq = $2 AND fold_version = $3",
                                             [location.district, String(header.position.seq), String(fold)],
                                             doing: "reading \(header.path)")
        guard let bytes = rows.first else { throw RecordError("\(header.path): snapshot disappeared") }
        do throws(RecordError) {
            return try Snapshot.decode(bytes, path: header.path, foldVersion: fold)
        } catch {
            throw RecordError("\(header.path): \(error.reason)")
        }
    }

    public func keep(_ snapshot: Snapshot) throws -> String {
        let bytes = try snapshot.encoded()
        let header = String(decoding: bytes[..<(bytes.firstIndex(of: 10) ?? bytes.count)], as: UTF8.self)
        do {
            try connection.execute("""
                INSERT INTO towerwatch_snapshots (district, seq, fold_version, header, snapshot) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (district, seq, fold_version)
                DO UPDATE SET header = EXCLUDED.header, snapshot = EXCLUDED.snapshot, written_by = session_user
                """, [location.district, String(snapshot.position.seq), String(snapshot.foldVersion), header], bytes: bytes,
                doing: "keeping a snapshot of \(location.district)")
        } catch let e as PostgresError where e.state == PostgresState.insufficientPrivilege || e.state == PostgresState.undefinedTable {
            throw LogError.refused(path: name, reason: snapshotRefusal ?? e.message)
        }
        return snapshotName(snapshot.position.seq)
    }

    public func recordCRC(seq: UInt64) throws -> UInt32? {
        let rows = try connection.execute("SELECT right(line, 8) FROM towerwatch_records WHERE district = $1 AND seq = $2",
                                          [location.district, String(seq)], doing: "reading record \(seq) of \(location.district)")
        guard let hex = rows.first?.first ?? nil else { return nil }
        return UInt32(hex, radix: 16)
    }

    public var snapshotRefusal: String? {
        let rows: [[String?]]
        do {
            rows = try connection.execute("SELECT has_table_privilege('towerwatch_snapshots', 'INSERT')", doing: "checking who may keep snapshots")
        } catch let e as PostgresError where e.state == PostgresState.undefinedTable {
            return "this database predates snapshots: its owner adds their table with `towerwatch setup --postgres URL`"
        } catch {
            return "\(error)"
        }
        guard rows.first?.first ?? nil == "t" else {
            return "only the owner of towerwatch's tables keeps snapshots (a snapshot is trusted without a replay): run this as that role"
        }
        return nil
    }

    public func keepInBackground(_ snapshot: Snapshot, done: @escaping @Sendable (Result<String, any Error>) -> Void) {
        let location = self.location
        Thread.detachNewThread {
            done(Result { try PostgresEventStore(location, writable: false).keep(snapshot) })
        }
    }
}
#endif
