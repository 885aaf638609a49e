import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The officer console running on a prepared district log in its own tmux
/// pane: the fixture of the console's end-to-end tests.
///
/// The log is a copy of one prepared once per test run through the real
/// command line (`init`, a few guards on duty, two hazards, optionally a
/// dispatch), so every test starts from the same district without paying for
/// the set-up each time.
///
/// The pane runs a small shell script around the console:
/// ```sh
/// sleep 0.2; before=$(stty -g); timeout --foreground LIFETIME towerwatch console ...; s=$?
/// echo "AFTER-EXIT status=$s tty=same|changed"; sleep 60
/// ```
/// The short sleep lets the harness give the window its final size before
/// the console starts (tmux 3.3a misplaces the cursor it restores on leaving
/// the alternate screen if the window was resized behind it). The line after
/// the console tells the exit status and whether the terminal modes came back
/// as they were, and the pane stays alive so that line can be read: a pane
/// that dies scrolls its last lines away under tmux's "Pane is dead" notice.
final class ConsoleScenario {
    /// The hazards, dispatch and guards on duty of the prepared district.
    enum Preparation: Sendable {
        /// Four guards on duty (G-001..G-004), H-000001 (fire safety at T01,
        /// 中福广场) and H-000002 (parking at T02, 福田银座), nothing dispatched.
        case twoHazards
        /// As `twoHazards`, plus D-000001: G-002 dispatched to H-000001.
        case dispatched
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let afterExitMarker = "AFTER-EXIT"

    let binary: String
    let directory: URL
    let logPath: String
    let tmux: TmuxHarness
    private var closed = false

