// MARK: - The roster of accounts

extension DistrictState {
    @inline(__always)
    mutating func foldAccountLinked(_ account: String, to actor: Actor) -> String? {
        accounts[account] = actor
        return nil
    }

    @inline(__always)
    mutating func foldAccountUnlinked(_ account: String) -> String? {
        guard accounts.removeValue(forKey: account) != nil else { return "account \(account) is not on the roster" }
        return nil
    }
}
