import TowerwatchCore

extension Array where Element == EventRecord {
    /// Adds `record` if the event feed shows it, keeping at least the latest `limit`
    /// such records: trimmed in steps (to `limit` once twice as many are held), so
    /// a long fold does not shift the array on every notable record.
    @inline(__always)
    mutating func appendToFeed(_ record: EventRecord, keeping limit: Int) {
        guard RecordText.isNotable(record.event) else { return }
        append(record)
        if count > 2 * limit { removeFirst(count - limit) }
    }
}
