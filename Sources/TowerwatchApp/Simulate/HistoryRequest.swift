import TowerwatchCore
import TowerwatchDemo

/// What `towerwatch simulate --history LENGTH [--start TIME]` asks for, checked
/// before anything is written: a length of at most a year, a start that can be
/// read, and a past that neither overlaps what the log already holds nor runs
/// into the future.
public struct HistoryRequest: Sendable, Hashable {
    public var length: Span
    public var start: Timestamp

    /// Reads `--history` and `--start` at `now`; without a start, the history ends now.
    /// `--start` is local time in `local` (the district's zone) unless it carries `Z` or an offset.
    ///
    /// - Throws: a `Rejection` saying which option is wrong and how to fix it.
    public init(history: String, start: String?, now: Timestamp, local: LocalTimeText) throws(Rejection) {
        guard let length = SimulationLength.parse(history), length <= .days(366) else {
            throw Rejection("--history \(history): give a length like 30d, 2w or 1y (at most a year)")
        }
        self.length = length
        if let start {
            guard let t = TypedTime.parse(start, in: local) else { throw Rejection("--start \(start): not a time") }
            self.start = t
        } else {
            self.start = now - length
        }
        guard self.start + length <= now else {
            throw Rejection("\(history) of history from \(local.dateTime(self.start)) would run past now (\(local.dateTime(now))): "
                            + "give an earlier --start or a shorter --history")
        }
    }

    /// Checks the history against the log it goes into, whose last record is at
    /// `lastTime` (nil: an empty or new log): it must start after it.
    public func check(against lastTime: Timestamp?, log: String) throws(Rejection) {
        if let lastTime, lastTime > start {
            throw Rejection("\(log) already runs to \(lastTime.iso8601): history from \(start.iso8601) would overlap it; "
                            + "give a later --start or a new log")
        }
    }
}
