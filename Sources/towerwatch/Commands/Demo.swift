import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog

/// The default command: a live demo district in the user's data folder.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the demo district with a simulator beside it (the default).")

    /// `$XDG_DATA_HOME/towerwatch/demo.twlog`, or `~/.local/share/towerwatch/demo.twlog`.
    static func demoLogPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/towerwatch/demo.twlog"
    }

    func run() throws {
        let path = Demo.demoLogPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            var create = try Init.parse(["--log", path])
            try create.run()
        }
        print("demo log: \(path)")
    }
}
