import TowerwatchCore

/// A believable district in motion: shifts change, guards patrol and scan,
/// cameras and patrols report hazards, the duty officer dispatches, guards
/// answer (most on time, some late, a few not at all), alliance partners post
/// bulletins.
///
/// The simulator is a stepper, not a writer. `step(state:now:)` looks at the
/// district as it is and at its own plan, and returns the commands the people
/// and feeds would issue at that moment; a driver runs them through `decide`
/// (live: `DistrictLog.execute`; history: `decide` and `apply` directly) and
/// calls `step` again at `nextTime`. It never changes the district itself, so
/// everything it does is checked like a person's command. It learns what came
/// of its commands (a hazard's id, a dispatch's id) from the next state, which
/// also means it answers dispatches that a person made from a console.
///
/// Every draw comes from its own seeded generator and every plan is ordered, so
/// the same seed, start and district give the same commands.
public struct Simulator {
    public let seed: UInt64
    public let config: SimulatorConfig
    public let policy: Policy
    /// Commands handed out so far.
    public private(set) var issued = 0
    /// Commands the driver reported as rejected (by a race with another process, or a plan gone stale).
    public private(set) var rejections = 0
    /// The latest rejection reasons, for diagnosis (at most 20).
    public private(set) var recentRejections: [String] = []

    var rng: DemoRandom
    var agenda = Agenda()
    var cast = Cast()
    var started = false
    var now = Timestamp(millis: 0)
    var seenHazardCount = -1
    var seenDispatchCount = -1
    var plans: [HazardID: HazardPlan] = [:]
    var fates: [DispatchID: GuardFate] = [:]
    /// Guards given a command in the current step: nobody gives them a second one.
    var claimed: Set<Int> = []
    let peakRates: [HazardCategory: Double]

    public init(seed: UInt64, start: Timestamp, config: SimulatorConfig = .standard, policy: Policy = .standard) {
        self.seed = seed
        self.config = config
        self.policy = policy
        rng = DemoRandom(seed: seed)
        var peaks: [HazardCategory: Double] = [:]
        for c in HazardCategory.allCases { peaks[c] = HazardScenarios.peakRate(c) * config.hazardRate }
        peakRates = peaks
        now = start
        agenda.add(.begin, at: start)
    }

    /// When the simulator next has something to do; call `step` then.
    public var nextTime: Timestamp? { agenda.nextTime }

    /// The commands due at `now`, given the district as it is.
    ///
    /// Call with the latest state and a `now` at or after `nextTime` (calling
    /// earlier does no harm: it only notices new hazards and dispatches). Run the
    /// returned commands in order at `now`.
    public mutating func step(state: DistrictState, now: Timestamp) -> [Command] {
        self.now = max(self.now, now)
        var out: [Command] = []
        claimed.removeAll(keepingCapacity: true)
        if started { notice(state) }
        while let task = agenda.popDue(self.now) {
            perform(task, state, &out)
        }
        issued += out.count
        return out
    }

    /// Tells the simulator one of its commands was refused; it carries on (the
    /// next look at the state sets its plan right) and counts it.
    public mutating func recordRejection(_ command: Command, _ rejection: Rejection) {
        rejections += 1
        if recentRejections.count >= 20 { recentRejections.removeFirst() }
        recentRejections.append("\(command.actor): \(rejection.reason)")
    }

    // MARK: - Tasks

    mutating func perform(_ task: SimulationTask, _ state: DistrictState, _ out: inout [Command]) {
        switch task {
        case .begin: begin(state, &out)
        case .shiftPrepare(let slot): prepareShift(slot, state)
        case .shiftBegin(let slot): startShift(slot, state, &out)
        case .goOnDuty(let i): goOnDuty(i, state, &out)
        case .goOffDuty(let i): goOffDuty(i, state, &out)
        case .patrol(let i): patrol(i, state, &out)
        case .hazardCandidate(let c): hazardCandidate(c, state, &out)
        case .openingHazard:
            let c = rng.pick([HazardCategory.fireSafety, .parking, .traffic, .dispute, .suspiciousPerson])
            if let command = report(c, state) { out.append(command) }
        case .bulletin: bulletin(state, &out)
        case .officerCheck(let h): officerCheck(h, state, &out)
        case .guardStep(let d): guardStep(d, state, &out)
        }
    }

    /// Plans a task, never in the past.
    mutating func plan(_ task: SimulationTask, at time: Timestamp) {
        agenda.add(task, at: max(time, now))
    }

