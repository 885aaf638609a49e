// MARK: - The programme's own record: baselines and drills held

extension Decider {
    /// The longest baseline an officer may record: a year. Longer is a typing slip, not a baseline.
    static let longestBaselineMinutes = 366 * 24 * 60

    /// An officer records how long a hazard of `category` stayed open before the
    /// programme (the district's "3–4 days" for a blocked escape route), so that the
    /// programme's median time to rectify can be read against it.
    func setBaseline(_ category: HazardCategory, minutes: Int) throws -> [Event] {
        try requireOfficerOrSystem("record a baseline")
        guard minutes > 0, minutes <= Decider.longestBaselineMinutes else {
            throw Rejection("a baseline must be more than 0 and at most 366 days (got \(minutes) minutes)")
        }
        guard state.rectifyBaselines[category] != minutes else {
            throw Rejection("the baseline for \(category.label) is already \(Span.minutes(Int64(minutes)).compact)")
        }
        return [.rectifyBaselineSet(category: category, minutes: minutes)]
    }

    /// An officer or trainer records that a safety drill was held at a tower. The
    /// drill's own events (a forked drill log, a scenario) never enter the live
    /// log; this one fact does, so the programme can count drills a tower a year.
    func recordDrillHeld(at tower: TowerID, scenario: String) throws -> [Event] {
        try requireOfficerOrSystem("record a drill held")
        guard state.towers[tower] != nil else { throw Rejection("unknown tower \(tower)") }
        guard !scenario.allSatisfy(\.isWhitespace) else { throw Rejection("a drill held needs its scenario (what was drilled)") }
        return [.safetyDrillHeld(tower: tower, scenario: scenario)]
    }
}
