import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo

/// The one verb table: every verb reads the same from the `:` prompt, the
/// command line's words, a JSON line and a scenario step; an unknown verb is an
/// error that names the nearest one.
@Suite struct VerbTableTests {
    /// Each verb's arguments, filled with the table's own examples.
    static func examples(_ verb: Verb) -> [String: String] {
        Dictionary(uniqueKeysWithValues: verb.arguments.map { ($0.key, $0.example) })
    }

    /// The prompt line for a verb: the subject bare, options quoted.
    static func promptLine(_ verb: Verb, actor: String) -> String {
        var words = [verb.name]
        for a in verb.arguments {
            words.append(a.isSubject ? a.example : "--\(a.key) \"\(a.example)\"")
        }
        return (words + ["--as", actor]).joined(separator: " ")
    }

    static func jsonLine(_ verb: Verb, actor: String) throws -> String {
        var object: [String: String] = examples(verb)
        object["command"] = verb.name
        object["as"] = actor
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func scenario(_ verb: Verb, actor: String) -> String {
        var yaml = "name: one step\nsteps:\n  - at: 30s\n    as: \"\(actor)\"\n    command: \(verb.name)\n"
        for (key, value) in examples(verb).sorted(by: { $0.key < $1.key }) { yaml += "    \(key): \"\(value)\"\n" }
        return yaml
    }

    @Test(arguments: Verb.allCases)
    func `a verb reads the same from the prompt, the command line, JSON and a scenario`(verb: Verb) throws {
        let (district, _, _) = try AppFixture.district()
        let actor = "O-01"
        let state = district.state

        let prompt = try VerbInvocation(line: Self.promptLine(verb, actor: actor))
        var words: [String] = []
        for a in verb.arguments { words += a.isSubject ? [a.example] : ["--\(a.key)=\(a.example)"] }
        let commandLine = try VerbInvocation(verb, words: words + ["--as", actor])
        let json = try IngestLine.parse(try Self.jsonLine(verb, actor: actor), defaultActor: nil)
        let scenario = try ScenarioParser.parse(Self.scenario(verb, actor: actor), file: "one.yaml")
        let planned = try scenario.plan(in: state, file: "one.yaml")

        let fromPrompt = try prompt.command(in: state)
        #expect(prompt.verb == verb)
        #expect(try commandLine.command(in: state) == fromPrompt)
        #expect(try json.command(in: state) == fromPrompt)
        guard case .command(let fromScenario) = planned.first?.action else { Issue.record("no command planned"); return }
        #expect(fromScenario == fromPrompt)
        #expect(prompt.values == Self.examples(verb), "every argument arrives under its key")
    }

    @Test func `the words become the action the verb means`() throws {
        let (district, _, _) = try AppFixture.district()
        let s = district.state
        func command(_ line: String) throws -> Command { try VerbInvocation(line: line).command(in: s) }
        #expect(try command("dispatch H-000001 --guard G-002 --as O-01") == Command(.officer("O-01"), .dispatch(hazard: "H-000001", guard: "G-002")))
        #expect(try command("ack D-000001 --as O-01 --channel radio") == Command(.officer("O-01"), .acknowledge("D-000001", channel: .radio)))
        #expect(try command("ack D-000001 --as G-002").action == .acknowledge("D-000001", channel: .console))
        #expect(try command("clear D-000001 --note \"waste removed, route clear\" --as G-002").action == .clear("D-000001", note: "waste removed, route clear"))
        #expect(try command("withdraw D-000001 --as O-01").action == .withdraw("D-000001", reason: "withdrawn by officer"))
        #expect(try command("escalate H-000001 to=police --as O-01").action == .escalate("H-000001", to: .police, note: ""))
        // A guard scans and goes on duty for themself; anyone else must name the guard.
        #expect(try command("scan T01-CP03 --as G-002").action == .scan(guard: "G-002", checkpoint: "T01-CP03"))
        #expect(try command("on-duty --as G-003").action == .goOnDuty("G-003"))
        #expect(try command("off-duty G-003 --as O-01").action == .goOffDuty("G-003"))
        #expect(throws: Rejection("scan needs --guard")) { try command("scan T01-CP03 --as feed:scanner") }
        #expect(throws: Rejection("on-duty needs --guard")) { try command("on-duty --as O-01") }
        // A report's source follows who reports, unless it is given.
        guard case .reportHazard(let byGuard) = try command("report-hazard --category flood --tower T02 --floor 1 --zone lobby --as G-002").action,
              case .reportHazard(let byCamera) = try command("report-hazard --category parking --tower T02 --floor B1 --zone garage --as feed:plate-camera").action,
              case .reportHazard(let told) = try command("report-hazard --category crime --tower T02 --floor 1 --zone lobby --source tenant-call --severity low --as O-01").action
        else { Issue.record("not reports"); return }
        #expect(byGuard.source == .patrol && byGuard.severity == .high)
        #expect(byCamera.source == .plateCamera)
        #expect(told.source == .tenantCall && told.severity == .low)
        #expect(try command("bulletin --text \"road closed\" --as feed:alliance").action == .issueBulletin(from: "feed:alliance", text: "road closed", tower: nil))
        #expect(try command("start-shift S-N --as O-01").action == .startShift("S-N", name: "S-N"))
        #expect(try command("note H-000001 --text \"contractor called\" --as G-002") == Command(.guard("G-002"), .addNote("H-000001", text: "contractor called")))
        #expect(throws: Rejection("note needs --text")) { try command("note H-000001 --as O-01") }
        #expect(throws: Rejection("note needs --hazard")) { try command("note --text x --as O-01") }
    }

    @Test func `an unknown verb is an error naming the nearest verb, from every form`() throws {
        #expect(throws: Rejection.self) { try VerbInvocation(line: "teleport --as O-01") }
        do {
            _ = try VerbInvocation(line: "dispach H-000001 --guard G-002")
            Issue.record("a mistyped verb was taken")
        } catch {
            #expect(error.reason.hasPrefix("unknown command 'dispach'; did you mean dispatch?"), "\(error)")
            #expect(error.reason.contains("commands are: report-hazard, dispatch"))
        }
        #expect(throws: Rejection.self) { try IngestLine.parse(#"{"as": "O-01", "command": "acknowledge"}"#, defaultActor: nil) }
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("name: x\nsteps:\n  - at: 1m\n    as: O-01\n    command: clsoe\n    hazard: H-1\n", file: "x") }
        #expect(Verb.nearest(to: "clsoe") == .close)
        #expect(Verb.nearest(to: "ONDUTY") == nil || Verb.nearest(to: "ONDUTY") == .onDuty)
        #expect(Verb.nearest(to: "on-dty") == .onDuty)
        #expect(Verb.nearest(to: "report") == .reportHazard, "the only verb it begins")
        #expect(Verb.nearest(to: "x") == nil)
        #expect(Verb.nearest(to: "teleport") == nil)
    }

