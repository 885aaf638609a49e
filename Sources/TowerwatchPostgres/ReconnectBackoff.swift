#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// When to try a lost connection again: at once the first time, then after
/// 0.5 s, 1 s, 2 s… up to 30 s between tries, so a server that is down is not
/// hammered and one that is back is found within half a minute.
struct ReconnectBackoff {
    private(set) var failures = 0
    private var nextTry: Double = 0

    static let first = 0.5
    static let longest = 30.0

    func mayTry(now: Double = monotonicSeconds()) -> Bool { now >= nextTry }

    mutating func failed(now: Double = monotonicSeconds()) {
        let wait = failures == 0 ? 0 : min(ReconnectBackoff.longest, ReconnectBackoff.first * Double(1 << min(failures - 1, 16)))
        failures += 1
        nextTry = now + wait
    }

    mutating func succeeded() { failures = 0; nextTry = 0 }

    /// Whole seconds until the next try (at least 1 while waiting), for messages.
    func secondsLeft(now: Double = monotonicSeconds()) -> Int { max(1, Int((nextTry - now).rounded(.up))) }
}

/// Seconds on the monotonic clock (for retry intervals only, never for event times).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
