import TowerwatchLog

/// Starts a snapshot of a console's log, written in the background (see
/// `SnapshotShelf.writeInBackground`).
enum SnapshotWriter {
    static func start(_ district: DistrictLog) {
        guard let path = (district.store as? FileEventStore)?.path else { return }
        SnapshotShelf(logPath: path).writeInBackground(state: district.state, recent: district.recent, position: district.position)
    }
}
