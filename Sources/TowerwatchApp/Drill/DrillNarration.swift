import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// What `towerwatch drill` prints as a scenario plays: the banner, a line per
/// step as it is played, refused or takes a guard out, and the closing summary.
/// Text only; the command prints it.
public enum DrillNarration {
    /// `playing NAME (N steps over 20m00s at 60x, with the patrol) into PATH; Ctrl-C stops it`.
    public static func banner(_ scenario: Scenario, speed: Double, patrol: Bool, path: String) -> String {
        "playing \(scenario.name) (\(scenario.steps.count) steps over \(scenario.length.compact)"
            + (speed == 1 ? "" : " at \(speed)x") + (patrol ? ", with the patrol" : "") + ") into \(path); Ctrl-C stops it"
    }

    /// The lines for one thing that happened during the run, read against the
    /// district as it now stands (`state`), its times in the district's zone.
    public static func lines(_ event: ScenarioPlayer.Event, state: DistrictState, patrol: Bool) -> [String] {
        switch event {
        case let .played(step, records):
            let local = SystemZones.localTime(for: state).time
            return records.map { "step \(step.number) (\(step.at.compact)): \(RecordText.sentence($0, in: state, time: local))" }
        case let .rejected(step, rejection):
            return ["step \(step.number) (\(step.at.compact)): \(step.summary) rejected: \(rejection.reason)"]
        case let .silenced(step, g):
            let guardNow = state.guards[g]
            let note = guardNow?.onDuty == false ? " (off duty now: their silence will not show)"
                : patrol ? ": no more scans or answers" : " (no --patrol: nobody scans in this drill anyway)"
            return ["step \(step.number) (\(step.at.compact)): \(g.raw) \(guardNow?.name ?? "") goes silent" + note]
        }
    }

    /// `done: 3 steps played, 1 rejected (steps 4), 120 patrol records; PATH ends at TIME`.
    public static func summary(_ outcome: ScenarioPlayer.Outcome, patrol: Bool, path: String, time: LocalTimeText) -> String {
        var text = "\(outcome.stopped ? "stopped" : "done"): \(outcome.played) step\(outcome.played == 1 ? "" : "s") played"
        if !outcome.rejected.isEmpty {
            text += ", \(outcome.rejected.count) rejected (steps \(outcome.rejected.map { String($0.step) }.joined(separator: ", ")))"
        }
        if patrol { text += ", \(outcome.patrolRecords) patrol records" }
        return text + "; \(path) ends at \(time.dateTime(outcome.end))"
    }

    /// What a fork says once written: where from, how much history, and how to take over.
    public static func forked(from live: String, at time: Timestamp, into out: String, records: UInt64, lastTime: Timestamp?, goesOn: Bool,
                              local: LocalTimeText) -> [String] {
        let last = lastTime.map { " (the last at \(local.dateTime($0)))" } ?? ""
        return [
            "forked \(live) at \(local.dateTime(time)) into \(out): \(records) records of history\(last)"
                + (goesOn ? "; the records after it are left out" : ""),
            "\(out) is a drill log: every record appended to it is marked as a drill. Take over with:",
            "  towerwatch console --log \(out) --as OFFICER",
        ]
    }
}
