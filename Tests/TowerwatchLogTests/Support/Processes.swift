import Foundation
import Testing

/// Shell commands, child processes and threads for the log tests (the
/// towerwatch binary itself is started with `ChildProcess`).
extension LogFixture {
    static func status(_ path: String) -> stat {
        var st = stat()
        precondition(stat(path, &st) == 0, "stat \(path)")
        return st
    }

    static let hasFlockCommand: Bool = runShell("command -v flock >/dev/null", []) == 0

    /// Starts `/bin/sh -c script sh args...` (so the script sees them as $1...);
    /// posix_spawn rather than Foundation's Process, which is heavier and can hang on
    /// descriptors a child keeps open.
    static func spawnShell(_ script: String, _ arguments: [String]) -> pid_t {
        let argv = ["/bin/sh", "-c", script, "sh"] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/local/bin:/usr/bin:/bin"), nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, &cEnv)
        precondition(rc == 0, "posix_spawn failed: \(rc)")
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal if killed).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    static func runShell(_ script: String, _ arguments: [String]) -> Int32 {
        wait(spawnShell(script, arguments))
    }

    /// Runs `body(0..<count)` on that many real threads at once and returns the
    /// errors they threw. Threads, not tasks: the bodies block in flock and usleep,
    /// which would starve the cooperative pool on two cores.
    static func runThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [String] {
        let errors = ErrorList()
        let group = DispatchGroup()
        for k in 0..<count {
            group.enter()
            Thread.detachNewThread {
                do { try body(k) } catch { errors.add("\(error)") }
                group.leave()
            }
        }
        group.wait()
        return errors.all
    }

    final class ErrorList: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.withLock { items.append(item) } }
        var all: [String] { lock.withLock { items } }
    }
}
