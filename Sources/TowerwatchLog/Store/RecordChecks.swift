import TowerwatchCore

/// The checks every store applies to a record it reads, whatever its medium.
struct RecordChecks {
    let name: String
    let mode: LogMode

    func check(_ r: EventRecord, after seq: UInt64, line: Int) throws {
        guard r.seq == seq + 1 else {
            let reason = r.seq <= seq ? "sequence goes back or repeats: \(r.seq) after \(seq)"
                                      : "sequence gap: \(r.seq) follows \(seq), records \(seq + 1)...\(r.seq - 1) are missing"
            throw LogError.badRecord(path: name, line: line, seq: r.seq, reason: reason)
        }
        if r.drill && mode == .live {
            throw LogError.badRecord(path: name, line: line, seq: r.seq, reason: "a drill record in a live log")
        }
    }
}
