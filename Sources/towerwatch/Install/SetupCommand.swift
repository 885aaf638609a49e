#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// `towerwatch setup --system`: the multi-user district on one host, set up the
/// way Unix has long shared a spool: the directory and log owned by a group
/// users are not in, the binary set-group-id that group. `--check` reports every
/// file and mode that would let a user around the rules. See docs/security.md.
struct Setup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set up (--system, as root) or check (--check) a district shared by the accounts of one host, or prepare a PostgreSQL database (--postgres).",
        discussion: """
        --system creates the group, the directory <root>/var/lib/towerwatch (root:GROUP, 2775), the log in it \
        (root:GROUP, 0664), the configuration <root>/etc/towerwatch/towerwatch.conf (root, 0644) naming the log, \
        and installs this binary as <root>/usr/local/bin/towerwatch (root:GROUP, set-group-id, 2755). It prints \
        each step. An existing log is kept; its owner and mode are put right.

        \(PostgresSetup.discussion)
        """)
    @Flag(help: "Create the group, directory, log, configuration and set-group-id binary (run as root).") var system = false
    @Flag(help: "Report every file and mode that would let a user around the rules.") var check = false
    @Option(help: ArgumentHelp("The installation's root: / for the host, or a staging directory.", valueName: "DIR")) var root = "/"
    @Option(help: ArgumentHelp("The group that may write the log.", valueName: "NAME")) var group = "towerwatch"
    @Option(help: "A new log's district: demo (27 towers, 240 guards) or empty.") var district = "empty"
    @Option(help: ArgumentHelp("Prepare this database: tables, roles, roster, the checked append function.", valueName: "URL")) var postgres: String?
    @Option(help: ArgumentHelp("With --postgres: put ROLE on the roster acting as ACTOR (repeatable).", valueName: "ROLE=ACTOR")) var enroll: [String] = []
    @Flag(name: .customLong("print-hba"), help: "With --postgres: print the pg_hba.conf and pg_ident.conf lines that map OS accounts to the roster's roles by peer authentication.")
    var printHBA = false

    func validate() throws {
        guard [system, check, postgres != nil].filter({ $0 }).count == 1 else { throw ValidationError("give exactly one of --system, --check and --postgres") }
        guard !printHBA || postgres != nil else { throw ValidationError("--print-hba goes with --postgres URL") }
        guard root.hasPrefix("/") else { throw ValidationError("--root must be an absolute path") }
        guard district == "demo" || district == "empty" else { throw ValidationError("--district must be demo or empty") }
    }

    func run() throws {
        try reporting {
            if let postgres { return try PostgresSetup.run(postgres, enroll: enroll, printHBA: printHBA) }
            let layout = SystemLayout(root: root, group: group)
            if system {
                guard geteuid() == 0 else { throw Failure(message: "setup --system must run as root", status: 2) }
                try layout.install(demo: district == "demo")
            } else {
                let risks = layout.check()
                if risks > 0 { throw ExitCode(1) }
            }
        }
    }
}

/// Where a shared district's files live under an installation's root, and their owners and modes.
struct SystemLayout {
    let root: String
    let group: String

    var configPath: String { Installation.configPath(root: root) }
    var directory: String { Installation.stateDirectory(root: root) }
    var logPath: String { directory + "/district.twlog" }
    var binary: String { Installation.installedBinary(root: root) }

    static let directoryMode: mode_t = 0o2775
    static let logMode: mode_t = 0o664
    static let binaryMode: mode_t = 0o2755

    // MARK: - Setting up