    /// The first look: start the right shift, put its roster on duty and send
    /// the others home, pick up whatever is already open, and start the clocks
    /// of hazards and bulletins.
    mutating func begin(_ state: DistrictState, _ out: inout [Command]) {
        started = true
        cast.refresh(from: state, rng: &rng)
        let slot = ShiftCalendar.slot(at: now)
        startShift(slot, state, &out, planNext: false)
        let roster = ShiftCalendar.roster(of: slot)
        for i in cast.guards.indices {
            guard let g = state.guards[cast.guards[i]] else { continue }
            if cast.roster[i] == roster {
                if g.onDuty { startPatrol(i, at: now + rng.seconds(0...config.scanInterval.upperBound)) }
                else { plan(.goOnDuty(guard: i), at: now + rng.seconds(config.onDutyStagger)) }
            } else if g.onDuty {
                startPatrol(i, at: now + rng.seconds(0...config.scanInterval.upperBound))
                plan(.goOffDuty(guard: i), at: now + rng.seconds(60...600))
            }
        }
        plan(.shiftPrepare(slot: slot + 1), at: ShiftCalendar.start(of: slot + 1) - .minutes(12))
        for c in HazardCategory.allCases { planCandidate(c) }
        plan(.bulletin, at: now + rng.seconds(config.bulletinInterval))
        for k in 0..<config.openingHazards {
            plan(.openingHazard, at: now + rng.seconds((50 + 20 * k)...(60 + 20 * k)))
        }
        notice(state)
    }

    /// Learns of hazards and dispatches that appeared since the last look
    /// (the simulator's own, or a person's), and plans who answers them.
    mutating func notice(_ state: DistrictState) {
        if state.hazardCount != seenHazardCount {
            seenHazardCount = state.hazardCount
            for id in state.openHazards.sorted() where plans[id] == nil {
                guard let h = state.hazards[id] else { continue }
                let p = HazardPlan(hazard: h, rng: &rng)
                plans[id] = p
                plan(.officerCheck(id), at: now + p.reaction)
            }
        }
        if state.dispatchCount != seenDispatchCount {
            seenDispatchCount = state.dispatchCount
            for gid in cast.guards {
                guard let g = state.guards[gid], let d = g.openDispatch, fates[d] == nil,
                      let dispatch = state.dispatches[d], let h = state.hazards[dispatch.hazard] else { continue }
                fates[d] = GuardFate(hazard: h, guard: g, config: config, rng: &rng)
                plan(.guardStep(d), at: now + .seconds(1))
            }
        }
    }

    // MARK: - Shifts

    func dutyOfficer(_ slot: Int64) -> OfficerID? {
        cast.officers.isEmpty ? nil : cast.officers[Int(floorMod(slot, Int64(cast.officers.count)))]
    }

    func dutyActor(_ slot: Int64) -> Actor { dutyOfficer(slot).map { .officer($0) } ?? .system }

    mutating func prepareShift(_ slot: Int64, _ state: DistrictState) {
        cast.refresh(from: state, rng: &rng)
        let start = ShiftCalendar.start(of: slot)
        let incoming = ShiftCalendar.roster(of: slot)
        for i in cast.guards.indices {
            guard let g = state.guards[cast.guards[i]] else { continue }
            if cast.roster[i] == incoming {
                if !g.onDuty { plan(.goOnDuty(guard: i), at: start - rng.seconds(config.onDutyStagger)) }
            } else if g.onDuty {
                plan(.goOffDuty(guard: i), at: start + rng.seconds(60...900))
            }
        }
        plan(.shiftBegin(slot: slot), at: start)
    }

    mutating func startShift(_ slot: Int64, _ state: DistrictState, _ out: inout [Command], planNext: Bool = true) {
        let id = ShiftCalendar.shiftID(slot)
        let actor = dutyActor(slot)
        if let current = state.currentShift, current != id, state.shifts[current]?.endedAt == nil {
            out.append(Command(actor, .endShift(current)))
        }
        if state.shifts[id] == nil {
            out.append(Command(actor, .startShift(id, name: ShiftCalendar.shiftName(slot))))
        }
        if planNext { plan(.shiftPrepare(slot: slot + 1), at: ShiftCalendar.start(of: slot + 1) - .minutes(12)) }
    }

