/// The after-action report as a pure fold over a log's records.
///
/// Feed every record of a log, oldest first, with `add`; read the report with
/// `report()`. No I/O and no wall clock: the only times are the records' own
/// and the window's bounds, so the same records always give the same report.
///
/// ## The window
/// - Records before `from` are folded into the district (names, routes, who is
///   on duty, open dispatches) but count in no figure.
/// - Records at or after `to` are not read at all.
/// - Clocks still running at the end (an open hazard, an unanswered dispatch)
///   are read at `to`, or at the log's last record if that comes first.
/// - Hazards count when reported inside the window; dispatches when sent inside it.
///
/// ## Drills
/// Drill records never count in live figures: a hazard is a drill when its
/// report was, a dispatch when its record was or its hazard is, a scan when its
/// record was, and a guard's patrol stretch when the record that put them on
/// duty was. `report().drill` holds them apart from `report().live`.
///
/// ## Definitions
/// - Per dispatch: time to acknowledge, time to scene and time to clear, all
///   from the dispatch; within target when on scene within `policy.sceneTarget`
///   (5 minutes). Answered late: acknowledged after `policy.ackTimeout`, or on
///   scene after the scene target, or still waiting for that step past the limit
///   when the dispatch ended or the report did.
/// - Per hazard: report → first guard on scene against the scene target; report →
///   closed (rectified) against `policy.rectifyTarget` (30 minutes).
/// - Per guard: the route is the checkpoints of the guard's home tower, to be
///   covered once per patrol round (`patrolRound`, 60 minutes by default) while on
///   duty; see `PatrolTracker`. A silent period is a stretch longer than
///   `policy.silentAfter` while on duty and free of dispatches with no sign of
///   life: it runs from the last sign (going on duty, a scan, the end of a
///   dispatch, or the window's start) to the next scan, a dispatch, going off
///   duty, or the report's end. Unlike the live console, the end of a dispatch
///   restarts the silence clock, since the dispatch accounted for the guard.
/// - Per tower: from its hazards. Per team: from its guards' dispatches and patrols.
/// - Medians of an even count are the mean of the two middle values, rounded
///   down to the millisecond; medians and worst cases use stopped clocks only.
public struct ShiftReport: Sendable {
    public let from: Timestamp?
    public let to: Timestamp?
    public let policy: Policy
    public let patrolRound: Span

    /// The district folded so far (including records before `from`).
    public private(set) var state = DistrictState()
    /// Records that could not be folded (impossible events): skipped, counted.
    public private(set) var skipped = 0

    private var firstTime: Timestamp?
    private var lastSeen: Timestamp?
    private var opened = false
    private var hazardOrder: [HazardID] = []
    private var dispatchOrder: [DispatchID] = []
    private var dispatchDrill: [DispatchID: Bool] = [:]
    /// Per dispatch, the guard's steps written by another account (see `DispatchReportRow.writtenByOthers`).
    private var stepAccounts: [DispatchID: [String]] = [:]
    /// The drill flag of the record that last put each guard on duty.
    private var dutyDrill: [GuardID: Bool] = [:]
    private var trackers: [GuardID: PatrolTracker] = [:]
    private var tallies: [TallyKey: GuardTally] = [:]

    struct TallyKey: Hashable, Sendable { var guardID: GuardID; var drill: Bool }
    struct GuardTally: Sendable {
        var scans = 0
        var checkpoints: Set<CheckpointID> = []
        var rounds = 0, excused = 0, missed = 0
        var silences: [SilentPeriod] = []
    }

    public init(from: Timestamp? = nil, to: Timestamp? = nil, policy: Policy = .standard, patrolRound: Span = .minutes(60)) {
        precondition(patrolRound.millis > 0, "a patrol round must last some time")
        self.from = from
        self.to = to
        self.policy = policy
        self.patrolRound = patrolRound
    }

    // MARK: - Folding

