import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new log (mode 0600; --group-readable for 0640).")
    @OptionGroup var log: LogOption
    @Option(help: "The district to set up: demo (27 towers, 240 guards) or empty.") var district: String = "demo"
    @Flag(help: "Let the file's group read it (mode 0640).") var groupReadable = false

    func run() throws {
        try reporting {
            let path = try log.path()
            guard district == "demo" || district == "empty" else { throw Failure(message: "--district must be demo or empty", status: ExitStatus.usage) }
            let now = WallClock().now()
            try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: now), sharing: groupReadable ? .group : .ownerOnly)
            if district == "demo" {
                let district = try openForWriting(path, durability: .groupDefault)
                try DemoSetup.write(to: district, at: now)
                try district.store.flush()
                say("created \(path): demo district, \(district.state.towers.count) towers, \(district.state.guards.count) guards, \(district.position.seq) records")
            } else {
                say("created \(path): empty district")
            }
        }
    }
}

struct LogGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Inspect and mend log files.",
                                                    subcommands: [Verify.self, Dump.self, Repair.self, SnapshotCommand.self])

    struct SnapshotCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Write snapshots (cached folds) beside the log, so it opens and seeks fast.",
            discussion: "Snapshots go to PATH.snapshots/. Deleting them changes nothing but speed; one that no longer matches its log is ignored.")
        @Argument(help: "The log file.") var path: String
        @Option(help: "Also write one every N records, for seeking in replay (default: only at the end).") var every: Int?

        func run() throws {
            try reporting {
                if let every, every < 1 { throw Failure(message: "--every must be at least 1", status: ExitStatus.usage) }
                let store = try FileEventStore(path: path, writable: false)
                let shelf = SnapshotShelf(logPath: path)
                var state = DistrictState()
                var recent: [EventRecord] = []
                var written = 0
                let end = try store.read(after: store.start) { record, at in
                    if let problem = state.apply(record) {
                        throw LogError.badRecord(path: path, line: at.line, seq: record.seq, reason: "impossible event \(record.event.typeName): \(problem)")
                    }
                    if RecordText.isNotable(record.event) {
                        recent.append(record)
                        if recent.count > 400 { recent.removeFirst(200) }
                    }
                    if let every, every > 0, record.seq % UInt64(every) == 0 {
                        try shelf.write(state: state, recent: recent, position: at, store: store)
                        written += 1
                    }
                }
                if end.seq > 0 && (every == nil || end.seq % UInt64(every!) != 0) {
                    try shelf.write(state: state, recent: recent, position: end, store: store)
                    written += 1
                }
                say("\(path): wrote \(written) snapshot\(written == 1 ? "" : "s") to \(shelf.directory) (last at record \(end.seq))")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every record; exit 0 when the log is sound.")
        @Argument(help: "The log file.") var path: String
        func run() throws {
            try reporting {
                let store = try FileEventStore(path: path, writable: false)
                var counts: [EventKind: Int] = [:]
                var state = DistrictState()
                var first: String?
                do {
                    _ = try store.read(after: store.start) { record, at in
                        if let problem = state.apply(record) {
                            throw LogError.badRecord(path: path, line: at.line, seq: record.seq, reason: "impossible event \(record.event.typeName): \(problem)")
                        }
                        counts[record.event.kind, default: 0] += 1
                    }
                } catch let e as LogError {
                    first = e.description
                }
                let total = counts.values.reduce(0, +)
                say("\(path): format \(store.header.format), \(store.header.mode.rawValue) log, \(total) records read")
                for kind in EventKind.allCases where counts[kind] != nil {
                    say("  \(kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(counts[kind]!)")
                }
                for n in store.notices { say("problem: \(n)") }
                if let first {
                    say("first problem: \(first)")
                    say("run `towerwatch log repair \(path)` to move bad records to a quarantine file")
                    throw ExitCode(1)
                }
                if !store.notices.isEmpty { throw ExitCode(1) }
                say("sound")
            }
        }
    }

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print records as JSON lines (for jq).")
        @Argument(help: "The log file.") var path: String
        @Option(help: "First sequence number to print.") var from: UInt64 = 1
        @Option(help: "Only records of this type (CheckpointScanned, HazardReported...).") var type: String?

        func run() throws {
            try reporting {
                if let type, EventKind(rawValue: type) == nil {
                    throw Failure(message: "unknown type \(type); types are " + EventKind.allCases.map(\.rawValue).joined(separator: ", "), status: ExitStatus.usage)
                }
                let store = try FileEventStore(path: path, writable: false)
                var out: [UInt8] = []
                out.reserveCapacity(1 << 16)
                _ = try store.read(after: store.start) { record, _ in
                    guard record.seq >= from, type == nil || record.event.typeName == type else { return }
                    RecordJSON.append(record, to: &out)
                    if out.count > 60_000 { FileHandle.standardOutput.write(Data(out)); out.removeAll(keepingCapacity: true) }
                }
                FileHandle.standardOutput.write(Data(out))
                for n in store.notices { printError("towerwatch: \(n)") }
            }
        }
    }

    struct Repair: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move bad records to a quarantine file beside the log; keep every good one.")
        @Argument(help: "The log file.") var path: String
        func run() throws {
            try reporting {
                let outcome = try LogRepair.repair(path: path)
                guard outcome.changed else { say("\(path): sound, \(outcome.kept) records; nothing to repair"); return }
                say("\(path): kept \(outcome.kept) records, moved \(outcome.quarantined.count) to \(outcome.quarantinePath ?? "-")")
                if let real = outcome.realPath { say("  \(path) is a symbolic link: repaired the file it names, \(real)") }
                for q in outcome.quarantined { say("  line \(q.line): \(q.reason)") }
                if outcome.renumbered > 0 { say("  renumbered \(outcome.renumbered) records after the removed ones so the sequence stays contiguous") }
                if let backup = outcome.backupPath { say("  the original file is kept as \(backup)") }
            }
        }
    }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append commands read as JSON lines from standard input (a camera feed, a script).",
        discussion: """
        Each line is one JSON object: {"as": "feed:plate-camera", "command": "report-hazard", "category": "parking", \
        "tower": "T05", "floor": "B1", "zone": "garage", "note": "plate 浙A12345 in a fire lane"}. The other keys \
        are the command's options. A bad line is reported with its number and reason and the rest go on; the exit \
        status is 0 when every line went in, 2 when some were refused (by the rules, or as malformed), 1 on an error.
        """)
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: "Default actor for lines without \"as\".") var actor: String?
    @Flag(help: "Group commit: sync many records at once (a power loss may lose the last ~50 ms).") var groupCommit = false

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: groupCommit ? .groupDefault : .everyAppend)
            // A drill forked from the past runs on its own clock (see DrillClock).
            let clock = DrillClock.forLog(district.store.header)
            var lines = FeedLines(fd: STDIN_FILENO)
            var lineNo = 0, good = 0, bad = 0
            func reject(_ line: Int, _ reason: String) {
                bad += 1
                printError("line \(line): rejected: \(reason)")
            }
            // Each read gives the lines that have arrived; with group commit they go
            // in together (one lock, one write), otherwise one append each.
            while let batch = lines.nextBatch() {
                var commands: [(line: Int, command: Command)] = []
                for line in batch {
                    lineNo += 1
                    let text: String
                    switch line {
                    case .text(let t): text = t
                    case .notUTF8(let offset):
                        reject(lineNo, "not valid UTF-8 (byte \(offset + 1) of the line)"); continue
                    case .tooLong(let bytes):
                        reject(lineNo, "the line is \(bytes) bytes long; the limit is \(FeedLines.maximumLineBytes) bytes (1 MiB)"); continue
                    }
                    if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                    do {
                        let (actorText, verb, args) = try IngestLine.parse(text, defaultActor: actor)
                        let who = try CommandText.actor(actorText, in: district.state)
                        commands.append((lineNo, Command(who, try CommandText.action(verb: verb, arguments: args, actor: who))))
                    } catch let rejection as Rejection {
                        reject(lineNo, rejection.reason)
                    }
                }
                if groupCommit {
                    for (entry, result) in zip(commands, try district.executeAllFollowingReplacement(commands.map(\.command), now: clock.now())) {
                        switch result {
                        case .success: good += 1
                        case .failure(let r): reject(entry.line, r.reason)
                        }
                    }
                    // Before waiting for more input, make what arrived durable: a pause in
                    // the feed never leaves records unsynced.
                    try district.store.flush()
                } else {
                    for entry in commands {
                        switch try district.executeFollowingReplacement(entry.command, now: clock.now()) {
                        case .success: good += 1
                        case .failure(let r): reject(entry.line, r.reason)
                        }
                    }
                }
            }
            try district.store.flush()
            say("ingested \(good) of \(good + bad) commands")
            if bad > 0 { throw ExitCode(ExitStatus.refused) }
        }
    }
}

