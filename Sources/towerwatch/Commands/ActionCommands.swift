import ArgumentParser
import Foundation
import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

/// Picks the verb a `OneLineCommand` runs: one tiny type per verb, because a
/// subcommand's name is static; everything else comes from the verb's entry in
/// the table (`Verb`).
protocol VerbSelection {
    static var verb: Verb { get }
}

/// A one-line action (`towerwatch dispatch H-000012 --guard G-017 --as O-01`),
/// driven entirely by the verb table: its name, abstract and arguments are the
/// verb's, and its words are read by `VerbInvocation`, the same reader as the
/// console's `:` prompt, `ingest` and scenario steps. Only the options every
/// action shares (`--log`, `--as`) are argument parser options.
struct OneLineCommand<Selection: VerbSelection>: ParsableCommand {
    static var configuration: CommandConfiguration {
        let verb = Selection.verb
        return CommandConfiguration(commandName: verb.name, abstract: verb.abstract,
                                    usage: OneLineHelp.usage(verb), discussion: OneLineHelp.arguments(verb))
    }

    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: ArgumentHelp("Who acts: a guard (G-017), an officer (O-01), feed:NAME or system.",
                                                       discussion: "Defaults to whoever your account is in the district; when given, it must be you (an officer records a guard's ack with --channel radio or phone).",
                                                       valueName: "ID"),
            completion: .ids(.actor))
    var actor: String?
    /// The verb's own arguments, read by the table rather than by the argument parser.
    /// Hidden from the help (the usage and ARGUMENTS list them from the table) but
    /// not from the shells: the ids they name complete from the log.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(visibility: .hidden),
              completion: .custom { words, index, prefix in
                  VerbCompletion.candidates(Selection.verb, words: words, index: index, prefix: prefix,
                                            environment: ProcessInfo.processInfo.environment)
              })
    var words: [String] = []

    /// Resolves the actor from the caller's account, builds the verb's action and appends it; prints the records.
    func run() throws {
        // Words the verb cannot read (a stray flag) are a usage error (64), before any log is opened.
        let invocation: VerbInvocation
        do { invocation = try VerbInvocation(Selection.verb, words: words + (actor.map { ["--as", $0] } ?? [])) } catch {
            printError("towerwatch: \(error.reason)")
            throw ExitCode(ExitStatus.usage)
        }
        try CallerAction.run(log: log, claimed: actor) { state throws(Rejection) in
            if invocation.actor == nil, state.accounts[Caller.account] == nil {
                throw Rejection("account \(Caller.account) is bound to nobody in this district: say who acts with --as")
            }
            return try invocation.command(in: state, caller: Caller.account)
        }
    }
}

/// A one-line command's usage and argument list, written from the verb's table entry.
enum OneLineHelp {
    /// `towerwatch dispatch <hazard> --guard <guard> [--note <note>] --as <ID> [--log <PATH>]`.
    static func usage(_ verb: Verb) -> String {
        let parts = verb.arguments.map { a -> String in
            let word = a.isSubject ? "<\(a.key)>" : "--\(a.key) <\(a.key)>"
            return a.need == .required ? word : "[\(word)]"
        }
        return (["towerwatch", verb.name] + parts + ["[--as <ID>]", "[--log <PATH>]"]).joined(separator: " ")
    }

    /// The verb's arguments with their help, one a line.
    static func arguments(_ verb: Verb) -> String {
        guard !verb.arguments.isEmpty else { return "" }
        let lines = verb.arguments.map { a -> String in
            let word = a.isSubject ? "<\(a.key)>" : "--\(a.key) <\(a.key)>"
            return "  " + word.padding(toLength: max(word.count + 1, 22), withPad: " ", startingAt: 0) + a.help
        }
        return "ARGUMENTS:\n" + lines.joined(separator: "\n")
    }
}

// MARK: - One type per verb

enum ReportHazardVerb: VerbSelection { static var verb: Verb { .reportHazard } }
enum DispatchVerb: VerbSelection { static var verb: Verb { .dispatch } }
enum AckVerb: VerbSelection { static var verb: Verb { .ack } }
enum ArriveVerb: VerbSelection { static var verb: Verb { .arrive } }
enum ClearVerb: VerbSelection { static var verb: Verb { .clear } }
enum DeclineVerb: VerbSelection { static var verb: Verb { .decline } }
enum ReassignVerb: VerbSelection { static var verb: Verb { .reassign } }
enum WithdrawVerb: VerbSelection { static var verb: Verb { .withdraw } }
enum EscalateVerb: VerbSelection { static var verb: Verb { .escalate } }
enum CloseVerb: VerbSelection { static var verb: Verb { .close } }
enum NoteVerb: VerbSelection { static var verb: Verb { .note } }
enum SplitVerb: VerbSelection { static var verb: Verb { .split } }
enum ScanVerb: VerbSelection { static var verb: Verb { .scan } }
enum OnDutyVerb: VerbSelection { static var verb: Verb { .onDuty } }
enum OffDutyVerb: VerbSelection { static var verb: Verb { .offDuty } }
enum StartShiftVerb: VerbSelection { static var verb: Verb { .startShift } }
enum EndShiftVerb: VerbSelection { static var verb: Verb { .endShift } }
enum BulletinVerb: VerbSelection { static var verb: Verb { .bulletin } }
enum SetTimeZoneVerb: VerbSelection { static var verb: Verb { .setTimeZone } }
enum SetBaselineVerb: VerbSelection { static var verb: Verb { .setBaseline } }
enum DrillHeldVerb: VerbSelection { static var verb: Verb { .drillHeld } }

/// Every verb's one-line command, in the table's order.
let oneLineCommands: [ParsableCommand.Type] = {
    let selections: [any VerbSelection.Type] = [
        ReportHazardVerb.self, DispatchVerb.self, AckVerb.self, ArriveVerb.self, ClearVerb.self, DeclineVerb.self,
        ReassignVerb.self, WithdrawVerb.self, EscalateVerb.self, CloseVerb.self, NoteVerb.self, SplitVerb.self, ScanVerb.self, OnDutyVerb.self,
        OffDutyVerb.self, StartShiftVerb.self, EndShiftVerb.self, BulletinVerb.self, SetTimeZoneVerb.self,
        SetBaselineVerb.self, DrillHeldVerb.self,
    ]
    // A verb added to the table without its selection here fails at the first run, not silently.
    precondition(selections.map { $0.verb } == Verb.allCases, "every verb of the table needs its one-line command, in the table's order")
    func command<S: VerbSelection>(_ selection: S.Type) -> ParsableCommand.Type { OneLineCommand<S>.self }
    return selections.map { command($0) }
}()