    /// Folds one record (oldest first). Records at or after `to` are ignored.
    public mutating func add(_ record: EventRecord) {
        let t = record.time
        lastSeen = max(lastSeen ?? t, t)
        if let to, t >= to { return }
        if firstTime == nil { firstTime = t }
        if !opened, from.map({ t >= $0 }) ?? true { open(at: from ?? t) }

        if state.apply(record) != nil { skipped += 1; return }
        if let account = record.account, !state.accounts.isEmpty { noteStepAccount(record, account) }

        switch record.event {
        case let .guardWentOnDuty(g):
            dutyDrill[g] = record.drill
            if opened { startTracker(g, at: t) }
        case let .guardWentOffDuty(g):
            guard opened, var tracker = trackers.removeValue(forKey: g) else { break }
            tracker.finish(at: t, by: .offDuty, route: route(of: g))
            merge(tracker)
        case let .checkpointScanned(g, cp):
            guard opened else { break }
            tallies[TallyKey(guardID: g, drill: record.drill), default: GuardTally()].scans += 1
            tallies[TallyKey(guardID: g, drill: record.drill), default: GuardTally()].checkpoints.insert(cp)
            let route = route(of: g)
            trackers[g]?.scanned(cp, at: t, route: route)
        case let .hazardReported(id, _, _, _, _, _, _, _, _):
            if opened { hazardOrder.append(id) }
        case let .guardDispatched(id, hz, g):
            dispatchDrill[id] = record.drill || (state.hazards[hz]?.drill ?? false)
            guard opened else { break }
            dispatchOrder.append(id)
            let route = route(of: g)
            trackers[g]?.dispatched(at: t, route: route)
        case let .dispatchCleared(id, _, _), let .dispatchDeclined(id, _, _), let .dispatchWithdrawn(id, _):
            guard opened, let g = state.dispatches[id]?.guard else { break }
            let route = route(of: g)
            trackers[g]?.released(at: t, route: route)
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled, .districtTimeZoneSet,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .shiftStarted, .shiftEnded, .dispatchAcknowledged,
             .guardArrivedOnScene, .hazardEscalated, .hazardClosed, .hazardNoteAdded, .bulletinIssued, .alarmRaised:
            break  // moves no guard's tally or silence clock
        }
    }

    /// Remembers a guard's step on a dispatch that an account other than the guard's own wrote.
    private mutating func noteStepAccount(_ record: EventRecord, _ account: String) {
        let step: (DispatchID, GuardID, String)
        if case let .dispatchAcknowledged(id, g, channel) = record.event {
            step = (id, g, channel == .console ? "ack" : "ack (\(channel.rawValue))")
        } else if case let .guardArrivedOnScene(id, g) = record.event {
            step = (id, g, "on scene")
        } else if case let .dispatchCleared(id, g, _) = record.event {
            step = (id, g, "cleared")
        } else if case let .dispatchDeclined(id, g, _) = record.event {
            step = (id, g, "declined")
        } else {
            return  // not a guard's step
        }
        guard state.accounts[account] != .guard(step.1) else { return }
        stepAccounts[step.0, default: []].append("\(step.2) by \(account)")
    }

    /// Opens the window: every guard already on duty is followed from `start`.
    private mutating func open(at start: Timestamp) {
        opened = true
        for g in state.guardOrder {
            guard let gd = state.guards[g], gd.onDuty else { continue }
            startTracker(g, at: start)
        }
    }

    private mutating func startTracker(_ g: GuardID, at t: Timestamp) {
        guard let gd = state.guards[g] else { return }
        let since = gd.onDutySince ?? t
        let lastSign = max(since, gd.lastScan?.at ?? since)
        let drill = dutyDrill[g] ?? false
        trackers[g] = PatrolTracker(guardID: g, drill: drill, onDutySince: since, lastSign: lastSign, start: t,
                                    busy: gd.openDispatch != nil, round: patrolRound, silentAfter: policy.silentAfter)
        _ = tallies[TallyKey(guardID: g, drill: drill), default: GuardTally()]
    }

    private func route(of g: GuardID) -> [CheckpointID] {
        state.guards[g].flatMap { state.towers[$0.homeTower]?.checkpoints } ?? []
    }

    private mutating func merge(_ tracker: PatrolTracker) {
        let key = TallyKey(guardID: tracker.guardID, drill: tracker.drill)
        tallies[key, default: GuardTally()].rounds += tracker.rounds
        tallies[key, default: GuardTally()].excused += tracker.excused
        tallies[key, default: GuardTally()].missed += tracker.missed
        tallies[key, default: GuardTally()].silences += tracker.silences
    }

    // MARK: - Reading

    /// The moment running clocks are read at: `to`, or the last record if that comes first.
    public var end: Timestamp? {
        guard let lastSeen else { return to }
        return to.map { min($0, lastSeen) } ?? lastSeen
    }

    /// The report of everything folded so far.
    public func report() -> AfterActionReport {
        var copy = self
        let end = self.end ?? from ?? Timestamp(millis: 0)
        if !copy.opened { copy.open(at: from ?? end) }
        for g in copy.trackers.keys.sorted() {
            var tracker = copy.trackers.removeValue(forKey: g)!
            tracker.finish(at: max(end, tracker.countFrom), by: .reportEnd, route: copy.route(of: g))
            copy.merge(tracker)
        }
        return AfterActionReport(
            from: from, to: to, start: from ?? firstTime, end: self.end, policy: policy, patrolRound: patrolRound,
            skippedRecords: skipped,
            live: copy.section(drill: false, end: end), drill: copy.section(drill: true, end: end))
    }

