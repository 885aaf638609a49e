import TowerwatchCore

/// How a time typed on the command line relates to the log it is meant for.
enum TypedTimeFit {
    /// It must fall within the log's records; one earlier on the first record's
    /// local day, or later on the last one's, stands for that end (a date alone,
    /// `--from 2026-11-29`, means the whole day).
    case clampedToLog
    /// It must fall on a day the log covers, and is used as typed (a fork's moment).
    case withinLogDays
    /// Any moment (a report's window may reach past the log).
    case anywhere
}

/// Reads `--from`, `--to`, `--at`: local time in the district's zone unless the
/// text carries `Z` or an offset. A time that cannot be read, or lies outside
/// the log, is refused with the log's range: never moved somewhere else silently.
func typedTime(_ text: String?, flag: String, local: LocalTimeText, log: ClosedRange<Timestamp>?, fallback: Timestamp,
               fit: TypedTimeFit = .clampedToLog) throws -> Timestamp {
    guard let text else { return fallback }
    let range = log.map { " (the log runs \(local.range($0.lowerBound, $0.upperBound)))" } ?? ""
    guard let t = TypedTime.parse(text, in: local) else {
        throw Failure(message: "\(flag) \(text): not a time; use 2026-11-29, 2026-11-29T14:30, 2026-11-29T14:30:15, "
                      + "or add Z or an offset (2026-11-29T14:30+08:00); times without one are \(local.zoneLabel(fallback))" + range, status: 2)
    }
    guard let log, fit != .anywhere, !log.contains(t) else { return t }
    let firstDay = local.startOfDay(log.lowerBound)
    let afterLastDay = local.startOfDay(local.startOfDay(log.upperBound) + .hours(36))
    guard t >= firstDay, t < afterLastDay else {
        throw Failure(message: "\(flag) \(text) (\(local.dateTime(t))) is outside the log\(range)", status: 2)
    }
    return fit == .clampedToLog ? min(max(t, log.lowerBound), log.upperBound) : t
}
