#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// What a live `simulate` is doing, on one line of standard error redrawn every few
/// seconds: `simulating · 1.2k events written · simulated time 2026-11-29 14:15:02 +08:00 · 3.2 events/s`.
///
/// A live run writes a few events a second for hours; without this it says nothing
/// until it is stopped. Shown only on a terminal and not with `--quiet` (a simulator
/// beside the demo console, or in a script, stays silent), and cleared before the
/// summary is printed.
public final class SimulationStatus {
    /// Milliseconds between two redraws.
    public static let everyMillis = 3_000

    public let visible: Bool
    private let local: LocalTimeText
    private let clock: () -> Int
    private let write: (String) -> Void
    private let startMillis: Int
    private var lastDrawn: Int
    public private(set) var events = 0
    public private(set) var simulatedTime: Timestamp?
    private var drawn = false

    public init(local: LocalTimeText, quiet: Bool, isTerminal: Bool = isatty(STDERR_FILENO) != 0,
                clock: @escaping () -> Int = monotonicMillis,
                write: @escaping (String) -> Void = ProgressLine.writeToStandardError) {
        self.local = local
        self.visible = isTerminal && !quiet
        self.clock = clock
        self.write = write
        startMillis = clock()
        lastDrawn = startMillis
    }

    /// The simulator wrote `records`.
    public func wrote(_ records: [EventRecord]) {
        events += records.count
        if let last = records.last { simulatedTime = last.time }
    }

    /// Called often (each turn of the simulator's loop): redraws when it is time.
    public func tick() {
        guard visible else { return }
        let now = clock()
        guard now - lastDrawn >= Self.everyMillis else { return }
        lastDrawn = now
        drawn = true
        write("\r" + line(at: now) + "\u{1B}[K")
    }

    /// The status as it stands at `millis`.
    public func line(at millis: Int) -> String {
        let seconds = Double(millis - startMillis) / 1000
        var parts = ["simulating", "\(ProgressText.count(events)) events written"]
        if let simulatedTime { parts.append("simulated time \(local.dateTime(simulatedTime))") }
        parts.append("\(ProgressText.rate(seconds > 0 ? Double(events) / seconds : 0)) events/s")
        return parts.joined(separator: " · ")
    }

    /// Clears the line, if one was drawn.
    public func finish() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }
}