    /// Copies a prepared log and starts `towerwatch console --log LOG --as O-01
    /// <arguments>` in a `width` x `height` pane under `TERM=term`. The console
    /// is ended after `lifetime` seconds should the test never close it: a test
    /// that waits for a rule's deadline on a loaded machine asks for more.
    init(_ preparation: Preparation = .twoHazards, width: Int = 160, height: Int = 45,
         term: String = "xterm-256color", environment: [String: String] = [:],
         arguments: [String] = ["--as", "O-01"], lifetime: Int = 90) throws {
        guard let binary = TmuxHarness.locateBinary() else {
            throw Failure(description: "no towerwatch executable near \(CommandLine.arguments[0]); run through swift test")
        }
        self.binary = binary
        let template = try ConsoleScenario.preparedLog(preparation, binary: binary)
        directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("tw-console-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A unique path also tells this console's process apart from others (see `consolePID`).
        logPath = directory.appendingPathComponent("district.log").path
        try FileManager.default.copyItem(atPath: template, toPath: logPath)

        let q = TmuxHarness.shellQuote
        let console = ([binary, "console", "--log", logPath] + arguments).map(q).joined(separator: " ")
        // `timeout --foreground` keeps the console in the terminal's foreground
        // group and ends it if a test run dies before `close`.
        let script = """
            sleep 0.2; before=$(stty -g); timeout --foreground \(lifetime) \(console); s=$?; after=$(stty -g); \
            if [ "$before" = "$after" ]; then t=same; else t=changed; fi; \
            echo "\(ConsoleScenario.afterExitMarker) status=$s tty=$t"; sleep 60
            """
        // NO_COLOR only when a test asks: `swift test` exports NO_COLOR=1
        // when its output is not a terminal, and an empty value means unset.
        var variables = ["NO_COLOR": ""]
        for (key, value) in environment { variables[key] = value }
        do {
            tmux = try ConsoleScenario.withSignalsUnblocked {
                try TmuxHarness(command: "sh -c \(q(script))", width: width, height: height, term: term,
                                environment: variables)
            }
            // The script holds the pane open while a test reads it; after that
            // the server may go by itself, should `close` never come.
            try tmux.tmux(["set", "-g", "remain-on-exit", "off"])
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Runs `body` with no signal blocked on this thread.
    ///
    /// A spawned process inherits the calling thread's signal mask, and the
    /// test runner's worker threads block most signals. A tmux server started
    /// from such a thread keeps SIGCHLD, SIGHUP and SIGTERM blocked: it never
    /// sees its panes exit, so `kill-server` leaves it, its pane and the
    /// console running for good. (`Subprocess` itself should reset the mask
    /// with POSIX_SPAWN_SETSIGMASK; this covers the console tests until it does.)
    static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t()
        var saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try body()
    }

    deinit { close() }

    /// Stops tmux (and with it the console) and deletes the log.
    func close() {
        guard !closed else { return }
        closed = true
        tmux.close()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Driving

    /// Runs the command line on this scenario's log: `towerwatch <arguments> --log LOG`.
    @discardableResult
    func cli(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run([binary] + arguments + ["--log", logPath])
    }

    /// The log's records of `type` as JSON lines: `towerwatch log dump LOG --type TYPE`.
    func dumpLog(type: String) throws -> Subprocess.Result {
        try Subprocess.run([binary, "log", "dump", logPath, "--type", type])
    }

    /// Waits for the console's first full frame (the open hazards pane and the
    /// hint bar), bounded by `timeout`.
    @discardableResult
    func waitForConsole(timeout: TimeInterval = 10) throws -> String {
        try tmux.waitFor(description: "the console's first frame", timeout: timeout) {
            $0.contains("Open hazards") && $0.contains("q quit")
        }
    }

    /// Polls the screen as fast as tmux answers (no stability check) until
    /// `condition` holds; returns the screen and when it was seen, or nil on timeout.
    func pollUntil(timeout: TimeInterval, _ condition: (String) -> Bool) throws -> (screen: String, seenAt: Date)? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let screen = try tmux.capture()
            if condition(screen) { return (screen, Date()) }
            usleep(10_000)
        } while Date() < deadline
        return nil
    }

    /// The line the wrapper script prints once the console has exited:
    /// (status, terminal modes unchanged), waiting up to `timeout`.
    func afterExit(timeout: TimeInterval = 10) throws -> (status: Int32, ttySame: Bool, screen: String) {
        let screen = try tmux.waitFor(text: ConsoleScenario.afterExitMarker, timeout: timeout)
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(ConsoleScenario.afterExitMarker) }),
              let statusField = line.split(separator: " ").first(where: { $0.hasPrefix("status=") }),
              let status = Int32(statusField.dropFirst("status=".count)) else {
            throw Failure(description: "no exit status on the screen:\n\(screen)")
        }
        return (status, line.contains("tty=same"), screen)
    }

    /// The process id of this scenario's console: the `towerwatch` process
    /// whose command line names this scenario's (unique) log path.
    func consolePID() -> pid_t? {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = pid_t(entry),
                  let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .whitespacesAndNewlines) == "towerwatch",
                  let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.contains(logPath) && arguments.contains("console") { return pid }
        }
        return nil
    }

    /// Terminal state flags tmux keeps for the pane, e.g. `alternate_on`,
    /// `cursor_flag`, `mouse_any_flag`, `keypad_flag`: "1" or "0".
    func paneFlags(_ names: [String]) throws -> [String: String] {
        let format = names.map { "#{\($0)}" }.joined(separator: " ")
        let values = try tmux.tmux(["display-message", "-p", "-t", "0", format])
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(names, values))
    }

    // MARK: - The prepared logs

    private static let preparation = NSLock()
    nonisolated(unsafe) private static var prepared: [String: String] = [:]

    /// The path of a log prepared through the CLI, made once per test process.
    static func preparedLog(_ kind: Preparation, binary: String) throws -> String {
        preparation.lock()
        defer { preparation.unlock() }
        let name = "\(kind)"
        if let path = prepared[name], FileManager.default.fileExists(atPath: path) { return path }

        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("tw-console-template-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(name).log").path
        unlink(path)
        var steps: [[String]] = [["init"]]
        steps += ["G-001", "G-002", "G-003", "G-004"].map { ["on-duty", $0, "--as", "O-01"] }
        steps.append(["report-hazard", "--as", "G-001", "--category", "fire-safety", "--tower", "T01", "--floor", "3",
                      "--zone", "escape-route", "--note", "blocked escape door"])
        steps.append(["report-hazard", "--as", "G-003", "--category", "parking", "--tower", "T02", "--floor", "B1",
                      "--zone", "garage", "--note", "car across the ramp"])
        if case .dispatched = kind {
            steps.append(["dispatch", "H-000001", "--guard", "G-002", "--as", "O-01"])
        }
        for step in steps {
            let result = try Subprocess.run([binary] + step + ["--log", path])
            guard result.status == 0 else {
                throw Failure(description: "preparing the log: towerwatch \(step.joined(separator: " ")) exited \(result.status): \(result.output)")
            }
        }
        prepared[name] = path
        return path
    }
}

