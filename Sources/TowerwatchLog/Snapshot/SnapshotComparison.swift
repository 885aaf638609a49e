import Foundation
import TowerwatchCore

/// `towerwatch log verify --snapshots`: refolds the log and compares every snapshot
/// in its folder with the state at the snapshot's record. A snapshot is a fold a
/// console believes without replaying, so one edited by hand (a guard renamed, its
/// checksum made to match) would show a district that never was; this names it.
public struct SnapshotComparison: Sendable {
    /// One snapshot file and what comparing it found.
    public struct Finding: Sendable, Hashable {
        public var path: String
        public var seq: UInt64?
        /// Nil when the snapshot equals the refolded state at its record.
        public var difference: String?
        public var matches: Bool { difference == nil }
    }

    public var findings: [Finding] = []
    /// Snapshots that differ from the log (or cannot be read as the log's).
    public var differing: [Finding] { findings.filter { !$0.matches } }

    /// Compares every snapshot file of `logPath`, whatever its owner and mode (those
    /// are reported, not trusted: this is the check that looks at them all).
    public static func compare(logPath: String, foldVersion: Int = DistrictState.foldVersion) throws -> SnapshotComparison {
        let shelf = SnapshotShelf(logPath: logPath, foldVersion: foldVersion)
        let store = try FileEventStore(path: logPath, writable: false)
        var result = SnapshotComparison()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shelf.directory)) ?? []
        var wanted: [UInt64: [Snapshot]] = [:]
        for name in names.sorted() where name.hasPrefix("snap-") && name.hasSuffix(".twsnap") {
            let path = shelf.directory + "/" + name
            if let why = SnapshotShelf.distrust(path, directory: false) {
                result.findings.append(Finding(path: path, seq: nil, difference: "not trusted: the file \(why)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                result.findings.append(Finding(path: path, seq: nil, difference: "cannot be read"))
                continue
            }
            do throws(RecordError) {
                let snap = try Snapshot.decode(Array(data), path: path, foldVersion: foldVersion)
                guard (try? store.recordCRC(endingAt: snap.position.offset, seq: snap.position.seq)) == snap.recordCRC else {
                    result.findings.append(Finding(path: path, seq: snap.position.seq,
                                                   difference: "the log does not hold record \(snap.position.seq) as it was snapshotted"))
                    continue
                }
                wanted[snap.position.seq, default: []].append(snap)
            } catch {
                result.findings.append(Finding(path: path, seq: nil, difference: error.reason))
            }
        }
        if !wanted.isEmpty {
            var state = DistrictState()
            var position = store.start
            try store.fold(&state, at: &position) { record, _, now in
                guard let snaps = wanted.removeValue(forKey: record.seq) else { return }
                for snap in snaps {
                    result.findings.append(Finding(path: snap.path ?? "", seq: record.seq, difference: difference(snap.state, now)))
                }
            }
            for snap in wanted.values.joined() {
                result.findings.append(Finding(path: snap.path ?? "", seq: snap.position.seq, difference: "the log ends before record \(snap.position.seq)"))
            }
        }
        result.findings.sort { $0.path < $1.path }
        return result
    }

    /// What differs between a snapshot's state and the refolded one, in words
    /// (`guards G-017`), or nil when they are equal.
    static func difference(_ snapshot: DistrictState, _ folded: DistrictState) -> String? {
        guard snapshot != folded else { return nil }
        var parts: [String] = []
        func keys<K: Comparable, V: Equatable>(_ name: String, _ a: [K: V], _ b: [K: V]) {
            let changed = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
            guard !changed.isEmpty else { return }
            parts.append("\(name) " + changed.prefix(5).map { "\($0)" }.joined(separator: ", ") + (changed.count > 5 ? " and \(changed.count - 5) more" : ""))
        }
        keys("companies", snapshot.companies, folded.companies)
        keys("towers", snapshot.towers, folded.towers)
        keys("checkpoints", snapshot.checkpoints, folded.checkpoints)
        keys("tenants", snapshot.tenants, folded.tenants)
        keys("teams", snapshot.teams, folded.teams)
        keys("guards", snapshot.guards, folded.guards)
        keys("officers", snapshot.officers, folded.officers)
        keys("hazards", snapshot.hazards, folded.hazards)
        keys("dispatches", snapshot.dispatches, folded.dispatches)
        keys("shifts", snapshot.shifts, folded.shifts)
        keys("accounts", snapshot.accounts, folded.accounts)
        if parts.isEmpty {
            // Something else: name the stored properties that differ.
            let a = Mirror(reflecting: snapshot).children, b = Mirror(reflecting: folded).children
            for (x, y) in zip(a, b) where (x.value as? AnyHashable) != (y.value as? AnyHashable) {
                parts.append(x.label ?? "state")
            }
        }
        return "differs from the log refolded to its record: " + (parts.isEmpty ? "the state" : parts.joined(separator: "; "))
    }
}

extension SnapshotComparison {
    /// The report, line by line: each snapshot that differs named with why, then the verdict.
    public var report: [String] {
        var lines = differing.map { "snapshot differs: \($0.path): \($0.difference ?? "")" }
        let same = findings.count - differing.count
        lines.append(findings.isEmpty ? "no snapshots to compare"
                     : "snapshots: \(same) of \(findings.count) match the log" + (differing.isEmpty ? "" : "; \(differing.count) differ"))
        return lines
    }
}
