import Foundation
@testable import TowerwatchCore

/// A state as JSON (a snapshot's form) with `key` removed from every hazard, as a
/// build from before that field wrote it; and how many hazards lost it.
func stateJSON(_ state: DistrictState, withoutHazardField key: String) throws -> (json: Data, removed: Int) {
    var removed = 0
    func strip(_ value: Any) -> Any {
        if var object = value as? [String: Any] {
            if object[key] != nil, object["reportedAt"] != nil { object[key] = nil; removed += 1 }
            return object.mapValues(strip)
        }
        if let array = value as? [Any] { return array.map(strip) }
        return value
    }
    let json = strip(try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)))
    return (try JSONSerialization.data(withJSONObject: json), removed)
}
