// MARK: - Shifts, duty and patrol

extension Decider {
    func startShift(_ id: ShiftID, name: String) throws -> [Event] {
        try requireOfficerOrSystem("start a shift")
        guard state.shifts[id] == nil else { throw Rejection("shift \(id) has already started") }
        return [.shiftStarted(shift: id, name: name)]
    }

    func endShift(_ id: ShiftID) throws -> [Event] {
        try requireOfficerOrSystem("end a shift")
        guard let shift = state.shifts[id] else { throw Rejection("unknown shift \(id)") }
        guard shift.endedAt == nil else { throw Rejection("shift \(id) has already ended") }
        return [.shiftEnded(shift: id)]
    }

    func goOnDuty(_ guardID: GuardID) throws -> [Event] {
        let enrolled = try requireGuard(guardID)
        try requireSelfOrOfficer(guardID, "put \(guardID) on duty")
        guard !enrolled.onDuty else { throw Rejection("\(guardID) \(enrolled.name) is already on duty") }
        return [.guardWentOnDuty(guard: guardID)]
    }

    /// A guard holding a dispatch stays on duty until it is cleared, declined or reassigned.
    func goOffDuty(_ guardID: GuardID) throws -> [Event] {
        let enrolled = try requireGuard(guardID)
        try requireSelfOrOfficer(guardID, "take \(guardID) off duty")
        guard enrolled.onDuty else { throw Rejection("\(guardID) \(enrolled.name) is already off duty") }
        if let held = enrolled.openDispatch {
            throw Rejection("\(guardID) \(enrolled.name) still holds dispatch \(held); clear, decline or reassign it first")
        }
        return [.guardWentOffDuty(guard: guardID)]
    }

    /// A scan comes from the guard's own console or a patrol scanner (a feed), on duty only.
    func scan(_ guardID: GuardID, at checkpoint: CheckpointID) throws -> [Event] {
        let enrolled = try requireGuard(guardID)
        switch actor {
        case .guard(let who) where who == guardID: break
        case .feed: break
        default: throw Rejection("only \(guardID) or a patrol scanner can scan for \(guardID)")
        }
        guard state.checkpoints[checkpoint] != nil else { throw Rejection("unknown checkpoint \(checkpoint)" + DistrictState.suggestion(for: checkpoint, in: state.checkpoints)) }
        guard enrolled.onDuty else { throw Rejection("\(guardID) \(enrolled.name) is off duty; go on duty before scanning") }
        return [.checkpointScanned(guard: guardID, checkpoint: checkpoint)]
    }
}
