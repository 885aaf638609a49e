/// The verbs people type: one vocabulary for the command line, the console's
/// `:` prompt and `ingest`'s JSON lines, so they cannot drift apart.
///
/// A verb takes named arguments (`guard`, `note`...) and at most one
/// positional argument, the thing it acts on (`dispatch H-000012 --guard G-017`).
public enum CommandText {
    /// A verb with its arguments and help, declared once.
    public struct Verb: Sendable {
        public var name: String
        /// The key the positional argument fills, if the verb takes one.
        public var subject: String?
        public var required: [String]
        public var optional: [String]
        public var summary: String
    }

    public static let verbs: [Verb] = [
        Verb(name: "report-hazard", subject: nil, required: ["category", "tower", "floor", "zone"],
             optional: ["severity", "source", "tenant", "note"], summary: "report a hazard at a tower, floor and zone"),
        Verb(name: "dispatch", subject: "hazard", required: ["hazard", "guard"], optional: [], summary: "send a guard to a hazard (officer)"),
        Verb(name: "ack", subject: "dispatch", required: ["dispatch"], optional: ["channel"],
             summary: "acknowledge a dispatch (guard; an officer with --channel radio|phone on a guard's behalf)"),
        Verb(name: "arrive", subject: "dispatch", required: ["dispatch"], optional: [], summary: "report arrival on scene (guard)"),
        Verb(name: "clear", subject: "dispatch", required: ["dispatch"], optional: ["note"], summary: "report the dispatch done (guard)"),
        Verb(name: "decline", subject: "dispatch", required: ["dispatch", "reason"], optional: [], summary: "decline a dispatch with a reason (guard)"),
        Verb(name: "reassign", subject: "dispatch", required: ["dispatch", "guard"], optional: [], summary: "give a dispatch to another guard (officer)"),
        Verb(name: "withdraw", subject: "dispatch", required: ["dispatch"], optional: ["reason"], summary: "call a guard back (officer)"),
        Verb(name: "escalate", subject: "hazard", required: ["hazard", "to"], optional: ["note"],
             summary: "pass a hazard to police, fire-service, captain or property-company (officer)"),
        Verb(name: "close", subject: "hazard", required: ["hazard"], optional: ["note"], summary: "close a rectified hazard (officer)"),
        Verb(name: "scan", subject: "checkpoint", required: ["checkpoint"], optional: ["guard"], summary: "record a checkpoint scan"),
        Verb(name: "on-duty", subject: "guard", required: [], optional: ["guard"], summary: "put a guard on duty"),
        Verb(name: "off-duty", subject: "guard", required: [], optional: ["guard"], summary: "take a guard off duty"),
        Verb(name: "start-shift", subject: "shift", required: ["shift"], optional: ["name"], summary: "start a shift (officer)"),
        Verb(name: "end-shift", subject: "shift", required: ["shift"], optional: [], summary: "end a shift (officer)"),
        Verb(name: "bulletin", subject: nil, required: ["text"], optional: ["from", "tower"], summary: "issue an alliance bulletin"),
        Verb(name: "set-time-zone", subject: "zone", required: ["zone"], optional: [],
             summary: "set the zone the district's clocks read in, e.g. Asia/Shanghai (officer)"),
    ]

    public static func verb(named name: String) -> Verb? { verbs.first { $0.name == name } }

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

    // MARK: - Parsing

    /// Splits a typed line into a verb, a positional subject and `--key value` / `key=value` pairs.
    /// Double quotes group words: `clear D-000004 --note "waste removed"`.
    public static func tokenize(_ line: String) throws(Rejection) -> (verb: String, arguments: [String: String]) {
        var words: [String] = []
        var current = "", quoted = false, any = false
        for ch in line {
            if ch == "\"" { quoted.toggle(); any = true; continue }
            if ch.isWhitespace && !quoted {
                if any { words.append(current); current = ""; any = false }
            } else { current.append(ch); any = true }
        }
        if quoted { throw Rejection("unclosed quote in: \(line)") }
        if any { words.append(current) }
        guard let verb = words.first else { throw Rejection("empty command") }
        var args: [String: String] = [:]
        var i = 1
        while i < words.count {
            let w = words[i]
            if w.hasPrefix("--") {
                let key = String(w.dropFirst(2))
                if let eq = key.firstIndex(of: "=") {
                    args[String(key[..<eq])] = String(key[key.index(after: eq)...])
                } else {
                    guard i + 1 < words.count else { throw Rejection("--\(key) needs a value") }
                    args[key] = words[i + 1]; i += 1
                }
            } else if let eq = w.firstIndex(of: "="), eq != w.startIndex {
                args[String(w[..<eq])] = String(w[w.index(after: eq)...])
            } else {
                guard args["_"] == nil else { throw Rejection("unexpected word '\(w)'") }
                args["_"] = w
            }
            i += 1
        }
        return (verb, args)
    }

