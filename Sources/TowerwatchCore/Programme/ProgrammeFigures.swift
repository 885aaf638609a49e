/// The programme's figures as read at one moment, for the officer console and
/// the after-action report: the counts of a `ProgrammeTally` (since the
/// district's start, or over a report's window) beside what the district's
/// state says at that moment (crimes, drills this year, training, baselines).
///
/// ## Definitions (see `ProgrammeFact` for the counts)
/// - **The district's start**: when its first tower was registered in the log.
/// - **A criminal case**: a live hazard reported in the `crime` category. A
///   hazard of another category escalated to the police counts as escalated to
///   police, not as a crime. *Days without a criminal case* for a tower are whole
///   days from its last criminal case (or, if it never had one, from when the
///   tower joined the log) to the moment read at.
/// - **Drills this year**: drills held at the tower in the local calendar year
///   (the district's zone) of the moment read at, against 12 a year.
/// - **Guards trained**: guards enrolled by that moment whose training (recorded
///   at enrolment) names the category, for each of the 12 categories in
///   `TrainingCategories`; trainings outside the twelve are listed after them.
/// - **Median time to rectify a fire-safety hazard**: report → close of the
///   fire hazards rectified in the stretch (see `SpanDistribution` for its
///   precision), against the rectify target (30 minutes) and against the
///   baseline an officer recorded for `fire-safety` (`set-baseline`).
public struct ProgrammeFigures: Hashable, Sendable {
    /// One tower's standing in the programme.
    public struct TowerRow: Hashable, Sendable {
        public var id: TowerID
        public var name: String
        public var daysWithoutCriminalCase: Int
        /// False when the tower never had a criminal case (the days count from when it joined the log).
        public var hadCriminalCase: Bool
        /// Drills held at it within the stretch the figures cover.
        public var drillsHeld: Int
        /// Its drills of the last year and more (see `ProgrammeTally.recentDrills`).
        public var recentDrills: [Timestamp]

        /// Drills held in the local calendar year of `t`.
        public func drills(inYearOf t: Timestamp, _ local: LocalTimeText) -> Int {
            let year = local.fields(t).year
            return recentDrills.count { $0 <= t && local.fields($0).year == year }
        }
    }

    /// Guards trained in one category.
    public struct TrainingRow: Hashable, Sendable {
        public var category: String
        public var guards: Int
        /// One of the programme's 12 categories.
        public var isProgrammeCategory: Bool
    }

    /// Drills a tower should hold a year.
    public static let drillsPerYear = 12

    /// The first moment counted: the window's start, or the district's start.
    public var start: Timestamp?
    /// The moment the figures are read at (now, or the report's end).
    public var at: Timestamp
    public var fireHazardsRectified: Int
    public var disputesClosed: Int
    public var disputesResolvedOnSpot: Int
    public var escalatedToPolice: Int
    public var drillsHeld: Int
    /// Median report → close of the fire hazards rectified; nil when none were.
    public var fireRectifyMedian: Span?
    public var rectifyTarget: Span
    /// The fire-safety baseline from before the programme, if an officer recorded one.
    public var fireBaseline: Span?
    public var towers: [TowerRow]
    /// The 12 categories in order, then any other training guards hold, by name.
    public var training: [TrainingRow]
    public var guardsEnrolled: Int

    /// The figures of `tally` (counted from `start`), read at `at` against `state`
    /// (folded up to `at`); drills of the year come from the state's own tally,
    /// which reaches back past any window's start.
    public init(_ tally: ProgrammeTally, start: Timestamp?, at: Timestamp, state: DistrictState, policy: Policy) {
        self.start = start
        self.at = at
        fireHazardsRectified = tally.fireHazardsRectified
        disputesClosed = tally.disputesClosed
        disputesResolvedOnSpot = tally.disputesResolvedOnSpot
        escalatedToPolice = tally.escalatedToPolice
        drillsHeld = tally.drillsHeld
        fireRectifyMedian = tally.fireRectifyTimes.median
        rectifyTarget = policy.rectifyTarget
        fireBaseline = state.rectifyBaselines[.fireSafety].map { Span.minutes(Int64($0)) }
        towers = state.towerOrder.compactMap { id in
            guard let t = state.towers[id] else { return nil }
            let f = state.towerFigures[id] ?? TowerFigures()
            let from = f.lastCrimeAt ?? f.since ?? at
            return TowerRow(id: id, name: t.name, daysWithoutCriminalCase: Int(max(0, (at - from).millis) / 86_400_000),
                            hadCriminalCase: f.lastCrimeAt != nil, drillsHeld: tally.drillsByTower[id] ?? 0,
                            recentDrills: state.programme.recentDrills[id] ?? [])
        }
        var trained: [String: Int] = [:]
        for g in state.guards.values { for course in Set(g.training) { trained[course, default: 0] += 1 } }
        let programme = Set(TrainingCategories.all)
        training = TrainingCategories.all.map { TrainingRow(category: $0, guards: trained[$0] ?? 0, isProgrammeCategory: true) }
            + trained.keys.filter { !programme.contains($0) }.sorted().map { TrainingRow(category: $0, guards: trained[$0] ?? 0, isProgrammeCategory: false) }
        guardsEnrolled = state.guards.count
    }

    /// The figures since the district's start, read at `at` from the state's own tally.
    public static func sinceStart(of state: DistrictState, at: Timestamp, policy: Policy) -> ProgrammeFigures {
        ProgrammeFigures(state.programme, start: state.districtStart, at: at, state: state, policy: policy)
    }

    /// Of the 12 categories, how many at least one guard is trained in.
    public var categoriesTrained: Int { training.count { $0.isProgrammeCategory && $0.guards > 0 } }

    /// Towers that held at least 12 drills in the local year of `at`.
    public func towersAtDrillTarget(_ local: LocalTimeText) -> Int {
        towers.count { $0.drills(inYearOf: at, local) >= ProgrammeFigures.drillsPerYear }
    }
}

extension DistrictState {
    /// When the district began: the registration of its first tower in the log.
    public var districtStart: Timestamp? { towerFigures.values.compactMap(\.since).min() }
}
