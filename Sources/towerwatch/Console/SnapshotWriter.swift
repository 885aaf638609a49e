import Foundation
import TowerwatchCore
import TowerwatchLog

/// Writes a snapshot on a background thread, from a copy of the state (a value),
/// so the console never waits for it. A failure only costs the next start speed.
enum SnapshotWriter {
    static func start(_ district: DistrictLog) {
        guard let store = district.store as? FileEventStore else { return }
        let state = district.state, recent = district.recent, position = district.position
        let shelf = SnapshotShelf(logPath: store.path)
        let box = UncheckedBox((shelf, state, recent, position, store))
        Thread.detachNewThread {
            let (shelf, state, recent, position, store) = box.value
            _ = try? shelf.write(state: state, recent: recent, position: position, store: store)
        }
    }
}

/// Carries values to another thread where the compiler cannot prove it safe:
/// the store's reads use pread and share no mutable state with the console's.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
