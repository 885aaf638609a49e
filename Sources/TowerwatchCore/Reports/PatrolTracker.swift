/// Follows one guard's duty stretch inside a report: patrol rounds and silences.
///
/// The route is the checkpoints of the guard's home tower. Rounds are
/// consecutive slots of `round` length counted from the moment the guard went
/// on duty; a round counts only when it lies wholly inside the report and the
/// duty stretch. In a round that counts, every route checkpoint the guard did
/// not scan at least once is one checkpoint missed. A round in which the guard
/// held a dispatch at any moment is excused: the dispatch took them off the route.
///
/// Silences follow `SilenceRule`: the clock runs from the last sign of life
/// (which may lie before the report's start: the start is no sign of life), and
/// a silence that began before the start is clipped to it and marked so.
struct PatrolTracker: Sendable {
    let guardID: GuardID
    /// The section the stretch counts in: the drill flag of the record that put the guard on duty.
    let drill: Bool
    let round: Span
    let silentAfter: Span
    let route: [CheckpointID]
    /// Rounds that start before this moment are not counted, and silences are clipped to it (the report's start).
    let countFrom: Timestamp

    var roundStart: Timestamp
    /// Route checkpoints scanned in this round, as bits of their place in the route (`RouteBits`).
    var roundScanned = RouteBits()
    var roundBusy = false
    var busy: Bool
    /// The last sign of life while free of dispatches; nil while busy.
    var freeSince: Timestamp?

    var rounds = 0
    var excused = 0
    var missed = 0
    var silences: [SilentPeriod] = []

    /// Starts following a guard at `start` (the report's start or the moment they went on duty),
    /// `lastSign` being their last sign of life by `SilenceRule`.
    init(guardID: GuardID, drill: Bool, onDutySince: Timestamp, lastSign: Timestamp, start: Timestamp,
         busy: Bool, route: [CheckpointID], round: Span, silentAfter: Span) {
        self.guardID = guardID
        self.drill = drill
        self.round = round
        self.silentAfter = silentAfter
        self.route = route
        countFrom = start
        // The first whole round that begins at or after `start`.
        let behind = start - onDutySince
        let k = behind.millis <= 0 ? 0 : (behind.millis + round.millis - 1) / round.millis
        roundStart = onDutySince + Span(millis: k * round.millis)
        self.busy = busy
        roundBusy = busy
        freeSince = busy ? nil : lastSign
    }

    /// Closes every round that ended at or before `t`.
    mutating func advance(to t: Timestamp) {
        while t >= roundStart + round {
            if roundStart >= countFrom {
                rounds += 1
                if roundBusy { excused += 1 }
                else { missed += roundScanned.missing(of: route) }
            }
            roundStart = roundStart + round
            roundScanned.removeAll()
            roundBusy = busy
        }
    }

    /// A scan of the `place`-th checkpoint of the route (nil: one off the route).
    mutating func scanned(place: Int?, at t: Timestamp) {
        if t >= roundStart + round { advance(to: t) }
        if t >= roundStart, let place { roundScanned.insert(place) }
        if let since = freeSince {
            endSilence(from: since, to: t, by: .scan)
            freeSince = SilenceRule.later(since, t)
        }
    }

    mutating func dispatched(at t: Timestamp) {
        advance(to: t)
        if let since = freeSince { endSilence(from: since, to: t, by: .dispatch) }
        freeSince = nil
        busy = true
        roundBusy = true
    }

    mutating func released(at t: Timestamp) {
        advance(to: t)
        busy = false
        if t < roundStart { roundBusy = false }
        freeSince = t
    }

    /// Ends the stretch (off duty, or the report's end); the unfinished round does not count.
    mutating func finish(at t: Timestamp, by end: SilenceEnd) {
        advance(to: t)
        if let since = freeSince { endSilence(from: since, to: t, by: end) }
        freeSince = nil
    }

    private mutating func endSilence(from: Timestamp, to: Timestamp, by end: SilenceEnd) {
        guard SilenceRule.isSilence(from: from, to: to, silentAfter: silentAfter) else { return }
        let clipped = from < countFrom
        silences.append(SilentPeriod(guardID: guardID, from: clipped ? countFrom : from, to: to, began: from,
                                     endedBy: end, drill: drill))
    }
}

/// A set of places in a patrol route (0, 1, 2... in route order): bits of one word
/// for the first 64, a set beyond. A report checks every scan against the route,
/// fifteen million times a year: this costs no hashing.
struct RouteBits: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: Set<Int> = []

    mutating func insert(_ place: Int) {
        if place < 64 { low |= 1 << UInt64(place) } else { high.insert(place) }
    }

    mutating func removeAll() { low = 0; if !high.isEmpty { high.removeAll() } }

    var count: Int { low.nonzeroBitCount + high.count }

    /// How many places of `route` are not in the set.
    func missing(of route: [CheckpointID]) -> Int { route.count - count }

    /// The place of `checkpoint` in `route`, or nil when it is not on it.
    @inline(__always)
    static func place(of checkpoint: CheckpointID, in route: [CheckpointID]) -> Int? {
        route.firstIndex(of: checkpoint)
    }
}
