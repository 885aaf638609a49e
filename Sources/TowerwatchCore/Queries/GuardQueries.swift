/// A guard ranked for a dispatch, with the reason in words.
public struct Recommendation: Sendable, Hashable {
    public var `guard`: GuardID
    /// 0 in the hazard's tower, 1 home tower is the hazard's, 2 same team as the tower's guards, 3 any.
    public var rank: Int
    /// Why, in words. Worked out when read: a ranking usually only has its
    /// first one or two reasons shown.
    public var reason: String {
        get { why.text }
        set { why = .text(newValue) }
    }
    var why: Reason

    init(guard id: GuardID, rank: Int, why: Reason) {
        self.guard = id; self.rank = rank; self.why = why
    }

    /// The parts a reason is told from. `scanned` is false for a guard with no
    /// scan since going on duty: where they are is then not known, only assumed.
    enum Reason: Sendable {
        case inTower(tower: String, floor: String?, ago: Span, scanned: Bool, silent: Bool, trained: String?)
        case posted(tower: String, silent: Bool, trained: String?)
        case team(team: String, tower: String, silent: Bool, trained: String?)
        case elsewhere(tower: String?, ago: Span, scanned: Bool, silent: Bool, trained: String?)
        case text(String)

        var text: String {
            func mark(_ silent: Bool, _ trained: String?) -> String {
                (trained.map { ", trained in \($0)" } ?? "") + (silent ? ", silent" : "")
            }
            func seen(_ scanned: Bool, _ ago: Span) -> String {
                scanned ? "seen \(ago.compact) ago" : "never scanned this shift"
            }
            switch self {
            case let .inTower(tower, floor, ago, scanned, silent, trained):
                let at = floor.map { ", at floor \($0)" } ?? ""
                return "in \(tower)\(at), \(seen(scanned, ago))\(mark(silent, trained))"
            case let .posted(tower, silent, trained):
                return "posted to \(tower)\(mark(silent, trained))"
            case let .team(team, tower, silent, trained):
                return "team \(team) covers \(tower)\(mark(silent, trained))"
            case let .elsewhere(tower, ago, scanned, silent, trained):
                let whereText = tower.map { "in \($0)" } ?? "location unknown"
                return "\(whereText), \(seen(scanned, ago))\(mark(silent, trained))"
            case let .text(text):
                return text
            }
        }
    }

    public static func == (a: Recommendation, b: Recommendation) -> Bool {
        a.guard == b.guard && a.rank == b.rank && a.reason == b.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.guard)
        hasher.combine(rank)
        hasher.combine(reason)
    }
}

extension HazardCategory {
    /// The training courses (as enrolment names them) that prepare a guard for this kind of hazard.
    public var training: [String] {
        switch self {
        case .fireSafety: ["fire-fighting", "workplace-safety"]
        case .fireAlarm: ["fire-fighting", "evacuation"]
        case .dispute: ["dispute-mediation"]
        case .parking, .traffic: ["traffic-guidance"]
        case .flood: ["flood-response"]
        case .suspiciousPerson: ["counter-terrorism", "cctv-operation"]
        case .crime: ["law-and-regulation", "counter-terrorism"]
        }
    }
}

extension DistrictState {
    /// True when a guard on duty and free of dispatches has given no sign of life
    /// (going on duty, a scan, the end of a job) for longer than `policy.silentAfter`:
    /// `SilenceRule`, the rule the report's silent periods follow too.
    public func isSilent(_ g: Guard, now: Timestamp, policy: Policy) -> Bool {
        SilenceRule.isSilent(g, now: now, policy: policy)
    }

    /// The checkpoint, tower and floor a guard last scanned.
    public func lastCheckpoint(of g: Guard) -> Checkpoint? {
        g.lastScan.flatMap { checkpoints[$0.checkpoint] }
    }

