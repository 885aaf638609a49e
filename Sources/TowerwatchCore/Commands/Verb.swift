import TowerwatchText

/// The verbs people type, declared once: the one-line commands
/// (`towerwatch dispatch H-000012 --guard G-017 --as O-01`), the console's `:`
/// prompt, `ingest`'s JSON lines and drill scenario steps are all read through
/// this table, so they cannot drift apart.
///
/// A verb takes named arguments (`guard`, `note`...) and at most one
/// positional one, its subject: the thing it acts on. Where a verb has a
/// subject, the prompt and the command line take it as a bare word
/// (`dispatch H-000012`) and JSON and scenarios as a key (`"hazard": "H-000012"`).
///
/// Adding a verb is: a case here, its `abstract` and `arguments`, and its
/// `Action` in `action(_:actor:)`; the compiler lists every switch that must
/// learn it, and the command line, the prompt, `ingest` and scenarios take it
/// from there.
public enum Verb: String, CaseIterable, Sendable, Hashable {
    // Hazards and dispatches
    case reportHazard = "report-hazard"
    case dispatch, ack, arrive, clear, decline, reassign, withdraw, escalate, close, note, split
    // Patrol and shifts
    case scan, onDuty = "on-duty", offDuty = "off-duty", startShift = "start-shift", endShift = "end-shift"
    // The alliance
    case bulletin
    // The district's settings
    case setTimeZone = "set-time-zone"
    // The programme's own record
    case setBaseline = "set-baseline", drillHeld = "drill-held"

    /// The word people type.
    public var name: String { rawValue }

    /// What the verb does and who uses it, in one line (the command line's abstract).
    public var abstract: String {
        switch self {
        case .reportHazard: "Report a hazard."
        case .dispatch: "Send a guard to a hazard (officer)."
        case .ack: "Acknowledge a dispatch (guard; an officer records radio or phone acks)."
        case .arrive: "Report arrival on scene (guard)."
        case .clear: "Report a dispatch done (guard)."
        case .decline: "Decline a dispatch, with a reason for the officer (guard)."
        case .reassign: "Give a dispatch to another guard (officer)."
        case .withdraw: "Call a guard back from a dispatch (officer)."
        case .escalate: "Pass a hazard beyond the guard force (officer)."
        case .close: "Close a rectified hazard (officer); open dispatches are withdrawn."
        case .note: "Add a note to an open hazard's timeline (an officer, or a guard sent to it)."
        case .split: "Split a report that joined an open hazard back out into a hazard of its own (officer)."
        case .scan: "Record a checkpoint scan (a guard for themself, or a scanner feed)."
        case .onDuty: "Put a guard on duty."
        case .offDuty: "Take a guard off duty."
        case .startShift: "Start a shift (officer)."
        case .endShift: "End a shift (officer)."
        case .bulletin: "Issue an alliance bulletin."
        case .setTimeZone: "Set the zone the district's clocks read in (officer); every screen and report follows it, the log stays UTC."
        case .setBaseline: "Record how long a hazard of a category stayed open before the programme (officer): the baseline the median time to rectify is read against."
        case .drillHeld: "Record that a safety drill was held at a tower (officer or trainer); the drill's own events stay in its drill log."
        }
    }

