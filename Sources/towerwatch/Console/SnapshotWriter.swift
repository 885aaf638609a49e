import TowerwatchLog

/// Starts a snapshot of a console's log, written in the background (see
/// `SnapshotSource.writeInBackground`: beside a file, or in the database).
enum SnapshotWriter {
    static func start(_ district: DistrictLog) {
        SnapshotSource(district.store)?.writeInBackground(state: district.state, recent: district.recent, position: district.position)
    }
}
