import ArgumentParser
import TowerwatchCore
import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// A child for the log's atomicity tests: commands of several records in a loop
/// (report a hazard, dispatch a guard, reassign it to another, close the hazard
/// with the dispatch still open), each one durable. Prints `ack FIRST LAST` with one
/// unbuffered write once a command's records are written, so what it printed when
/// it was killed is exactly what it had been told was written.
struct ExerciseCommandUnits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commands",
        abstract: "Report, dispatch, reassign and close in a loop; print `ack FIRST LAST` per command written.")
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: "The officer acting.") var officer: String = "O-01"
    @Option(help: "The two guards dispatched and reassigned, comma-separated.") var guards: String
    @Option(help: "How many rounds of the four commands.") var rounds: Int = 1_000_000
    @Option(help: "Limit the size of files this process may write (RLIMIT_FSIZE), as a full disk would.") var fileSizeLimit: Int?
    @Option(help: "Wait until this file exists before starting.") var startFile: String?

    func run() throws {
        try reporting {
            if let fileSizeLimit {
                // Past the limit a write is cut short and then fails (EFBIG), as on a
                // full disk; the signal that would kill the process is ignored.
                signal(SIGXFSZ, SIG_IGN)
                var limit = rlimit(rlim_cur: rlim_t(fileSizeLimit), rlim_max: rlim_t(fileSizeLimit))
                guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else { throw Failure(message: "setrlimit failed") }
            }
            let district = try openForWriting(try log.path(), durability: .everyAppend)
            let pair = guards.split(separator: ",").map { GuardID(String($0)) }
            guard pair.count == 2 else { throw Failure(message: "--guards needs two guards", status: 64) }
            if let startFile {
                while access(startFile, F_OK) != 0 { usleep(500) }
            }
            let who = Actor.officer(OfficerID(officer))
            // A floor of its own per writer (from its first guard's number): writers at one
            // place while its hazard is open would join it rather than open their own.
            let floor = String((Int(pair[0].raw.filter(\.isNumber)) ?? 0) % 30 + 1)
            for round in 0..<rounds {
                let report = HazardReport(category: .parking, source: .patrol, tower: "T01", floor: floor,
                                          zone: StandardZone.garage, note: "\(officer) round \(round)")
                guard let reported = try ack(district, Command(who, .reportHazard(report))),
                      let hazard = reported.lazy.compactMap({ r -> HazardID? in
                          if case let .hazardReported(id, _, _, _, _, _, _, _, _) = r.event { return id } else { return nil }
                      }).first else { continue }
                if let dispatched = try ack(district, Command(who, .dispatch(hazard: hazard, guard: pair[0]))),
                   let dispatch = Self.dispatchID(dispatched) {
                    _ = try ack(district, Command(who, .reassign(dispatch, to: pair[1])))
                }
                _ = try ack(district, Command(who, .close(hazard, note: "round \(round) done")))
            }
        }
    }

    static func dispatchID(_ records: [EventRecord]) -> DispatchID? {
        records.lazy.compactMap { r -> DispatchID? in
            if case let .guardDispatched(id, _, _) = r.event { return id } else { return nil }
        }.first
    }

    /// Runs `command`; prints `ack FIRST LAST` when written, nothing when rejected
    /// (another writer took the guard first).
    private func ack(_ district: DistrictLog, _ command: Command) throws -> [EventRecord]? {
        guard case .success(let records) = try district.execute(command, now: WallClock().now()),
              let first = records.first, let last = records.last else { return nil }
        var line = Array("ack \(first.seq) \(last.seq)\n".utf8)
        line.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(1, raw.baseAddress! + done, raw.count - done)
                if n > 0 { done += n } else if errno != EINTR { return }
            }
        }
        return records
    }
}
