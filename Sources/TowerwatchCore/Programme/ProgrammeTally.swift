/// The programme's counts over a stretch of the log: fire hazards rectified,
/// disputes resolved on the spot, hazards escalated to police, drills held,
/// and the times to rectify a fire-safety hazard.
///
/// A pure accumulator fed one `ProgrammeFact` at a time, in memory bounded by
/// the district (its towers and a year of drills), never by the log's length:
/// the district's state keeps one since the log began (live consoles, replay,
/// snapshots), and the after-action report keeps another for its window, both
/// in the same single pass. See `ProgrammeFact` for what each count means.
public struct ProgrammeTally: Hashable, Sendable, Codable {
    public private(set) var fireHazardsRectified = 0
    public private(set) var disputesClosed = 0
    public private(set) var disputesResolvedOnSpot = 0
    public private(set) var escalatedToPolice = 0
    public private(set) var drillsHeld = 0
    /// Drills held, per tower.
    public private(set) var drillsByTower: [TowerID: Int] = [:]
    /// Each tower's drills held in the last `drillMemory` before its latest, oldest
    /// first: enough to count the drills of the current year in any zone.
    public private(set) var recentDrills: [TowerID: [Timestamp]] = [:]
    /// Report → close of each fire-safety hazard rectified.
    public private(set) var fireRectifyTimes = SpanDistribution()

    /// How far back `recentDrills` reaches: longer than any calendar year.
    public static let drillMemory = Span.days(400)

    public init() {}

    public mutating func count(_ fact: ProgrammeFact) {
        switch fact {
        case let .rectified(category, took, onSpot):
            if category == .fireSafety {
                fireHazardsRectified += 1
                fireRectifyTimes.add(took)
            }
            if category == .dispute { disputesClosed += 1 }
            if onSpot { disputesResolvedOnSpot += 1 }
        case .escalatedToPolice:
            escalatedToPolice += 1
        case let .drillHeld(tower, at):
            drillsHeld += 1
            drillsByTower[tower, default: 0] += 1
            var times = recentDrills[tower] ?? []
            recentDrills[tower] = nil
            let cutoff = at - ProgrammeTally.drillMemory
            if let keep = times.firstIndex(where: { $0 >= cutoff }) { times.removeFirst(keep) } else { times.removeAll() }
            times.append(at)
            recentDrills[tower] = times
        }
    }
}
