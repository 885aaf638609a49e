import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchText
import TowerwatchDemo
import TowerwatchLog
import TowerwatchApp

/// `towerwatch drill`: start a drill log from a moment of a live log, play a
/// scripted scenario into a drill log, or both (see docs/drills.md).
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Fork a drill from a moment of a live log, and/or play a scripted scenario into a drill log.",
        discussion: """
        Fork: --from LIVE --at TIME --out NEW makes NEW (mode 0600, header mode=drill, forked-from, forked-at) \
        holding LIVE's records up to TIME, byte for byte, and nothing after. LIVE is only read: never locked, \
        never written. A trainee then takes over from that moment with `towerwatch console --log NEW --as O-01`; \
        everything appended to NEW is marked as a drill. The drill's clock starts at TIME when the fork is made.

        LIVE may be a postgresql:// URL: the district's records are read from the database, checked, and copied \
        line for line (as stored, checksums included) into NEW, which is a file either way: a drill is one \
        trainee's, and its records never enter the district's shared database.

        Without --from, --out NEW makes a drill log holding the demo district.

        Scenario: --scenario FILE plays the file's timed steps (docs/scenarios/) into the drill log (--log DRILL, \
        or the one just made with --out) at their times from the start of the run (x --speed), through the same \
        checks as people's commands. A refused step is reported with its number and the reason, and the drill goes \
        on. The run ends after the scenario's last step or duration, or on SIGINT/SIGTERM. A bad step fails before \
        anything is written. --patrol lets the simulator play the guards (patrols, answers to dispatches); a \
        `silent:` step takes a guard out of it. --check only checks the scenario.

        TIME is 2026-11-29T08:00 or 2026-11-29T08:00:30 in the district's local time, or carries Z or an offset \
        (2026-11-29T08:00+08:00, or the log's own UTC form); it must fall on a day the live log covers.
        """)

    @Option(help: ArgumentHelp("The live log to fork (opened read-only): a file or a postgresql:// URL.", valueName: "PATH")) var from: String?
    @Option(help: ArgumentHelp("The moment of the fork: records at or before it are copied.", valueName: "TIME")) var at: String?
    @Option(help: ArgumentHelp("The new drill log (must not exist).", valueName: "NEW")) var out: String?
    @Option(help: ArgumentHelp("A scenario file to play into the drill log.", valueName: "FILE")) var scenario: String?
    @OptionGroup var log: LogOption
    @Option(help: "Speed of the scenario against the clock (1 = real time).") var speed: Double = 1
    @Flag(help: "Let the simulator play the guards beside the scenario: patrols and answers to dispatches.") var patrol = false
    @Option(help: "Seed of the patrol.") var seed: UInt64 = 2026
    @Flag(help: "Only check the scenario (against the drill log or the fork's district, when given); write nothing.") var check = false

    func run() throws {
        try reporting {
            guard speed > 0, speed <= 10_000 else { throw Failure(message: "--speed must be between 0 and 10000", status: ExitStatus.usage) }
            if let out, LogLocation.isDatabase(out) {
                throw Failure(message: "--out \(out): a drill log is a file (its records never enter a district's database); name a file", status: ExitStatus.usage)
            }
            if from != nil || at != nil {
                guard let from, let at else { throw Failure(message: "--from and --at go together (fork LIVE at TIME)", status: ExitStatus.usage) }
                guard out != nil || check else { throw Failure(message: "--from needs --out NEW: the drill log to make", status: ExitStatus.usage) }
                guard log.log == nil else { throw Failure(message: "--log names an existing drill log; with --from, name the new one with --out", status: ExitStatus.usage) }
                // Local in the live district's zone unless it carries Z or an offset; on a day the log covers.
                let source = try LogLocation.openDistrict(from, writable: false)
                let local = SystemZones.localTime(for: source.state).time
                guard let last = source.state.lastTime, let first = try source.store.record(after: source.store.start)?.record.time else {
                    throw Failure(message: "\(from) holds no records to fork", status: 2)
                }
                let time = try typedTime(at, flag: "--at", local: local, log: first...last, fallback: last, fit: .withinLogDays)
                try forkAndPlay(from: from, at: time)
            } else if let out {
                guard log.log == nil else { throw Failure(message: "give either --out NEW (a new drill log) or --log DRILL, not both", status: ExitStatus.usage) }
                try freshAndPlay(out: out)
            } else if let scenario {
                try play(scenario: scenario, path: try log.path())
            } else {
                throw Failure(message: "nothing to do: give --from LIVE --at TIME --out NEW, --out NEW, or --scenario FILE --log DRILL", status: ExitStatus.usage)
            }
        }
    }

    // MARK: - The three ways in

    private func forkAndPlay(from: String, at time: Timestamp) throws {
        // Read and check everything first: a bad scenario step fails before the fork is written.
        let loaded = try scenario.map(loadScenario)
        let plan = try DrillFork.prepare(from: LogLocation.openStore(from, writable: false), at: time)
        for n in plan.notices { printError("towerwatch: \(n)") }
        if let loaded, let file = scenario { try checked { _ = try loaded.plan(in: plan.state, file: file) } }
        if check {
            say("\(scenario ?? "the fork"): sound; nothing written")
            return
        }
        guard let out else { return }
        try DrillFork.write(plan, to: out, created: WallClock().now())
        for line in DrillNarration.forked(from: from, at: time, into: out, records: plan.records, lastTime: plan.lastTime, goesOn: plan.goesOn,
                                              local: SystemZones.localTime(for: plan.state).time) {
            say(line)
        }
        if let loaded, let file = scenario { try play(loaded, file: file, path: out) }
    }

    private func freshAndPlay(out: String) throws {
        let loaded = try scenario.map(loadScenario)
        if check {
            say("\(scenario ?? out): sound; nothing written")
            return
        }
        try FileEventStore.create(path: out, header: LogHeader(mode: .drill, created: WallClock().now()))
        let district = try openForWriting(out, durability: .groupDefault)
        try DistrictZone.recordMachineZone(in: district, at: WallClock().now())
        _ = try DemoDistrict.write(to: district, at: WallClock().now())
        try district.store.flush()
        say("created \(out): a drill log holding the demo district (\(district.position.seq) records, all marked as a drill)")
        if let loaded, let file = scenario { try play(loaded, file: file, path: out) }
    }

    private func play(scenario file: String, path: String) throws {
        let loaded = try loadScenario(file)
        if check {
            let district = try LogLocation.openDistrict(path, writable: false)
            try checked { _ = try loaded.plan(in: district.state, file: file) }
            say("\(file): sound against \(path); nothing written")
            return
        }
        try play(loaded, file: file, path: path)
    }

    // MARK: - Playing

    private func play(_ scenario: Scenario, file: String, path: String) throws {
        let district = try openForWriting(path)
        district.policy = try PolicyFile.resolve(explicit: nil, logPath: path)
        guard district.isDrill else {
            throw Failure(message: "\(path) is a live log: a scenario plays only into a drill log (make one with towerwatch drill --from \(path) --at TIME --out NEW)", status: ExitStatus.refused)
        }
        let clock = DrillClock.forLog(district.store.header)
        StopSignal.install()
        say(DrillNarration.banner(scenario, speed: speed, patrol: patrol, path: path))
        let outcome = try checked {
            try ScenarioPlayer.play(
                scenario, file: file, into: district, speed: speed, clock: clock,
                patrol: patrol ? ScenarioPlayer.Patrol(seed: seed) : nil,
                stop: { StopSignal.requested },
                onEvent: { event in
                    for line in DrillNarration.lines(event, state: district.state, patrol: patrol) { say(line) }
                })
        }
        say(DrillNarration.summary(outcome, patrol: patrol, path: path, time: SystemZones.localTime(for: district.state).time))
    }

    private func loadScenario(_ file: String) throws -> Scenario {
        try checked { try ScenarioParser.load(path: file) }
    }

    /// Turns a scenario problem into a clean message and exit status 2.
    private func checked<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ScenarioError {
            throw Failure(message: e.description, status: ExitStatus.refused)
        }
    }
}
