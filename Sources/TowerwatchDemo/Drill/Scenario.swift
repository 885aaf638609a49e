import TowerwatchCore

/// A scripted drill: timed steps played into a drill log while a trainee works
/// on a console (see docs/drills.md for the file format).
///
/// A step either runs a command, in the same words as the command line, the
/// console's `:` prompt and `ingest` (`report-hazard --category fire-alarm ...`,
/// as a feed, a guard or an officer), or makes a guard go silent. Steps keep
/// the numbers they have in the file (1 for the first), so every message about
/// one can name it.
public struct Scenario: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// How long the drill runs from its start; at least until the last step.
    public var duration: Span?
    /// In the file's order, which is time order.
    public var steps: [ScenarioStep]

    public init(name: String, description: String? = nil, duration: Span? = nil, steps: [ScenarioStep]) {
        self.name = name; self.description = description; self.duration = duration; self.steps = steps
    }

    /// When the drill ends, from its start: the duration, or the last step.
    public var length: Span {
        max(duration ?? Span(millis: 0), steps.last?.at ?? Span(millis: 0))
    }
}

/// One timed step of a scenario, as written in the file.
public struct ScenarioStep: Sendable, Hashable {
    /// Its place in the file, from 1.
    public var number: Int
    /// Its line in the file, when known.
    public var line: Int?
    /// When it plays, from the start of the run.
    public var at: Span
    public var kind: Kind

    public enum Kind: Sendable, Hashable {
        /// A verb of the table (`Verb`) run as `actor` (`feed:fire-panel`, `G-017`, `O-01`...),
        /// with its arguments by key.
        case command(actor: String, verb: Verb, arguments: [String: String])
        /// The guard stops giving any sign of life: no scan, no answer to a dispatch.
        case silent(GuardID)
    }

    public init(number: Int, line: Int? = nil, at: Span, kind: Kind) {
        self.number = number; self.line = line; self.at = at; self.kind = kind
    }

    /// How the step reads in messages: `report-hazard as feed:fire-panel`, `G-017 goes silent`.
    public var summary: String {
        switch kind {
        case let .command(actor, verb, _): return "\(verb.name) as \(actor)"
        case let .silent(g): return "\(g.raw) goes silent"
        }
    }
}

/// A step checked against the district it will play into: ready to run.
public struct PlannedStep: Sendable, Hashable {
    public var step: ScenarioStep
    public var action: Planned

    public enum Planned: Sendable, Hashable {
        case command(Command)
        case silent(GuardID)
    }
}

/// What is wrong with a scenario, and where: the file, the step and its line.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The step's number (from 1), when the problem is in one step.
    public var step: Int?
    public var line: Int?
    public var message: String

    public init(file: String, step: Int? = nil, line: Int? = nil, message: String) {
        self.file = file; self.step = step; self.line = line; self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let step { place += ": step \(step)" }
        return place + ": " + message
    }
}

extension Scenario {
    /// Checks every step against `state` (the district the drill starts from):
    /// identities must be enrolled (or be a feed or the system), verbs and their
    /// arguments must make a command. The first problem is thrown, naming its
    /// step; whether the command is then accepted is `decide`'s call at its time.
    public func plan(in state: DistrictState, file: String) throws(ScenarioError) -> [PlannedStep] {
        var planned: [PlannedStep] = []
        for step in steps {
            func fail(_ message: String) -> ScenarioError {
                ScenarioError(file: file, step: step.number, line: step.line, message: message)
            }
            switch step.kind {
            case let .command(actorText, verb, arguments):
                let actor: Actor
                do { actor = try CommandText.actor(actorText, in: state) } catch { throw fail("as: \(error.reason)") }
                let action: Action
                // The reasons speak of `--key` options: a scenario's `key:` fields are the same arguments.
                do { action = try VerbInvocation(verb, values: arguments).action(actor: actor) } catch { throw fail(error.reason) }
                planned.append(PlannedStep(step: step, action: .command(Command(actor, action))))
            case let .silent(g):
                guard state.guards[g] != nil else { throw fail("silent: unknown guard \(g.raw): not enrolled in this district") }
                planned.append(PlannedStep(step: step, action: .silent(g)))
            }
        }
        return planned
    }
}
