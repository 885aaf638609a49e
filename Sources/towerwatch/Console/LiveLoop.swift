import TowerwatchCore
import TowerwatchLog
import TowerwatchTerminal
import TowerwatchUI

/// The loop every live screen runs: draw a frame, then sleep until the next whole
/// second (the clocks tick), a key, or a change of the log. Nothing is redrawn
/// that did not change (the terminal diffs frames), and nothing spins.
enum LiveLoop {
    enum Wake {
        case key(KeyEvent)
        case logChanged
    }

    /// Runs until `handle` returns false or input ends. `draw` gets the moment to draw
    /// and returns what the frame's handler needs; `handle` gets it back with the wake.
    static func run<Frame>(terminal: Terminal, district: DistrictLog, clock: FollowingClock,
                           draw: (Timestamp) -> Frame, handle: (Wake, Frame, Timestamp) -> Bool) {
        while true {
            // A simulator or scenario running faster than real time writes ahead of the
            // wall clock: the district's "now" is never earlier than its latest record,
            // and runs on from it (see FollowingClock).
            clock.observe(district.state.lastTime)
            let now = clock.now()
            let frame = draw(now)
            let wait = Int(1000 - now.millis % 1000)
            switch terminal.readKey(timeoutMillis: wait, alsoWatching: district.store.changeDescriptor) {
            case .timeout:
                continue
            case .watchedDescriptorReadable:
                district.store.drainChanges()
                if !handle(.logChanged, frame, now) { return }
            case .key(let key):
                if key == .endOfInput { return }
                if key == .resize { terminal.invalidate() }
                if !handle(.key(key), frame, now) { return }
            }
        }
    }
}
