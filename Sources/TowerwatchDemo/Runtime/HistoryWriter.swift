#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

extension Simulator {
    /// Records per append in history mode: big enough that locking, the write
    /// call and the group sync disappear in the cost of deciding and encoding.
    static let historyBatch = 8_192

    /// Writes a realistic past to the log file at `path`: `length` of district
    /// life from `start` (or from the log's last record, if later).
    ///
    /// A missing file is created (a live log) and the demo district written
    /// first. An existing log is replayed and continued. The whole run is one
    /// writer holding the write lock: every command still goes through `decide`,
    /// and every event through `apply`, but records are appended in large
    /// batches with group commit, so a year (about 20 million events) takes
    /// minutes. `progress` gets the share of `length` written so far (0...1).
    /// `account` is the operating-system account writing (each record names it,
    /// and it must be allowed to act as everyone the simulator plays; see `CallerCheck`).
    public static func writeHistory(to path: String, length: Span, seed: UInt64, start: Timestamp,
                                    config: SimulatorConfig = .standard, account: String? = nil,
                                    progress: (Double) -> Void = { _ in }) throws -> SimulationReport {
        if access(path, F_OK) != 0 {
            try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: start))
        }
        let store = try FileEventStore(path: path, writable: true, durability: .groupDefault)
        let report = try writeHistory(to: store, length: length, seed: seed, start: start, config: config, account: account, progress: progress)
        try store.flush()
        return report
    }

    /// Writes a realistic past to any store (the in-memory store in tests). See the path form.
    public static func writeHistory(to store: EventStore, length: Span, seed: UInt64, start: Timestamp,
                                    config: SimulatorConfig = .standard, account: String? = nil,
                                    progress: (Double) -> Void = { _ in }) throws -> SimulationReport {
        let began = monotonicSeconds()
        return try store.withWriteLock {
            var state = DistrictState()
            var position = store.start
            try store.fold(&state, at: &position)
            var recorder = CommandRecorder(continuing: store, state: consume state, at: position, account: account)
            var report = SimulationReport()

            /// Records one command through the log's one command path, and counts what it wrote.
            func run(_ command: Command, at time: Timestamp, simulator: inout Simulator?) throws {
                report.commands += 1
                switch try recorder.record(command, at: time) {
                case .failure(let rejection):
                    report.rejections += 1
                    if report.rejectionSamples.count < 10 { report.rejectionSamples.append("\(command.actor): \(rejection.reason)") }
                    simulator?.recordRejection(command, rejection)
                case .success(let records):
                    for record in records { report.count(record, in: recorder.state) }
                }
            }
            func flush() throws {
                guard !recorder.pending.isEmpty else { return }
                position = try store.append(recorder.takePending(), at: position)
            }

            var none: Simulator? = nil
            if recorder.state.towers.isEmpty {
                for command in DemoDistrict.commands { try run(command, at: start, simulator: &none) }
            }
            let from = max(start, recorder.state.lastTime ?? start)
            let end = from + length
            var simulator: Simulator? = Simulator(seed: seed, start: from, config: config)
            while let t = simulator!.nextTime, t < end {
                let commands = simulator!.step(state: recorder.state, now: t)
                for command in commands { try run(command, at: t, simulator: &simulator) }
                if recorder.pending.count >= historyBatch {
                    try flush()
                    progress(Double((t - from).millis) / Double(max(1, length.millis)))
                }
            }
            try flush()
            try store.flush()
            progress(1)
            report.seconds = monotonicSeconds() - began
            return report
        }
    }
}

/// Seconds on the monotonic clock, for measuring a run (never for event times).
func monotonicSeconds() -> Double { (ContinuousClock.now - startOfProcess) / .seconds(1) }

/// A fixed point on the monotonic clock that `monotonicSeconds` counts from.
private let startOfProcess = ContinuousClock.now