    /// The verb's arguments, its subject (if any) first.
    public var arguments: [VerbArgument] {
        typealias A = VerbArgument
        let hazard = A(subject: "hazard", example: "H-000012", help: "The hazard (H-000012).")
        let dispatch = A(subject: "dispatch", example: "D-000007", help: "The dispatch (D-000007).")
        let shift = A(subject: "shift", example: "S-DAY", help: "The shift.")
        switch self {
        case .reportHazard:
            return [
                A(option: "category", .required, example: "fire-safety",
                  help: "fire-safety, parking, dispute, traffic, flood, fire-alarm, suspicious-person or crime."),
                A(option: "tower", .required, example: "T01", help: "Tower id (T01)."),
                A(option: "floor", .required, example: "B1", help: "Floor: 12, or B1 for an underground level."),
                A(option: "zone", .required, example: "escape-route", help: "Zone: lobby, escape-route, garage, e-bike-zone, loading-dock."),
                A(option: "severity", .optional, example: "high", help: "low, medium, high or critical (default by category)."),
                A(option: "source", .optional, example: "tenant-call",
                  help: "patrol, plate-camera, face-camera, tenant-call, alliance-bulletin or officer."),
                A(option: "tenant", .optional, example: "T01-F03-01", help: "Tenant id, if a tenant is involved."),
                A(option: "note", .optional, example: "装修垃圾堵塞消防通道", help: "What was found."),
            ]
        case .dispatch: return [hazard, A(option: "guard", .required, example: "G-017", help: "The guard to send.")]
        case .ack: return [dispatch, A(option: "channel", .optional, example: "radio", help: "console (default), radio or phone.")]
        case .arrive: return [dispatch]
        case .clear: return [dispatch, A(option: "note", .optional, example: "waste removed, route clear", help: "What was done.")]
        case .decline: return [dispatch, A(option: "reason", .required, example: "already on a dispute in B1", help: "Why.")]
        case .reassign: return [dispatch, A(option: "guard", .required, example: "G-021", help: "The new guard.")]
        case .withdraw: return [dispatch, A(option: "reason", .optional, example: "hazard gone", help: "Why.")]
        case .escalate:
            return [hazard, A(option: "to", .required, example: "fire-service", help: "police, fire-service, captain or property-company."),
                    A(option: "note", .optional, example: "smoke on 12F", help: "A note.")]
        case .close: return [hazard, A(option: "note", .optional, example: "route clear", help: "How it was rectified.")]
        case .note:
            return [hazard, A(option: "text", .required, example: "contractor called, arriving 14:40",
                              help: "The note (at most \(HazardNote.maximumLength) characters).")]
        case .split:
            return [hazard, A(option: "report", .required, example: "2",
                              help: "The joined report's number on the hazard, as its detail lists them (the first report is 1).")]
        case .scan:
            return [A(subject: "checkpoint", example: "T01-CP03", help: "The checkpoint (T01-CP03)."),
                    A(option: "guard", .actingGuard, example: "G-017", help: "The guard scanning (defaults to --as).")]
        case .onDuty, .offDuty: return [A(subject: "guard", need: .actingGuard, example: "G-017", help: "The guard (defaults to --as).")]
        case .startShift: return [shift, A(option: "name", .optional, example: "day shift", help: "Its name (defaults to the shift's id).")]
        case .endShift: return [shift]
        case .bulletin:
            return [A(option: "text", .required, example: "police patrol on Jianshe Road tonight", help: "What the bulletin says."),
                    A(option: "from", .optional, example: "alliance", help: "Who issues it (defaults to --as)."),
                    A(option: "tower", .optional, example: "T05", help: "The tower it is about, if one.")]
        case .setTimeZone: return [A(subject: "zone", example: "Asia/Shanghai", help: "A zone the machine's zone database knows (Asia/Shanghai, UTC).")]
        case .setBaseline:
            return [A(option: "category", .required, example: "fire-safety",
                      help: "fire-safety, parking, dispute, traffic, flood, fire-alarm, suspicious-person or crime."),
                    A(option: "days", .required, example: "3.5", help: "Days a hazard stayed open before the programme (3.5; kept to the minute).")]
        case .drillHeld:
            return [A(option: "tower", .required, example: "T05", help: "Tower id (T05)."),
                    A(option: "scenario", .required, example: "fire evacuation", help: "What was drilled.")]
        }
    }

    /// The argument filled by the bare word, if the verb takes one.
    public var subject: VerbArgument? { arguments.first { $0.isSubject } }

    /// The verb named `name`.
    ///
    /// - Throws: a `Rejection` for an unknown verb, naming the nearest verb
    ///   when one is close (`dispach` → `dispatch`) and listing them all.
    public init(named name: String) throws(Rejection) {
        if let verb = Verb(rawValue: name) { self = verb; return }
        let all = Verb.allCases.map(\.name).joined(separator: ", ")
        let nearest = Verb.nearest(to: name).map { "; did you mean \($0.name)?" } ?? ""
        throw Rejection("unknown command '\(name)'\(nearest) commands are: \(all)")
    }

    /// The verb a mistyped name most likely meant: the fewest edits, if few
    /// enough to be a slip (at most a third of the word, and at most 3), or
    /// the only verb it begins.
    public static func nearest(to name: String) -> Verb? {
        let typed = Array(name.lowercased())
        guard !typed.isEmpty else { return nil }
        if let exact = Verb(rawValue: String(typed)) { return exact }
        if let near = Spelling.nearest(to: String(typed), among: allCases.map(\.name), count: 1).first { return Verb(rawValue: near) }
        let begun = allCases.filter { $0.name.hasPrefix(String(typed)) }
        return begun.count == 1 ? begun[0] : nil
    }
}

/// One argument of a verb: its key, whether it is the subject, whether it must
/// be given, and its help.
public struct VerbArgument: Sendable, Hashable {
    /// How much an argument must be given.
    public enum Need: Sendable, Hashable {
        case required
        case optional
        /// Defaults to the guard who acts; must be given when someone else acts.
        case actingGuard
    }

    /// The key: `--KEY` on the command line and the prompt, `"KEY"` in JSON, `KEY:` in a scenario.
    public var key: String
    /// The subject is the bare word on the command line and the prompt.
    public var isSubject: Bool
    public var need: Need
    /// A value that reads well in examples and help.
    public var example: String
    public var help: String

    /// The verb's subject: required unless `need` says otherwise.
    public init(subject key: String, need: Need = .required, example: String, help: String) {
        self.key = key; isSubject = true; self.need = need; self.example = example; self.help = help
    }

    /// A named argument.
    public init(option key: String, _ need: Need, example: String, help: String) {
        self.key = key; isSubject = false; self.need = need; self.example = example; self.help = help
    }
}
