import TowerwatchCore
import TowerwatchLog

/// `log verify --audit`: every record re-checked against the rules of its moment
/// (see `RecordAudit`), each one they would have refused listed as
/// `FILE:LINE: record SEQ: reason`. Returns how many were refused.
enum LogAudit {
    static func run(path: String, policy: Policy) throws -> Int {
        let store = try FileEventStore(path: path, writable: false)
        var audit = RecordAudit(policy: policy)
        var checked = 0, refused = 0
        _ = try store.read(after: store.start) { record, at in
            checked += 1
            if let reason = audit.check(record) {
                refused += 1
                print("\(path):\(at.line): record \(record.seq): \(record.event.typeName) as \(record.actor)"
                      + (record.account.map { " by account \($0)" } ?? "") + ": \(reason)")
            }
        }
        if audit.state.accounts.isEmpty {
            print("note: this district binds no accounts, so who wrote a record is not checked (see docs/security.md)")
        }
        print("audit: \(checked) records checked, \(refused) the rules would have refused")
        return refused
    }
}
