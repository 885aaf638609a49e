/// A guard ranked for a dispatch, with the reason in words.
public struct Recommendation: Sendable, Hashable {
    public var `guard`: GuardID
    /// 0 in the hazard's tower, 1 home tower is the hazard's, 2 same team as the tower's guards, 3 any.
    public var rank: Int
    public var reason: String
}

extension DistrictState {
    /// True when a guard on duty has not scanned a checkpoint for `policy.silentAfter`.
    /// A guard busy with a dispatch is not silent: the dispatch's clocks watch them.
    public func isSilent(_ g: Guard, now: Timestamp, policy: Policy) -> Bool {
        guard g.status.isFree else { return false }
        let last = max(g.lastScan?.at ?? g.onDutySince ?? now, g.onDutySince ?? Timestamp(millis: .min))
        return now - last > policy.silentAfter
    }

    /// The checkpoint, tower and floor a guard last scanned.
    public func lastCheckpoint(of g: Guard) -> Checkpoint? {
        g.lastScan.flatMap { checkpoints[$0.checkpoint] }
    }

    /// Guards who could take this hazard now, nearest first: in the same tower
    /// (closest floor first), then guards of that tower, then its teams, then anyone;
    /// within a rank the most recently seen first.
    public func recommendations(for hazardID: HazardID, now: Timestamp, policy: Policy = .standard) -> [Recommendation] {
        guard let h = hazards[hazardID], let tower = towers[h.tower] else { return [] }
        // Storeys on a scale without a gap: B1 sits right below floor 1.
        func storey(_ floor: String) -> Int? { Tower.level(of: floor).map { $0 < 0 ? $0 + 1 : $0 } }
        let hazardLevel = storey(h.floor) ?? 1
        let homeTeams = Set(guardOrder.compactMap { guards[$0] }.filter { $0.homeTower == h.tower }.map(\.team))
        struct Ranked { var rec: Recommendation; var floorDistance: Int; var seen: Timestamp }
        var ranked: [Ranked] = []
        for id in guardOrder {
            guard let g = guards[id], g.status.isFree, g.openDispatch == nil else { continue }
            let cp = lastCheckpoint(of: g)
            let seen = g.lastScan?.at ?? g.onDutySince ?? Timestamp(millis: 0)
            let ago = (now - seen).compact
            let silent = isSilent(g, now: now, policy: policy) ? ", silent" : ""
            var distance = Int.max
            let rec: Recommendation
            if g.presentIn == h.tower {
                let floor = cp?.tower == h.tower ? cp?.floor : nil
                if let floor, let level = storey(floor) {
                    distance = abs(level - hazardLevel)
                }
                let at = floor.map { "floor \($0)" } ?? "the tower"
                rec = Recommendation(guard: id, rank: 0, reason: "in \(tower.name), at \(at), seen \(ago) ago\(silent)")
            } else if g.homeTower == h.tower {
                rec = Recommendation(guard: id, rank: 1, reason: "posted to \(tower.name)\(silent)")
            } else if homeTeams.contains(g.team) {
                rec = Recommendation(guard: id, rank: 2, reason: "team \(teams[g.team]?.name ?? g.team.raw) covers \(tower.name)\(silent)")
            } else {
                let whereText = g.presentIn.flatMap { towers[$0]?.name }.map { "in \($0)" } ?? "location unknown"
                rec = Recommendation(guard: id, rank: 3, reason: "\(whereText), seen \(ago) ago\(silent)")
            }
            ranked.append(Ranked(rec: rec, floorDistance: distance, seen: seen))
        }
        ranked.sort { a, b in
            if a.rec.rank != b.rec.rank { return a.rec.rank < b.rec.rank }
            if a.floorDistance != b.floorDistance { return a.floorDistance < b.floorDistance }
            if a.seen != b.seen { return a.seen > b.seen }
            return a.rec.guard < b.rec.guard
        }
        return ranked.map(\.rec)
    }
}
