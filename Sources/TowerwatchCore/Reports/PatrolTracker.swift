/// Follows one guard's duty stretch inside a report: patrol rounds and silences.
///
/// The route is the checkpoints of the guard's home tower. Rounds are
/// consecutive slots of `round` length counted from the moment the guard went
/// on duty; a round counts only when it lies wholly inside the report and the
/// duty stretch. In a round that counts, every route checkpoint the guard did
/// not scan at least once is one checkpoint missed. A round in which the guard
/// held a dispatch at any moment is excused: the dispatch took them off the route.
struct PatrolTracker: Sendable {
    let guardID: GuardID
    /// The section the stretch counts in: the drill flag of the record that put the guard on duty.
    let drill: Bool
    let round: Span
    let silentAfter: Span
    /// Rounds that start before this moment are not counted (the report's start).
    let countFrom: Timestamp

    var roundStart: Timestamp
    var roundScanned: Set<CheckpointID> = []
    var roundBusy = false
    var busy: Bool
    /// The last sign of life while free of dispatches; nil while busy.
    var freeSince: Timestamp?

    var rounds = 0
    var excused = 0
    var missed = 0
    var silences: [SilentPeriod] = []

    /// Starts following a guard at `start` (the report's start or the moment they went on duty).
    init(guardID: GuardID, drill: Bool, onDutySince: Timestamp, lastSign: Timestamp, start: Timestamp,
         busy: Bool, round: Span, silentAfter: Span) {
        self.guardID = guardID
        self.drill = drill
        self.round = round
        self.silentAfter = silentAfter
        countFrom = start
        // The first whole round that begins at or after `start`.
        let behind = start - onDutySince
        let k = behind.millis <= 0 ? 0 : (behind.millis + round.millis - 1) / round.millis
        roundStart = onDutySince + Span(millis: k * round.millis)
        self.busy = busy
        roundBusy = busy
        freeSince = busy ? nil : max(lastSign, start)
    }

    /// Closes every round that ended at or before `t`, against `route`.
    mutating func advance(to t: Timestamp, route: [CheckpointID]) {
        while t >= roundStart + round {
            if roundStart >= countFrom {
                rounds += 1
                if roundBusy { excused += 1 }
                else { missed += route.reduce(0) { $0 + (roundScanned.contains($1) ? 0 : 1) } }
            }
            roundStart = roundStart + round
            roundScanned.removeAll(keepingCapacity: true)
            roundBusy = busy
        }
    }

    mutating func scanned(_ checkpoint: CheckpointID, at t: Timestamp, route: [CheckpointID]) {
        advance(to: t, route: route)
        if t >= roundStart { roundScanned.insert(checkpoint) }
        if let since = freeSince {
            endSilence(from: since, to: t, by: .scan)
            freeSince = t
        }
    }

    mutating func dispatched(at t: Timestamp, route: [CheckpointID]) {
        advance(to: t, route: route)
        if let since = freeSince { endSilence(from: since, to: t, by: .dispatch) }
        freeSince = nil
        busy = true
        roundBusy = true
    }

    mutating func released(at t: Timestamp, route: [CheckpointID]) {
        advance(to: t, route: route)
        busy = false
        if t < roundStart { roundBusy = false }
        freeSince = t
    }

    /// Ends the stretch (off duty, or the report's end); the unfinished round does not count.
    mutating func finish(at t: Timestamp, by end: SilenceEnd, route: [CheckpointID]) {
        advance(to: t, route: route)
        if let since = freeSince { endSilence(from: since, to: t, by: end) }
        freeSince = nil
    }

    private mutating func endSilence(from: Timestamp, to: Timestamp, by end: SilenceEnd) {
        guard to - from > silentAfter else { return }
        silences.append(SilentPeriod(guardID: guardID, from: from, to: to, endedBy: end, drill: drill))
    }
}
