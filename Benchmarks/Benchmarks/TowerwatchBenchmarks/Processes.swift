#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

/// Child processes: the benchmark binary started again by itself (posix_spawn)
/// with `TOWERWATCH_BENCH_ROLE` set. The benchmark runner parses its own
/// command line before it registers benchmarks, so the role travels in the
/// environment; `benchmarks` checks it first and never returns in a child.
enum Child {
    static let roleVariable = "TOWERWATCH_BENCH_ROLE"

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// Runs the child role named in the environment and exits; returns in the parent.
    static func runIfChild() {
        guard let role = environment(roleVariable) else { return }
        do {
            switch role {
            case "writer": try writer()
            case "replay": try replay()
            case "generate":
                // Makes the history logs ahead of a run: TWB_EVENTS=100000,1000000,10000000
                for n in (environment("TWB_EVENTS") ?? "").split(separator: ",").compactMap({ Int($0) }) {
                    print(try HistoryFiles.history(events: n))
                }
            default: throw BenchError("unknown role \(role)")
            }
            exit(0)
        } catch {
            fputs("towerwatch benchmark child (\(role)): \(error)\n", stderr)
            exit(1)
        }
    }

    /// One of the group-commit writers: `TWB_COUNT` scans by guard `TWB_GUARD`,
    /// each its own append (lock, catch up, decide, write), group-committed.
    /// Writes "first-append-start last-append-end appended" (monotonic ns) to `TWB_OUT`.
    static func writer() throws {
        guard let path = environment("TWB_LOG"), let out = environment("TWB_OUT"),
              let count = environment("TWB_COUNT").flatMap(Int.init), let g = environment("TWB_GUARD").flatMap(Int.init) else {
            throw BenchError("writer needs TWB_LOG, TWB_OUT, TWB_COUNT and TWB_GUARD")
        }
        let district = try DistrictLog(store: FileEventStore(path: path, writable: true, durability: .groupDefault))
        let guardID = BenchDistrict.guardID(g)
        let clock = WallClock()
        var appended = 0
        let began = Clocks.nanos()
        for k in 0..<count {
            let cp = BenchDistrict.checkpointID((g + k) % BenchDistrict.towerCount, k % BenchDistrict.checkpointsPerTower)
            if case .success = try district.execute(Command(.guard(guardID), .scan(guard: guardID, checkpoint: cp)), now: clock.now()) {
                appended += 1
            }
        }
        try district.store.flush()
        let ended = Clocks.nanos()
        let text = "\(began) \(ended) \(appended)\n"
        guard let f = fopen(out, "w") else { throw BenchError("cannot write \(out)") }
        fputs(text, f)
        fclose(f)
    }

    /// Replays the log at `TWB_LOG` (the parent reads this process's peak RSS).
    static func replay() throws {
        guard let path = environment("TWB_LOG") else { throw BenchError("replay needs TWB_LOG") }
        let began = Clocks.nanos()
        let district = try DistrictLog(store: FileEventStore(path: path, writable: false))
        let seconds = Double(Clocks.nanos() - began) / 1e9
        print("replayed \(district.position.seq) events in \(seconds) s")
    }

    /// This executable's own path.
    static var selfPath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments[0] }
        buffer[n] = 0
        return String(cString: buffer)
    }

    /// Starts this executable again in `role` with extra environment variables.
    static func spawn(role: String, _ extra: [String: String]) throws -> pid_t {
        var env = [String]()
        var e = environ
        while let p = e.pointee { env.append(String(cString: p)); e += 1 }
        env.append("\(roleVariable)=\(role)")
        for (k, v) in extra { env.append("\(k)=\(v)") }
        let path = selfPath
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, nil, nil, argv, envp)
        guard rc == 0 else { throw BenchError("posix_spawn failed: \(rc)") }
        return pid
    }

    /// Waits for `pid`; returns its resource usage (peak RSS in `ru_maxrss`, KiB on Linux).
    static func wait(_ pid: pid_t) throws -> rusage {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(errno)") }
        }
        guard status == 0 else { throw BenchError("child \(pid) failed with status \(status)") }
        return usage
    }
}
