import Foundation
import TowerwatchCore

/// How far `report` has read a large log, on standard error while it is a terminal.
///
/// Checked every 64 Ki records, drawn at most five times a second and only for a
/// log of 16 MiB or more (a small log is read before anyone could look); the line
/// is cleared when reading ends, so the report itself starts on a clean line.
final class ReportProgress {
    private let size: Int
    private let visible: Bool
    private var lastDrawn = 0.0
    private var drawn = false

    init(path: String) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        visible = isatty(STDERR_FILENO) != 0 && size >= 16 << 20
    }

    func note(records: Int, offset: Int) {
        guard visible, records & 0xFFFF == 0 else { return }
        let now = Date().timeIntervalSinceReferenceDate
        guard now - lastDrawn >= 0.2 else { return }
        lastDrawn = now
        drawn = true
        let percent = min(100, offset * 100 / max(size, 1))
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        FileHandle.standardError.write(Data("\rreading the log \(bar) \(percent)% · \(records / 1000)k records".utf8))
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// The width of the terminal standard output goes to, or `ReportText.defaultWidth` when it is not one.
    static func terminalWidth() -> Int {
        var size = winsize()
        guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return ReportText.defaultWidth
        }
        return Int(size.ws_col)
    }
}
