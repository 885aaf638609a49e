import Foundation
import TowerwatchCore
import Yams

/// The escalation policy, read from one YAML file (see docs/policy.yaml).
///
/// Where it comes from, first found: `--policy PATH`, `$TOWERWATCH_POLICY`,
/// a `policy.yaml` beside the log; otherwise the domain's defaults (ack in 60 s,
/// on scene in 5 minutes, rectified in 30, silent after 15).
public enum PolicyFile {
    /// The file's keys; any left out keep the domain's default.
    struct Contents: Decodable {
        var ackTimeoutSeconds: Double?
        var sceneTargetMinutes: Double?
        var rectifyTargetMinutes: Double?
        var silentAfterMinutes: Double?
        var warningShare: Double?
    }

    /// The policy for the log at `logPath`: `explicit`, else the environment's
    /// `TOWERWATCH_POLICY`, else `policy.yaml` beside the log, else `.standard`.
    public static func resolve(explicit: String?, logPath: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(PolicyFileError) -> Policy {
        if let explicit { return try load(explicit) }
        if let env = environment["TOWERWATCH_POLICY"], !env.isEmpty { return try load(env) }
        let beside = ((logPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("policy.yaml")
        if FileManager.default.fileExists(atPath: beside) { return try load(beside) }
        return .standard
    }

    public static func load(_ path: String) throws(PolicyFileError) -> Policy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PolicyFileError(message: "cannot read the policy file \(path)")
        }
        return try parse(text, source: path)
    }

    /// Reads policy text; `source` names it in messages. Every value must be a
    /// positive, finite length of at most a year; `warningShare` lies strictly
    /// between 0 and 1.
    public static func parse(_ text: String, source: String) throws(PolicyFileError) -> Policy {
        let contents: Contents
        do {
            contents = try YAMLDecoder().decode(Contents.self, from: text)
        } catch {
            throw PolicyFileError(message: "\(source): not a valid policy: \(error)")
        }
        var policy = Policy()
        func span(_ value: Double?, _ unit: Double, _ key: String) throws(PolicyFileError) -> Span? {
            guard let value else { return nil }
            guard value > 0, value.isFinite else { throw PolicyFileError(message: "\(source): \(key) must be a positive number") }
            guard value * unit <= 366 * 86_400_000 else { throw PolicyFileError(message: "\(source): \(key) must be at most a year") }
            return Span(millis: Int64(value * unit))
        }
        if let v = try span(contents.ackTimeoutSeconds, 1000, "ackTimeoutSeconds") { policy.ackTimeout = v }
        if let v = try span(contents.sceneTargetMinutes, 60_000, "sceneTargetMinutes") { policy.sceneTarget = v }
        if let v = try span(contents.rectifyTargetMinutes, 60_000, "rectifyTargetMinutes") { policy.rectifyTarget = v }
        if let v = try span(contents.silentAfterMinutes, 60_000, "silentAfterMinutes") { policy.silentAfter = v }
        if let share = contents.warningShare {
            guard share > 0, share < 1 else { throw PolicyFileError(message: "\(source): warningShare must be between 0 and 1") }
            policy.warningShare = share
        }
        return policy
    }
}

/// A policy file that cannot be read or holds a value that makes no sense, with where.
public struct PolicyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
