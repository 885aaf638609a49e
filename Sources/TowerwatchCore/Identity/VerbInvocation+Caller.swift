extension VerbInvocation {
    /// The command these words ask for when the operating-system `account` asks:
    /// `as` must be the account's own person (see `CallerCheck.actor`), and may be
    /// left out when the account is bound to someone. An officer's account naming
    /// a guard for an `ack` by radio or phone records it as the officer's.
    public func command(in state: DistrictState, caller account: String) throws(Rejection) -> Command {
        let claimed = try actor.map { text throws(Rejection) in try CommandText.actor(text, in: state) }
        if claimed == nil && state.accounts[account] == nil { return try command(in: state) }
        let channel = verb == .ack ? values["channel"].flatMap { AckChannel(rawValue: $0) } : nil
        switch CallerCheck.actor(account: account, claimed: claimed, onBehalfChannel: channel, in: state) {
        case .success(let who): return Command(who, try action(actor: who, in: state))
        case .failure(let rejection): throw rejection
        }
    }
}
