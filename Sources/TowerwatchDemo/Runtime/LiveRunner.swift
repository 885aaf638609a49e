#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

extension Simulator {
    /// Runs the district live on `log`, as one more process beside the consoles.
    ///
    /// Simulated time starts at the clock's now (or the log's last record, if
    /// later) and runs at `speed` times the clock. Every command goes through
    /// `DistrictLog.execute`, which catches up with other processes' appends and
    /// decides under the write lock; a rejection (an officer at a console took the
    /// guard first) is counted and the simulator carries on from the new state.
    ///
    /// Each command is written at the moment the simulator planned it, so with
    /// the same seed, start and district two runs give the same records. With
    /// `speed` above 1, record times run ahead of the wall clock: a console
    /// showing such a log should take "now" from the log (`state.lastTime`).
    ///
    /// Stops when `stop()` returns true (checked at least every 200 ms of wall
    /// time: hand it a flag a signal handler sets), or after `duration` of
    /// simulated time. An empty log gets the demo district first.
    /// `onRecords` sees every batch of records the simulator wrote. Commands that
    /// would act for a guard `leave` names are not written (counted as left alone).
    public static func runLive(log: DistrictLog, seed: UInt64, speed: Double = 1, duration: Span? = nil,
                               config: SimulatorConfig = .lively, clock: any Clock = WallClock(),
                               leave: GuardsLeftAlone? = nil,
                               stop: () -> Bool = { false },
                               onRecords: ([EventRecord]) -> Void = { _ in }) throws -> SimulationReport {
        let began = monotonicSeconds()
        let wallStart = clock.now()
        try log.catchUp()
        if log.state.towers.isEmpty { try DemoDistrict.write(to: log, at: wallStart) }
        let simStart = max(wallStart, log.state.lastTime ?? wallStart)
        let end = duration.map { simStart + $0 }
        let rate = max(speed, 0.001)
        var simulator = Simulator(seed: seed, start: simStart, config: config)
        var report = SimulationReport()

        while !stop() {
            guard let due = simulator.nextTime else { break }
            if let end, due >= end { break }
            let simNow = simStart + Span(millis: Int64(Double((clock.now() - wallStart).millis) * rate))
            if due > simNow {
                let wait = Double((due - simNow).millis) / rate
                let millis = UInt32(max(1, min(200, wait)))
                usleep(millis * 1000)
                continue
            }
            // A repaired or replaced log is reopened, as the consoles do.
            try log.followChanges()
            leave?.look(at: log.recent, state: log.state)
            let commands = simulator.step(state: log.state, now: due)
            for command in commands {
                if let leave, leave.excludes(command, state: log.state, now: due) {
                    report.leftAlone += 1
                    continue
                }
                report.commands += 1
                switch try log.executeFollowingReplacement(command, now: due) {
                case .success(let records):
                    for r in records { report.count(r, in: log.state) }
                    leave?.wrote(records)
                    onRecords(records)
                case .failure(let rejection):
                    report.rejections += 1
                    if report.rejectionSamples.count < 10 { report.rejectionSamples.append("\(command.actor): \(rejection.reason)") }
                    simulator.recordRejection(command, rejection)
                }
            }
        }
        try log.store.flush()
        report.seconds = monotonicSeconds() - began
        return report
    }
}
