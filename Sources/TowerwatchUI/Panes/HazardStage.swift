import TowerwatchCore

/// Where an open hazard stands, as the officer must read it: each step of a
/// dispatch its own stage, told the same way in the row, the detail and the feed.
///
/// Worked out from the state alone (never from what this console saw happen),
/// so a replay shows the same stage at the same moment as the live console.
public struct HazardStage: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        /// Nobody sent yet.
        case new
        case dispatched, acknowledged, onScene
        /// Every guard sent has cleared; the hazard waits for the officer to close it.
        case cleared
        /// The latest guard sent declined, and the officer has not acted since.
        case declined(reason: String)
        /// The latest dispatch was withdrawn and nobody else is on it.
        case withdrawn
        case closed
    }

    public var step: Step
    /// The dispatch the stage is about (the open one, else the latest).
    public var dispatch: Dispatch?
    /// Whom the hazard was escalated to, in order (police, fire service...).
    public var escalatedTo: [EscalationTarget]
    /// Alarms raised for it whose cause still stands.
    public var alarms: [AlarmKind]

    /// The stage's word, as the row's State column and the feed say it
    /// (`awaiting close`: every guard sent has cleared).
    public var label: String {
        switch step {
        case .new: "new"
        case .dispatched: "dispatched"
        case .acknowledged: "acknowledged"
        case .onScene: "on scene"
        case .cleared: "awaiting close"
        case .declined: "✗ declined"
        case .withdrawn: "withdrawn"
        case .closed: "closed"
        }
    }

    /// The State column: the stage, then `‼` for a standing alarm and `⇡` for an escalation.
    public var cellText: String {
        var text = (alarms.isEmpty ? "" : "‼ ") + label
        if let last = escalatedTo.last { text += " ⇡" + last.rawValue }
        return text
    }

    /// True while the stage waits for the officer (a decline): shown highlighted.
    public var needsOfficer: Bool {
        if case .declined = step { return true }
        return false
    }

    public var role: Role {
        switch step {
        case .new, .withdrawn: .hazardNew
        case .dispatched: .hazardDispatched
        case .acknowledged: .hazardAcknowledged
        case .onScene: .hazardOnScene
        case .cleared, .closed: .hazardResolved
        case .declined: .alarm
        }
    }

    /// The stage of `h` in `state`.
    public init(of h: Hazard, in state: DistrictState) {
        escalatedTo = h.escalations.map(\.target)
        alarms = state.activeAlarms(of: h)
        guard h.isOpen else { step = .closed; dispatch = nil; return }
        if let open = state.activeDispatch(of: h) {
            dispatch = open
            switch open.phase {
            case .onScene: step = .onScene
            case .acknowledged: step = .acknowledged
            default: step = .dispatched
            }
            return
        }
        let all = h.dispatches.compactMap { state.dispatches[$0] }
        guard let latest = all.last else { step = .new; dispatch = nil; return }
        dispatch = latest
        // The officer acted after a decline when they escalated the hazard since.
        let actedSince = h.escalations.contains { e in latest.declinedAt.map { e.at >= $0 } ?? false }
        if let reason = latest.declineReason, latest.declinedAt != nil, !actedSince {
            step = .declined(reason: reason)
        } else if all.contains(where: { $0.clearedAt != nil }) {
            step = .cleared
        } else if latest.withdrawnAt != nil {
            step = .withdrawn
        } else {
            step = .new
        }
    }
}

extension DistrictState {
    /// The kinds of the alarms of `h` whose cause still stands (as ``activeAlarms()`` keeps them).
    public func activeAlarms(of h: Hazard) -> [AlarmKind] {
        h.alarms.filter { isStanding($0, of: h) }.map(\.kind)
    }
}
