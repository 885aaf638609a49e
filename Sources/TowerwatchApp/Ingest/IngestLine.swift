import Foundation
import TowerwatchCore

/// One line of `ingest` input: a JSON object whose `command` names a verb, whose
/// `as` names who acts, and whose other keys are the verb's arguments, read
/// exactly as a scenario step's fields are (`VerbInvocation(fields:)`).
///
///     {"as": "feed:plate-camera", "command": "report-hazard", "category": "parking",
///      "tower": "T05", "floor": "B1", "zone": "garage"}
///
/// Values are strings or numbers (`"floor": 12` is floor "12"); anything else
/// is refused by key.
public enum IngestLine {
    public static func parse(_ line: String, defaultActor: String?) throws(Rejection) -> VerbInvocation {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)), let dict = object as? [String: Any] else {
            throw Rejection("not a JSON object")
        }
        var fields: [String: String] = [:]
        for (k, v) in dict {
            switch v {
            case let s as String: fields[k] = s
            case let n as NSNumber: fields[k] = n.stringValue
            default: throw Rejection("\"\(k)\" must be a string or a number")
            }
        }
        let invocation = try VerbInvocation(fields: fields, defaultActor: defaultActor)
        guard invocation.actor != nil else { throw Rejection("missing \"as\" (who acts) and no --as given") }
        return invocation
    }
}
