// MARK: - The roster of accounts: which operating-system account acts as whom

extension Decider {
    /// An officer (or the system) binds an account to an enrolled guard or officer,
    /// or to a feed. Only the system makes an account an administrator (`system`).
    func linkAccount(_ account: String, to target: Actor) throws -> [Event] {
        try requireOfficerOrSystem("link an account")
        switch target {
        case .system:
            try requireSystem("make an account an administrator")
        case .officer(let id):
            guard state.officers[id] != nil else { throw Rejection("unknown officer \(id)") }
        case .guard(let id):
            _ = try requireGuard(id)
        case .feed(let name):
            try requireText(name, "feed name")
        }
        try requireFreeAccount(account, for: target)
        return [.accountLinked(account: account, actor: target)]
    }

    func unlinkAccount(_ account: String) throws -> [Event] {
        try requireOfficerOrSystem("unlink an account")
        guard let bound = state.accounts[account] else { throw Rejection("account \(account) is not on the roster") }
        if bound == .system { try requireSystem("unlink an administrator") }
        return [.accountUnlinked(account: account)]
    }

    /// An account name the system can hold (a Unix login name), not bound to someone else.
    func requireFreeAccount(_ account: String, for target: Actor) throws {
        guard AccountName.isValid(account) else {
            throw Rejection("'\(account)' is not an account name (letters, digits, '.', '_' and '-', at most 32, not starting with '-')")
        }
        if let bound = state.accounts[account], bound != target {
            throw Rejection("account \(account) already acts as \(bound); unlink it first")
        }
    }
}
