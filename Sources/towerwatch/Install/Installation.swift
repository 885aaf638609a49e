#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A towerwatch installed set-group-id `towerwatch` (see docs/security.md).
///
/// Such a binary lends every user the group that may write the district's log,
/// so it must not let anything the user controls point it elsewhere:
///
/// - At start it gives the group up (`setegid(getgid())`; the saved set-group-id
///   keeps it), so themes, policy files, reports and any other path are opened
///   with the caller's own rights.
/// - It takes the group back only to open the district's log, whose path comes
///   from a configuration file that root owns and only root can change
///   (`etc/towerwatch/towerwatch.conf` under the installation's root), never from
///   `--log`, `$TOWERWATCH_LOG` or any other variable.
enum Installation {
    /// The group lent by the install, when this process runs set-group-id.
    nonisolated(unsafe) private(set) static var lentGroup: gid_t?

    /// True when this process was started set-group-id.
    static var isSetGroupID: Bool { lentGroup != nil }

    /// Called first thing: gives up a lent group until the district's log is opened.
    static func dropLentGroup() {
        let real = getgid(), effective = getegid()
        guard real != effective else { return }
        lentGroup = effective
        guard setegid(real) == 0 else {
            FileHandle.standardError.write(Data("towerwatch: cannot give up the set-group-id group: \(String(cString: strerror(errno)))\n".utf8))
            exit(1)
        }
    }

    /// Runs `body` with the lent group back, when `path` is the configured district log.
    /// Any other path, or a plain install, runs `body` with the caller's own rights.
    static func asDistrict<T>(_ path: String, _ body: () throws -> T) throws -> T {
        guard let group = lentGroup, let configured = try? configuredLogPath(), same(path, configured) else { return try body() }
        guard setegid(group) == 0 else { return try body() }
        defer { _ = setegid(getgid()) }
        return try body()
    }

    /// Whether `path` can be written as the district (see `asDistrict`).
    static func canWrite(_ path: String) -> Bool {
        (try? asDistrict(path) { faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 }) ?? false
    }

    // MARK: - Where things are

    /// The installation's root: `/` for `/usr/local/bin/towerwatch` or `/usr/bin/towerwatch`,
    /// `R` for `R/usr/local/bin/towerwatch` (a staged or test installation).
    static func root(ofBinary exe: String) -> String? {
        for suffix in ["/usr/local/bin/towerwatch", "/usr/bin/towerwatch"] where exe.hasSuffix(suffix) {
            let r = String(exe.dropLast(suffix.count))
            return r.isEmpty ? "/" : r
        }
        return nil
    }

    /// This binary, as the kernel names it (not `argv[0]`, which the caller chooses).
    static var binaryPath: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") }

    static func configPath(root: String) -> String { join(root, "etc/towerwatch/towerwatch.conf") }
    static func stateDirectory(root: String) -> String { join(root, "var/lib/towerwatch") }
    static func installedBinary(root: String) -> String { join(root, "usr/local/bin/towerwatch") }

    static func join(_ root: String, _ tail: String) -> String { root == "/" ? "/" + tail : root + "/" + tail }

    /// The district's log as the root-owned configuration names it. Throws a
    /// `Failure` saying what is wrong when the configuration cannot be trusted.
    static func configuredLogPath() throws -> String {
        if let cached = cachedLogPath { return cached }
        guard let exe = binaryPath, let root = root(ofBinary: exe) else {
            throw Failure(message: "a set-group-id towerwatch must be installed as /usr/local/bin/towerwatch or /usr/bin/towerwatch", status: 2)
        }
        let config = configPath(root: root)
        if let problem = TrustCheck.rootOnly(config) {
            throw Failure(message: "not trusting \(config): \(problem)", status: 2)
        }
        guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
            throw Failure(message: "cannot read \(config)", status: 2)
        }
        guard let log = DistrictConfig.parse(text).log else { throw Failure(message: "\(config) names no log (log = PATH)", status: 2) }
        cachedLogPath = log
        return log
    }
    nonisolated(unsafe) private static var cachedLogPath: String?

    /// Two paths name the same file (or both name nothing yet and are spelled alike).
    static func same(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        if stat(a, &sa) == 0, stat(b, &sb) == 0 { return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino }
        return a == b
    }
}

/// `etc/towerwatch/towerwatch.conf`: `key = value` lines, `#` comments.
struct DistrictConfig {
    var log: String?

    static func parse(_ text: String) -> DistrictConfig {
        var config = DistrictConfig()
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces), value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if key == "log", value.hasPrefix("/") { config.log = value }
        }
        return config
    }

    var text: String {
        "# towerwatch district configuration: written by `towerwatch setup --system`; root only.\n"
            + "# A set-group-id towerwatch writes only the log named here.\n"
            + "log = \(log ?? "")\n"
    }
}
