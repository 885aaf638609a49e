// MARK: - The programme's own record, and its figures kept current

extension DistrictState {
    @inline(__always)
    mutating func foldRectifyBaselineSet(_ category: HazardCategory, minutes: Int) -> String? {
        guard minutes > 0 else { return "a baseline must be more than 0 minutes" }
        rectifyBaselines[category] = minutes
        return nil
    }

    @inline(__always)
    mutating func foldSafetyDrillHeld(at tower: TowerID, scenario: String, _ record: EventRecord) -> String? {
        guard towers.index(forKey: tower) != nil else { return "unknown tower \(tower)" }
        countForProgramme(record)
        return nil
    }

    /// Counts `record`, just folded, in the programme's figures: only the few
    /// events that move one (closes, escalations, drills held) call this, so a
    /// scan costs the programme nothing.
    @inline(__always)
    mutating func countForProgramme(_ record: EventRecord) {
        guard let fact = ProgrammeFact(record, in: self) else { return }
        programme.count(fact)
    }
}
