import Foundation
import Testing

/// The manual page in docs/ is the one the command definitions make today.
@Suite("manual page")
struct ManualEndToEndTests {
    static let manualPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/towerwatch.1").path

    /// One command of the tree `--experimental-dump-help` describes.
    struct CommandEntry {
        var name: String
        var options: [String]
        var subcommands: [CommandEntry]

        init(_ json: [String: Any]) {
            name = json["commandName"] as? String ?? ""
            let arguments = json["arguments"] as? [[String: Any]] ?? []
            options = arguments.filter { ($0["shouldDisplay"] as? Bool) == true && ($0["kind"] as? String) != "positional" }.compactMap { argument in
                (argument["names"] as? [[String: Any]])?.first { ($0["kind"] as? String) == "long" }?["name"] as? String
            }
            subcommands = (json["subcommands"] as? [[String: Any]] ?? []).filter { ($0["shouldDisplay"] as? Bool) != false }.map(CommandEntry.init)
        }
    }

    @Test("every command and option of the command line is in docs/towerwatch.1, in its command's section")
    func manualNamesEveryCommandAndOption() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        let dump = try Subprocess.run([binary, "--experimental-dump-help"])
        try #require(dump.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        let root = CommandEntry(try #require(json["command"] as? [String: Any]))
        let page = try String(contentsOfFile: Self.manualPath, encoding: .utf8).components(separatedBy: "\n")
        var missing: [String] = []
        func check(_ command: CommandEntry, from start: Int, path: String) {
            for option in command.options where !page[start...].contains(where: { $0.hasPrefix(".It Fl -\(option)") || $0.hasPrefix(".It Fl h , -\(option)") }) {
                missing.append("\(path) --\(option)")
            }
            for sub in command.subcommands {
                guard let at = page[start...].firstIndex(of: ".It Em \(sub.name)") else {
                    missing.append("\(path) \(sub.name)")
                    continue
                }
                check(sub, from: at, path: "\(path) \(sub.name)")
            }
        }
        check(root, from: 0, path: "towerwatch")
        #expect(root.subcommands.count > 20)
        #expect(missing.isEmpty, "docs/towerwatch.1 is out of date; regenerate it (README, \"The manual\"). Missing: \(missing.joined(separator: ", "))")
    }

    @Test("regenerated with the argument parser's generator, the page is the same (when the generator was built)")
    func manualRegeneratesIdentically() throws {
        let binary = try #require(TmuxHarness.locateBinary())
        // The plugin builds its generator beside the package's binaries; a build that
        // never ran it has none, and the check above stands alone.
        let generator = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("generate-manual-tool").path
        guard FileManager.default.isExecutableFile(atPath: generator) else { return }
        let made = try Subprocess.run([generator, binary, "--date", "2026-12-03", "--output-directory", "-"])
        try #require(made.status == 0, "\(made.output)")
        let checkedIn = try String(contentsOfFile: Self.manualPath, encoding: .utf8)
        #expect(made.output.trimmingCharacters(in: .whitespacesAndNewlines) == checkedIn.trimmingCharacters(in: .whitespacesAndNewlines),
                "docs/towerwatch.1 differs from what the command definitions make; regenerate it (README, \"The manual\")")
    }
}
