/// A drill's after-action report set beside the original shift's: the
/// trainee's times against the times of the officers who really worked it,
/// over the same window (from the fork's moment for as long as the drill ran).
///
/// Both reports must cover the same window: the drill log's report from
/// `forked-at` to its end, and the live log's report over the same from and to.
/// The trainee's side is the drill report (everything the trainee, the
/// scenario and its patrol did after the fork); the original's side is the live
/// report's live section. Nothing else about the logs is needed, so the comparison is a
/// pure function of two report values.
///
/// ## What is compared
/// - Per side: dispatches sent, medians of time to acknowledge, to scene and to
///   clear, dispatches on scene within the target, dispatches answered late;
///   hazards reported in the window, rectified, median time to rectify; silent
///   periods.
/// - The hazards both sides inherited: those open at the fork (reported before
///   it, so the same hazard in both logs, by id) that either side dispatched to.
///   For each: how long after the fork the first guard was sent, reached the
///   scene and cleared it, trainee against original. Hazards reported after the
///   fork are never matched by id: a drill numbers its own hazards, so its
///   H-000016 is not the live log's H-000016.
public struct DrillComparison: Hashable, Sendable {
    /// The fork's moment: where both windows start.
    public var from: Timestamp?
    /// Where both windows end.
    public var to: Timestamp?
    public var trainee: Side
    public var original: Side
    /// Inherited hazards, by id.
    public var inherited: [InheritedHazard]

    /// One side's figures over the window.
    public struct Side: Hashable, Sendable {
        public var dispatches = 0
        public var ackMedian: Span?
        public var sceneMedian: Span?
        public var clearMedian: Span?
        /// Dispatches that reached the scene, and how many of them within the scene target.
        public var reachedScene = 0
        public var sceneWithinTarget = 0
        public var lateDispatches = 0
        public var hazardsReported = 0
        public var hazardsRectified = 0
        public var rectifyMedian: Span?
        public var silentPeriods = 0

        public init() {}

        /// The figures of report sections taken together.
        public init(_ sections: [ReportSection]) {
            var s = ReportSection(drill: sections.first?.drill ?? false)
            for part in sections {
                s.dispatches += part.dispatches
                s.hazards += part.hazards
                s.guards += part.guards
            }
            dispatches = s.dispatches.count
            ackMedian = ReportStatistics.median(s.dispatches.compactMap(\.toAcknowledge))
            sceneMedian = ReportStatistics.median(s.dispatches.compactMap(\.toScene))
            clearMedian = ReportStatistics.median(s.dispatches.compactMap(\.toClear))
            reachedScene = s.dispatches.count { $0.toScene != nil }
            sceneWithinTarget = s.dispatches.count { $0.sceneWithinTarget == true }
            lateDispatches = s.dispatches.count(where: \.late)
            hazardsReported = s.hazards.count
            hazardsRectified = s.hazards.count { $0.toRectify != nil }
            rectifyMedian = ReportStatistics.median(s.hazards.compactMap(\.toRectify))
            silentPeriods = s.silentPeriods.count
        }
    }

    /// A hazard open at the fork: what each side did about it after the fork.
    public struct InheritedHazard: Hashable, Sendable {
        public var hazard: HazardID
        public var category: HazardCategory
        public var tower: TowerID
        public var trainee: Response
        public var original: Response
    }

    /// Times from the fork to the first dispatch, first arrival and first clear of one hazard.
    public struct Response: Hashable, Sendable {
        public var firstDispatch: Span?
        public var firstOnScene: Span?
        public var firstCleared: Span?
        public init(firstDispatch: Span? = nil, firstOnScene: Span? = nil, firstCleared: Span? = nil) {
            self.firstDispatch = firstDispatch; self.firstOnScene = firstOnScene; self.firstCleared = firstCleared
        }
    }