    // MARK: - Building the tables

    private func section(drill: Bool, end: Timestamp) -> ReportSection {
        var s = ReportSection(drill: drill)
        s.dispatches = dispatchOrder.filter { dispatchDrill[$0] == drill }.compactMap { dispatchRow($0, end: end) }
        s.hazards = hazardOrder.compactMap { state.hazards[$0] }.filter { $0.drill == drill }.map { hazardRow($0, end: end) }
        s.guards = guardRows(drill: drill, dispatches: s.dispatches)
        s.towers = towerRows(s)
        s.teams = teamRows(s)
        s.byCategory = HazardCategory.allCases.compactMap { c in
            let n = s.hazards.count { $0.category == c }
            return n > 0 ? (c, n) : nil
        }
        s.bySource = HazardSource.allCases.compactMap { src in
            let n = s.hazards.count { $0.source == src }
            return n > 0 ? (src, n) : nil
        }
        for d in s.dispatches { if let t = d.toScene { s.sceneHistogram.add(t) } }
        s.worstScene = Array(s.dispatches
            .compactMap { d -> (DispatchReportRow, Span)? in
                if let t = d.toScene { return (d, t) }
                if d.arrivedLate, let w = d.waited { return (d, w) }
                return nil
            }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
            .prefix(10).map(\.0))
        s.worstRectify = Array(s.hazards
            .compactMap { h -> (HazardReportRow, Span)? in (h.toRectify ?? h.openFor).map { (h, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
            .prefix(10).map(\.0))
        return s
    }

    private func dispatchRow(_ id: DispatchID, end: Timestamp) -> DispatchReportRow? {
        guard let d = state.dispatches[id], let h = state.hazards[d.hazard] else { return nil }
        let g = state.guards[d.guard]
        let ack = d.acknowledgedAt.map { $0 - d.assignedAt }
        let scene = d.arrivedAt.map { $0 - d.assignedAt }
        let stoppedAt = d.endedAt ?? end
        let waited: Span? = scene == nil ? stoppedAt - d.assignedAt : nil
        let ackLate = ack.map { $0 > policy.ackTimeout } ?? (waited.map { $0 > policy.ackTimeout } ?? false)
        let sceneLate = scene.map { $0 > policy.sceneTarget } ?? (waited.map { $0 > policy.sceneTarget } ?? false)
        let within: Bool? = scene.map { $0 <= policy.sceneTarget } ?? (sceneLate ? false : nil)
        return DispatchReportRow(
            id: id, hazard: d.hazard, guardID: d.guard, guardName: g?.name ?? d.guard.raw,
            team: g?.team ?? TeamID(""), teamName: g.flatMap { state.teams[$0.team]?.name } ?? "",
            tower: h.tower, towerName: state.towers[h.tower]?.name ?? h.tower.raw, floor: h.floor, zone: h.zone,
            category: h.category, source: h.source, assignedAt: d.assignedAt, acknowledgedAt: d.acknowledgedAt,
            arrivedAt: d.arrivedAt, clearedAt: d.clearedAt, outcome: d.phase, drill: dispatchDrill[id] ?? false,
            toAcknowledge: ack, toScene: scene, toClear: d.clearedAt.map { $0 - d.assignedAt }, waited: waited,
            sceneWithinTarget: within, acknowledgedLate: ackLate, arrivedLate: sceneLate, writtenByOthers: stepAccounts[id] ?? [])
    }

    private func hazardRow(_ h: Hazard, end: Timestamp) -> HazardReportRow {
        let scene = h.firstArrivalAt.map { $0 - h.reportedAt }
        let rectify = h.closedAt.map { $0 - h.reportedAt }
        let openFor: Span? = h.closedAt == nil ? end - h.reportedAt : nil
        // Nobody on scene: undecided until the target passes, while open or after the close.
        let sceneWait = (h.closedAt ?? end) - h.reportedAt
        let sceneOK: Bool? = scene.map { $0 <= policy.sceneTarget } ?? (sceneWait > policy.sceneTarget ? false : nil)
        let rectifyOK: Bool? = rectify.map { $0 <= policy.rectifyTarget } ?? (openFor.map { $0 > policy.rectifyTarget } == true ? false : nil)
        return HazardReportRow(
            id: h.id, category: h.category, source: h.source, severity: h.severity, tower: h.tower,
            towerName: state.towers[h.tower]?.name ?? h.tower.raw, floor: h.floor, zone: h.zone, reportedAt: h.reportedAt,
            firstArrivalAt: h.firstArrivalAt, closedAt: h.closedAt, dispatches: h.dispatches.count, drill: h.drill,
            toFirstScene: scene, toRectify: rectify, openFor: openFor, sceneWithinTarget: sceneOK, rectifyWithinTarget: rectifyOK)
    }

    private func guardRows(drill: Bool, dispatches: [DispatchReportRow]) -> [GuardReportRow] {
        let sent = Set(dispatches.map(\.guardID))
        return state.guardOrder.compactMap { g -> GuardReportRow? in
            let tally = tallies[TallyKey(guardID: g, drill: drill)]
            guard tally != nil || sent.contains(g), let gd = state.guards[g] else { return nil }
            let t = tally ?? GuardTally()
            let mine = dispatches.filter { $0.guardID == g }
            return GuardReportRow(
                id: g, name: gd.name, team: gd.team, teamName: state.teams[gd.team]?.name ?? gd.team.raw,
                homeTower: gd.homeTower, drill: drill, scans: t.scans, checkpointsScanned: t.checkpoints.count,
                routeLength: route(of: g).count, rounds: t.rounds, roundsExcused: t.excused, checkpointsMissed: t.missed,
                silentPeriods: t.silences.sorted { $0.from < $1.from }, dispatches: mine.count,
                lateDispatches: mine.count { $0.late })
        }
    }

    private func towerRows(_ s: ReportSection) -> [TowerReportRow] {
        let touched = Set(s.hazards.map(\.tower)).union(s.dispatches.map(\.tower))
        return state.towerOrder.filter(touched.contains).map { id in
            let hz = s.hazards.filter { $0.tower == id }
            let ds = s.dispatches.filter { $0.tower == id }
            let scene = hz.compactMap { h in h.toFirstScene.map { (h.id, $0) } }
            let rectify = hz.compactMap { h in h.toRectify.map { (h.id, $0) } }
            let sceneWorst = scene.max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }
            let rectifyWorst = rectify.max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }
            return TowerReportRow(
                id: id, name: state.towers[id]?.name ?? id.raw, hazards: hz.count, rectified: rectify.count,
                dispatches: ds.count, lateDispatches: ds.count { $0.late },
                sceneMedian: ReportStatistics.median(scene.map(\.1)), sceneWorst: sceneWorst?.1, sceneWorstHazard: sceneWorst?.0,
                sceneMissed: hz.count { $0.sceneWithinTarget == false },
                rectifyMedian: ReportStatistics.median(rectify.map(\.1)), rectifyWorst: rectifyWorst?.1,
                rectifyWorstHazard: rectifyWorst?.0, rectifyMissed: hz.count { $0.rectifyWithinTarget == false })
        }
    }

    private func teamRows(_ s: ReportSection) -> [TeamReportRow] {
        let touched = Set(s.guards.map(\.team))
        return state.teamOrder.filter(touched.contains).map { id in
            let gs = s.guards.filter { $0.team == id }
            let members = Set(gs.map(\.id))
            let ds = s.dispatches.filter { members.contains($0.guardID) }
            let acks = ds.compactMap(\.toAcknowledge)
            let scene = ds.compactMap { d in d.toScene.map { (d.id, $0) } }
            let worst = scene.max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }
            return TeamReportRow(
                id: id, name: state.teams[id]?.name ?? id.raw, guards: gs.count, dispatches: ds.count,
                lateDispatches: ds.count { $0.late }, ackMedian: ReportStatistics.median(acks), ackWorst: acks.max(),
                sceneMedian: ReportStatistics.median(scene.map(\.1)), sceneWorst: worst?.1, sceneWorstDispatch: worst?.0,
                scans: gs.reduce(0) { $0 + $1.scans }, checkpointsMissed: gs.reduce(0) { $0 + $1.checkpointsMissed },
                silentPeriods: gs.reduce(0) { $0 + $1.silentPeriods.count })
        }
    }
}

extension ShiftReport {
    /// The report of `records` (oldest first) over a window: a convenience for tests and small logs.
    public static func of(_ records: some Sequence<EventRecord>, from: Timestamp? = nil, to: Timestamp? = nil,
                          policy: Policy = .standard, patrolRound: Span = .minutes(60)) -> AfterActionReport {
        var r = ShiftReport(from: from, to: to, policy: policy, patrolRound: patrolRound)
        for record in records { r.add(record) }
        return r.report()
    }
}
