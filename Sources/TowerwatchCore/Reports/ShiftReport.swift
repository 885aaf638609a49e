/// The after-action report as a pure fold over a log's records.
///
/// Feed every record of a log, oldest first, with `add`; read the report with
/// `report()`. No I/O and no wall clock: the only times are the records' own
/// and the window's bounds, so the same records always give the same report.
///
/// ## One pass, whatever the log's length
/// The district's state (`DistrictState`) keeps only a day of closed hazards,
/// so the report never reads hazards or dispatches back from it: it keeps its
/// own copy of each hazard and dispatch that falls in the window, taken as
/// their records go by. What it holds grows with the rows it prints (the
/// window's hazards, dispatches, alarms and silences), never with the log.
///
/// ## The window
/// - Records before `from` are folded into the district (names, routes, who is
///   on duty, open hazards and dispatches) but count in no figure.
/// - Records at or after `to` are not read at all.
/// - Clocks still running at the end (an open hazard, an unanswered dispatch)
///   are read at `to`, or at the log's last record if that comes first.
/// - Hazards count as reported when reported inside the window; dispatches as
///   sent when sent inside it. Hazards and dispatches still open at the window's
///   start are counted apart (`openAtStart`), and their closes and ends inside
///   the window count, so that open at the start + reported − closed = open at
///   the end, exactly.
/// - The window's start is not a sign of life: a guard silent since before it is
///   silent inside it, the silence clipped to the window and labelled so.
///
/// ## Drills
/// Drill records never count in live figures: a hazard is a drill when its
/// report was, a dispatch when its record was or its hazard is, a scan when its
/// record was, an alarm when its hazard is, and a guard's patrol stretch when the
/// record that put them on duty was. `report().drill` holds them apart from
/// `report().live`.
///
/// ## Definitions
/// - Per dispatch: time to acknowledge, time to scene and time to clear, all
///   from the dispatch; within target when on scene within `policy.sceneTarget`
///   (5 minutes). Answered late: acknowledged after `policy.ackTimeout`, or on
///   scene after the scene target, or still waiting for that step past the limit
///   when the dispatch ended or the report did.
/// - Per hazard: report → first guard on scene against the scene target; first
///   dispatch → first guard on scene (how long the caller waited once a guard was
///   first sent, across a decline and a second dispatch); report → closed
///   (rectified) against `policy.rectifyTarget` (30 minutes).
/// - Per guard: the route is the checkpoints of the guard's home tower, to be
///   covered once per patrol round (`patrolRound`, 60 minutes by default) while on
///   duty; see `PatrolTracker`. Silences follow `SilenceRule`, the rule the
///   console uses: a stretch on duty and free of dispatches, longer than
///   `policy.silentAfter`, from the last sign of life (going on duty, a scan, the
///   end of a job) to the next scan, a dispatch, going off duty, or the report's end.
/// - Per tower: from its hazards reported in the window. Per team: from its
///   guards' dispatches and patrols.
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
    /// Records read, the window's and the others (for progress).
    public private(set) var recordsRead = 0

    private var firstTime: Timestamp?
    private var lastSeen: Timestamp?
    private var opened = false

    /// The report's own copy of every hazard reported in the window or open at its start.
    private var hazards: [HazardID: TrackedHazard] = [:]
    private var hazardOrder: [HazardID] = []
    private var carriedOrder: [HazardID] = []
    /// The report's own copy of every dispatch sent in the window or open at its start.
    private var dispatches: [DispatchID: TrackedDispatch] = [:]
    private var dispatchOrder: [DispatchID] = []
    private var alarms: [AlarmReportRow] = []
    /// Per dispatch in the window, the guard's steps written by another account (see `DispatchReportRow.writtenByOthers`).
    private var stepAccounts: [DispatchID: [String]] = [:]
    /// Closes and dispatch ends inside the window, live and drill.
    private var closed = [0, 0], ended = [0, 0], carriedDispatches = [0, 0]

    /// Before the window: the drill flag of each open dispatch, for those carried into it.
    private var openDispatchDrill: [DispatchID: Bool] = [:]
    /// The drill flag of the record that last put each guard on duty.
    private var dutyDrill: [GuardID: Bool] = [:]
    /// Each guard's patrol in the window: one lookup per scan.
    private var patrols: [GuardID: GuardPatrol] = [:]
    /// The programme's counts inside the window (the state keeps those since the start).
    private var programme = ProgrammeTally()

    struct TrackedHazard: Sendable {
        var hazard: Hazard
        var firstDispatchAt: Timestamp?
    }
    struct TrackedDispatch: Sendable {
        var dispatch: Dispatch
        var drill: Bool
    }
    struct GuardTally: Sendable {
        var scans = 0
        /// Distinct checkpoints scanned: those of the route by place, the others by id.
        var routeCheckpoints = RouteBits()
        var otherCheckpoints: Set<CheckpointID> = []
        var checkpointCount: Int { routeCheckpoints.count + otherCheckpoints.count }
        mutating func scanned(_ cp: CheckpointID, place: Int?) {
            scans += 1
            if let place { routeCheckpoints.insert(place) } else { otherCheckpoints.insert(cp) }
        }
        var rounds = 0, excused = 0, missed = 0
        var silences: [SilentPeriod] = []
    }
    /// A guard's tallies, live and drill, and the stretch on duty being followed.
    struct GuardPatrol: Sendable {
        var tracker: PatrolTracker?
        /// Two stored tallies rather than an array of two: a scan changes one in place
        /// with no array uniqueness or bounds check.
        var live: GuardTally?
        var drill: GuardTally?
        /// The home tower's checkpoints (a guard's home never changes).
        var route: [CheckpointID]
        /// Where the next scan most likely is: the place after the last one (guards walk
        /// their route in order), tried before searching the route.
        var nextPlace = 0

        init(route: [CheckpointID]) { self.route = route }

        /// A scan, counted in place: one call through the dictionary's storage (reading a
        /// field through `values[i]` would copy the whole patrol on every scan).
        @inline(__always)
        mutating func scanned(_ cp: CheckpointID, drill isDrill: Bool, at t: Timestamp) {
            let place = place(of: cp)
            tally(isDrill) { $0.scanned(cp, place: place) }
            tracker?.scanned(place: place, at: t)
        }

        /// The place of `cp` in the route (nil: off the route), the expected place first.
        @inline(__always)
        mutating func place(of cp: CheckpointID) -> Int? {
            let place: Int?
            if nextPlace < route.count, route[nextPlace] == cp { place = nextPlace } else { place = RouteBits.place(of: cp, in: route) }
            if let place { nextPlace = place + 1 == route.count ? 0 : place + 1 }
            return place
        }

        /// Changes the live or drill tally in place (copying it out would copy its set on every scan).
        @inline(__always)
        mutating func tally(_ isDrill: Bool, _ body: (inout GuardTally) -> Void) {
            if isDrill {
                if drill == nil { drill = GuardTally() }
                body(&drill!)
            } else {
                if live == nil { live = GuardTally() }
                body(&live!)
            }
        }

        func tally(_ isDrill: Bool) -> GuardTally? { isDrill ? drill : live }
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
    ///
    /// Nearly every record of a long log is a scan inside the window: those take a
    /// short path (the fold, one lookup of the guard's patrol, the route place
    /// expected next) and nothing else.
    public mutating func add(_ record: EventRecord) {
        recordsRead &+= 1
        let t = record.time
        if let seen = lastSeen { if t > seen { lastSeen = t } } else { lastSeen = t }
        if let to, t >= to { return }
        if !opened {
            if firstTime == nil { firstTime = t }
            if from.map({ t >= $0 }) ?? true { open(at: from ?? t) }
        }

        if state.apply(record) != nil { skipped += 1; return }
        if opened, case let .checkpointScanned(g, cp) = record.event {
            scanned(cp, by: g, drill: record.drill, at: t)  // a scan is nobody's step on a dispatch
            return
        }
        guard opened else {
            switch record.event {
            case let .guardWentOnDuty(g): dutyDrill[g] = record.drill
            case let .guardDispatched(id, hz, _): openDispatchDrill[id] = record.drill || (state.hazards[hz]?.drill ?? false)
            case let .dispatchCleared(id, _, _), let .dispatchDeclined(id, _, _), let .dispatchWithdrawn(id, _):
                openDispatchDrill[id] = nil
            case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
                 .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .shiftStarted,
                 .shiftEnded, .guardWentOffDuty,
                 .checkpointScanned, .hazardReported, .dispatchAcknowledged, .guardArrivedOnScene, .hazardEscalated,
                 .hazardClosed, .hazardNoteAdded, .bulletinIssued, .alarmRaised, .districtTimeZoneSet, .setUpLost,
                 .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
                break  // the state holds what the window needs of them
            }
            return
        }
        if let account = record.account, !state.accounts.isEmpty { noteStepAccount(record, account) }
        if let fact = ProgrammeFact(record, in: state) { programme.count(fact) }

        switch record.event {
        case let .checkpointScanned(g, cp):
            scanned(cp, by: g, drill: record.drill, at: t)
        case let .guardWentOnDuty(g):
            dutyDrill[g] = record.drill
            startTracker(g, at: t)
        case let .guardWentOffDuty(g):
            guard var tracker = patrols[g]?.tracker else { break }
            patrols[g]!.tracker = nil
            tracker.finish(at: t, by: .offDuty)
            merge(tracker)
        case let .hazardReported(id, _, _, _, _, _, _, _, _), let .hazardReportSplit(id, _, _):
            guard let h = state.hazards[id] else { break }
            hazards[id] = TrackedHazard(hazard: h)
            hazardOrder.append(id)
        case let .guardDispatched(id, hz, g):
            guard let d = state.dispatches[id] else { break }
            let drill = record.drill || (hazards[hz]?.hazard.drill ?? state.hazards[hz]?.drill ?? false)
            dispatches[id] = TrackedDispatch(dispatch: d, drill: drill)
            dispatchOrder.append(id)
            if hazards[hz] != nil, hazards[hz]!.firstDispatchAt == nil { hazards[hz]!.firstDispatchAt = t }
            refresh(hz)
            patrols[g]?.tracker?.dispatched(at: t)
        case let .dispatchAcknowledged(id, _, _):
            refresh(dispatch: id)
        case let .guardArrivedOnScene(id, _):
            refresh(dispatch: id)
            if let hz = dispatches[id]?.dispatch.hazard { refresh(hz) }
        case let .dispatchCleared(id, g, _), let .dispatchDeclined(id, g, _):
            jobEnded(id, guardID: g, at: t)
        case let .dispatchWithdrawn(id, _):
            guard let g = state.dispatches[id]?.guard else { break }
            jobEnded(id, guardID: g, at: t)
        case let .hazardEscalated(hz, _, _):
            refresh(hz)
        case let .hazardClosed(hz, _):
            refresh(hz)
            if let h = hazards[hz]?.hazard { closed[h.drill ? 1 : 0] += 1 }
        case let .alarmRaised(kind, hz, d):
            refresh(hz)
            let drill = record.drill || (hazards[hz]?.hazard.drill ?? state.hazards[hz]?.drill ?? false)
            alarms.append(AlarmReportRow(kind: kind, hazard: hz, dispatch: d, at: t, drill: drill))
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled, .districtTimeZoneSet,
             .captainAppointed, .officerEnrolled, .accountLinked, .accountUnlinked, .procedureDefined, .shiftStarted,
             .shiftEnded, .hazardNoteAdded, .bulletinIssued, .setUpLost, .hazardReportJoined, .rectifyBaselineSet, .safetyDrillHeld:
            break  // names and places, read from the state when the rows are made
        }
    }

    /// A scan in the window: counted in the guard's tally and patrol, in place.
    @inline(__always)
    private mutating func scanned(_ cp: CheckpointID, by g: GuardID, drill: Bool, at t: Timestamp) {
        guard let i = patrols.index(forKey: g) else {
            var patrol = GuardPatrol(route: route(of: g))
            let place = patrol.place(of: cp)
            patrol.tally(drill) { $0.scanned(cp, place: place) }
            patrols[g] = patrol
            return
        }
        patrols.values[i].scanned(cp, drill: drill, at: t)
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

    /// A dispatch ended (cleared, declined, withdrawn or reassigned away): its guard is free again.
    private mutating func jobEnded(_ id: DispatchID, guardID g: GuardID, at t: Timestamp) {
        refresh(dispatch: id)
        if let d = dispatches[id] { ended[d.drill ? 1 : 0] += 1 }
        patrols[g]?.tracker?.released(at: t)
    }

    /// Copies a tracked hazard from the state after a record changed it.
    private mutating func refresh(_ hz: HazardID) {
        guard hazards[hz] != nil, let h = state.hazards[hz] else { return }
        hazards[hz]!.hazard = h
    }

    private mutating func refresh(dispatch id: DispatchID) {
        guard dispatches[id] != nil, let d = state.dispatches[id] else { return }
        dispatches[id]!.dispatch = d
    }

    /// Opens the window: what is open now is carried in, and every guard already on
    /// duty is followed from `start` with their last sign of life before it.
    private mutating func open(at start: Timestamp) {
        opened = true
        defer { openDispatchDrill = [:] }
        for id in state.openHazards.sorted() {
            guard let h = state.hazards[id] else { continue }
            let first = h.dispatches.first.flatMap { state.dispatches[$0]?.assignedAt }
            hazards[id] = TrackedHazard(hazard: h, firstDispatchAt: first)
            carriedOrder.append(id)
            for did in h.dispatches {
                guard let d = state.dispatches[did], d.isOpen else { continue }
                let drill = openDispatchDrill[did] ?? h.drill
                dispatches[did] = TrackedDispatch(dispatch: d, drill: drill)
                carriedDispatches[drill ? 1 : 0] += 1
            }
        }
        for g in state.guardOrder {
            guard let gd = state.guards[g], gd.onDuty else { continue }
            startTracker(g, at: start)
        }
    }

    private mutating func startTracker(_ g: GuardID, at t: Timestamp) {
        guard let gd = state.guards[g] else { return }
        let since = gd.onDutySince ?? t
        let drill = dutyDrill[g] ?? false
        let tracker = PatrolTracker(guardID: g, drill: drill, onDutySince: since, lastSign: SilenceRule.lastSign(of: gd) ?? since,
                                    start: t, busy: gd.openDispatch != nil, route: route(of: g), round: patrolRound,
                                    silentAfter: policy.silentAfter)
        patrols[g, default: GuardPatrol(route: tracker.route)].tracker = tracker
        patrols[g]!.tally(drill) { _ in }
    }

    private func route(of g: GuardID) -> [CheckpointID] {
        state.guards[g].flatMap { state.towers[$0.homeTower]?.checkpoints } ?? []
    }

    private mutating func merge(_ tracker: PatrolTracker) {
        patrols[tracker.guardID, default: GuardPatrol(route: tracker.route)].tally(tracker.drill) {
            $0.rounds += tracker.rounds
            $0.excused += tracker.excused
            $0.missed += tracker.missed
            $0.silences += tracker.silences
        }
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
        for g in copy.patrols.keys.sorted() {
            guard var tracker = copy.patrols[g]?.tracker else { continue }
            copy.patrols[g]!.tracker = nil
            tracker.finish(at: max(end, tracker.countFrom), by: .reportEnd)
            copy.merge(tracker)
        }
        return AfterActionReport(
            from: from, to: to, start: from ?? firstTime, end: self.end, policy: policy, patrolRound: patrolRound,
            skippedRecords: skipped,
            live: copy.section(drill: false, end: end), drill: copy.section(drill: true, end: end),
            programme: ProgrammeFigures(programme, start: from ?? state.districtStart, at: end, state: state, policy: policy),
            programmeSinceStart: .sinceStart(of: state, at: end, policy: policy))
    }

    // MARK: - Building the tables

    private func section(drill: Bool, end: Timestamp) -> ReportSection {
        var s = ReportSection(drill: drill)
        let k = drill ? 1 : 0
        s.dispatches = dispatchOrder.compactMap { dispatches[$0] }.filter { $0.drill == drill }.compactMap { dispatchRow($0, end: end) }
        s.hazards = hazardOrder.compactMap { hazards[$0] }.filter { $0.hazard.drill == drill }.map { hazardRow($0, end: end) }
        s.openAtStart = carriedOrder.compactMap { hazards[$0] }.filter { $0.hazard.drill == drill }.map { hazardRow($0, end: end) }
        s.hazardsClosed = closed[k]
        if !drill {
            for days in RepeatTallies.windows {
                s.repeatOffenders += state.repeatOffences(days: days, endingAt: end).map { o in
                    RepeatReportRow(days: days, who: state.describe(o.key.subject), category: o.key.category, hazards: o.hazards,
                                    rectified: o.rectified, meanRectify: o.meanRectify, longestRectify: o.longestRectify)
                }
            }
        }
        s.dispatchesOpenAtStart = carriedDispatches[k]
        s.dispatchesEnded = ended[k]
        s.dispatchesOpenAtEnd = dispatches.values.count { $0.drill == drill && $0.dispatch.isOpen }
        s.alarms = alarms.filter { $0.drill == drill }
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

    private func dispatchRow(_ tracked: TrackedDispatch, end: Timestamp) -> DispatchReportRow? {
        let d = tracked.dispatch
        guard let h = hazards[d.hazard]?.hazard else { return nil }
        let g = state.guards[d.guard]
        let ack = d.acknowledgedAt.map { $0 - d.assignedAt }
        let scene = d.arrivedAt.map { $0 - d.assignedAt }
        let stoppedAt = d.endedAt ?? end
        let waited: Span? = scene == nil ? stoppedAt - d.assignedAt : nil
        let ackLate = ack.map { $0 > policy.ackTimeout } ?? (waited.map { $0 > policy.ackTimeout } ?? false)
        let sceneLate = scene.map { $0 > policy.sceneTarget } ?? (waited.map { $0 > policy.sceneTarget } ?? false)
        let within: Bool? = scene.map { $0 <= policy.sceneTarget } ?? (sceneLate ? false : nil)
        return DispatchReportRow(
            id: d.id, hazard: d.hazard, guardID: d.guard, guardName: g.map(state.guardLabel) ?? d.guard.raw,
            team: g?.team ?? TeamID(""), teamName: g.map { state.teamLabel($0.team) } ?? "",
            tower: h.tower, towerName: state.hazardPlaceLabel(h), floor: h.floor, zone: h.zone,
            category: h.category, source: h.source, assignedAt: d.assignedAt, acknowledgedAt: d.acknowledgedAt,
            arrivedAt: d.arrivedAt, clearedAt: d.clearedAt, outcome: d.phase, drill: tracked.drill,
            toAcknowledge: ack, toScene: scene, toClear: d.clearedAt.map { $0 - d.assignedAt }, waited: waited,
            sceneWithinTarget: within, acknowledgedLate: ackLate, arrivedLate: sceneLate, writtenByOthers: stepAccounts[d.id] ?? [])
    }

    private func hazardRow(_ tracked: TrackedHazard, end: Timestamp) -> HazardReportRow {
        let h = tracked.hazard
        let scene = h.firstArrivalAt.map { $0 - h.reportedAt }
        let rectify = h.closedAt.map { $0 - h.reportedAt }
        let openFor: Span? = h.closedAt == nil ? end - h.reportedAt : nil
        // Nobody on scene: undecided until the target passes, while open or after the close.
        let sceneWait = (h.closedAt ?? end) - h.reportedAt
        let sceneOK: Bool? = scene.map { $0 <= policy.sceneTarget } ?? (sceneWait > policy.sceneTarget ? false : nil)
        let rectifyOK: Bool? = rectify.map { $0 <= policy.rectifyTarget } ?? (openFor.map { $0 > policy.rectifyTarget } == true ? false : nil)
        let fromDispatch: Span? = tracked.firstDispatchAt.flatMap { first in h.firstArrivalAt.map { $0 - first } }
        return HazardReportRow(
            id: h.id, category: h.category, source: h.source, severity: h.severity, tower: h.tower,
            towerName: state.hazardPlaceLabel(h), floor: h.floor, zone: h.zone, reportedAt: h.reportedAt,
            firstDispatchAt: tracked.firstDispatchAt, firstArrivalAt: h.firstArrivalAt, closedAt: h.closedAt,
            dispatches: h.dispatches.count, alarms: h.alarms.count, drill: h.drill,
            toFirstScene: scene, firstDispatchToScene: fromDispatch, toRectify: rectify, openFor: openFor,
            sceneWithinTarget: sceneOK, rectifyWithinTarget: rectifyOK)
    }

    private func guardRows(drill: Bool, dispatches: [DispatchReportRow]) -> [GuardReportRow] {
        let sent = Set(dispatches.map(\.guardID))
        return state.guardOrder.compactMap { g -> GuardReportRow? in
            let tally = patrols[g]?.tally(drill)
            guard tally != nil || sent.contains(g), let gd = state.guards[g] else { return nil }
            let t = tally ?? GuardTally()
            let mine = dispatches.filter { $0.guardID == g }
            return GuardReportRow(
                id: g, name: state.guardLabel(gd), team: gd.team, teamName: state.teamLabel(gd.team),
                homeTower: gd.homeTower, drill: drill, scans: t.scans, checkpointsScanned: t.checkpointCount,
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
                id: id, name: state.towerLabel(id), hazards: hz.count, rectified: rectify.count,
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
                id: id, name: state.teamLabel(id), guards: gs.count, dispatches: ds.count,
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
