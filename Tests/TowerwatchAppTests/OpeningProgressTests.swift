import Testing
import TowerwatchApp
import TowerwatchLog
import TowerwatchUI

/// A console's long opening replay, shown in its frame on a scripted screen.
@Suite struct OpeningProgressTests {
    @Test func `the frame shows replaying N%… with a bar and the figures, redrawn at most ten times a second`() {
        let screen = ScriptedScreen([])
        screen.size = Size(width: 60, height: 9)
        var now = 1_000
        let progress = OpeningProgress(screen: screen, theme: .monochrome, logName: "shift.twlog",
                                       stretch: (start: 0, end: 40 << 20), clock: { now })
        #expect(screen.frames.count == 1, "a first frame at once, before any record is read")
        #expect(screen.lastFrame.contains("replaying 0%…"))
        var reading = progress.reading
        now = 2_000
        for i in 1...ReadProgress.stride { reading.passed(i * 1280) }
        #expect(screen.frames.count == 2)
        #expect(screen.frames.last!.lines() == [
            "┌ towerwatch · shift.twlog ────────────────────────────────┐",
            "│                                                          │",
            "│                                                          │",
            "│                      replaying 25%…                      │",
            "│         ██████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         │",
            "│    10 MB of 40 MB · 8.2k records · 10 MB/s · 3 s left    │",
            "│                                                          │",
            "│                                                          │",
            "└──────────────────────────────────────────────────────────┘",
        ])
        now = 2_050
        for i in 1...ReadProgress.stride { reading.passed(10 << 20 + i) }
        #expect(screen.frames.count == 2, "not redrawn within a tenth of a second")
        #expect(progress.framesShown == 2)
    }

    @Test func `only a replay of several megabytes is worth taking the terminal for`() {
        #expect(!OpeningProgress.worthShowing((start: 100, end: 100 + OpeningProgress.minimumBytes - 1)))
        #expect(OpeningProgress.worthShowing((start: 100, end: 100 + OpeningProgress.minimumBytes)))
    }
}