    /// Compares the drill report with the original report's live section.
    ///
    /// After the fork every record of a drill log is the drill's, so the trainee's
    /// side is the whole drill report over the window: its drill section, and its
    /// live section, which can hold only the patrols of guards who went on duty
    /// before the fork (a patrol stretch takes the section of its on-duty record).
    ///
    /// - Precondition (not checked): both reports cover the same window, from the fork.
    public static func compare(drill: AfterActionReport, original: AfterActionReport) -> DrillComparison {
        let fork = drill.from ?? drill.start ?? original.from ?? Timestamp(millis: 0)
        // Hazards reported inside either window are the window's own; the rest are inherited.
        let reportedInside = Set((drill.live.hazards + drill.drill.hazards + original.live.hazards + original.drill.hazards).map(\.id))
        let traineeRows = drill.drill.dispatches.filter { !reportedInside.contains($0.hazard) }
        let originalRows = original.live.dispatches.filter { !reportedInside.contains($0.hazard) }

        func response(_ rows: [DispatchReportRow]) -> Response {
            func first(_ times: [Timestamp?]) -> Span? { times.compactMap { $0 }.min().map { $0 - fork } }
            return Response(firstDispatch: first(rows.map(\.assignedAt)), firstOnScene: first(rows.map(\.arrivedAt)),
                            firstCleared: first(rows.map(\.clearedAt)))
        }
        var ids: [HazardID] = []
        for r in traineeRows + originalRows where !ids.contains(r.hazard) { ids.append(r.hazard) }
        let inherited = ids.sorted().map { id -> InheritedHazard in
            let mine = traineeRows.filter { $0.hazard == id }, theirs = originalRows.filter { $0.hazard == id }
            let any = (mine + theirs)[0]
            return InheritedHazard(hazard: id, category: any.category, tower: any.tower, trainee: response(mine), original: response(theirs))
        }
        return DrillComparison(from: drill.from ?? drill.start, to: drill.end ?? drill.to,
                               trainee: Side([drill.drill, drill.live]), original: Side([original.live]), inherited: inherited)
    }

    // MARK: - Text

    /// The figures side by side, as the report shows them: (what, trainee, original).
    public var figures: [(label: String, trainee: String, original: String)] {
        func t(_ s: Span?) -> String { s?.compact ?? "-" }
        func ratio(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : "\(a)/\(b)" }
        return [
            ("dispatches", "\(trainee.dispatches)", "\(original.dispatches)"),
            ("median to acknowledge", t(trainee.ackMedian), t(original.ackMedian)),
            ("median to scene", t(trainee.sceneMedian), t(original.sceneMedian)),
            ("on scene within target", ratio(trainee.sceneWithinTarget, trainee.reachedScene), ratio(original.sceneWithinTarget, original.reachedScene)),
            ("median to clear", t(trainee.clearMedian), t(original.clearMedian)),
            ("answered late", "\(trainee.lateDispatches)", "\(original.lateDispatches)"),
            ("hazards reported", "\(trainee.hazardsReported)", "\(original.hazardsReported)"),
            ("hazards rectified", "\(trainee.hazardsRectified)", "\(original.hazardsRectified)"),
            ("median to rectify", t(trainee.rectifyMedian), t(original.rectifyMedian)),
            ("silent periods", "\(trainee.silentPeriods)", "\(original.silentPeriods)"),
        ]
    }

    /// The comparison as text lines for the report: figures side by side, then the inherited hazards.
    public func render(traineeLog: String, originalLog: String) -> [String] {
        func t(_ s: Span?) -> String { s?.compact ?? "-" }
        let window = "\(from?.iso8601 ?? "start") to \(to?.iso8601 ?? "end")"
        var out = ["══ DRILL COMPARISON: the trainee against the original shift, \(window) ══",
                   "Trainee: drill records of \(traineeLog). Original: live records of \(originalLog) over the same window."]
        out.append(DisplayCells.padRight("", to: 24) + DisplayCells.padLeft("trainee", to: 10) + DisplayCells.padLeft("original", to: 10))
        for (label, a, b) in figures {
            out.append(DisplayCells.padRight(label, to: 24) + DisplayCells.padLeft(a, to: 10) + DisplayCells.padLeft(b, to: 10))
        }
        guard !inherited.isEmpty else {
            out.append("No hazard open at the fork was dispatched to by either side.")
            return out
        }
        out.append("")
        out.append("Hazards open at the fork (times from the fork: first dispatch / first on scene / first cleared):")
        for h in inherited {
            func r(_ x: Response) -> String { "\(t(x.firstDispatch)) / \(t(x.firstOnScene)) / \(t(x.firstCleared))" }
            out.append("  \(h.hazard.raw) \(h.category.rawValue) at \(h.tower.raw): trainee \(r(h.trainee)); original \(r(h.original))")
        }
        return out
    }
}

/// A forked drill's comparison as a report shows it: with the two logs' names, or
/// why there is none (the original log could not be read).
public struct DrillAppendix: Hashable, Sendable {
    public var comparison: DrillComparison?
    public var traineeLog: String
    public var originalLog: String
    public var problem: String?

    public init(comparison: DrillComparison? = nil, traineeLog: String, originalLog: String, problem: String? = nil) {
        self.comparison = comparison; self.traineeLog = traineeLog; self.originalLog = originalLog; self.problem = problem
    }
}
