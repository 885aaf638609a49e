import Foundation
import Testing
@testable import TowerwatchUI

/// The repository's themes/ directory, found from this source file.
private let themesDirectory: URL = {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("themes")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
            return candidate
        }
        directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "themes")
}()

private func shippedThemeFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "yaml" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Raw role entries of a file, to check that shipped files spell out every role.
private func roleKeys(in yaml: String) -> Set<String> {
    var keys: Set<String> = []
    var inRoles = false
    for line in yaml.split(separator: "\n") {
        if line.hasPrefix("roles:") { inRoles = true; continue }
        if !line.hasPrefix(" ") { inRoles = false }
        guard inRoles, let colon = line.firstIndex(of: ":") else { continue }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        if !key.isEmpty, !key.hasPrefix("#") { keys.insert(key) }
    }
    return keys
}

@Suite("Themes")
struct ThemeTests {
    @Test("the four promised themes are shipped")
    func shipped() throws {
        let names = try shippedThemeFiles().map { $0.deletingPathExtension().lastPathComponent }
        for expected in ["default", "light", "high-contrast", "mono"] {
            #expect(names.contains(expected), "themes/\(expected).yaml is missing")
        }
    }

    @Test("every file in themes/ loads, names every role, and every role resolves")
    func everyThemeFileResolvesEveryRole() throws {
        let files = try shippedThemeFiles()
        #expect(!files.isEmpty)
        for file in files {
            let theme = try ThemeLoader.load(path: file.path)
            #expect(theme.name == file.deletingPathExtension().lastPathComponent)
            for role in Role.allCases {
                #expect(theme.styles[role] != nil, "\(file.lastPathComponent) has no style for \(role)")
            }
            // Shipped files are complete: they set every role themselves
            // instead of leaning on the defaults.
            let text = try String(contentsOf: file, encoding: .utf8)
            let missing = Set(Role.allCases.map(\.rawValue)).subtracting(roleKeys(in: text))
            #expect(missing.isEmpty, "\(file.lastPathComponent) does not set \(missing.sorted())")
        }
    }

