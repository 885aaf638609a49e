#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

/// The operating-system account this process runs for: the name of the *real*
/// user id (never `$USER`, `$LOGNAME` or the effective id a set-group-id install
/// lends), so that nothing the caller controls can change who the records say
/// wrote them.
enum Caller {
    static let account: String = {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if AccountName.isValid(text) { return text }
        }
        return "uid-\(uid)"
    }()

    /// The actor a command line acts as: `--as` checked against the account, or,
    /// without it, whoever the account is bound to. `channel` is the acknowledgement
    /// channel, for an officer recording a guard's answer on their behalf.
    static func actor(claimed text: String?, channel: String? = nil, in state: DistrictState) throws(Rejection) -> Actor {
        let claimed: Actor?
        if let text, !text.isEmpty { claimed = try CommandText.actor(text, in: state) } else { claimed = nil }
        let ackChannel = channel.flatMap { AckChannel(rawValue: $0) }
        switch CallerCheck.actor(account: account, claimed: claimed, onBehalfChannel: ackChannel, in: state) {
        case .success(let actor): return actor
        case .failure(let rejection): throw rejection
        }
    }

    /// Makes `district` stamp this account on what it writes and check it against the roster.
    static func bind(_ district: DistrictLog) {
        district.caller = account
    }
}

extension Caller {
    /// The person a console acts as: `claimed` when the account may be them, or,
    /// without a claim, whoever the account is bound to if that is `kind`
    /// (nil: the console only watches). A refusal ends the command with status 2.
    static func consoleActor(claimed: Actor?, in state: DistrictState) throws -> Actor? {
        if claimed == nil, state.accounts[account] == nil { return nil }
        do {
            return try actor(claimed: claimed?.description, in: state)
        } catch let rejection {
            throw Failure(message: "rejected: \(rejection.reason)", status: 2)
        }
    }
}