    mutating func goOnDuty(_ i: Int, _ state: DistrictState, _ out: inout [Command]) {
        let id = cast.guards[i]
        guard let g = state.guards[id] else { return }
        if !g.onDuty {
            guard !claimed.contains(i) else { plan(.goOnDuty(guard: i), at: now + .seconds(5)); return }
            claimed.insert(i)
            out.append(Command(.guard(id), .goOnDuty(id)))
        }
        cast.leaving[i] = false
        startPatrol(i, at: now + rng.seconds(30...150))
    }

    mutating func goOffDuty(_ i: Int, _ state: DistrictState, _ out: inout [Command]) {
        let id = cast.guards[i]
        guard let g = state.guards[id], g.onDuty else { cast.leaving[i] = false; return }
        let slot = ShiftCalendar.slot(at: now)
        // A guard of the shift now running stays (a restart can plan a handover that no longer applies).
        guard cast.roster[i] != ShiftCalendar.roster(of: slot) else { cast.leaving[i] = false; return }
        cast.leaving[i] = true
        if g.openDispatch != nil || claimed.contains(i) {
            plan(.goOffDuty(guard: i), at: now + .minutes(3))
            return
        }
        claimed.insert(i)
        out.append(Command(.guard(id), .goOffDuty(id)))
    }

    // MARK: - Patrol

    mutating func startPatrol(_ i: Int, at time: Timestamp) {
        guard !cast.patrolling[i] else { return }
        cast.patrolling[i] = true
        plan(.patrol(guard: i), at: time)
    }

    /// The guard scans the next checkpoint of the home tower's route, then walks on.
    mutating func patrol(_ i: Int, _ state: DistrictState, _ out: inout [Command]) {
        let id = cast.guards[i]
        guard let g = state.guards[id], g.onDuty else { cast.patrolling[i] = false; return }
        if g.openDispatch != nil || claimed.contains(i) {
            // Busy with a dispatch: back on the route once it is cleared.
            plan(.patrol(guard: i), at: now + rng.seconds(45...90))
            return
        }
        guard let route = cast.routes[g.homeTower], !route.isEmpty else { cast.patrolling[i] = false; return }
        let checkpoint = route[cast.routePosition[i] % route.count]
        cast.routePosition[i] += 1
        out.append(Command(.guard(id), .scan(guard: id, checkpoint: checkpoint)))
        var gap = rng.seconds(config.scanInterval)
        if rng.chance(config.pauseChance) { gap = gap + rng.seconds(900...1_500) }  // long enough to show as silent
        plan(.patrol(guard: i), at: now + gap)
    }

    // MARK: - Hazards

    /// A candidate of a Poisson process at the category's peak rate, kept with
    /// probability rate-now / peak: hazards follow the time of day.
    mutating func hazardCandidate(_ c: HazardCategory, _ state: DistrictState, _ out: inout [Command]) {
        let peak = peakRates[c] ?? 0
        guard peak > 0 else { return }
        let rate = HazardScenarios.hourlyRate(c, minute: ShiftCalendar.minuteOfDay(now),
                                              weekend: ShiftCalendar.isWeekend(now)) * config.hazardRate
        if rng.unit() * peak < rate, let command = report(c, state) { out.append(command) }
        if rng.chance(config.secondReportChance), let again = secondReport(c, state) { out.append(again) }
        planCandidate(c)
    }

    mutating func planCandidate(_ c: HazardCategory) {
        let peak = peakRates[c] ?? 0
        guard peak > 0 else { return }
        let gap = rng.exponential(mean: 3_600_000 / peak)
        plan(.hazardCandidate(c), at: now + Span(millis: max(1, Int64(gap))))
    }