    @Test func `bad words are refused with what and where`() {
        func reason(_ line: String) -> String? {
            let invocation = Result { () throws(Rejection) in try VerbInvocation(line: line) }
            if case .failure(let rejection) = invocation { return rejection.reason }
            return nil
        }
        #expect(reason("close H-000001 --floor 12") == "close does not take --floor; it takes --hazard --note")
        #expect(reason("close H-000001 H-000002") == "unexpected word 'H-000002'")
        #expect(reason("bulletin hello") == "bulletin takes no positional argument (got 'hello')")
        #expect(reason("clear D-1 --note a --note b") == "--note is given twice")
        #expect(reason("clear D-1 --note") == "--note needs a value")
        #expect(reason("clear D-1 --note \"open") == "unclosed quote in: clear D-1 --note \"open")
        #expect(reason("   ") == "empty command")
        #expect(throws: Rejection("--to 'army' is not one of: police, fire-service, captain, property-company")) {
            try VerbInvocation(line: "escalate H-1 --to army").action(actor: .officer("O-01"))
        }
        #expect(throws: Rejection("decline needs --reason")) { try VerbInvocation(line: "decline D-1").action(actor: .guard("G-001")) }
    }

    @Test func `every argument has help and an example, and every verb an abstract`() {
        for verb in Verb.allCases {
            #expect(verb.abstract.hasSuffix("."), "\(verb)")
            #expect(verb.arguments.filter(\.isSubject).count <= 1, "\(verb) has one subject at most")
            #expect(verb.arguments.dropFirst().allSatisfy { !$0.isSubject }, "the subject comes first")
            for a in verb.arguments { #expect(!a.help.isEmpty && !a.example.isEmpty, "\(verb) --\(a.key)") }
        }
    }

    @Test func `a note from the prompt, a JSON line and a scenario step is the same HazardNoteAdded in the log`() throws {
        let (district, store, _) = try AppFixture.district()
        let officer = Actor.officer("O-01")
        let now = AppFixture.start + .minutes(3)
        let prompt = try VerbInvocation(line: "note H-000001 --text \"物业已到场\"").command(in: district.state, defaultActor: officer)
        let json = try IngestLine.parse(#"{"as": "O-01", "command": "note", "hazard": "H-000001", "text": "物业已到场"}"#, defaultActor: nil)
            .command(in: district.state)
        let yaml = "name: note\nsteps:\n  - at: 1m\n    as: O-01\n    command: note\n    hazard: H-000001\n    text: 物业已到场\n"
        let planned = try ScenarioParser.parse(yaml, file: "note.yaml").plan(in: district.state, file: "note.yaml")
        guard case .command(let step) = planned.first?.action else { Issue.record("no command planned"); return }
        #expect(json == prompt)
        #expect(step == prompt)
        for command in [prompt, json, step] { try AppFixture.expectSuccess(district.execute(command, now: now)) }
        let notes = store.records.suffix(3)
        #expect(notes.map(\.event) == Array(repeating: .hazardNoteAdded(hazard: "H-000001", note: "物业已到场"), count: 3))
        #expect(notes.allSatisfy { $0.actor == officer })
        #expect(district.state.hazards["H-000001"]?.notes.count == 3)
    }
}
