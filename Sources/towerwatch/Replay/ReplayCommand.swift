import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchApp
import TowerwatchTerminal
import TowerwatchUI

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a past shift with the officer console's panes (read-only).",
        discussion: """
        Space plays or pauses, + and - change speed (1× to 600×), ← and → step one event, [ ] one minute, \
        { } ten minutes, g goes to a time, m sets a bookmark and ' jumps between them. The log is opened \
        read-only and never locked. PATH may be a postgresql:// URL: the district is read from the database. \
        For a long log, `towerwatch log snapshot PATH --every 250000` makes seeking fast.
        """)
    @Argument(help: "The log file, or a postgresql:// URL (opened read-only).") var path: String
    @OptionGroup var screen: ScreenOptions
    @Option(help: "Start at this time, in the district's local time unless it carries Z or an offset (2026-11-29T08:00, 2026-11-29T08:00+08:00, or a date).") var from: String?
    @Option(help: "End at this time (read as --from is).") var to: String?
    @Option(help: "Playback speed, 1 to 600.") var speed: Int = 1

    func run() throws {
        try reporting {
            guard (1...600).contains(speed) else { throw Failure(message: "--speed must be between 1 and 600", status: ExitStatus.usage) }
            let store = try LogLocation.openStore(path, writable: false)
            // A log no snapshot covers is indexed on the terminal, with its progress in the frame.
            try runOnTerminal(screen, mouse: !screen.noMouse, logName: LogLocation.shortName(path),
                              replaying: ConsoleLog.replayStretch(of: store),
                              open: { progress in try ReplayCursor(store: store, progress: progress) }) { cursor in
                try replayConsole(cursor)
            }
        }
    }

    /// The replay console over an indexed log, at --from.
    private func replayConsole(_ cursor: ReplayCursor) throws -> ReplayConsole {
        guard let first = cursor.firstTime, let last = cursor.lastTime else { throw Failure(message: "\(path) holds no records to replay", status: 1) }
        let (local, unknownZone) = SystemZones.localTime(zoneNamed: cursor.districtTimeZone)
        if let unknownZone { printError("towerwatch: this machine does not know the district's time zone \(unknownZone): times shown in UTC") }
        let start = try typedTime(from, flag: "--from", local: local, log: first...last, fallback: first)
        let end = try typedTime(to, flag: "--to", local: local, log: first...last, fallback: last)
        guard start <= end else { throw Failure(message: "--from \(local.dateTime(start)) is after --to \(local.dateTime(end))", status: ExitStatus.usage) }
        var model = ReplayModel(from: start, to: end, local: local)
        model.speed = speed
        model.console.mode = .replay
        model.console.policy = try PolicyFile.resolve(explicit: screen.policy, logPath: path)
        return try ReplayConsole(model: model, cursor: cursor, logName: LogLocation.shortName(path))
    }
}
