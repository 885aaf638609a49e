import Foundation
import TowerwatchCore
import Yams

/// Reads a scenario file (YAML; see docs/drills.md and docs/scenarios/).
///
///     name: Fire alarm on floor 12 of 中福广场
///     duration: 20m
///     steps:
///       - at: 0m30s
///         as: feed:fire-panel
///         command: report-hazard
///         category: fire-alarm
///         tower: T01
///         floor: "12"
///         zone: escape-route
///       - at: 3m
///         silent: G-017
///
/// It walks Yams' node tree rather than decoding Codable structs so that every
/// error names the step and its line. Everything that can be checked without
/// the district is checked here (times, keys, verbs and their arguments);
/// `Scenario.plan(in:file:)` checks identities against the district.
public enum ScenarioParser {
    static let topLevelKeys = ["name", "description", "duration", "steps"]

    /// Reads and parses the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioError(file: path, message: "cannot read the scenario file: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    /// Parses scenario text read from `file` (a name for messages).
    public static func parse(_ yaml: String, file: String) throws(ScenarioError) -> Scenario {
        func fail(_ message: String, line: Int? = nil, step: Int? = nil) -> ScenarioError {
            ScenarioError(file: file, step: step, line: line, message: message)
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch { throw fail("not valid YAML: \(error)") }
        guard let root, let top = root.mapping else { throw fail("a scenario is a mapping with name: and steps:", line: root?.mark?.line) }

        var name: String?
        var description: String?
        var duration: Span?
        var stepsNode: Node?
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            switch key {
            case "name":
                guard let text = scalar(value), !text.isEmpty else { throw fail("name: must be text", line: line) }
                name = text
            case "description":
                guard let text = scalar(value) else { throw fail("description: must be text", line: line) }
                description = text
            case "duration":
                guard let text = scalar(value), let span = ScenarioTime.parse(text), span.millis > 0 else {
                    throw fail("duration: \(shown(value)) is not a length of time like 20m, 1h or 0m30s", line: line)
                }
                duration = span
            case "steps":
                stepsNode = value
            default:
                throw fail("unknown key '\(key)'; a scenario has " + topLevelKeys.joined(separator: ", "), line: line)
            }
        }
        guard let name else { throw fail("a scenario needs a name:", line: root.mark?.line) }
        guard let stepsNode, let sequence = stepsNode.sequence, !sequence.isEmpty else {
            throw fail("a scenario needs steps: a list of at least one step", line: stepsNode?.mark?.line ?? root.mark?.line)
        }

        var steps: [ScenarioStep] = []
        for (index, node) in sequence.enumerated() {
            let step = try parseStep(node, number: index + 1, file: file)
            if let previous = steps.last, step.at < previous.at {
                throw fail("at: \(step.at.compact) comes before step \(previous.number) (at \(previous.at.compact)); list the steps in time order",
                           line: step.line, step: step.number)
            }
            steps.append(step)
        }
        if let duration, let last = steps.last, duration < last.at {
            throw fail("duration: \(duration.compact) ends before step \(last.number) (at \(last.at.compact))", line: top.first { $0.key.string == "duration" }?.key.mark?.line)
        }
        return Scenario(name: name, description: description, duration: duration, steps: steps)
    }

    // MARK: - Steps

