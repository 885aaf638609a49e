// MARK: - Dispatches: officers send and take back; the assigned guard answers, step by step

extension Decider {
    func dispatch(_ guardID: GuardID, to hazard: HazardID) throws -> [Event] {
        try requireOfficer("dispatch a guard")
        let open = try requireOpenHazard(hazard, "take a new dispatch")
        try requireDispatchable(guardID)
        if open.dispatches.contains(where: { state.dispatches[$0]?.guard == guardID && state.dispatches[$0]?.isOpen == true }) {
            throw Rejection("\(guardID) is already dispatched to \(hazard)")
        }
        return [.guardDispatched(dispatch: nextDispatchID(0), hazard: hazard, guard: guardID)]
    }

    /// The guard acknowledges on the console; an officer records an acknowledgement by radio or phone.
    func acknowledge(_ id: DispatchID, channel: AckChannel) throws -> [Event] {
        let dispatch = try requireDispatch(id)
        if channel == .console {
            try requireAssignedGuard(dispatch, "acknowledge")
        } else {
            guard case .officer = actor else {
                throw Rejection("only an officer records an acknowledgement received by \(channel.rawValue)")
            }
        }
        guard dispatch.phase == .assigned else { throw Rejection(stepOrder(dispatch, "acknowledged")) }
        return [.dispatchAcknowledged(dispatch: id, guard: dispatch.guard, channel: channel)]
    }

    func arrive(_ id: DispatchID) throws -> [Event] {
        let dispatch = try requireDispatch(id)
        try requireAssignedGuard(dispatch, "report arrival on")
        guard dispatch.phase == .acknowledged else { throw Rejection(stepOrder(dispatch, "arrived")) }
        return [.guardArrivedOnScene(dispatch: id, guard: dispatch.guard)]
    }

    func clear(_ id: DispatchID, note: String) throws -> [Event] {
        let dispatch = try requireDispatch(id)
        try requireAssignedGuard(dispatch, "clear")
        guard dispatch.phase == .onScene else { throw Rejection(stepOrder(dispatch, "cleared")) }
        return [.dispatchCleared(dispatch: id, guard: dispatch.guard, note: note)]
    }

    /// A guard may decline, with a reason, until on scene.
    func decline(_ id: DispatchID, reason: String) throws -> [Event] {
        let dispatch = try requireDispatch(id)
        try requireAssignedGuard(dispatch, "decline")
        try requireText(reason, "reason for declining")
        guard dispatch.phase == .assigned || dispatch.phase == .acknowledged else { throw Rejection(stepOrder(dispatch, "declined")) }
        return [.dispatchDeclined(dispatch: id, guard: dispatch.guard, reason: reason)]
    }

    /// Reassigning withdraws the open dispatch and sends the other guard, in one append.
    func reassign(_ id: DispatchID, to guardID: GuardID) throws -> [Event] {
        try requireOfficer("reassign a dispatch")
        let dispatch = try requireDispatch(id)
        guard dispatch.isOpen else { throw Rejection("dispatch \(id) is \(dispatch.phase.label); only an open dispatch can be reassigned") }
        guard guardID != dispatch.guard else { throw Rejection("dispatch \(id) is already assigned to \(guardID)") }
        _ = try requireOpenHazard(dispatch.hazard, "take a new dispatch")
        try requireDispatchable(guardID)
        return [.dispatchWithdrawn(dispatch: id, reason: "reassigned to \(guardID)"),
                .guardDispatched(dispatch: nextDispatchID(0), hazard: dispatch.hazard, guard: guardID)]
    }

    func withdraw(_ id: DispatchID, reason: String) throws -> [Event] {
        try requireOfficer("withdraw a dispatch")
        let dispatch = try requireDispatch(id)
        guard dispatch.isOpen else { throw Rejection("dispatch \(id) is \(dispatch.phase.label); only an open dispatch can be withdrawn") }
        return [.dispatchWithdrawn(dispatch: id, reason: reason)]
    }

    /// The next dispatch id by count, skipping any already in use (see `nextHazardID`).
    func nextDispatchID(_ offset: Int) -> DispatchID {
        var n = max(state.dispatchCount, state.highestDispatchNumber) + 1 + offset
        while state.dispatches[DispatchID("D-" + zeroPadded(n, 6))] != nil { n += 1 }
        return DispatchID("D-" + zeroPadded(n, 6))
    }

    /// Why a lifecycle step is out of order, naming where the dispatch stands.
    func stepOrder(_ d: Dispatch, _ step: String) -> String {
        switch (d.phase, step) {
        case (.assigned, "arrived"): return "dispatch \(d.id) has not been acknowledged yet; acknowledge before reporting arrival"
        case (.assigned, "cleared"), (.acknowledged, "cleared"): return "dispatch \(d.id) is not on scene yet; report arrival before clearing"
        case (.cleared, _): return "dispatch \(d.id) was already cleared"
        case (.declined, _): return "dispatch \(d.id) was declined"
        case (.withdrawn, _): return "dispatch \(d.id) was withdrawn"
        default: return "dispatch \(d.id) is already \(d.phase.label) and cannot be \(step)"
        }
    }
}