    /// True when `g` declined a dispatch to `h`, or let one time out unacknowledged:
    /// such a guard is never offered for that hazard again.
    public func hasTurnedDown(_ g: GuardID, hazard h: Hazard) -> Bool {
        for id in h.dispatches {
            guard let d = dispatches[id], d.guard == g else { continue }
            if d.declinedAt != nil { return true }
        }
        for a in h.alarms where a.kind == .ackOverdue {
            if let d = a.dispatch.flatMap({ dispatches[$0] }), d.guard == g { return true }
        }
        return false
    }

    /// Guards who could take this hazard now, nearest first: in the same tower
    /// (closest floor first), then guards of that tower, then its teams, then anyone;
    /// within a rank those trained for the hazard's category (``HazardCategory/training``)
    /// first, then the closest floor, then the most recently seen. Never a guard who
    /// turned this hazard down (``hasTurnedDown(_:hazard:)``).
    public func recommendations(for hazardID: HazardID, now: Timestamp, policy: Policy = .standard) -> [Recommendation] {
        guard let h = hazards[hazardID], let tower = towers[h.tower] else { return [] }
        // Storeys on a scale without a gap: B1 sits right below floor 1.
        func storey(_ floor: String) -> Int? { Tower.level(of: floor).map { $0 < 0 ? $0 + 1 : $0 } }
        let hazardLevel = storey(h.floor) ?? 1
        let homeTeams = Set(guardOrder.compactMap { guards[$0] }.filter { $0.homeTower == h.tower }.map(\.team))
        var turnedDown: Set<GuardID> = []
        for id in h.dispatches {
            if let d = dispatches[id], hasTurnedDown(d.guard, hazard: h) { turnedDown.insert(d.guard) }
        }
        struct Ranked { var rec: Recommendation; var trained: Bool; var floorDistance: Int; var seen: Timestamp }
        var ranked: [Ranked] = []
        let courses = h.category.training
        for id in guardOrder {
            guard let g = guards[id], g.status.isFree, g.openDispatch == nil else { continue }
            if turnedDown.contains(id) { continue }
            // A scan from before this duty began says nothing about where the guard is now.
            let scanned = g.lastScan.map { scan in g.onDutySince.map { scan.at >= $0 } ?? true } ?? false
            let seen = scanned ? g.lastScan!.at : g.onDutySince ?? Timestamp(millis: 0)
            let silent = isSilent(g, now: now, policy: policy)
            let trained = courses.first { g.training.contains($0) }
            var distance = Int.max
            let rec: Recommendation
            if g.presentIn == h.tower {
                let cp = lastCheckpoint(of: g)
                let floor = cp?.tower == h.tower ? cp?.floor : nil
                if let floor, let level = storey(floor) {
                    distance = abs(level - hazardLevel)
                }
                rec = Recommendation(guard: id, rank: 0, why: .inTower(tower: tower.name, floor: scanned ? floor : nil, ago: now - seen, scanned: scanned, silent: silent, trained: trained))
            } else if g.homeTower == h.tower {
                rec = Recommendation(guard: id, rank: 1, why: .posted(tower: tower.name, silent: silent, trained: trained))
            } else if homeTeams.contains(g.team) {
                rec = Recommendation(guard: id, rank: 2, why: .team(team: teams[g.team]?.name ?? g.team.raw, tower: tower.name, silent: silent, trained: trained))
            } else {
                rec = Recommendation(guard: id, rank: 3, why: .elsewhere(tower: g.presentIn.flatMap { towers[$0]?.name }, ago: now - seen, scanned: scanned, silent: silent, trained: trained))
            }
            ranked.append(Ranked(rec: rec, trained: trained != nil, floorDistance: distance, seen: seen))
        }
        ranked.sort { a, b in
            if a.rec.rank != b.rec.rank { return a.rec.rank < b.rec.rank }
            if a.trained != b.trained { return a.trained }
            if a.floorDistance != b.floorDistance { return a.floorDistance < b.floorDistance }
            if a.seen != b.seen { return a.seen > b.seen }
            return a.rec.guard < b.rec.guard
        }
        return ranked.map(\.rec)
    }
}
