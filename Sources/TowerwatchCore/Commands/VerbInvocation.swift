/// One use of a verb, however it was written: words on the command line or
/// the `:` prompt, a JSON line for `ingest`, or a scenario step's fields. All
/// four are read into this one form and become an `Action` the same way.
public struct VerbInvocation: Sendable, Hashable {
    public var verb: Verb
    /// The values given, by argument key (the subject under its own key).
    public var values: [String: String]
    /// Who acts, when the words say so (`--as`, `"as"`, `as:`); resolved against the district later.
    public var actor: String?

    /// Checks that every key is one the verb takes.
    public init(_ verb: Verb, values: [String: String], actor: String? = nil) throws(Rejection) {
        let known = Set(verb.arguments.map(\.key))
        if let stray = values.keys.sorted().first(where: { !known.contains($0) }) {
            let takes = verb.arguments.map { "--\($0.key)" }.joined(separator: " ")
            throw Rejection("\(verb.name) does not take --\(stray); it takes " + (takes.isEmpty ? "nothing more" : takes))
        }
        self.verb = verb; self.values = values; self.actor = actor
    }

    /// Reads the words after the verb: `--key value`, `--key=value`, `key=value`,
    /// and at most one bare word, the verb's subject (`dispatch H-000012 --guard G-017`).
    /// `--as` names who acts.
    public init(_ verb: Verb, words: [String]) throws(Rejection) {
        var values: [String: String] = [:]
        var subject: String?
        func put(_ key: String, _ value: String) throws(Rejection) {
            guard values[key] == nil else { throw Rejection("--\(key) is given twice") }
            values[key] = value
        }
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.hasPrefix("--") {
                let key = String(word.dropFirst(2))
                if let eq = key.firstIndex(of: "=") {
                    try put(String(key[..<eq]), String(key[key.index(after: eq)...]))
                } else {
                    guard i + 1 < words.count else { throw Rejection("--\(key) needs a value") }
                    try put(key, words[i + 1])
                    i += 1
                }
            } else if let eq = word.firstIndex(of: "="), eq != word.startIndex {
                try put(String(word[..<eq]), String(word[word.index(after: eq)...]))
            } else {
                guard subject == nil else { throw Rejection("unexpected word '\(word)'") }
                subject = word
            }
            i += 1
        }
        let actor = values.removeValue(forKey: "as")
        if let subject {
            guard let key = verb.subject?.key else { throw Rejection("\(verb.name) takes no positional argument (got '\(subject)')") }
            try put(key, subject)
        }
        try self.init(verb, values: values, actor: actor)
    }

    /// Reads a typed line (the console's `:` prompt): the verb, then its words.
    /// Double quotes group words: `clear D-000004 --note "waste removed"`.
    public init(line: String) throws(Rejection) {
        let words = try VerbInvocation.split(line)
        guard let first = words.first else { throw Rejection("empty command") }
        try self.init(try Verb(named: first), words: Array(words.dropFirst()))
    }

    /// Reads named fields (a JSON line, a scenario step): `command` names the
    /// verb, `as` who acts (or `defaultActor`), the others are its arguments.
    public init(fields: [String: String], defaultActor: String? = nil) throws(Rejection) {
        var values = fields
        guard let name = values.removeValue(forKey: "command") else { throw Rejection("missing \"command\"") }
        let actor = values.removeValue(forKey: "as") ?? defaultActor
        try self.init(try Verb(named: name), values: values, actor: actor)
    }

    /// Splits a line into words at spaces outside double quotes.
    public static func split(_ line: String) throws(Rejection) -> [String] {
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
        return words
    }

    // MARK: - The action

    /// The action these words ask for, done by `actor`, who fills defaults (a
    /// guard scanning for themself, the source of a report). With the district at
    /// hand, ids typed in another case are read as the district spells them (`g-017` is G-017).
    public func action(actor: Actor, in state: DistrictState? = nil) throws(Rejection) -> Action {
        var args = values
        for argument in verb.arguments where (args[argument.key] ?? "").isEmpty {
            switch argument.need {
            case .optional: continue
            case .actingGuard: if case .guard(let g) = actor { args[argument.key] = g.raw; continue }
            case .required: break
            }
            throw Rejection("\(verb.name) needs --\(argument.key)")
        }
        func text(_ k: String) -> String { args[k] ?? "" }
        func id<Tag, Value>(_ k: String, _ table: KeyPath<DistrictState, [ID<Tag>: Value]>) -> ID<Tag> {
            state.map { DistrictState.spelled(text(k), in: $0[keyPath: table]) } ?? ID(text(k))
        }
        func choice<E: RawRepresentable & CaseIterable>(_ k: String, _ t: E.Type) throws(Rejection) -> E where E.RawValue == String {
            guard let v = E(rawValue: text(k)) else {
                throw Rejection("--\(k) '\(text(k))' is not one of: " + E.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return v
        }
        switch verb {
        case .reportHazard:
            var severity: Severity?
            if let s = args["severity"] {
                guard let v = Severity(name: s) else { throw Rejection("--severity '\(s)' is not one of: low, medium, high, critical") }
                severity = v
            }
            let source = args["source"] != nil ? try choice("source", HazardSource.self) : CommandText.defaultSource(for: actor)
            return .reportHazard(HazardReport(category: try choice("category", HazardCategory.self), source: source,
                                              tower: id("tower", \.towers), floor: text("floor"), zone: text("zone"),
                                              severity: severity, tenant: args["tenant"].map { _ in id("tenant", \.tenants) }, note: text("note")))
        case .dispatch: return .dispatch(hazard: id("hazard", \.hazards), guard: id("guard", \.guards))
        case .ack: return .acknowledge(id("dispatch", \.dispatches), channel: args["channel"] == nil ? .console : try choice("channel", AckChannel.self))
        case .arrive: return .arrive(id("dispatch", \.dispatches))
        case .clear: return .clear(id("dispatch", \.dispatches), note: text("note"))
        case .decline: return .decline(id("dispatch", \.dispatches), reason: text("reason"))
        case .reassign: return .reassign(id("dispatch", \.dispatches), to: id("guard", \.guards))
        case .withdraw: return .withdraw(id("dispatch", \.dispatches), reason: args["reason"] ?? "withdrawn by officer")
        case .escalate: return .escalate(id("hazard", \.hazards), to: try choice("to", EscalationTarget.self), note: text("note"))
        case .close: return .close(id("hazard", \.hazards), note: text("note"))
        case .note: return .addNote(id("hazard", \.hazards), text: text("text"))
        case .split:
            guard let report = Int(text("report")), report > 0 else { throw Rejection("--report '\(text("report"))' is not a report number (2, 3…)") }
            return .splitReport(id("hazard", \.hazards), report: report)
        case .scan: return .scan(guard: id("guard", \.guards), checkpoint: id("checkpoint", \.checkpoints))
        case .onDuty: return .goOnDuty(id("guard", \.guards))
        case .offDuty: return .goOffDuty(id("guard", \.guards))
        case .startShift: return .startShift(ShiftID(text("shift")), name: args["name"] ?? text("shift"))
        case .endShift: return .endShift(id("shift", \.shifts))
        case .setTimeZone: return .setTimeZone(text("zone"))
        case .setBaseline: return .setBaseline(try choice("category", HazardCategory.self), minutes: try VerbInvocation.minutes(days: text("days")))
        case .drillHeld: return .recordDrillHeld(tower: id("tower", \.towers), scenario: text("scenario"))
        case .bulletin: return .issueBulletin(from: args["from"] ?? actor.description, text: text("text"), tower: args["tower"].map { _ in id("tower", \.towers) })
        }
    }

    /// Whole minutes in a number of days typed as a decimal (`3.5` → 5040), rounded to the minute.
    static func minutes(days text: String) throws(Rejection) -> Int {
        guard let days = Double(text), days.isFinite, days > 0, days <= 366 else {
            throw Rejection("--days '\(text)' is not a number of days more than 0 and at most 366 (3.5)")
        }
        return Int((days * 1440).rounded())
    }

    /// The command these words ask for in `state`: who acts is the words' own
    /// `as`, else `defaultActor`.
    ///
    /// - Throws: a `Rejection` naming an unknown identity, a missing actor, or a
    ///   missing or malformed argument. Whether the district accepts the command
    ///   is `decide`'s call.
    public func command(in state: DistrictState, defaultActor: Actor? = nil) throws(Rejection) -> Command {
        let who: Actor
        if let actor { who = try CommandText.actor(actor, in: state) }
        else if let defaultActor { who = defaultActor }
        else { throw Rejection("missing \"as\": who acts (guard:ID, officer:ID, feed:NAME or system)") }
        return Command(who, try action(actor: who, in: state))
    }
}
