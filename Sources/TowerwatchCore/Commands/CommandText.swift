import TowerwatchText

/// Who acts, as people write it: the one reading of `--as` for the command
/// line, the console's `:` prompt, `ingest` and scenarios (the verbs
/// themselves are `Verb`'s table, read by `VerbInvocation`).
public enum CommandText {
    // MARK: - Identities

    /// Resolves `--as`: `G-017`, `O-01`, or explicit `guard:G-017`, `officer:O-01`,
    /// `feed:plate-camera`, `system`. Unknown people are rejected here, by name.
    public static func actor(_ text: String, in state: DistrictState) throws(Rejection) -> Actor {
        if let explicit = Actor(text: text) {
            switch explicit {
            case .officer(let typed):
                let id = DistrictState.spelled(typed.raw, in: state.officers)
                guard state.officers[id] != nil else {
                    throw Rejection("unknown officer \(id): not enrolled in this district" + DistrictState.suggestion(for: id, in: state.officers))
                }
                return .officer(id)
            case .guard(let typed):
                let id = DistrictState.spelled(typed.raw, in: state.guards)
                guard state.guards[id] != nil else {
                    throw Rejection("unknown guard \(id): not enrolled in this district" + DistrictState.suggestion(for: id, in: state.guards))
                }
                return .guard(id)
            default: return explicit
            }
        }
        let officer = DistrictState.spelled(text, in: state.officers)
        if state.officers[officer] != nil { return .officer(officer) }
        let guardID = DistrictState.spelled(text, in: state.guards)
        if state.guards[guardID] != nil { return .guard(guardID) }
        let near = Spelling.nearest(to: text, among: (state.officers.keys.map(\.raw) + state.guards.keys.map(\.raw)).sorted(), maxEdits: 1)
        throw Rejection("unknown identity '\(text)': not an enrolled officer or guard"
                        + (near.isEmpty ? "" : "; " + Spelling.didYouMean(near))
                        + " (use guard:ID, officer:ID, feed:NAME or system)")
    }

    /// Where a report comes from when the reporter does not say.
    public static func defaultSource(for actor: Actor) -> HazardSource {
        switch actor {
        case .guard: return .patrol
        case .feed(let name): return HazardSource(rawValue: name) ?? .officer
        default: return .officer
        }
    }
}
