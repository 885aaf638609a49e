import ArgumentParser
import Foundation
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a new log (mode 0600; --group-readable for 0640).")
    @OptionGroup var log: LogOption
    @Option(help: "The district to set up: demo (27 towers, 240 guards) or empty.") var district: String = "demo"
    @Flag(help: "Let the file's group read it (mode 0640).") var groupReadable = false
    @Option(help: ArgumentHelp("The account made the district's administrator, who may act as anyone (default: yours).",
                               discussion: "Binding it turns the roster on: from then on every other account acts only as the person or feed it is linked to.",
                               valueName: "NAME"))
    var account: String?
    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The zone the district's clocks read in (default: the machine's, from TZ or /etc/localtime).", valueName: "ZONE"))
    var timeZone: String?

    func run() throws {
        try reporting {
            let path = try log.path()
            guard district == "demo" || district == "empty" else { throw Failure(message: "--district must be demo or empty", status: ExitStatus.usage) }
            let zone = timeZone ?? SystemZones.machineZoneName()
            guard SystemZones.rules(for: zone) != nil else {
                throw Failure(message: "--time-zone \(zone): this machine's zone database has no such zone (try Asia/Shanghai or UTC)", status: ExitStatus.usage)
            }
            let now = WallClock().now()
            try LogLocation.create(path, header: LogHeader(mode: .live, created: now), sharing: groupReadable ? .group : .ownerOnly)
            let admin = account ?? Caller.account
            let log = try openForWriting(path, durability: .groupDefault)
            // The zone first: every record after it, the district's set-up included, reads in it.
            if let refused = try DistrictZone.record(zone, in: log, at: now) {
                throw Failure(message: "time zone \(zone) not recorded: \(refused)", status: 2)
            }
            if district == "demo" { _ = try DemoDistrict.write(to: log, at: now) }
            if case .failure(let rejection) = try log.execute(Command(.system, .linkAccount(admin, to: .system)), now: now) {
                throw Failure(message: "rejected: \(rejection.reason)", status: 2)
            }
            try log.store.flush()
            let local = SystemZones.localTime(for: log.state).time
            let made = district == "demo" ? "demo district, \(log.state.towers.count) towers, \(log.state.guards.count) guards" : "empty district"
            let records = "\(log.position.seq) record\(log.position.seq == 1 ? "" : "s")"
            say("created \(path): \(made), \(records); clocks read \(zone) (\(local.zoneLabel(now)))")
            say("account \(admin) is the district's administrator (link the others with `towerwatch account link`)")
        }
    }
}

