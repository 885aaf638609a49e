import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

/// `log verify --audit`: every record re-checked against the rules of its moment
/// (see `RecordAudit`), each one they would have refused listed as
/// `FILE:LINE: record SEQ: reason`. Returns how many were refused.
enum LogAudit {
    static func run(path: String, policy: Policy, quiet: Bool = false) throws -> Int {
        let store = try FileEventStore(path: path, writable: false)
        var audit = RecordAudit(policy: policy)
        var checked = 0, refused = 0
        let progress = ProgressLine(label: "auditing", readingFile: path, quiet: quiet)
        defer { progress.finish() }
        _ = try store.read(after: store.start) { record, at in
            checked += 1
            progress.note(records: checked, offset: at.offset)
            if let reason = audit.check(record) {
                refused += 1
                progress.finish()  // the finding starts on a clean line
                say("\(path):\(at.line): record \(record.seq): \(record.event.typeName) as \(record.actor)"
                      + (record.account.map { " by account \($0)" } ?? "") + ": \(reason)")
            }
        }
        progress.finish()
        if audit.state.accounts.isEmpty {
            say("note: this district binds no accounts, so who wrote a record is not checked (see docs/security.md)")
        }
        say("audit: \(checked) records checked, \(refused) the rules would have refused")
        return refused
    }
}
