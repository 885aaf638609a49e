import Foundation
import TowerwatchCore
import Yams

/// The escalation policy, read from one YAML file (see docs/policy.yaml).
///
/// Where it comes from, first found: `--policy PATH`, `$TOWERWATCH_POLICY`,
/// a `policy.yaml` beside the log; otherwise the domain's defaults (ack in 60 s,
/// on scene in 5 minutes, rectified in 30, silent after 15).
enum PolicyFile {
    struct Contents: Decodable {
        var ackTimeoutSeconds: Double?
        var sceneTargetMinutes: Double?
        var rectifyTargetMinutes: Double?
        var silentAfterMinutes: Double?
        var warningShare: Double?
    }

    static func resolve(explicit: String?, logPath: String) throws -> Policy {
        if let explicit { return try load(explicit) }
        if let env = ProcessInfo.processInfo.environment["TOWERWATCH_POLICY"], !env.isEmpty { return try load(env) }
        let beside = ((logPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("policy.yaml")
        if FileManager.default.fileExists(atPath: beside) { return try load(beside) }
        return .standard
    }

    static func load(_ path: String) throws -> Policy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure(message: "cannot read the policy file \(path)", status: ExitStatus.error)
        }
        return try parse(text, source: path)
    }

    static func parse(_ text: String, source: String) throws -> Policy {
        let contents: Contents
        do {
            contents = try YAMLDecoder().decode(Contents.self, from: text)
        } catch {
            throw Failure(message: "\(source): not a valid policy: \(error)", status: ExitStatus.error)
        }
        var policy = Policy()
        func span(_ value: Double?, _ unit: Double, _ key: String) throws -> Span? {
            guard let value else { return nil }
            guard value > 0, value.isFinite else { throw Failure(message: "\(source): \(key) must be a positive number", status: ExitStatus.error) }
            guard value * unit <= 366 * 86_400_000 else { throw Failure(message: "\(source): \(key) must be at most a year", status: ExitStatus.error) }
            return Span(millis: Int64(value * unit))
        }
        if let v = try span(contents.ackTimeoutSeconds, 1000, "ackTimeoutSeconds") { policy.ackTimeout = v }
        if let v = try span(contents.sceneTargetMinutes, 60_000, "sceneTargetMinutes") { policy.sceneTarget = v }
        if let v = try span(contents.rectifyTargetMinutes, 60_000, "rectifyTargetMinutes") { policy.rectifyTarget = v }
        if let v = try span(contents.silentAfterMinutes, 60_000, "silentAfterMinutes") { policy.silentAfter = v }
        if let share = contents.warningShare {
            guard share > 0, share < 1 else { throw Failure(message: "\(source): warningShare must be between 0 and 1", status: ExitStatus.error) }
            policy.warningShare = share
        }
        return policy
    }
}
