/// When a guard counts as silent: the one rule for the console's `‼ silent`, the
/// dispatch picker's "silent" and the report's silent periods.
///
/// A guard on duty and free of dispatches is silent once more than
/// `policy.silentAfter` (15 minutes) has passed since their last sign of life:
/// the later of going on duty, their last checkpoint scan, and the end of their
/// last job (a dispatch cleared, declined, withdrawn or reassigned away). A
/// guard holding a dispatch is never silent: the dispatch's own clocks watch
/// them. The end of a job counts because the dispatch accounted for the guard
/// until then: someone who has just cleared a 28-minute job has not been
/// silent for 28 minutes.
public enum SilenceRule {
    /// The last sign of life of a guard on duty; nil off duty.
    public static func lastSign(of g: Guard) -> Timestamp? {
        guard g.onDuty, let since = g.onDutySince else { return nil }
        return lastSign(onDutySince: since, lastScan: g.lastScan?.at, jobEnded: g.jobEndedAt)
    }

    /// The later of going on duty, the last scan and the end of the last job
    /// (scans and job ends from before going on duty do not count: going on duty is later).
    public static func lastSign(onDutySince: Timestamp, lastScan: Timestamp?, jobEnded: Timestamp?) -> Timestamp {
        later(later(onDutySince, lastScan), jobEnded)
    }

    /// True when `g` is silent at `now`.
    public static func isSilent(_ g: Guard, now: Timestamp, policy: Policy) -> Bool {
        guard g.status.isFree, g.openDispatch == nil, let last = lastSign(of: g) else { return false }
        return isSilence(from: last, to: now, silentAfter: policy.silentAfter)
    }

    /// How long `g` has given no sign of life at `now` (nil off duty).
    public static func quietFor(_ g: Guard, now: Timestamp) -> Span? {
        lastSign(of: g).map { now - $0 }
    }

    /// True when a stretch without a sign of life from `from` to `to` is a silence:
    /// strictly longer than `silentAfter` (exactly 15 minutes is not yet silent).
    public static func isSilence(from: Timestamp, to: Timestamp, silentAfter: Span) -> Bool {
        to - from > silentAfter
    }

    /// The later of two moments, either of which may be missing.
    public static func later(_ a: Timestamp, _ b: Timestamp?) -> Timestamp {
        guard let b else { return a }
        return max(a, b)
    }
}
