import Foundation

/// The real `towerwatch` binary run as a child process with posix_spawn.
///
/// Not Foundation's `Process`, which can hang waiting on descriptors. Output goes
/// to files (never blocks the child); standard input is a pipe (close-on-exec in
/// this process, so children spawned at the same time by other tests never hold
/// its write end and the reader sees its end).
struct ChildProcess {
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private(set) var reaped: Int32?

    /// The built `towerwatch`, found next to the test bundle (walking up from the
    /// directory of /proc/self/exe).
    static let binary: String = {
        var dir = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        for _ in 0..<6 {
            dir = (dir as NSString).deletingLastPathComponent
            let candidate = dir + "/towerwatch"
            var st = stat()
            if stat(candidate, &st) == 0, st.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
            if dir == "/" || dir.isEmpty { break }
        }
        return "towerwatch-binary-not-found-next-to-the-test-bundle"
    }()

    /// Starts `towerwatch arguments...`. `stdin` (if given) is written to a pipe that
    /// becomes the child's standard input; otherwise it reads /dev/null.
    static func start(_ arguments: [String], stdin: [UInt8]? = nil, in directory: String) throws -> ChildProcess {
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let out = directory + "/child-\(tag).out", err = directory + "/child-\(tag).err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if stdin != nil {
            guard systemPipe2(&ends, O_CLOEXEC) == 0 else { throw FixtureError("pipe2 failed: \(errno)") }
            posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = [binary] + arguments
        let env = ["LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(directory)"]
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, nil, &cArgs, &cEnv)
        if stdin != nil { close(ends[0]) }
        guard rc == 0 else {
            if stdin != nil { close(ends[1]) }
            throw FixtureError("cannot start \(binary): \(String(cString: strerror(rc)))")
        }
        if let input = stdin {
            // Small inputs fit the pipe's buffer; write in full, then close for EOF.
            var done = 0
            input.withUnsafeBytes { raw in
                while done < raw.count {
                    let n = write(ends[1], raw.baseAddress! + done, raw.count - done)
                    if n > 0 { done += n } else if errno != EINTR { break }
                }
            }
            close(ends[1])
        }
        return ChildProcess(pid: pid, stdoutPath: out, stderrPath: err)
    }

    /// Waits for the child; returns its exit status, or 128 + signal if killed.
    @discardableResult
    mutating func wait() -> Int32 {
        if let reaped { return reaped }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { reaped = -1; return -1 }
        }
        let signal = status & 0x7F
        let result = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        reaped = result
        return result
    }

    /// Waits at most `seconds`; kills the child (SIGKILL) if it is still running then.
    mutating func wait(timeout seconds: Double) -> Int32 {
        let deadline = LogFixture.monotonic() + seconds
        while LogFixture.monotonic() < deadline {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                let signal = status & 0x7F
                reaped = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                return reaped!
            }
            if r < 0 && errno != EINTR { return -1 }
            usleep(2000)
        }
        _ = Glibc.kill(pid, SIGKILL)
        return wait()
    }

    func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    var stdout: String { String(decoding: LogFixture.contents(stdoutPath), as: UTF8.self) }
    var stderr: String { String(decoding: LogFixture.contents(stderrPath), as: UTF8.self) }

    /// Runs `towerwatch arguments...` to the end (killed after `timeout` seconds).
    static func run(_ arguments: [String], stdin: [UInt8]? = nil, in directory: String, timeout: Double = 20)
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        var child = try start(arguments, stdin: stdin, in: directory)
        let status = child.wait(timeout: timeout)
        defer { unlink(child.stdoutPath); unlink(child.stderrPath) }
        return (status, child.stdout, child.stderr)
    }
}

/// glibc's pipe2 (not exported by the Glibc module without _GNU_SOURCE): both ends
/// close-on-exec from the start, so no concurrently spawned child inherits them.
@_silgen_name("pipe2")
private func systemPipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