    func install(demo: Bool) throws {
        let gid = try ensureGroup()
        try makeDirectory(Installation.join(root, "etc/towerwatch"), mode: 0o755, gid: 0)
        try makeDirectory(Installation.join(root, "usr/local/bin"), mode: 0o755, gid: 0)
        try makeDirectory(Installation.join(root, "var/lib"), mode: 0o755, gid: 0)
        try makeDirectory(directory, mode: SystemLayout.directoryMode, gid: gid)

        if access(logPath, F_OK) == 0 {
            say("kept the existing log \(logPath)")
        } else {
            let now = WallClock().now()
            try FileEventStore.create(path: logPath, header: LogHeader(mode: .live, created: now), sharing: .group)
            let log = try DistrictLog(store: FileEventStore(path: logPath, writable: true, durability: .groupDefault))
            log.caller = CallerCheck.root
            if demo { _ = try DemoDistrict.write(to: log, at: now) }
            // root on the roster turns the rules on from the first record.
            if case .failure(let r) = try log.execute(Command(.system, .linkAccount(CallerCheck.root, to: .system)), now: now) {
                throw Failure(message: "rejected: \(r.reason)")
            }
            try log.store.flush()
            say("created the log \(logPath) (\(demo ? "demo" : "empty") district, \(log.position.seq) records; root is its administrator)")
        }
        try own(logPath, uid: 0, gid: gid, mode: SystemLayout.logMode)

        let config = DistrictConfig(log: logPath)
        try write(config.text, to: configPath, mode: 0o644)
        say("wrote \(configPath) (root:root 0644): log = \(logPath)")

        guard let exe = Installation.binaryPath else { throw Failure(message: "cannot find this binary to install it") }
        if !Installation.same(exe, binary) {
            unlink(binary)
            do { try FileManager.default.copyItem(atPath: exe, toPath: binary) } catch {
                throw Failure(message: "cannot copy \(exe) to \(binary): \(error)")
            }
        }
        try own(binary, uid: 0, gid: gid, mode: SystemLayout.binaryMode)
        say("installed \(binary) (root:\(group) 2755, set-group-id \(group))")
        say("next: link each account, e.g. `\(binary) account link wangg --to G-017` (as root or an officer)")
    }

    /// The group's id, creating it (a system group) when missing.
    func ensureGroup() throws -> gid_t {
        if let g = getgrnam(group) { say("group \(group) exists (gid \(g.pointee.gr_gid))"); return g.pointee.gr_gid }
        let status = try spawn("/usr/sbin/groupadd", ["--system", group])
        guard status == 0, let g = getgrnam(group) else { throw Failure(message: "groupadd --system \(group) failed (status \(status))") }
        say("created group \(group) (gid \(g.pointee.gr_gid))")
        return g.pointee.gr_gid
    }

    func makeDirectory(_ path: String, mode: mode_t, gid: gid_t) throws {
        var made = false
        if access(path, F_OK) != 0 {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            made = true
        }
        try own(path, uid: 0, gid: gid, mode: mode)
        if gid != 0 || made { say("\(made ? "created" : "set") directory \(path) (root:\(groupName(gid)) \(TrustCheck.octal(mode)))") }
    }

    func own(_ path: String, uid: uid_t, gid: gid_t, mode: mode_t) throws {
        // chown first: it clears the set-group-id bit that chmod then sets.
        guard chown(path, uid, gid) == 0, chmod(path, mode) == 0 else {
            throw Failure(message: "cannot set owner and mode of \(path): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ text: String, to path: String, mode: mode_t) throws {
        let temp = path + ".new"
        unlink(temp)
        guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else { throw Failure(message: "cannot write \(temp)") }
        try own(temp, uid: 0, gid: 0, mode: mode)
        guard rename(temp, path) == 0 else { throw Failure(message: "cannot rename \(temp) to \(path)") }
    }

    func groupName(_ gid: gid_t) -> String { getgrgid(gid).map { String(cString: $0.pointee.gr_name) } ?? "\(gid)" }

    func say(_ text: String) { towerwatch.say("setup: " + text) }

    func spawn(_ program: String, _ arguments: [String]) throws -> Int32 {
        var pid = pid_t()
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let rc = posix_spawn(&pid, program, nil, nil, argv, environ)
        guard rc == 0 else { throw Failure(message: "cannot run \(program): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
