import Foundation
import TowerwatchCore
import TowerwatchLog

/// The ids a shell completes after TAB: the guards, officers, open hazards and open
/// dispatches of the district in the log the command line names (`--log PATH`, or
/// `$TOWERWATCH_LOG`).
///
/// The shell runs this while someone waits at a prompt, so it reads the log only
/// the quick way: from its newest snapshot plus the tail after it, and not at all
/// when that tail is longer than `maximumReplayBytes` (a log no snapshot covers;
/// opening it in a console writes one). Anything that goes wrong gives no ids:
/// a completion never prints an error into someone's command line.
public enum IDCompletion {
    /// What an argument names.
    public enum Kind: Sendable, Hashable {
        case guardID, officer, hazard, dispatch
        /// Whoever may act: a guard or an officer (`--as`).
        case actor
    }

    /// The most of a log replayed for a completion (about a tenth of a second on a release build).
    public static let maximumReplayBytes = 32 << 20

    /// The ids of `kind` that begin with `prefix` (case aside), sorted, for the
    /// command line `words` (the shell's words, `--log` among them or not).
    public static func ids(_ kind: Kind, words: [String], prefix: String = "",
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           maximumReplayBytes: Int = IDCompletion.maximumReplayBytes) -> [String] {
        guard let path = logPath(in: words, environment: environment),
              let state = quickState(of: path, maximumReplayBytes: maximumReplayBytes) else { return [] }
        let all: [String]
        switch kind {
        case .guardID: all = state.guardOrder.map(\.raw)
        case .officer: all = state.officers.keys.map(\.raw)
        case .actor: all = state.guardOrder.map(\.raw) + state.officers.keys.map(\.raw)
        case .hazard: all = state.openHazards.map(\.raw)
        case .dispatch: all = state.dispatches.filter { $0.value.isOpen }.map(\.key.raw)
        }
        let wanted = unquoted(prefix).uppercased()
        return all.filter { $0.uppercased().hasPrefix(wanted) }.sorted()
    }

    /// The log the words name after `--log` (or `--log=`), else `$TOWERWATCH_LOG`.
    public static func logPath(in words: [String], environment: [String: String]) -> String? {
        for (i, word) in words.enumerated() {
            if word == "--log", i + 1 < words.count { return expandingHome(unquoted(words[i + 1]), environment) }
            if word.hasPrefix("--log=") { return expandingHome(unquoted(String(word.dropFirst(6))), environment) }
        }
        return environment["TOWERWATCH_LOG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The district as its newest snapshot and the tail after it leave it; nil for a
    /// database, a log that cannot be read, or a tail too long to replay at a prompt.
    static func quickState(of path: String, maximumReplayBytes: Int) -> DistrictState? {
        guard !LogLocation.isDatabase(path), let store = try? FileEventStore(path: path, writable: false) else { return nil }
        let stretch = SnapshotShelf(logPath: path).replayStretch(for: store)
        guard stretch.end - stretch.start <= maximumReplayBytes else { return nil }
        return (try? DistrictLog.open(store))?.state
    }

    /// What has been typed of the word being completed. The argument parser cuts
    /// `prefix` from the last word on the line, which is not that word when the cursor
    /// is further back (`dispatch H-0<TAB> --log shift.twlog`): then the whole word
    /// at `index` is taken as typed.
    public static func typedPrefix(words: [String], index: Int, prefix: String) -> String {
        guard index >= 0, index < words.count - 1 else { return prefix }
        return words[index]
    }

    /// Shells hand words over as typed: `'~/logs/a b.twlog'` keeps its quotes.
    private static func unquoted(_ word: String) -> String {
        var w = word
        if w.count >= 2, let first = w.first, first == "'" || first == "\"", w.last == first { w = String(w.dropFirst().dropLast()) }
        return w.replacingOccurrences(of: "\\ ", with: " ")
    }

    private static func expandingHome(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