    /// Builds the action a verb and its arguments name. `actor` fills defaults
    /// (a guard scanning for themself, the source of a report).
    public static func action(verb name: String, arguments given: [String: String], actor: Actor) throws(Rejection) -> Action {
        guard let verb = verb(named: name) else {
            throw Rejection("unknown command '\(name)'; commands are: " + verbs.map(\.name).joined(separator: ", "))
        }
        var args = given
        if let subject = args.removeValue(forKey: "_") {
            guard let key = verb.subject else { throw Rejection("\(name) takes no positional argument (got '\(subject)')") }
            args[key] = subject
        }
        let known = Set(verb.required + verb.optional + ["as"])
        if let stray = args.keys.sorted().first(where: { !known.contains($0) }) {
            throw Rejection("\(name) does not take --\(stray); it takes " + (verb.required + verb.optional).map { "--\($0)" }.joined(separator: " "))
        }
        if case .guard(let g) = actor, args["guard"] == nil, ["scan", "on-duty", "off-duty"].contains(name) { args["guard"] = g.raw }
        for key in verb.required + (["on-duty", "off-duty"].contains(name) ? ["guard"] : []) where (args[key] ?? "").isEmpty {
            throw Rejection("\(name) needs --\(key)")
        }
        func text(_ k: String) -> String { args[k] ?? "" }
        func parse<E: RawRepresentable & CaseIterable>(_ k: String, _ t: E.Type) throws(Rejection) -> E where E.RawValue == String {
            guard let v = E(rawValue: text(k)) else {
                throw Rejection("--\(k) '\(text(k))' is not one of: " + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return v
        }
        switch name {
        case "report-hazard":
            var severity: Severity?
            if let s = args["severity"] {
                guard let v = Severity(name: s) else { throw Rejection("--severity '\(s)' is not one of: low, medium, high, critical") }
                severity = v
            }
            let source: HazardSource = args["source"] != nil ? try parse("source", HazardSource.self) : defaultSource(for: actor)
            return .reportHazard(HazardReport(category: try parse("category", HazardCategory.self), source: source,
                                              tower: TowerID(text("tower")), floor: text("floor"), zone: text("zone"),
                                              severity: severity, tenant: args["tenant"].map { TenantID($0) }, note: text("note")))
        case "dispatch": return .dispatch(hazard: HazardID(text("hazard")), guard: GuardID(text("guard")))
        case "ack": return .acknowledge(DispatchID(text("dispatch")), channel: args["channel"] == nil ? .console : try parse("channel", AckChannel.self))
        case "arrive": return .arrive(DispatchID(text("dispatch")))
        case "clear": return .clear(DispatchID(text("dispatch")), note: text("note"))
        case "decline": return .decline(DispatchID(text("dispatch")), reason: text("reason"))
        case "reassign": return .reassign(DispatchID(text("dispatch")), to: GuardID(text("guard")))
        case "withdraw": return .withdraw(DispatchID(text("dispatch")), reason: args["reason"] ?? "withdrawn by officer")
        case "escalate": return .escalate(HazardID(text("hazard")), to: try parse("to", EscalationTarget.self), note: text("note"))
        case "close": return .close(HazardID(text("hazard")), note: text("note"))
        case "scan": return .scan(guard: GuardID(text("guard")), checkpoint: CheckpointID(text("checkpoint")))
        case "on-duty": return .goOnDuty(GuardID(text("guard")))
        case "off-duty": return .goOffDuty(GuardID(text("guard")))
        case "start-shift": return .startShift(ShiftID(text("shift")), name: args["name"] ?? text("shift"))
        case "end-shift": return .endShift(ShiftID(text("shift")))
        case "set-time-zone": return .setTimeZone(text("zone"))
        default: return .issueBulletin(from: args["from"] ?? actor.description, text: text("text"), tower: args["tower"].map { TowerID($0) })
        }
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
