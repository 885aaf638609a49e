import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives a program in a real terminal: a private tmux server per test.
///
/// End-to-end tests are the browser tests of a terminal program: start the
/// real `towerwatch` in a tmux pane of a known size, send keys, read the
/// screen back as text. Each harness has its own server socket, so tests
/// cannot see each other's sessions or the developer's own tmux, and
/// ``close()`` kills the server and deletes the socket (tmux leaves socket
/// files behind otherwise).
///
/// ```swift
/// let tmux = try TmuxHarness(command: "\(binary) demo", width: 100, height: 30)
/// defer { tmux.close() }
/// try tmux.waitFor(text: "中福广场")
/// try tmux.sendKeys("Down", "Enter")
/// ```
final class TmuxHarness {
    enum Failure: Error, CustomStringConvertible {
        case tmux(command: [String], status: Int32, output: String)
        case timeout(waitingFor: String, screen: String)

        var description: String {
            switch self {
            case .tmux(let command, let status, let output):
                return "tmux \(command.joined(separator: " ")) failed (\(status)): \(output)"
            case .timeout(let what, let screen):
                return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    /// True when tmux is installed; tests skip otherwise.
    static var isAvailable: Bool { Subprocess.isInstalled("tmux") }

    let width: Int
    let height: Int
    /// Private directory holding the socket and the exit-status file.
    let directory: URL
    let socketPath: String
    let statusPath: String
    private var closed = false

    /// Starts a tmux server with one `width` x `height` pane running
    /// `command` (a shell command line) under `TERM=term` and a UTF-8 locale.
    ///
    /// The pane stays after the program exits (remain-on-exit), so its last
    /// screen can still be read, and the exit status is written to a file
    /// because tmux 3.3a's `#{pane_dead_status}` is unreliable.
    init(command: String, width: Int = 100, height: Int = 30, term: String = "xterm-256color",
         environment: [String: String] = [:]) throws {
        self.width = width
        self.height = height
        // Short path: unix socket paths are limited to about 100 bytes.
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("tw-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("tmux.sock").path
        statusPath = directory.appendingPathComponent("status").path

        var variables = ["LANG": "C.UTF-8", "TERM": term, "NCURSES_NO_UTF8_ACS": "1"]
        for (key, value) in environment { variables[key] = value }
        let assignments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxHarness.shellQuote($0.value))" }
        let paneCommand = "env \(assignments.joined(separator: " ")) \(command); echo $? > \(TmuxHarness.shellQuote(statusPath))"
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), paneCommand,
                  ";", "set", "-g", "remain-on-exit", "on",
                  ";", "set", "-g", "status", "off"])
        // With the status line gone the window may be one row short of the
        // session; make it exactly the size asked for.
        try? tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    deinit {
        close()
    }

    /// Kills the server and deletes the socket and status file.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? Subprocess.run(["tmux", "-S", socketPath, "kill-server"], environment: TmuxHarness.environment)
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Input

    /// Sends keys by tmux name: "Down", "Enter", "Escape", "C-c", "F1", or
    /// literal text ("q").
    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Types `text` literally (no key-name lookup), e.g. a filter or a
    /// Chinese tower name.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// Resizes the pane's window, as a user dragging the terminal would.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", String(width), "-y", String(height)])
    }

    // MARK: - Reading the screen

    /// One capture of the pane as text rows (`-e` keeps colour escapes).
    func capture(withEscapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (withEscapes ? ["-e"] : []))
    }

    /// A capture that is not a half-drawn frame: two captures ~50 ms apart
    /// that agree.
    func stableCapture(timeout: TimeInterval = 5, withEscapes: Bool = false) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try capture(withEscapes: withEscapes)
        while true {
            usleep(50_000)
            let next = try capture(withEscapes: withEscapes)
            if next == last || Date() >= deadline { return next }
            last = next
        }
    }

    /// Waits until the screen shows `text`; returns that screen.
    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 10) throws -> String {
        try waitFor(description: "\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the screen no longer shows `text`.
    @discardableResult
    func waitFor(absenceOf text: String, timeout: TimeInterval = 10) throws -> String {
        try waitFor(description: "\"\(text)\" to disappear", timeout: timeout) { !$0.contains(text) }
    }

    /// Waits until `condition` holds for a stable screen.
    @discardableResult
    func waitFor(description: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try stableCapture(timeout: 1)
            if condition(screen) { return screen }
            usleep(50_000)
        }
        throw Failure.timeout(waitingFor: description, screen: screen)
    }

    /// The program's exit status once it has exited, waiting up to `timeout`;
    /// nil if it is still running.
    func exitStatus(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let text = try? String(contentsOfFile: statusPath, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// The pane's size as tmux reports it: "WxH".
    func paneSize() throws -> String {
        try tmux(["display-message", "-p", "-t", "0", "#{pane_width}x#{pane_height}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Plumbing

    /// Runs a tmux command against this harness's private server.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let command = ["tmux", "-S", socketPath, "-f", "/dev/null"] + arguments
        let result = try Subprocess.run(command, environment: TmuxHarness.environment)
        guard result.status == 0 else {
            throw Failure.tmux(command: arguments, status: result.status, output: result.output)
        }
        return result.output
    }

    /// The test's environment, minus anything tying tmux to an outer session.
    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        env["SHELL"] = "/bin/sh"
        // swift test sets NO_COLOR when its output is not a terminal; the program
        // under test gets it only when a test asks for it.
        env["NO_COLOR"] = nil
        return env
    }

    /// `text` in single quotes for /bin/sh.
    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: - Finding the binary under test

    /// The built executable `name` (default `towerwatch`): `swift test`
    /// builds it next to the test bundle, so look in the directory of
    /// /proc/self/exe and walk up from there.
    static func locateBinary(named name: String = "towerwatch") -> String? {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               access(candidate, X_OK) == 0 {
                return candidate
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        return nil
    }
}
