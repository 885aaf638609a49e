import ArgumentParser
import Foundation
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// The default command: a live demo district in the user's data folder, with
/// the simulator running beside the officer console as another process.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the demo district with a simulator beside it (the default).")
    @OptionGroup var screen: ScreenOptions
    @Option(help: "The demo log (default: $XDG_DATA_HOME/towerwatch/demo.twlog; demo-drill.twlog with --speed).") var log: String?
    @Flag(help: "Do not start the simulator.") var noSimulator = false
    @Option(help: "The simulator's speed against real time. Other than 1, the demo runs as a drill (its own log, its own clock): a live log keeps the real time.")
    var speed: Double = 1
    @Flag(help: "No bell and no flash in the console (b toggles).") var quiet = false

    func run() throws {
        try reporting {
            guard speed > 0, speed <= 10_000 else { throw Failure(message: "--speed must be between 0 and 10000", status: 2) }
            // Faster than real time is a drill: its records run ahead of the wall clock.
            let fast = speed != 1
            let path = log ?? DemoLogLocation.path(drill: fast)
            if fast, access(path, F_OK) == 0, try FileEventStore(path: path, writable: false).header.mode != .drill {
                throw Failure(message: "--speed \(speed): \(path) is a live log, whose records carry the real time; speed is for drill logs, "
                              + "whose clock is their own (leave out --log for the demo's own drill log)", status: 2)
            }
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            if access(path, F_OK) != 0 {
                try FileEventStore.create(path: path, header: LogHeader(mode: fast ? .drill : .live, created: WallClock().now()))
            }
            // Also when an earlier first run was interrupted after creating the file.
            let district = try openForWriting(path, durability: .groupDefault)
            if district.state.towers.isEmpty {
                // The district a little over a month ago (its zone first), its recent
                // past, then a shift already under way.
                let now = WallClock().now()
                let start = now - .days(OpeningSituation.pastDays + 1)
                try DistrictZone.recordMachineZone(in: district, at: start)
                _ = try DemoDistrict.write(to: district, at: start)
                try OpeningSituation.write(to: district, now: now)
                try district.store.flush()
            }
            let simulator = noSimulator ? nil : try SimulatorProcess.start(log: path, speed: speed)
            defer { simulator?.stop() }
            let banner = simulator == nil ? "DEMO · \(path)" : "DEMO · simulator running · \(path)"
            try runConsole(path: path, officer: "O-01", screen: screen, quiet: quiet, banner: banner)
        }
    }
}

/// The simulator as a child process: `towerwatch simulate --log PATH`, its output discarded.
struct SimulatorProcess {
    let pid: pid_t

    static func start(log: String, speed: Double) throws -> SimulatorProcess {
        let executable = CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : "/proc/self/exe"
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable
        let args = [me, "simulate", "--log", log, "--speed", String(speed), "--stop-with-parent"]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = args.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, me, &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw Failure(message: "could not start the simulator: \(String(cString: strerror(rc)))", status: 1) }
        return SimulatorProcess(pid: pid)
    }

    /// Asks it to stop (it finishes its current append) and waits briefly.
    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}
