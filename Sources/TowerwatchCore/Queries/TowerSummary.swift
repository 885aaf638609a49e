/// One row of the towers pane.
public struct TowerSummary: Sendable {
    public var tower: Tower
    public var companyName: String
    public var openHazards: Int
    public var guardsPresent: Int
    public var overdue: Int
    /// Whole days since the last crime reported in the tower (or since the tower joined the log).
    public var daysSinceLastCrime: Int
    public var hadCrime: Bool
}

extension DistrictState {
    /// Every tower in registration order, with its figures at `now`.
    public func towerSummaries(now: Timestamp, policy: Policy) -> [TowerSummary] {
        var overdue: [TowerID: Int] = [:]
        for id in openHazards {
            guard let h = hazards[id] else { continue }
            if status(of: h, now: now, policy: policy).isOverdue { overdue[h.tower, default: 0] += 1 }
        }
        return towerSummaries(now: now, overdue: overdue)
    }

    /// The same, reusing the open hazards' urgency already worked out at
    /// `now` (``openHazardUrgency(now:policy:)``), so that a frame works out
    /// every hazard's clocks once.
    public func towerSummaries(now: Timestamp, urgency: [HazardUrgency]) -> [TowerSummary] {
        var overdue: [TowerID: Int] = [:]
        for u in urgency where u.isOverdue { overdue[u.tower, default: 0] += 1 }
        return towerSummaries(now: now, overdue: overdue)
    }

    private func towerSummaries(now: Timestamp, overdue: [TowerID: Int]) -> [TowerSummary] {
        return towerOrder.compactMap { id in
            guard let t = towers[id] else { return nil }
            let f = towerFigures[id] ?? TowerFigures()
            let since = f.lastCrimeAt ?? f.since ?? now
            return TowerSummary(tower: t, companyName: companies[t.company]?.name ?? t.company.raw,
                                openHazards: f.openHazards, guardsPresent: f.guardsPresent, overdue: overdue[id] ?? 0,
                                daysSinceLastCrime: Int(max(0, (now - since).millis) / 86_400_000),
                                hadCrime: f.lastCrimeAt != nil)
        }
    }
}
