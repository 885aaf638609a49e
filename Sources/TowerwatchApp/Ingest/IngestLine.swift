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
        let object: [String: FieldValue]
        do {
            object = try JSONDecoder().decode([String: FieldValue].self, from: Data(line.utf8))
        } catch {
            throw Rejection("not a JSON object")
        }
        var fields: [String: String] = [:]
        for (k, v) in object {
            switch v {
            case .text(let s): fields[k] = s
            case .number(let n): fields[k] = n
            case .other(let type): throw Rejection("\"\(k)\" must be a string or a number, not \(type)")
            }
        }
        let invocation = try VerbInvocation(fields: fields, defaultActor: defaultActor)
        guard invocation.actor != nil else { throw Rejection("missing \"as\" (who acts) and no --as given") }
        return invocation
    }

    /// A field's value as JSON gave it: text, a number (kept as written, so
    /// `"floor": 3` is floor 3), or something no option takes (`true`, `null`,
    /// an array, an object), refused by the field's name rather than turned into
    /// text (`true` is not floor 1, as an `NSNumber` would have made it).
    enum FieldValue: Decodable {
        case text(String)
        case number(String)
        case other(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .other("null"); return }
            if (try? c.decode(Bool.self)) != nil { self = .other("a boolean"); return }
            if let s = try? c.decode(String.self) { self = .text(s); return }
            if let i = try? c.decode(Int64.self) { self = .number(String(i)); return }
            if let d = try? c.decode(Double.self) { self = .number(String(d)); return }
            if (try? c.decode([FieldValue].self)) != nil { self = .other("an array"); return }
            self = .other("an object")
        }
    }
}
