/// Who may act as whom: the rule that ties a command's actor to the
/// operating-system account of the process that asks. Pure: the account is
/// an input (the command line reads it from the real user id), so the same
/// rule runs when a command is written and when `log verify --audit` re-checks
/// a record years later.
///
/// - `root` is the host's administrator and may act as anyone (it can write the
///   file directly anyway; see docs/security.md).
/// - A district whose roster binds no account checks nobody: a single-user
///   district, or a log written before accounts existed.
/// - An account bound to `system` is a district administrator: it may act as anyone.
/// - Any other account acts only as the actor it is bound to. An officer's account
///   may also record an acknowledgement received by radio or phone on a guard's
///   behalf (recorded as the officer's, with the channel), and any account on the
///   roster may record, as the system, an alarm that `decide` finds due.
/// - An account not on the roster of a district that has one may do nothing.
public enum CallerCheck {
    /// The administrator account of every host.
    public static let root = "root"

    /// Nil when `account` may ask `command`; otherwise why not.
    public static func refusal(account: String?, command: Command, in state: DistrictState) -> Rejection? {
        guard let account else {
            return state.accounts.isEmpty ? nil : Rejection("the record names no account, but this district binds accounts to people")
        }
        if account == root || state.accounts.isEmpty { return nil }
        guard let bound = state.accounts[account] else {
            return Rejection("account \(account) is not on this district's roster (an officer links it with `towerwatch account link`)")
        }
        if bound == .system || bound == command.actor { return nil }
        if command.actor == .system, case .raiseAlarm = command.action { return nil }
        return Rejection("account \(account) acts as \(bound) in this district, not as \(command.actor)")
    }

    /// The actor a command line runs as: `claimed` (`--as`) when given and allowed,
    /// else the one the account is bound to. An officer's account claiming a guard
    /// for an acknowledgement by `channel` radio or phone becomes the officer, who
    /// records it on the guard's behalf.
    public static func actor(account: String, claimed: Actor?, onBehalfChannel channel: AckChannel? = nil,
                             in state: DistrictState) -> Result<Actor, Rejection> {
        let bound = state.accounts[account]
        guard let claimed else {
            if let bound { return .success(bound) }
            if account == root || state.accounts.isEmpty {
                return .failure(Rejection("account \(account) is bound to nobody in this district: say who acts with --as"))
            }
            return .failure(Rejection("account \(account) is not on this district's roster (an officer links it with `towerwatch account link`)"))
        }
        if case .officer = bound, case .guard = claimed, let channel, channel != .console {
            return .success(bound!)
        }
        let admin = account == root || state.accounts.isEmpty || bound == .system
        if admin || bound == claimed { return .success(claimed) }
        guard let bound else {
            return .failure(Rejection("account \(account) is not on this district's roster (an officer links it with `towerwatch account link`)"))
        }
        if case .guard = claimed, case .officer = bound {
            return .failure(Rejection("account \(account) is \(bound), not \(claimed); an officer records a guard's answer with --channel radio or phone"))
        }
        return .failure(Rejection("account \(account) is \(bound) in this district and cannot act as \(claimed)"))
    }

    /// Who the account is in the district, in words: what `towerwatch whoami` says.
    public static func describe(account: String, in state: DistrictState) -> String {
        if let bound = state.accounts[account] {
            switch bound {
            case .officer(let id): return "\(account): officer \(id) \(state.officers[id]?.name ?? "")"
            case .guard(let id): return "\(account): guard \(id) \(state.guards[id]?.name ?? "")"
            case .feed(let name): return "\(account): feed \(name)"
            case .system: return "\(account): district administrator (may act as anyone)"
            }
        }
        if account == root { return "\(account): the host's administrator (may act as anyone; not on the roster)" }
        if state.accounts.isEmpty { return "\(account): not on a roster (this district binds no accounts, so anyone may act as anyone)" }
        return "\(account): not on this district's roster (may only read)"
    }
}