/// One line of `ingest` input, read as JSON.
enum IngestLine {
    static func parse(_ line: String, defaultActor: String?) throws(Rejection) -> (actor: String, verb: String, args: [String: String]) {
        let object: [String: FieldValue]
        do {
            object = try JSONDecoder().decode([String: FieldValue].self, from: Data(line.utf8))
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw Rejection(context.debugDescription)
        } catch {
            throw Rejection("not a JSON object")
        }
        var args: [String: String] = [:]
        for (k, v) in object {
            switch v {
            case .text(let s): args[k] = s
            case .number(let n): args[k] = n
            case .other(let type): throw Rejection("\"\(k)\" must be a string or a number, not \(type)")
            }
        }
        guard let verb = args.removeValue(forKey: "command") else { throw Rejection("missing \"command\"") }
        guard let actor = args.removeValue(forKey: "as") ?? defaultActor else { throw Rejection("missing \"as\" (who acts) and no --as given") }
        return (actor, verb, args)
    }

    /// A field's value as JSON gave it: text, a number (kept as written, so
    /// `"floor": 3` is floor 3), or something no option takes (`true`, `null`,
    /// an array, an object), refused by the field's name rather than turned
    /// into text (`true` is not floor 1).
    enum FieldValue: Decodable {
        case text(String)
        case number(String)
        case other(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .other("null"); return }
            if (try? c.decode(Bool.self)) != nil { self = .other("a boolean"); return }
            if let s = try? c.decode(String.self) { self = .text(s); return }
            if let i = try? c.decode(Int64.self) { self = .number(String(i)); return }
            if let d = try? c.decode(Double.self) { self = .number(String(d)); return }
            if (try? c.decode([FieldValue].self)) != nil { self = .other("an array"); return }
            self = .other("an object")
        }
    }
}
