// MARK: - Shifts, duty and patrol

extension DistrictState {
    @inline(__always)
    mutating func foldShiftStarted(_ shift: ShiftID, name: String, _ record: EventRecord) -> String? {
        shifts[shift] = Shift(id: shift, name: name, startedAt: record.time)
        currentShift = shift
        found(.shift, shift.raw)
        return nil
    }

    @inline(__always)
    mutating func foldShiftEnded(_ shift: ShiftID, _ record: EventRecord) -> String? {
        guard shifts[shift] != nil else { return "unknown shift \(shift)" }
        shifts[shift]!.endedAt = record.time
        if currentShift == shift { currentShift = nil }
        return nil
    }

    /// A guard coming on duty is present again where last seen (or at home).
    @inline(__always)
    mutating func foldGuardWentOnDuty(_ guardID: GuardID, _ record: EventRecord) -> String? {
        guard let guardIndex = guards.index(forKey: guardID) else { return "unknown guard \(guardID)" }
        guard !guards.inPlace(guardIndex, { $0.onDuty }) else { return "guard \(guardID) is already on duty" }
        let move = guards.inPlace(guardIndex) { arriving in
            arriving.status = .available
            arriving.onDutySince = record.time
            return arriving.move(to: arriving.lastTower ?? arriving.homeTower)
        }
        if let move { shiftPresence(move) }
        return nil
    }

    /// A guard going off duty is present nowhere; one holding a dispatch cannot go.
    @inline(__always)
    mutating func foldGuardWentOffDuty(_ guardID: GuardID) -> String? {
        guard let guardIndex = guards.index(forKey: guardID) else { return "unknown guard \(guardID)" }
        guard guards.inPlace(guardIndex, { $0.onDuty }) else { return "guard \(guardID) is already off duty" }
        if let held = guards.inPlace(guardIndex, { $0.openDispatch }) { return "guard \(guardID) still holds dispatch \(held)" }
        let move = guards.inPlace(guardIndex) { leaving in
            leaving.status = .offDuty
            leaving.onDutySince = nil
            return leaving.move(to: nil)
        }
        if let move { shiftPresence(move) }
        return nil
    }

    /// The hot path of replay (most records are scans): mutates in place, no copies.
    @inline(__always)
    mutating func foldCheckpointScanned(_ guardID: GuardID, at checkpoint: CheckpointID, _ record: EventRecord) -> String? {
        guard let checkpointIndex = checkpoints.index(forKey: checkpoint) else { return "unknown checkpoint \(checkpoint)" }
        let tower = checkpoints.inPlace(checkpointIndex) { $0.tower }
        guard let guardIndex = guards.index(forKey: guardID) else { return "unknown guard \(guardID)" }
        let move = guards.inPlace(guardIndex) { $0.recordScan(Scan(checkpoint: checkpoint, at: record.time), in: tower) }
        if let move { shiftPresence(move) }
        addToFigures(of: record) { $0.checkpointScans += 1 }
        return nil
    }
}
