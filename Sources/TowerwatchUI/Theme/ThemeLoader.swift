import Foundation

/// Finds and loads themes by name or by path.
///
/// A name is looked up, in order, in the directories of TOWERWATCH_THEMES
/// (colon-separated), in a `themes/` directory found by walking up from the
/// running executable (so a binary in `.build/debug` finds the repository's
/// themes), and finally among the built-in copies compiled into the binary,
/// so that `towerwatch` works from anywhere.
public struct ThemeLoader: Sendable {
    /// Directories searched for `<name>.yaml`, in order.
    public var searchDirectories: [String]

    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// The usual search path: TOWERWATCH_THEMES, then `themes/` near the
    /// executable.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = nil
    ) -> ThemeLoader {
        var directories: [String] = []
        if let list = environment["TOWERWATCH_THEMES"] {
            directories += list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if let found = themesDirectory(near: executablePath ?? currentExecutablePath()) {
            directories.append(found)
        }
        return ThemeLoader(searchDirectories: directories)
    }

    /// Loads `nameOrPath`: a path if it contains "/" or ends in ".yaml",
    /// otherwise a theme name.
    public func load(_ nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") {
            return try ThemeLoader.load(path: nameOrPath)
        }
        return try load(named: nameOrPath)
    }

    /// Loads the theme called `name` from the search directories, or the
    /// built-in copy of that name.
    public func load(named name: String) throws -> Theme {
        for directory in searchDirectories {
            let path = (directory as NSString).appendingPathComponent(name + ".yaml")
            if FileManager.default.fileExists(atPath: path) {
                return try ThemeLoader.load(path: path)
            }
        }
        if let builtIn = BuiltInThemes.Name(rawValue: name) {
            return try ThemeLoader.parse(yaml: BuiltInThemes.yaml(builtIn), source: "built-in \(name)", defaultName: name)
        }
        let searched = searchDirectories.isEmpty ? "no theme directories" : searchDirectories.joined(separator: ", ")
        throw ThemeError(.notFound, file: name + ".yaml",
                         message: "no such theme (searched \(searched); built in: \(BuiltInThemes.Name.allCases.map(\.rawValue).joined(separator: ", ")))")
    }

    /// The names of the themes compiled into the binary.
    public static var builtInNames: [String] { BuiltInThemes.Name.allCases.map(\.rawValue) }

    /// Names of all themes found in the search directories and built in.
    public func availableNames() -> [String] {
        var names = Set(BuiltInThemes.Name.allCases.map(\.rawValue))
        for directory in searchDirectories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".yaml") {
                names.insert(String(entry.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Loads a theme file; its name defaults to the file name without ".yaml".
    public static func load(path: String) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let kind: ThemeError.Kind = FileManager.default.fileExists(atPath: path) ? .unreadable : .notFound
            throw ThemeError(kind, file: path, message: kind == .notFound ? "no such file" : "cannot read: \(error.localizedDescription)")
        }
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(yaml: text, source: path, defaultName: base)
    }

    /// Parses theme YAML; `source` names it in errors. Roles left out take
    /// the built-in default theme's styles.
    public static func parse(yaml: String, source: String, defaultName: String = "custom") throws -> Theme {
        try ThemeParser.parse(yaml, source: source, defaultName: defaultName, base: Theme.standard)
    }

    // MARK: - Finding the themes directory

    /// The path of the running executable, via /proc on Linux.
    static func currentExecutablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments.first ?? "."
    }

    /// The first `themes/` holding default.yaml in the executable's directory
    /// or one of its ancestors.
    static func themesDirectory(near executablePath: String) -> String? {
        var directory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = directory.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }
}