    /// A report of a hazard of this category: found by a guard on patrol where the
    /// guard is, or flagged by a camera, the fire panel or a tenant's call anywhere.
    mutating func report(_ c: HazardCategory, _ state: DistrictState) -> Command? {
        guard !cast.towers.isEmpty else { return nil }
        let slot = ShiftCalendar.slot(at: now)
        let officer = dutyOfficer(slot)
        // The report's story: the newly arrived restaurant's renovation waste by an escape route.
        var newcomer: Tenant?
        if c == .fireSafety, rng.chance(0.1), let t = state.tenants[DemoDistrict.newRestaurant] { newcomer = t }

        let towerID: TowerID
        let actor: Actor
        let source: HazardSource
        if HazardScenarios.foundOnPatrol(c, rng: &rng) {
            guard let reporter = pickReporter(state, in: newcomer?.tower) ?? pickReporter(state, in: nil) else { return nil }
            towerID = reporter.presentIn ?? reporter.homeTower
            actor = .guard(reporter.id)
            source = .patrol
        } else {
            towerID = newcomer?.tower ?? rng.pick(cast.towers)
            switch c {
            case .parking: actor = .feed("plate-camera"); source = .plateCamera
            case .suspiciousPerson: actor = .feed("face-camera"); source = .faceCamera
            case .fireAlarm: actor = officer.map { .officer($0) } ?? .feed("fire-panel"); source = .officer
            default: actor = officer.map { .officer($0) } ?? .feed("control-room"); source = .tenantCall
            }
        }
        guard let tower = state.towers[towerID], let firstZone = tower.zones.first else { return nil }
        if newcomer?.tower != towerID { newcomer = nil }
        var (floor, zone, tenant) = HazardScenarios.place(c, tower: tower, tenants: cast.tenants[towerID] ?? [], rng: &rng)
        if let newcomer { floor = newcomer.floor; zone = StandardZone.escapeRoute; tenant = newcomer }
        if !tower.zones.contains(zone) { zone = firstZone }
        if !tower.hasFloor(floor) { floor = tower.hasFloor("1") ? "1" : (tower.floors.first ?? "1") }
        let minute = ShiftCalendar.minuteOfDay(now)
        let note = HazardScenarios.note(c, floor: floor, zone: zone, tenant: tenant?.name, newcomer: newcomer != nil,
                                        evening: minute >= 17 * 60, rng: &rng)
        return Command(actor, .reportHazard(HazardReport(category: c, source: source, tower: towerID, floor: floor,
                                                          zone: zone, tenant: tenant?.id, note: note)))
    }

