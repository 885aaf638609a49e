#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

/// Plays a scenario into a drill log while a trainee works on a console.
///
/// Each step runs at its time from the start of the run, through the one way
/// to change the district: `DistrictLog.execute`, which decides it against the
/// latest state under the write lock and appends it (marked as a drill, since
/// the log is one). A step the district refuses (the trainee already closed
/// that hazard) is reported with its number and reason, and the drill goes on.
///
/// ## Time
/// The run starts at the clock's now (or the log's last record, if later) and
/// runs at `speed` times the clock. A step is written at exactly its time
/// (start + `at`), so with `speed` above 1 the records run ahead of the clock,
/// as the simulator's do. The run ends when the scenario's length has passed
/// (its last step, or its `duration`), or when `stop()` says so.
///
/// ## Patrol
/// Without a patrol, only the steps are written. With one, the simulator plays
/// the guards and the camera feeds' quiet background beside the steps: guards
/// go on and off duty, scan their routes, and answer the trainee's dispatches
/// (most on time, some late). It never acts as an officer (the trainee is the
/// officer), reports no hazards of its own, and posts no bulletins: everything
/// that happens to the trainee is in the scenario. A `silent:` step takes the
/// guard out of the patrol: from then on nothing is written for them, no scan
/// and no answer, which is all "going silent" is (the log records only what
/// happened; the console notices the silence by itself).
public struct ScenarioPlayer {
    /// Something that happened during a run, for the caller to show.
    public enum Event: Sendable, Hashable {
        case played(ScenarioStep, [EventRecord])
        case rejected(ScenarioStep, Rejection)
        case silenced(ScenarioStep, GuardID)
    }

    /// What a run did.
    public struct Outcome: Sendable, Hashable {
        public var played = 0
        /// Steps the district refused, with their numbers and reasons.
        public var rejected: [(step: Int, reason: String)] = []
        public var silenced: [GuardID] = []
        /// Commands the patrol wrote, and how many were refused (a race with the trainee).
        public var patrolRecords = 0
        public var patrolRejections = 0
        /// The run's start and end on the log's clock.
        public var start = Timestamp(millis: 0)
        public var end = Timestamp(millis: 0)
        /// True when `stop()` ended the run before the scenario did.
        public var stopped = false

        public init() {}

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.played == b.played && a.rejected.map(\.step) == b.rejected.map(\.step) && a.rejected.map(\.reason) == b.rejected.map(\.reason)
                && a.silenced == b.silenced && a.patrolRecords == b.patrolRecords && a.patrolRejections == b.patrolRejections
                && a.start == b.start && a.end == b.end && a.stopped == b.stopped
        }
        public func hash(into h: inout Hasher) { h.combine(played); h.combine(start); h.combine(end) }
    }

    /// How the patrol behaves beside a scenario.
    public struct Patrol: Sendable {
        public var seed: UInt64
        public var config: SimulatorConfig
        public init(seed: UInt64 = 2026, config: SimulatorConfig = ScenarioPlayer.Patrol.quiet) {
            self.seed = seed; self.config = config
        }

        /// Guards patrol and answer; no hazards, bulletins or random pauses of the simulator's own.
        public static let quiet: SimulatorConfig = {
            var c = SimulatorConfig.standard
            c.hazardRate = 0
            c.openingHazards = 0
            c.pauseChance = 0
            c.onDutyStagger = 0...45
            c.bulletinInterval = 1_000_000_000...1_000_000_000
            return c
        }()
    }

    /// Plays `scenario`, checked against the log's district, into `log`.
    ///
    /// - Throws: `ScenarioError` naming the first bad step, before anything is
    ///   written, or when `log` is not a drill log (a scenario never plays into a
    ///   live log); `LogError` if the log cannot be written.
    /// - Parameters:
    ///   - sleep: waits on the wall clock; tests pass one that moves a manual clock.
    ///   - onEvent: sees each step as it is played, refused or takes effect.
    public static func play(_ scenario: Scenario, file: String, into log: DistrictLog, speed: Double = 1,
                            clock: any Clock, patrol: Patrol? = nil,
                            stop: () -> Bool = { false },
                            sleep: (Span) -> Void = { usleep(UInt32(max(1, $0.millis)) * 1000) },
                            onEvent: (Event) -> Void = { _ in }) throws -> Outcome {
        guard log.isDrill else {
            throw ScenarioError(file: file, message: "\(log.store.name) is a live log: a scenario plays only into a drill log (make one with towerwatch drill --from LIVE --at TIME --out NEW)")
        }
        try log.catchUp()
        let steps = try scenario.plan(in: log.state, file: file)

        let wallStart = clock.now()
        let start = max(wallStart, log.state.lastTime ?? wallStart)
        let end = start + scenario.length
        let rate = max(speed, 0.001)
        var outcome = Outcome()
        outcome.start = start
        var simulator = patrol.map { Simulator(seed: $0.seed, start: start, config: $0.config, policy: log.policy) }
        var silenced: Set<GuardID> = []
        var next = 0

        while true {
            if stop() { outcome.stopped = true; break }
            let stepDue = next < steps.count ? start + steps[next].step.at : nil
            let patrolDue = simulator?.nextTime.flatMap { $0 < end ? $0 : nil }
            // With nothing left to play, the run still lasts until the scenario's end.
            let due = [stepDue, patrolDue].compactMap({ $0 }).min() ?? end
            let now = start + Span(millis: Int64(Double((clock.now() - wallStart).millis) * rate))
            if due > now {
                sleep(Span(millis: max(1, min(200, Int64(Double((due - now).millis) / rate)))))
                continue
            }
            if let stepDue, stepDue <= (patrolDue ?? stepDue) {
                // A step and a patrol move at the same moment: the step first.
                let planned = steps[next]
                next += 1
                switch planned.action {
                case .silent(let g):
                    silenced.insert(g)
                    outcome.silenced.append(g)
                    onEvent(.silenced(planned.step, g))
                case .command(let command):
                    switch try log.execute(command, now: stepDue) {
                    case .success(let records):
                        outcome.played += 1
                        onEvent(.played(planned.step, records))
                    case .failure(let rejection):
                        outcome.rejected.append((planned.step.number, rejection.reason))
                        onEvent(.rejected(planned.step, rejection))
                    }
                }
            } else if stepDue == nil && patrolDue == nil {
                break
            } else if let patrolDue, var sim = simulator {
                try log.catchUp()
                for command in sim.step(state: log.state, now: patrolDue) where plays(command, silenced: silenced) {
                    switch try log.execute(command, now: patrolDue) {
                    case .success(let records): outcome.patrolRecords += records.count
                    case .failure(let rejection):
                        outcome.patrolRejections += 1
                        sim.recordRejection(command, rejection)
                    }
                }
                simulator = sim
            }
        }
        outcome.end = outcome.stopped ? max(start, log.state.lastTime ?? start) : end
        try log.store.flush()
        return outcome
    }

    /// Whether a patrol command is one the drill lets through: guards and feeds
    /// only (the trainee is the officer), and nothing from a silent guard.
    static func plays(_ command: Command, silenced: Set<GuardID>) -> Bool {
        switch command.actor {
        case .guard(let g): return !silenced.contains(g)
        case .feed: return true
        case .officer, .system: return false
        }
    }
}
