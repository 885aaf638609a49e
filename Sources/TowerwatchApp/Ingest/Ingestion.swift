import TowerwatchCore
import TowerwatchLog

/// `ingest`'s work on its lines: each read as JSON (`IngestLine`), checked, and
/// appended to the log through `DistrictLog`, batch by batch as they arrive.
///
/// With group commit, a batch's commands are decided in order under one lock
/// and written at once (`executeAll`), then synced before more input is
/// awaited, so a pause in the feed never leaves records unsynced; without it,
/// each command is one durable append. Either way every line's outcome is the
/// same: a bad or refused line is reported with its number and the rest go on.
public struct Ingestion {
    /// A line that did not go in, and why.
    public struct Refusal: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public let district: DistrictLog
    /// Who acts for lines without `"as"` (`ingest --as`).
    public let defaultActor: String?
    public let groupCommit: Bool
    /// The time records are stamped with: a drill forked from the past runs on its own clock.
    public let clock: any Clock
    /// Lines read so far, blank ones included (lines are numbered from 1).
    public private(set) var lines = 0
    public private(set) var accepted = 0
    public private(set) var refused = 0

    public init(into district: DistrictLog, defaultActor: String?, groupCommit: Bool, clock: any Clock) {
        self.district = district; self.defaultActor = defaultActor; self.groupCommit = groupCommit; self.clock = clock
    }

    /// Appends what a batch of lines asks for; returns the refused lines in order.
    ///
    /// - Throws: `LogError` when the log cannot be written (nothing already
    ///   written is lost; the lines not yet taken are not appended).
    public mutating func take(_ batch: [String]) throws -> [Refusal] {
        var refusals: [Refusal] = []
        var commands: [(line: Int, command: Command)] = []
        for text in batch {
            lines += 1
            if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            do {
                let invocation = try IngestLine.parse(text, defaultActor: defaultActor)
                // Who acts is checked against the account writing, when the log knows it.
                let command: Command
                if let account = district.caller { command = try invocation.command(in: district.state, caller: account) }
                else { command = try invocation.command(in: district.state) }
                try DistrictZone.requireKnown(command.action)
                commands.append((lines, command))
            } catch {
                refusals.append(Refusal(line: lines, reason: error.reason))
            }
        }
        let results: [Result<[EventRecord], Rejection>]
        if groupCommit {
            results = try district.executeAll(commands.map(\.command), now: clock.now())
            try district.store.flush()
        } else {
            results = try commands.map { try district.execute($0.command, now: clock.now()) }
        }
        for (entry, result) in zip(commands, results) {
            if case .failure(let r) = result { refusals.append(Refusal(line: entry.line, reason: r.reason)) }
        }
        accepted += results.count { if case .success = $0 { true } else { false } }
        refused += refusals.count
        return refusals.sorted { $0.line < $1.line }
    }
}