    static func parseStep(_ node: Node, number: Int, file: String) throws(ScenarioError) -> ScenarioStep {
        let stepLine = node.mark?.line
        func fail(_ message: String, line: Int? = nil) -> ScenarioError {
            ScenarioError(file: file, step: number, line: line ?? stepLine, message: message)
        }
        guard let mapping = node.mapping else { throw fail("a step is a mapping with at: and either command: or silent:") }
        var fields: [(key: String, value: String, line: Int?)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard let text = scalar(value) else {
                throw fail("\(key): must be a single value (text or a number), not \(value.sequence != nil ? "a list" : value.mapping != nil ? "a mapping" : "empty")",
                           line: keyNode.mark?.line)
            }
            fields.append((key, text, keyNode.mark?.line))
        }
        func take(_ key: String) -> (value: String, line: Int?)? {
            guard let i = fields.firstIndex(where: { $0.key == key }) else { return nil }
            let f = fields.remove(at: i)
            return (f.value, f.line)
        }

        guard let at = take("at") else { throw fail("needs at: (when it plays, from the start of the run: 30s, 2m, 1m30s)") }
        guard let when = ScenarioTime.parse(at.value) else {
            throw fail("at: '\(at.value)' is not a time from the start like 30s, 2m, 1m30s or 1h", line: at.line)
        }

        if let silent = take("silent") {
            if let stray = fields.first {
                throw fail("a silent: step takes only at:, not \(stray.key):", line: stray.line)
            }
            guard Actor(text: silent.value) == nil || silent.value.hasPrefix("guard:") else {
                throw fail("silent: names a guard (G-017), not '\(silent.value)'", line: silent.line)
            }
            let id = silent.value.hasPrefix("guard:") ? String(silent.value.dropFirst(6)) : silent.value
            return ScenarioStep(number: number, line: stepLine, at: when, kind: .silent(GuardID(id)))
        }

        guard let verb = take("command") else { throw fail("needs command: (a verb such as report-hazard) or silent: (a guard)") }
        guard let actor = take("as"), !actor.value.isEmpty else {
            throw fail("needs as: (who acts: feed:plate-camera, G-017, O-01 or system)")
        }
        var arguments = ["command": verb.value, "as": actor.value]
        for f in fields {
            guard arguments[f.key] == nil else { throw fail("\(f.key): is given twice", line: f.line) }
            arguments[f.key] = f.value
        }
        // Check the verb and its arguments now, the same way as a JSON line or a typed
        // command, so a typo fails before a drill starts. The actor only fills defaults
        // (a guard scanning for themself); the district checks it later.
        let provisional = Actor(text: actor.value) ?? (actor.value.hasPrefix("G-") ? .guard(GuardID(actor.value)) : .officer(OfficerID(actor.value)))
        let invocation: VerbInvocation
        do {
            invocation = try VerbInvocation(fields: arguments)
            _ = try invocation.action(actor: provisional)
        } catch {
            throw fail(error.reason, line: verb.line)
        }
        return ScenarioStep(number: number, line: stepLine, at: when,
                            kind: .command(actor: actor.value, verb: invocation.verb, arguments: invocation.values))
    }

    /// A scalar's text; nil for a list, a mapping, or YAML's null (a key with no value).
    static func scalar(_ node: Node) -> String? {
        guard let s = node.scalar else { return nil }
        if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return nil }
        return s.string
    }

    static func shown(_ node: Node) -> String {
        node.string.map { "'\($0)'" } ?? "(not a single value)"
    }
}

/// Times from the start of a drill, as a scenario file writes them.
public enum ScenarioTime {
    /// `30s`, `2m`, `0m30s`, `1m30s`, `1h`, `1h05m`, or a bare number of seconds (`90`).
    /// Units go from hours to seconds, each at most once. Nil for anything else.
    public static func parse(_ text: String) -> Span? {
        let t = text.filter { $0 != " " }
        guard !t.isEmpty else { return nil }
        if let seconds = Int64(t) { return seconds >= 0 && seconds < 100_000_000 ? .seconds(seconds) : nil }
        var total: Int64 = 0
        var digits = ""
        var lastUnit = 4
        for ch in t {
            if ch.isASCII, ch.isNumber { digits.append(ch); continue }
            let unit: (rank: Int, millis: Int64)
            switch ch {
            case "h": unit = (3, 3_600_000)
            case "m": unit = (2, 60_000)
            case "s": unit = (1, 1_000)
            default: return nil
            }
            guard let n = Int64(digits), n < 1_000_000, unit.rank < lastUnit else { return nil }
            total += n * unit.millis
            lastUnit = unit.rank
            digits = ""
        }
        return digits.isEmpty ? Span(millis: total) : nil
    }
}
