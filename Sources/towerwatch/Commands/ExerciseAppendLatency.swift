import ArgumentParser
import TowerwatchCore
import TowerwatchLog

#if canImport(Glibc)
import Glibc
#endif

/// `_exercise append-latency`: how long one durable append takes on a log,
/// whatever its store (a file, or PostgreSQL: lock, catch up, decide, insert,
/// commit). Prints the percentiles in microseconds.
struct ExerciseAppendLatency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append-latency",
        abstract: "Time durable appends of one scan each (execute: lock, catch up, decide, write, sync); print p50 and p99.")
    @OptionGroup var log: LogOption
    @Option(help: "How many scans to append (the first tenth warms up and is not counted).") var count: Int = 2_000

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: .everyAppend)
            let command = Command(.feed("patrol-scanner"), .scan(guard: "G-001", checkpoint: "T01-CP01"))
            var micros: [Double] = []
            micros.reserveCapacity(count)
            for i in 0..<count {
                var a = timespec(), b = timespec()
                clock_gettime(CLOCK_MONOTONIC, &a)
                if case .failure(let r) = try district.execute(command, now: WallClock().now()) {
                    throw Failure(message: "rejected: \(r.reason)", status: 2)
                }
                clock_gettime(CLOCK_MONOTONIC, &b)
                if i >= count / 10 { micros.append(Double(b.tv_sec - a.tv_sec) * 1e6 + Double(b.tv_nsec - a.tv_nsec) / 1e3) }
            }
            micros.sort()
            func at(_ q: Double) -> Int { Int(micros[min(micros.count - 1, Int(Double(micros.count) * q))]) }
            print("appends \(micros.count) p50_us \(at(0.50)) p99_us \(at(0.99))")
        }
    }
}
