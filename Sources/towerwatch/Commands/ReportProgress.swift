import Foundation
import TowerwatchApp
import TowerwatchCore

/// How far `report` has read its log: the one progress line every long command
/// shows on standard error while it is a terminal (see `ProgressLine`).
typealias ReportProgress = ProgressLine

extension ProgressLine {
    /// The line for reading the log at `path` (a file or a database) whole.
    convenience init(path: String) {
        self.init(label: "reading the log", readingFile: path, quiet: false)
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
