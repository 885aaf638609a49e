#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TowerwatchLog
import TowerwatchUI

/// A progress line on standard error for work that may keep someone waiting:
/// `reading the log ████████░░░░ 41% · 620 MB of 1.5 GB · 2.1M records · 180 MB/s · 3 s left`.
///
/// Shown only on a terminal and only once the work has taken half a second (quick
/// work prints nothing), redrawn in place with `\r` at most five times a second,
/// and cleared by `finish()`, so whatever the command prints next starts on a clean
/// line. Nothing at all when standard error is not a terminal or with `--quiet`:
/// scripts and logs see only the command's own output.
///
/// Cheap on a hot path: `note` looks at a record counter and returns; only every
/// `ReadProgress.stride` records does it look at the clock.
public final class ProgressLine {
    /// Work shorter than this shows nothing: half a second, or the milliseconds in
    /// `$TOWERWATCH_PROGRESS_AFTER_MS` (0 shows it at once: for end-to-end tests,
    /// whose work may be done before half a second on a fast machine).
    public static let delayMillis = ProcessInfo.processInfo.environment["TOWERWATCH_PROGRESS_AFTER_MS"].flatMap { Int($0) }.map { max(0, $0) } ?? 500
    /// At most one redraw per this many milliseconds.
    public static let redrawMillis = 200

    public let label: String
    /// Whether anything is ever drawn (a terminal, and not `--quiet`).
    public let visible: Bool
    private let clock: () -> Int
    private let write: (String) -> Void
    private let width: () -> Int
    public private(set) var meter: ProgressMeter
    private var lastDrawn: Int?
    public private(set) var drawn = false

    /// A line labelled `label` for work of `totalBytes` (nil: unknown) starting at
    /// byte `startOffset`. `quiet` (the command's `--quiet`) hides it; the clock, the
    /// terminal test, the width and the writer are for tests to replace.
    public init(label: String, totalBytes: Int?, startOffset: Int = 0, quiet: Bool,
                isTerminal: Bool = isatty(STDERR_FILENO) != 0,
                clock: @escaping () -> Int = monotonicMillis,
                width: @escaping () -> Int = ProgressLine.standardErrorWidth,
                write: @escaping (String) -> Void = ProgressLine.writeToStandardError) {
        self.label = label
        self.visible = isTerminal && !quiet
        self.clock = clock
        self.write = write
        self.width = width
        meter = ProgressMeter(totalBytes: totalBytes, startOffset: startOffset, startMillis: clock())
    }

    /// A line for reading the file at `path` whole: its size is the total.
    public convenience init(label: String, readingFile path: String, quiet: Bool) {
        var st = stat()
        let size = stat(path, &st) == 0 ? Int(st.st_size) : nil
        self.init(label: label, totalBytes: size, quiet: quiet)
    }

    /// One more record read (`records` counted from 1), ending at byte `offset`:
    /// call it for every record; it draws only now and then.
    @inline(__always)
    public func note(records: Int, offset: Int) {
        guard visible, records & (ReadProgress.stride - 1) == 0 else { return }
        show(records: records, offset: offset)
    }

    /// For a library read that reports every `ReadProgress.stride` records itself.
    public var reading: ReadProgress? {
        guard visible else { return nil }
        return ReadProgress { [self] records, offset in show(records: records, offset: offset) }
    }

    /// Looks at the clock and redraws when it is time.
    public func show(records: Int, offset: Int) {
        guard visible else { return }
        let now = clock()
        meter.update(records: records, offset: offset, at: now)
        guard now - meter.startMillis >= Self.delayMillis, now - (lastDrawn ?? .min / 2) >= Self.redrawMillis else { return }
        lastDrawn = now
        drawn = true
        write("\r" + meter.line(label: label, width: max(20, width() - 1)) + "\u{1B}[K")
    }

    /// Clears the line, if one was drawn.
    public func finish() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// The width of the terminal standard error goes to (80 when it cannot be told).
    public static func standardErrorWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    public static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
