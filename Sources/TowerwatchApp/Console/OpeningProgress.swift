import TowerwatchLog
import TowerwatchUI

/// A console's long opening replay, shown on its own screen: `replaying 41%…`
/// inside the console's frame (`OpeningScreen`) until the first full frame.
///
/// The consoles replay a log that no snapshot covers before they can draw
/// anything; on a large log that is seconds. They take the terminal first and
/// hand this to the replay (`reading`), which reports every `ReadProgress.stride`
/// records; a frame is drawn at most ten times a second.
public final class OpeningProgress {
    /// A replay of fewer bytes than this opens before the terminal is taken, with
    /// no progress to show (under a tenth of a second on a release build).
    public static let minimumBytes = 4 << 20
    static let redrawMillis = 100

    private let screen: any Screen
    private let theme: Theme
    private let title: String
    private let clock: () -> Int
    public private(set) var meter: ProgressMeter
    private var lastDrawn: Int?
    /// Frames drawn so far.
    public private(set) var framesShown = 0

    /// Progress of replaying the bytes `stretch` of the log `logName`, drawn on
    /// `screen` in `theme`. Draws its first frame at once.
    public init(screen: any Screen, theme: Theme, logName: String, stretch: (start: Int, end: Int),
                clock: @escaping () -> Int = monotonicMillis) {
        self.screen = screen
        self.theme = theme
        self.title = "towerwatch · " + logName
        self.clock = clock
        meter = ProgressMeter(totalBytes: stretch.end, startOffset: stretch.start, startMillis: clock())
        draw()
    }

    /// Whether a replay of `stretch` is long enough to show.
    public static func worthShowing(_ stretch: (start: Int, end: Int)) -> Bool {
        stretch.end - stretch.start >= minimumBytes
    }

    /// What to hand the replay.
    public var reading: ReadProgress {
        ReadProgress { [self] records, offset in show(records: records, offset: offset) }
    }

    /// The replay has read `records` records, up to byte `offset`.
    public func show(records: Int, offset: Int) {
        let now = clock()
        meter.update(records: records, offset: offset, at: now)
        guard now - (lastDrawn ?? .min / 2) >= Self.redrawMillis else { return }
        draw()
    }

    /// The frame as it stands.
    public func frame(size: Size) -> Grid {
        OpeningScreen.render(title: title, headline: "replaying \(meter.percent ?? 0)%…", fraction: meter.fraction,
                             details: meter.details.joined(separator: " · "), theme: theme, size: size)
    }

    private func draw() {
        lastDrawn = clock()
        framesShown += 1
        screen.show(frame(size: screen.size))
    }
}