    @Test("built-in copies match the shipped files byte for byte")
    func builtInCopiesMatchFiles() throws {
        for name in BuiltInThemes.Name.allCases {
            let file = themesDirectory.appendingPathComponent(name.rawValue + ".yaml")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text == BuiltInThemes.yaml(name), "BuiltInThemes.swift is out of date for \(name.rawValue).yaml; copy the file into it")
        }
    }

    @Test("states that matter look different from each other in every shipped theme")
    func statesAreDistinguishable() throws {
        let groups: [[Role]] = [
            [.hazardNew, .hazardDispatched, .hazardAcknowledged, .hazardOnScene, .hazardOverdue],
            [.guardAvailable, .guardDispatched, .guardEnRoute, .guardOnScene, .guardOffDuty, .guardSilent],
            [.severityLow, .severityHigh, .severityCritical],
            [.clockNormal, .clockWarning, .clockOverdue],
            [.statusLive, .statusDrill, .statusReplay],
        ]
        for file in try shippedThemeFiles() {
            let theme = try ThemeLoader.load(path: file.path)
            for capability in ColorCapability.allCases {
                let shown = theme.degraded(to: capability)
                for group in groups {
                    let styles = group.map { shown.style(for: $0) }
                    #expect(Set(styles).count == styles.count,
                            "\(file.lastPathComponent) at \(capability): \(group) are not all distinct")
                }
            }
        }
    }

    @Test("roles a file leaves out take the built-in defaults")
    func defaultsFillGaps() throws {
        let theme = try ThemeLoader.parse(yaml: """
            # only two roles
            palette:
              hot: 202
            roles:
              alarm: { fg: hot, bold: true }
              text: cyan
            """, source: "partial.yaml")
        #expect(theme.style(for: .alarm) == Style(fg: .indexed(202), .bold))
        #expect(theme.style(for: .text) == Style(fg: .cyan))
        #expect(theme.style(for: .hazardOverdue) == Theme.standard.style(for: .hazardOverdue))
        #expect(theme[.paneBorder] == Theme.standard[.paneBorder])
    }

    @Test("an unknown role is an error naming the file and the key")
    func unknownRole() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "roles:\n  text: red\n  paneBordr: { fg: red }\n", source: "themes/typo.yaml")
        }
        #expect(error?.kind == .unknownRole)
        #expect(error?.file == "themes/typo.yaml")
        #expect(error?.key == "roles.paneBordr")
        #expect(error?.line == 3)
        #expect(error?.description.contains("themes/typo.yaml:3") == true)
        #expect(error?.description.contains("paneBorder") == true)  // the suggestion
    }

    @Test("a bad colour is an error naming the file and the key")
    func badColor() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "palette:\n  ok: 12\nroles:\n  alarm: { fg: ok, bg: chartreuse }\n", source: "bad.yaml")
        }
        #expect(error?.kind == .badColor)
        #expect(error?.key == "roles.alarm.bg")
        #expect(error?.description.hasPrefix("bad.yaml:4: roles.alarm.bg:") == true)

        let outOfRange = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "palette:\n  hot: 300\n", source: "range.yaml")
        }
        #expect(outOfRange?.key == "palette.hot")
    }

    @Test("unknown keys and bad flags are errors naming the key")
    func otherErrors() {
        let field = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "roles:\n  text: { fg: red, blink: true }\n", source: "f.yaml")
        }
        #expect(field?.key == "roles.text.blink")
        let flag = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "roles:\n  text: { bold: maybe }\n", source: "f.yaml")
        }
        #expect(flag?.key == "roles.text.bold")
        let top = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "colours: {}\n", source: "f.yaml")
        }
        #expect(top?.key == "colours")
        let syntax = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse(yaml: "roles: [unclosed\n", source: "f.yaml")
        }
        #expect(syntax?.kind == .syntax)
    }

    @Test("the loader finds themes by name in a directory, by path, and built in")
    func loader() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name: night\nroles:\n  text: 33\n".write(to: directory.appendingPathComponent("night.yaml"), atomically: true, encoding: .utf8)

        let loader = ThemeLoader.standard(environment: ["TOWERWATCH_THEMES": directory.path], executablePath: "/nonexistent/bin/tw")
        #expect(try loader.load(named: "night").style(for: .text) == Style(fg: .indexed(33)))
        #expect(try loader.load(directory.appendingPathComponent("night.yaml").path).name == "night")
        #expect(loader.availableNames().contains("night"))

        // Built-in copies work with no directories at all.
        let bare = ThemeLoader(searchDirectories: [])
        for name in ThemeLoader.builtInNames {
            let theme = try bare.load(named: name)
            #expect(theme.name == name)
        }
        #expect(try bare.load(named: "mono") == Theme.monochrome)

        let missing = #expect(throws: ThemeError.self) { try bare.load(named: "nope") }
        #expect(missing?.kind == .notFound)
        #expect(missing?.description.contains("nope.yaml") == true)

        // Next to an executable inside the repository, themes/ is found.
        let fakeExecutable = themesDirectory.deletingLastPathComponent().appendingPathComponent(".build/debug/towerwatch").path
        #expect(ThemeLoader.standard(environment: [:], executablePath: fakeExecutable).searchDirectories == [themesDirectory.path])
    }

    @Test("colour capability follows NO_COLOR, TERM and what the terminal reports")
    func capability() {
        #expect(ColorCapability.detect(environment: ["TERM": "tmux-256color"], terminalHasColors: true, terminalColors: 256) == .indexed256)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm"], terminalHasColors: true, terminalColors: 8) == .basic8)
        #expect(ColorCapability.detect(environment: ["TERM": "vt100"], terminalHasColors: true, terminalColors: 8) == .monochrome)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"], terminalHasColors: true, terminalColors: 256) == .monochrome)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""], terminalHasColors: true, terminalColors: 256) == .indexed256)
        #expect(ColorCapability.detect(environment: ["TERM": "xterm"], terminalHasColors: false, terminalColors: 0) == .monochrome)
    }

    @Test("degrading: 256 colours map to the nearest basic one; no colour means mono attributes")
    func degrading() {
        #expect(Style.Color.indexed(196).nearestBasic == .red)
        #expect(Style.Color.indexed(46).nearestBasic == .green)
        #expect(Style.Color.indexed(21).nearestBasic == .blue)
        #expect(Style.Color.indexed(9).nearestBasic == .red)
        #expect(Style.Color.indexed(255).nearestBasic == .white)
        #expect(Style.Color.indexed(233).nearestBasic == .black)
        // A mid grey has no basic colour; grey text becomes dim default text.
        #expect(Style.Color.indexed(244).nearestBasic == .default)
        #expect(Style(fg: .indexed(244)).degradedToBasicColors() == Style(attributes: .dim))
        // Colours that collapse together keep the text readable.
        #expect(Style(fg: .indexed(196), bg: .indexed(160)).degradedToBasicColors() == Style(fg: .white, bg: .red))
        #expect(Style.Color.yellow.nearestBasic == .yellow)

        let basic = Theme.standard.degraded(to: .basic8)
        for role in Role.allCases {
            let style = basic.style(for: role)
            for color in [style.foreground, style.background] {
                if case .indexed = color { Issue.record("\(role) still uses \(color) at 8 colours") }
            }
        }
        let mono = Theme.standard.degraded(to: .monochrome)
        #expect(mono.isMonochrome)
        #expect(mono.style(for: .hazardOverdue).attributes.contains(.reverse))
        #expect(mono.style(for: .selection) == Style(attributes: .reverse))
        #expect(Theme.standard.degraded(to: .indexed256) == Theme.standard)
        // A theme with no colours keeps its own attributes.
        let custom = Theme.monochrome.setting(.text, to: Style(attributes: .underline))
        #expect(custom.degraded(to: .monochrome).style(for: .text) == Style(attributes: .underline))
    }
}