    /// Another witness of a live hazard of this category reported in the last quarter
    /// hour and still open: a camera or a tenant's call after a patrol, a patrol after
    /// a camera. Its report matches the hazard's place, so `decide` joins it.
    mutating func secondReport(_ c: HazardCategory, _ state: DistrictState) -> Command? {
        var candidates: [Hazard] = []
        for id in state.openHazards {
            guard let h = state.hazards[id], h.category == c, !h.drill, now - h.reportedAt < .minutes(15), h.reportCount < 4 else { continue }
            candidates.append(h)
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort { $0.id < $1.id }
        let h = rng.pick(candidates)
        let actor: Actor, source: HazardSource
        if h.source == .patrol {
            switch c {
            case .parking, .traffic: (actor, source) = (.feed("plate-camera"), .plateCamera)
            case .suspiciousPerson, .crime: (actor, source) = (.feed("face-camera"), .faceCamera)
            default: (actor, source) = (dutyOfficer(ShiftCalendar.slot(at: now)).map { .officer($0) } ?? .feed("control-room"), .tenantCall)
            }
        } else {
            guard let reporter = pickReporter(state, in: h.tower) else { return nil }
            (actor, source) = (.guard(reporter.id), .patrol)
        }
        return Command(actor, .reportHazard(HazardReport(category: c, source: source, tower: h.tower, floor: h.floor, zone: h.zone,
                                                          note: source == .patrol ? "seen on patrol, same spot" : "")))
    }

    /// A guard on duty and free to report, in `tower` if given.
    mutating func pickReporter(_ state: DistrictState, in tower: TowerID?) -> Guard? {
        func fits(_ i: Int) -> Guard? {
            guard !cast.leaving[i], !claimed.contains(i), let g = state.guards[cast.guards[i]], g.onDuty, g.status.isFree else { return nil }
            if let tower, (g.presentIn ?? g.homeTower) != tower { return nil }
            return g
        }
        guard !cast.guards.isEmpty else { return nil }
        if tower == nil {
            for _ in 0..<12 {
                let i = rng.index(cast.guards.count)
                if let g = fits(i) { claimed.insert(i); return g }
            }
        }
        let candidates = cast.guards.indices.filter { fits($0) != nil }
        guard !candidates.isEmpty else { return nil }
        let i = rng.pick(candidates)
        claimed.insert(i)
        return state.guards[cast.guards[i]]
    }

    mutating func bulletin(_ state: DistrictState, _ out: inout [Command]) {
        let tower = cast.towers.isEmpty ? nil : rng.pick(cast.towers)
        let b = HazardScenarios.bulletin(tower: tower.map { ($0, state.towers[$0]?.name ?? $0.raw) }, rng: &rng)
        out.append(Command(.feed("alliance"), .issueBulletin(from: b.from, text: b.text, tower: b.tower)))
        plan(.bulletin, at: now + rng.seconds(config.bulletinInterval))
    }

    // MARK: - The duty officer

    /// The officer's look at one open hazard: escalate when the plan says so, send
    /// the recommended guard, chase or reassign an unanswered dispatch, and close
    /// the hazard once a guard has cleared it.
    mutating func officerCheck(_ id: HazardID, _ state: DistrictState, _ out: inout [Command]) {
        guard let h = state.hazards[id], h.isOpen, var p = plans[id] else { plans[id] = nil; return }
        guard let officer = dutyOfficer(ShiftCalendar.slot(at: now)) else { plans[id] = nil; return }
        let me = Actor.officer(officer)
        var next = now + rng.seconds(30...75)

        if let e = p.escalation, !p.escalated {
            let due = h.reportedAt + e.after
            if now >= due {
                out.append(Command(me, .escalate(id, to: e.target, note: e.note)))
                p.escalated = true
            } else if due < next {
                next = due
            }
        }
        if let early = p.closeEarlyAfter, h.firstArrivalAt == nil, now >= h.reportedAt + early {
            out.append(Command(me, .close(id, note: "plate camera: the vehicle left before a guard arrived")))
            plans[id] = nil
            return
        }

        if let d = state.activeDispatch(of: h) {
            if d.phase == .assigned, now - d.assignedAt >= p.patience {
                // No answer for minutes: raise the guard by radio, or send someone else.
                if rng.chance(0.55), let other = pickGuard(for: h, state) {
                    out.append(Command(me, .reassign(d.id, to: other)))
                } else {
                    out.append(Command(me, .acknowledge(d.id, channel: .radio)))
                }
            }
        } else if let cleared = h.dispatches.compactMap({ state.dispatches[$0] }).last(where: { $0.clearedAt != nil }),
                  let clearedAt = cleared.clearedAt {
            let due = clearedAt + p.closeDelay
            if now >= due {
                out.append(Command(me, .close(id, note: HazardScenarios.closeNote(h.category))))
                plans[id] = nil
                return
            }
            next = due
        } else if let g = pickGuard(for: h, state) {
            out.append(Command(me, .dispatch(hazard: id, guard: g)))
        } else {
            next = now + .seconds(60)  // nobody free: look again in a minute
        }
        plans[id] = p
        plan(.officerCheck(id), at: next)
    }

    /// The first guard the console recommends who has not been sent to this hazard
    /// already, is not going home, and was not given another command this moment.
    mutating func pickGuard(for h: Hazard, _ state: DistrictState) -> GuardID? {
        let tried = Set(h.dispatches.compactMap { state.dispatches[$0]?.guard })
        for rec in state.recommendations(for: h.id, now: now, policy: policy) {
            guard !tried.contains(rec.guard), let i = cast.index[rec.guard], !cast.leaving[i], !claimed.contains(i) else { continue }
            claimed.insert(i)
            return rec.guard
        }
        return nil
    }

    // MARK: - The assigned guard

    /// The guard's next move on a dispatch, as the fate drawn for it says.
    mutating func guardStep(_ id: DispatchID, _ state: DistrictState, _ out: inout [Command]) {
        guard let d = state.dispatches[id], d.isOpen, let fate = fates[id], let category = state.hazards[d.hazard]?.category else {
            fates[id] = nil
            return
        }
        let me = Actor.guard(d.guard)
        if let i = cast.index[d.guard] { claimed.insert(i) }
        switch d.phase {
        case .assigned:
            if let after = fate.declineAfter {
                let due = d.assignedAt + after
                if now >= due {
                    out.append(Command(me, .decline(id, reason: rng.pick(HazardScenarios.declineReasons))))
                    fates[id] = nil
                } else { plan(.guardStep(id), at: due) }
            } else if let after = fate.ackAfter {
                let due = d.assignedAt + after
                if now >= due {
                    out.append(Command(me, .acknowledge(id, channel: .console)))
                    plan(.guardStep(id), at: now + fate.travel)
                } else { plan(.guardStep(id), at: due) }
            } else {
                plan(.guardStep(id), at: now + .seconds(20))  // radio off: waits for the officer's call
            }
        case .acknowledged:
            let due = (d.acknowledgedAt ?? now) + fate.travel
            if now >= due {
                out.append(Command(me, .arrive(id)))
                plan(.guardStep(id), at: now + fate.work)
            } else { plan(.guardStep(id), at: due) }
        case .onScene:
            let due = (d.arrivedAt ?? now) + fate.work
            if now >= due {
                out.append(Command(me, .clear(id, note: HazardScenarios.clearNote(category, rng: &rng))))
                fates[id] = nil
            } else { plan(.guardStep(id), at: due) }
        default:
            fates[id] = nil
        }
    }
}

// MARK: - What the simulator knows of the district

/// The people and places the simulator plays, learned from the state and kept in
/// stable order (guards by enrolment, towers by registration), so plans can refer
/// to guards by index and a run does not depend on dictionary order.
struct Cast {
    var guards: [GuardID] = []
    var index: [GuardID: Int] = [:]
    /// Which of the three rosters each guard works in.
    var roster: [Int] = []
    var routePosition: [Int] = []
    var patrolling: [Bool] = []
    /// Going home: no new dispatches.
    var leaving: [Bool] = []
    var routes: [TowerID: [CheckpointID]] = [:]
    var tenants: [TowerID: [Tenant]] = [:]
    var towers: [TowerID] = []
    var officers: [OfficerID] = []
    private var postedPerTower: [TowerID: Int] = [:]

