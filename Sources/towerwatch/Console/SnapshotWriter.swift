import Foundation
import TowerwatchCore
import TowerwatchLog

/// Writes a snapshot on a background thread, so the console never waits for it.
/// A failure only costs the next start speed.
///
/// Only values cross to that thread (the state, the feed, the position and the
/// log's path): the thread opens the log read-only for itself to check the
/// record the snapshot stops at, and shares no store with the console.
enum SnapshotWriter {
    static func start(_ district: DistrictLog) {
        guard let path = (district.store as? FileEventStore)?.path else { return }
        let state = district.state, recent = district.recent, position = district.position
        Thread.detachNewThread {
            guard let log = try? FileEventStore(path: path, writable: false) else { return }
            _ = try? SnapshotShelf(logPath: path).write(state: state, recent: recent, position: position, store: log)
        }
    }
}