struct LogGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Inspect and mend log files.",
                                                    subcommands: [Verify.self, Dump.self, Repair.self, SnapshotCommand.self, ExportCommand.self])

    struct SnapshotCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "snapshot",
            abstract: "Write snapshots (cached folds) beside the log, so it opens and seeks fast.",
            discussion: """
            Snapshots of a file go to PATH.snapshots/. For a postgresql:// URL they are kept in the database beside \
            the district's records (table towerwatch_snapshots, by district, record and fold version), where consoles \
            on every host open from them; only the owner of towerwatch's tables may write them. Deleting snapshots \
            changes nothing but speed; one that no longer matches its log, or was made by another fold, is ignored.
            """)
        @Argument(help: "The log file, or a postgresql:// URL.") var path: String
        @Option(help: "Also write one every N records, for seeking in replay (default: only at the end).") var every: Int?
        @Flag(help: "No progress on standard error.") var quiet = false

        func run() throws {
            try reporting {
                if let every, every < 1 { throw Failure(message: "--every must be at least 1", status: ExitStatus.usage) }
                guard let snapshots = SnapshotSource(try LogLocation.openStore(path, writable: false)) else { return }
                let progress = ProgressLine(label: "snapshotting", readingFile: path, quiet: quiet)
                defer { progress.finish() }
                let (written, last) = try snapshots.writeAll(every: every, progress: progress.reading)
                progress.finish()
                say("\(path): wrote \(written) snapshot\(written == 1 ? "" : "s") to \(snapshots.place) (last at record \(last))")
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check every record; exit 0 when the log is sound.")
        @Argument(help: "The log file, or a postgresql:// URL.") var path: String
        @Flag(help: "Also re-check every record against the rules of its moment (permission, lifecycle, roster, account) and list each the rules would have refused.")
        var audit = false
        @Option(help: ArgumentHelp("The escalation policy the audit checks alarms against.", valueName: "PATH")) var policy: String?
        @Flag(help: "Also refold the log and compare every snapshot in its snapshot folder with the state at its record, naming each that differs.")
        var snapshots = false
        @Flag(help: "No progress on standard error.") var quiet = false
        func run() throws {
            try reporting {
                var snapshotsDiffer = false
                if snapshots {
                    guard !LogLocation.isDatabase(path) else {
                        throw Failure(message: "--snapshots compares a log file's snapshot folder; \(path) is a database", status: ExitStatus.usage)
                    }
                    let comparison = try SnapshotComparison.compare(logPath: path)
                    for line in comparison.report { say(line) }
                    snapshotsDiffer = !comparison.differing.isEmpty
                }
                if audit {
                    let refused = try LogAudit.run(path: path, policy: try PolicyFile.resolve(explicit: policy, logPath: path), quiet: quiet)
                    if refused > 0 { throw ExitCode(1) }
                }
                let progress = ProgressLine(label: "verifying", readingFile: path, quiet: quiet)
                defer { progress.finish() }
                let verification = try LogVerification.verify(store: LogLocation.openStore(path, writable: false), progress: progress.reading)
                progress.finish()
                for line in verification.report { say(line) }
                if !verification.isSound || snapshotsDiffer { throw ExitCode(1) }
            }
        }
    }

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print records as JSON lines (for jq).")
        @Argument(help: "The log file, or a postgresql:// URL.") var path: String
        @Option(help: "First sequence number to print.") var from: UInt64 = 1
        @Option(help: "Only records of this type (CheckpointScanned, HazardReported...).") var type: String?

        func run() throws {
            try reporting {
                if let type, EventKind(rawValue: type) == nil {
                    throw Failure(message: "unknown type \(type); types are " + EventKind.allCases.map(\.rawValue).joined(separator: ", "), status: ExitStatus.usage)
                }
                let store = try LogLocation.openStore(path, writable: false)
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
        static let configuration = CommandConfiguration(
            abstract: "Move bad records to a quarantine file beside the log; keep every good one.",
            discussion: """
            For log files only. A postgresql:// district is refused: a database does not tear (each append is one \
            transaction, whole or absent) and refuses a record that does not continue the sequence, and its records \
            are never changed or removed. `log verify URL` checks it.
            """)
        @Argument(help: "The log file.") var path: String
        @Flag(help: "No progress on standard error.") var quiet = false
        func run() throws {
            try reporting {
                if LogLocation.isDatabase(path) {
                    throw Failure(message: "\(path): nothing to repair in a database: it does not tear (each append is one transaction, "
                                  + "whole or absent), it refuses a record that does not continue the sequence, and its records are never "
                                  + "changed or removed; `towerwatch log verify` checks it", status: ExitStatus.usage)
                }
                let progress = ProgressLine(label: "repairing", readingFile: path, quiet: quiet)
                defer { progress.finish() }
                let outcome = try LogRepair.repair(path: path, progress: progress.reading)
                progress.finish()
                guard outcome.changed else { say("\(path): sound, \(outcome.kept) records; nothing to repair"); return }
                say("\(path): kept \(outcome.kept) records, moved \(outcome.quarantined.count) to \(outcome.quarantinePath ?? "-")")
                if let real = outcome.realPath { say("  \(path) is a symbolic link: repaired the file it names, \(real)") }
                for q in outcome.quarantined { say("  line \(q.line): \(q.reason)") }
                for r in outcome.recovered {
                    say("  recovered \(r.entity.kind.recordName) of \(r.entity.kind.rawValue) \(r.entity.id) from snapshot \(r.snapshot): the records that name it are kept")
                }
                for p in outcome.placeholders {
                    say("  \(p): no trusted snapshot holds its \(p.kind.recordName); wrote a SetupRecordLost placeholder, so the records that name it are kept (write its \(p.kind.recordName) again to replace it)")
                }
                for n in outcome.snapshotNotices { say("  \(n.message)") }
                if outcome.renumbered > 0 { say("  renumbered \(outcome.renumbered) records after the removed ones so the sequence stays contiguous") }
                if let backup = outcome.backupPath { say("  the original file is kept as \(backup)") }
            }
        }
    }
}