// MARK: - Reading a captured screen

/// A captured screen read as the terminal shows it: by display columns, where
/// a CJK character takes two.
enum ScreenText {
    /// The screen's rows (capture-pane trims trailing blanks).
    static func lines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Columns `scalar` takes in a terminal: 2 for East Asian wide and
    /// fullwidth characters, 0 for combining marks, 1 otherwise.
    ///
    /// Written out here rather than calling wcwidth, so the test does not
    /// depend on the process locale and checks the console's own measure.
    static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0: return 0
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    /// Display width of `text`.
    static func width<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// The display column where `needle` first starts in `line`.
    static func column(of needle: String, in line: Substring) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return width(line[..<range.lowerBound])
    }

    /// The row as cells: a wide character fills its cell and leaves the next
    /// one empty (""), so index i is display column i.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        for character in line {
            cells.append(String(character))
            let w = width(String(character))
            if w > 1 { cells.append(contentsOf: Array(repeating: "", count: w - 1)) }
        }
        return cells
    }

    /// The inside rows of the box whose top border carries `title`, cut by
    /// display columns; nil when no such box is on the screen.
    static func pane(titled title: String, in screen: String) -> [String]? {
        let grid = lines(screen).map(cells)
        for (row, rowCells) in grid.enumerated() {
            let text = rowCells.joined()
            guard let titleRange = text.range(of: title) else { continue }
            // The box's top-left corner is the last ┌ before the title.
            let titleColumn = width(text[..<titleRange.lowerBound])
            guard let left = rowCells[..<titleColumn].lastIndex(of: "┌"),
                  let right = rowCells[titleColumn...].firstIndex(of: "┐") else { continue }
            var inside: [String] = []
            var y = row + 1
            while y < grid.count, left < grid[y].count, grid[y][left] != "└" {
                let cellsOfRow = grid[y]
                let end = min(right, cellsOfRow.count)
                inside.append(left + 1 < end ? cellsOfRow[(left + 1)..<end].joined() : "")
                y += 1
            }
            return inside
        }
        return nil
    }

    /// Characters a box or a line is drawn with.
    static let boxDrawing: Set<Character> = ["┌", "┐", "└", "┘", "│", "─", "├", "┤", "┬", "┴", "┼"]

    static func hasBoxDrawing(_ screen: String) -> Bool {
        screen.contains { boxDrawing.contains($0) }
    }

    /// True when a `capture-pane -e` screen sets a foreground or background
    /// colour anywhere (SGR 30-37, 38, 40-47, 48, 90-97, 100-107).
    static func setsColour(_ screenWithEscapes: String) -> Bool {
        var rest = Substring(screenWithEscapes)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" && $0 != ":" }) else { break }
            if rest[end] == "m" {
                let codes = rest[..<end].split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }
                var i = 0
                while i < codes.count {
                    switch codes[i] {
                    case 30...37, 38, 40...47, 48, 90...97, 100...107: return true
                    default: i += 1
                    }
                }
            }
            rest = rest[end...]
        }
        return false
    }
}
