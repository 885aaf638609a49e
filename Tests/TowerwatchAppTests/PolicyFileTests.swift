import Foundation
import Testing
import TowerwatchApp
import TowerwatchCore

/// The escalation policy file: every key read, defaults kept, nonsense refused with where.
@Suite struct PolicyFileTests {
    @Test func `keys change their deadline and the rest keep the domain's`() throws {
        let p = try PolicyFile.parse("ackTimeoutSeconds: 90\nrectifyTargetMinutes: 45\nwarningShare: 0.5\n", source: "p.yaml")
        #expect(p.ackTimeout == .seconds(90))
        #expect(p.rectifyTarget == .minutes(45))
        #expect(p.warningShare == 0.5)
        #expect(p.sceneTarget == Policy.standard.sceneTarget)
        #expect(p.silentAfter == Policy.standard.silentAfter)
        let fractional = try PolicyFile.parse("sceneTargetMinutes: 2.5\nsilentAfterMinutes: 20", source: "p.yaml")
        #expect(fractional.sceneTarget == .seconds(150))
        #expect(fractional.silentAfter == .minutes(20))
        #expect(try PolicyFile.parse("{}", source: "p.yaml") == .standard)
    }

    @Test(arguments: [
        ("ackTimeoutSeconds: 0", "p.yaml: ackTimeoutSeconds must be a positive number"),
        ("sceneTargetMinutes: -5", "p.yaml: sceneTargetMinutes must be a positive number"),
        ("rectifyTargetMinutes: .nan", "p.yaml: rectifyTargetMinutes must be a positive number"),
        ("silentAfterMinutes: 600000", "p.yaml: silentAfterMinutes must be at most a year"),
        ("warningShare: 1", "p.yaml: warningShare must be between 0 and 1"),
        ("warningShare: 0", "p.yaml: warningShare must be between 0 and 1"),
    ])
    func `a value that makes no sense is refused, naming the file and the key`(text: String, message: String) {
        #expect(throws: PolicyFileError(message: message)) { try PolicyFile.parse(text, source: "p.yaml") }
    }

    @Test func `text that is not a policy is refused with the file's name`() {
        do {
            _ = try PolicyFile.parse("ackTimeoutSeconds: soon", source: "bad.yaml")
            Issue.record("a bad policy parsed")
        } catch {
            #expect(error.message.hasPrefix("bad.yaml: not a valid policy"))
        }
    }

    @Test func `the policy comes from --policy, then the environment, then beside the log, else the defaults`() throws {
        let dir = AppFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = dir + "/district.twlog"
        #expect(try PolicyFile.resolve(explicit: nil, logPath: log, environment: [:]) == .standard)
        try "ackTimeoutSeconds: 30\n".write(toFile: dir + "/policy.yaml", atomically: true, encoding: .utf8)
        try "ackTimeoutSeconds: 45\n".write(toFile: dir + "/env.yaml", atomically: true, encoding: .utf8)
        try "ackTimeoutSeconds: 120\n".write(toFile: dir + "/explicit.yaml", atomically: true, encoding: .utf8)
        #expect(try PolicyFile.resolve(explicit: nil, logPath: log, environment: [:]).ackTimeout == .seconds(30))
        #expect(try PolicyFile.resolve(explicit: nil, logPath: log, environment: ["TOWERWATCH_POLICY": dir + "/env.yaml"]).ackTimeout == .seconds(45))
        #expect(try PolicyFile.resolve(explicit: dir + "/explicit.yaml", logPath: log,
                                       environment: ["TOWERWATCH_POLICY": dir + "/env.yaml"]).ackTimeout == .seconds(120))
        #expect(throws: PolicyFileError(message: "cannot read the policy file \(dir)/missing.yaml")) {
            try PolicyFile.resolve(explicit: dir + "/missing.yaml", logPath: log, environment: [:])
        }
    }
}
