import ArgumentParser
import TowerwatchCore
import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// Hidden developer commands that the log's process tests drive: a child that
/// appends (and is killed mid-way), officers racing to dispatch the same guards.
/// Output is written with `write(2)` straight away, so what a child printed is
/// exactly what it had done when it was killed.
struct Exercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_exercise",
        abstract: "Developer exercises for the log's crash and concurrency tests.",
        shouldDisplay: false,
        subcommands: [ExerciseAppend.self, ExerciseDispatch.self, ExerciseOpen.self, ExerciseSeek.self, ExerciseCommandUnits.self, ExerciseAppendLatency.self]
    )
}

/// Writes `text` to standard output with one unbuffered `write`.
private func emit(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { raw in
        var done = 0
        while done < raw.count {
            let n = write(1, raw.baseAddress! + done, raw.count - done)
            if n > 0 { done += n } else if errno != EINTR { return }
        }
    }
}

/// Blocks until `path` exists (a start line for processes that must race), at most 20 s.
private func waitForStartFile(_ path: String?) throws {
    guard let path else { return }
    for _ in 0..<40_000 {
        if access(path, F_OK) == 0 { return }
        usleep(500)
    }
    throw Failure(message: "start file \(path) never appeared")
}

struct ExerciseAppend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Append checkpoint scans, one durable append each; print each sequence number once execute returns.")
    @OptionGroup var log: LogOption
    @Option(help: "How many scans to append.") var count: Int = 1
    @Option(name: .customLong("guard"), help: "The guard scanning.") var guardID: String = "G-001"
    @Option(help: "The checkpoint scanned.") var checkpoint: String = "T01-CP01"
    @Option(name: .customLong("as"), help: "Who appends (a feed may scan for any guard).") var actor: String = "feed:patrol-scanner"
    @Option(help: "Wait until this file exists before appending.") var startFile: String?
    @Flag(help: "Group commit (sync every 512 records or 50 ms) instead of a sync per append; prints nothing per record.") var groupCommit = false

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: groupCommit ? .groupDefault : .everyAppend)
            let who: Actor
            do { who = try CommandText.actor(actor, in: district.state) } catch let r as Rejection { throw Failure(message: "rejected: \(r.reason)", status: 2) }
            try waitForStartFile(startFile)
            let command = Command(who, .scan(guard: GuardID(guardID), checkpoint: CheckpointID(checkpoint)))
            for _ in 0..<count {
                switch try district.execute(command, now: WallClock().now()) {
                case .success(let records):
                    // execute returns after the store's fdatasync: these are durable.
                    if !groupCommit { emit(records.map { "\($0.seq)\n" }.joined()) }
                case .failure(let rejection):
                    throw Failure(message: "rejected: \(rejection.reason)", status: 2)
                }
            }
            try district.store.flush()
        }
    }
}

struct ExerciseDispatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Try to dispatch each of the guards to one hazard; print `dispatched GUARD DISPATCH` or `rejected GUARD: reason`.")
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: "The officer dispatching.") var actor: String
    @Option(help: "The hazard.") var hazard: String
    @Option(help: "Guards to try, comma-separated, in order.") var guards: String
    @Option(help: "Wait until this file exists before dispatching.") var startFile: String?

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: .everyAppend)
            let who: Actor
            do { who = try CommandText.actor(actor, in: district.state) } catch let r as Rejection { throw Failure(message: "rejected: \(r.reason)", status: 2) }
            try waitForStartFile(startFile)
            for g in guards.split(separator: ",").map(String.init) {
                let command = Command(who, .dispatch(hazard: HazardID(hazard), guard: GuardID(g)))
                switch try district.execute(command, now: WallClock().now()) {
                case .success(let records):
                    let ids = records.compactMap { r -> String? in
                        if case let .guardDispatched(d, _, _) = r.event { return d.raw } else { return nil }
                    }
                    emit("dispatched \(g) \(ids.joined(separator: ","))\n")
                case .failure(let rejection):
                    emit("rejected \(g): \(rejection.reason)\n")
                }
            }
        }
    }
}
