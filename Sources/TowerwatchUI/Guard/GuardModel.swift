import TowerwatchCore

/// What the guard console asks its runtime to do: the consoles' one effect type.
public typealias GuardEffect = ConsoleEffect

/// The overlays that take the guard console's keyboard while open.
public enum GuardOverlay: Sendable, Hashable {
    case help
    /// The whole procedure of the open dispatch's category, scrolled by `scroll` lines.
    case procedure(scroll: Int)
    /// The short note that goes with clearing `dispatch`.
    case clearNote(dispatch: DispatchID, text: String)
    /// The reason for declining `dispatch`, which goes back to the officer.
    case declineReason(dispatch: DispatchID, text: String)
    /// Reporting a hazard in three steps: the category, the place, an optional note.
    case report(GuardReportForm)
    /// The checkpoints of one tower, to record a scan by hand.
    case scanPicker(tower: TowerID, index: Int)
}

/// The guard console's own state: who it is for, what is open, the last outcome. Never in the log.
public struct GuardModel: Sendable {
    /// The guard this console belongs to; every command acts as this guard.
    public var guardID: GuardID
    public var overlay: GuardOverlay?
    public var status: StatusMessage?
    public var mode: ConsoleMode = .live
    public var policy: Policy = .standard
    /// The last dispatch this console rang for, so a dispatch rings once.
    public var announcedDispatch: DispatchID?

    /// A console for `guardID`; a dispatch the guard already holds in `state` does
    /// not ring (they have seen it, or been told by radio).
    public init(guardID: GuardID, state: DistrictState? = nil, mode: ConsoleMode = .live) {
        self.guardID = guardID
        self.mode = mode
        announcedDispatch = state?.guards[guardID]?.openDispatch
    }

    /// The guard's open dispatch, if any.
    public func openDispatch(in state: DistrictState) -> Dispatch? {
        state.guards[guardID]?.openDispatch.flatMap { state.dispatches[$0] }
    }

    /// Where the guard is taken to be: their last checkpoint's tower, else the last
    /// tower they were seen in, else their home tower.
    public func currentTower(in state: DistrictState) -> TowerID? {
        guard let g = state.guards[guardID] else { return nil }
        return state.lastCheckpoint(of: g)?.tower ?? g.lastTower ?? g.homeTower
    }
}
