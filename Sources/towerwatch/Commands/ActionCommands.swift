import ArgumentParser
import TowerwatchCore
import TowerwatchLog

/// What every one-line action shares: the log, who acts, and running the verb.
struct ActionOptions: ParsableArguments {
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: ArgumentHelp("Who acts: a guard (G-017), an officer (O-01), feed:NAME or system.", valueName: "ID"))
    var actor: String

    /// Resolves the actor, builds the verb's action and appends it; prints the records.
    func run(_ verb: String, _ arguments: [String: String?]) throws {
        try reporting {
            let district = try openForWriting(try log.path())
            do {
                let actor = try CommandText.actor(self.actor, in: district.state)
                let action = try CommandText.action(verb: verb, arguments: arguments.compactMapValues { $0 }, actor: actor)
                switch try district.execute(Command(actor, action), now: DrillClock.forLog(district.store.header).now()) {
                case .success(let records):
                    for r in records { say(RecordText.sentence(r, in: district.state)) }
                case .failure(let rejection):
                    throw rejection
                }
            } catch let rejection as Rejection {
                throw Failure(message: "rejected: \(rejection.reason)", status: ExitStatus.refused)
            }
        }
    }
}

struct ReportHazard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report-hazard", abstract: "Report a hazard.")
    @OptionGroup var options: ActionOptions
    @Option(help: "fire-safety, parking, dispute, traffic, flood, fire-alarm, suspicious-person or crime.") var category: String
    @Option(help: "Tower id (T01).") var tower: String
    @Option(help: "Floor: 12, or B1 for an underground level.") var floor: String
    @Option(help: "Zone: lobby, escape-route, garage, e-bike-zone, loading-dock.") var zone: String
    @Option(help: "low, medium, high or critical (default by category).") var severity: String?
    @Option(help: "patrol, plate-camera, face-camera, tenant-call, alliance-bulletin or officer.") var source: String?
    @Option(help: "Tenant id, if a tenant is involved.") var tenant: String?
    @Option(help: "What was found.") var note: String?
    func run() throws {
        try options.run("report-hazard", ["category": category, "tower": tower, "floor": floor, "zone": zone,
                                          "severity": severity, "source": source, "tenant": tenant, "note": note])
    }
}

struct DispatchGuard: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispatch", abstract: "Send a guard to a hazard (officer).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The hazard (H-000012).") var hazard: String
    @Option(name: .customLong("guard"), help: "The guard to send.") var guardID: String
    func run() throws { try options.run("dispatch", ["hazard": hazard, "guard": guardID]) }
}

struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge a dispatch (guard; an officer records radio or phone acks).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch (D-000007).") var dispatch: String
    @Option(help: "console (default), radio or phone.") var channel: String?
    func run() throws { try options.run("ack", ["dispatch": dispatch, "channel": channel]) }
}

struct Arrive: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report arrival on scene (guard).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch.") var dispatch: String
    func run() throws { try options.run("arrive", ["dispatch": dispatch]) }
}

struct Clear: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report a dispatch done (guard).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch.") var dispatch: String
    @Option(help: "What was done.") var note: String?
    func run() throws { try options.run("clear", ["dispatch": dispatch, "note": note]) }
}

struct Decline: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decline a dispatch, with a reason for the officer (guard).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch.") var dispatch: String
    @Option(help: "Why.") var reason: String
    func run() throws { try options.run("decline", ["dispatch": dispatch, "reason": reason]) }
}

struct Reassign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Give a dispatch to another guard (officer).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch.") var dispatch: String
    @Option(name: .customLong("guard"), help: "The new guard.") var guardID: String
    func run() throws { try options.run("reassign", ["dispatch": dispatch, "guard": guardID]) }
}

struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Call a guard back from a dispatch (officer).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The dispatch.") var dispatch: String
    @Option(help: "Why.") var reason: String?
    func run() throws { try options.run("withdraw", ["dispatch": dispatch, "reason": reason]) }
}

struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pass a hazard beyond the guard force (officer).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The hazard.") var hazard: String
    @Option(help: "police, fire-service, captain or property-company.") var to: String
    @Option(help: "A note.") var note: String?
    func run() throws { try options.run("escalate", ["hazard": hazard, "to": to, "note": note]) }
}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Close a rectified hazard (officer); open dispatches are withdrawn.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The hazard.") var hazard: String
    @Option(help: "How it was rectified.") var note: String?
    func run() throws { try options.run("close", ["hazard": hazard, "note": note]) }
}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a checkpoint scan (a guard for themself, or a scanner feed).")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The checkpoint (T01-CP03).") var checkpoint: String
    @Option(name: .customLong("guard"), help: "The guard scanning (defaults to --as).") var guardID: String?
    func run() throws { try options.run("scan", ["checkpoint": checkpoint, "guard": guardID]) }
}

struct OnDuty: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "on-duty", abstract: "Put a guard on duty.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The guard (defaults to --as).") var guardID: String?
    func run() throws { try options.run("on-duty", ["guard": guardID]) }
}

struct OffDuty: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "off-duty", abstract: "Take a guard off duty.")
    @OptionGroup var options: ActionOptions
    @Argument(help: "The guard (defaults to --as).") var guardID: String?
    func run() throws { try options.run("off-duty", ["guard": guardID]) }
}