    /// Takes in guards, towers and tenants added since the last look. Guards keep
    /// their index, roster and place on their route.
    mutating func refresh(from state: DistrictState, rng: inout DemoRandom) {
        towers = state.towerOrder
        routes = [:]
        for id in towers { routes[id] = state.towers[id]?.checkpoints ?? [] }
        var byTower: [TowerID: [Tenant]] = [:]
        for t in state.tenants.values { byTower[t.tower, default: []].append(t) }
        tenants = byTower.mapValues { $0.sorted { $0.id < $1.id } }
        officers = state.officers.keys.sorted()
        for id in state.guardOrder where index[id] == nil {
            guard let g = state.guards[id] else { continue }
            // Within each tower the guards take the three rosters in turn, so every
            // tower has guards on every shift.
            let posted = postedPerTower[g.homeTower, default: 0]
            postedPerTower[g.homeTower] = posted + 1
            index[id] = guards.count
            guards.append(id)
            roster.append(posted % ShiftCalendar.rosters)
            let routeLength = max(1, routes[g.homeTower]?.count ?? 1)
            routePosition.append(rng.index(routeLength))
            patrolling.append(false)
            leaving.append(false)
        }
    }
}

/// The duty officer's intentions for one hazard, drawn when it is first seen.
struct HazardPlan {
    /// How long before the officer first looks at it.
    var reaction: Span
    /// How long an unacknowledged dispatch is left before the officer chases or reassigns it.
    var patience: Span
    var escalation: (target: EscalationTarget, after: Span, note: String)?
    var escalated = false
    /// A camera alert that resolves itself (the car drives off) is closed after this, if nobody arrived.
    var closeEarlyAfter: Span?
    /// How long after a guard clears it the officer closes it.
    var closeDelay: Span

    init(hazard h: Hazard, rng: inout DemoRandom) {
        reaction = h.severity >= .high ? rng.seconds(5...30) : rng.seconds(15...75)
        patience = rng.seconds(150...300)
        escalation = HazardScenarios.escalation(h.category, hasTenant: h.tenant != nil, rng: &rng)
        closeEarlyAfter = h.category == .parking && rng.chance(0.06) ? rng.seconds(120...240) : nil
        closeDelay = rng.seconds(20...150)
    }
}

/// How the assigned guard will answer one dispatch, drawn when it is first seen.
struct GuardFate {
    /// Declines this long after being assigned, instead of answering.
    var declineAfter: Span?
    /// Acknowledges on the console this long after being assigned; nil: never (radio off).
    var ackAfter: Span?
    var travel: Span
    var work: Span

    init(hazard h: Hazard, guard g: Guard, config: SimulatorConfig, rng: inout DemoRandom) {
        let roll = rng.unit()
        let declines = config.declineShare
        let silent = declines + config.unacknowledgedShare
        let late = silent + config.lateAcknowledgementShare
        if roll < declines {
            declineAfter = rng.seconds(8...40)
        } else if roll < silent {
            ackAfter = nil
        } else if roll < late {
            ackAfter = rng.seconds(65...150)
        } else {
            ackAfter = rng.seconds(4...40)
        }
        if rng.chance(config.lateArrivalShare) {
            travel = rng.seconds(330...720)
        } else {
            travel = g.presentIn == h.tower ? rng.seconds(40...150) : rng.seconds(90...220)
        }
        work = rng.seconds(HazardScenarios.workSeconds(h.category))
    }
}
