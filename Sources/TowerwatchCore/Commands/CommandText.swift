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
            case .officer(let id) where state.officers[id] == nil: throw Rejection("unknown officer \(id): not enrolled in this district")
            case .guard(let id) where state.guards[id] == nil: throw Rejection("unknown guard \(id): not enrolled in this district")
            default: return explicit
            }
        }
        if state.officers[OfficerID(text)] != nil { return .officer(OfficerID(text)) }
        if state.guards[GuardID(text)] != nil { return .guard(GuardID(text)) }
        throw Rejection("unknown identity '\(text)': not an enrolled officer or guard (use guard:ID, officer:ID, feed:NAME or system)")
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
