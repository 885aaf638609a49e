import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog
import TowerwatchApp

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Append a believable stream of patrols, hazards and answers, as another process would.",
        discussion: """
        Live: appends in real time until --duration of simulated time has passed, or until SIGINT/SIGTERM. \
        --speed runs faster than real time, and only into a drill log (whose clock is its own): a live log's \
        records carry the real time, and commands people run next are stamped after them. History: --history 30d (up to a year) writes a realistic past quickly with group commit \
        and a progress bar. The same --seed gives the same log. Every change goes through the same checks as people's commands. \
        --log may be a postgresql:// URL: the simulator then writes as any other writer of the district does (under its lock, \
        after catching up; a record that does not continue the district's sequence is refused by the database).
        """)
    @OptionGroup var log: LogOption
    @Option(help: "Seed of the simulation: the same seed gives the same events.") var seed: UInt64 = 2026
    @Option(help: "Speed against real time (live runs into a drill log only; a live log runs at 1).") var speed: Double = 1
    @Option(help: "Stop after this much simulated time: 90s, 15m, 2h, 1d (live only).") var duration: String?
    @Option(help: "Write this much past instead of running live: 30d, 2w, 1y.") var history: String?
    @Option(help: "Where the history starts (default: that long before now).") var start: String?
    @Flag(name: .customLong("stop-with-parent"), help: .hidden) var stopWithParent = false
    @Option(help: ArgumentHelp("Guards the simulator never acts for (live only), besides those with a console open or whom a person acted for in the last hour.",
                               valueName: "G-017,G-018"))
    var leave: String?
    @Flag(help: "No progress bar or status line on standard error.") var quiet = false

    func run() throws {
        try reporting {
            let path = try log.path()
            if let history {
                let request: HistoryRequest
                do {
                    // --start is local in the district's zone (the log's, when it has one; else this machine's).
                    let existing = LogLocation.exists(path) ? try LogLocation.openDistrict(path, writable: false) : nil
                    let local = SystemZones.localTime(zoneNamed: existing?.state.timeZone).time
                    request = try HistoryRequest(history: history, start: start, now: WallClock().now(), local: local)
                    if let existing {
                        try request.check(against: existing.state.lastTime, log: path)
                    }
                } catch let rejection as Rejection {
                    throw Failure(message: rejection.reason, status: ExitStatus.refused)
                }
                let bar = ProgressBar(label: "writing \(history) of history", quiet: quiet)
                if !LogLocation.exists(path) { try LogLocation.create(path, header: LogHeader(mode: .live, created: request.start)) }
                let store = try LogLocation.openStore(path, writable: true, durability: .groupDefault)
                let report = try Simulator.writeHistory(to: store, length: request.length, seed: seed, start: request.start, account: Caller.account, progress: bar.update)
                try store.flush()
                bar.finish()
                for line in report.summary { say(line) }
                return
            }
            guard speed > 0, speed <= 10_000 else { throw Failure(message: "--speed must be between 0 and 10000", status: ExitStatus.usage) }
            var length: Span?
            if let duration {
                guard let d = SimulationLength.parse(duration) else { throw Failure(message: "--duration \(duration): give a length like 90s, 15m or 2h", status: ExitStatus.usage) }
                length = d
            }
            if speed != 1 {
                // Refused before anything is created or written.
                let mode = LogLocation.exists(path) ? try LogLocation.openStore(path, writable: false).header.mode : .live
                guard mode == .drill else {
                    throw Failure(message: "--speed \(speed == speed.rounded() ? String(Int(speed)) : String(speed)): \(path) is a live log, whose records carry the real time; "
                                  + "running faster would stamp them in the future, and the commands people run next after them. "
                                  + "Speed is for drill logs, whose clock is their own: make one with `towerwatch drill --out NEW` "
                                  + "(or --from \(path) --at TIME --out NEW) and simulate into it", status: 2)
                }
            }
            if !LogLocation.exists(path) {
                try LogLocation.create(path, header: LogHeader(mode: .live, created: WallClock().now()))
            }
            let district = try openForWriting(path)
            StopSignal.install()
            let parent = getppid()
            let leaving = Set((leave ?? "").split(separator: ",").map { GuardID(String($0).trimmingCharacters(in: .whitespaces)) })
            for g in leaving where district.state.guards[g] == nil {
                throw Failure(message: "--leave \(g): no such guard in \(path)", status: 2)
            }
            // Guard consoles mark their presence beside a log file; on a database only
            // --leave and the last hour's acts of people keep the simulator away.
            let presence = LogLocation.isDatabase(path) ? nil : GuardsLeftAlone.presenceDirectory(forLog: path)
            let people = GuardsLeftAlone(explicit: leaving, presenceDirectory: presence)
            // A simulator started beside a console (--stop-with-parent) never draws on its terminal.
            let status = SimulationStatus(local: SystemZones.localTime(for: district.state).time, quiet: quiet || stopWithParent)
            let report = try Simulator.runLive(log: district, seed: seed, speed: speed, duration: length,
                                               clock: DrillClock.forLog(district.store.header), leave: people, stop: {
                status.tick()
                return StopSignal.requested || (stopWithParent && getppid() != parent)
            }, onRecords: status.wrote)
            status.finish()
            try district.store.flush()
            if !stopWithParent { for line in report.summary { say(line) } }
        }
    }
}

/// SIGINT and SIGTERM ask a running simulation to stop after its current append.
enum StopSignal {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    static var requested: Bool { flag != 0 }
    static func install() {
        signal(SIGINT) { _ in StopSignal.flag = 1 }
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
    }
}

/// The progress bar of writing history, on standard error (only when it is a
/// terminal, and not with --quiet): the history writer tells the share written.
final class ProgressBar {
    let label: String
    let visible: Bool
    var lastPercent = -1
    init(label: String, quiet: Bool) {
        self.label = label
        visible = isatty(STDERR_FILENO) != 0 && !quiet
    }

    func update(_ share: Double) {
        let percent = Int(share * 100)
        guard visible, percent != lastPercent else { return }
        lastPercent = percent
        ProgressLine.writeToStandardError("\r\(label) \(ProgressText.bar(share, cells: 30)) \(percent)%")
    }

    func finish() { if visible { FileHandle.standardError.write(Data("\n".utf8)) } }
}
