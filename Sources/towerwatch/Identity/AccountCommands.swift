import ArgumentParser
import TowerwatchCore
import TowerwatchLog

/// `towerwatch whoami`: who the calling account is in the district.
struct WhoAmI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Say who your account is in the district.")
    @OptionGroup var log: LogOption

    func run() throws {
        try reporting {
            let path = try log.path()
            let district = try DistrictLog(store: try FileEventStore(path: path, writable: false))
            print(CallerCheck.describe(account: Caller.account, in: district.state))
        }
    }
}

/// `towerwatch account link|unlink|list`: the roster of accounts.
struct AccountGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Bind operating-system accounts to the district's people and feeds.",
        discussion: "An officer (or the district's administrator) links an account to an enrolled guard or officer, or to a feed; from then on that account acts only as them.",
        subcommands: [Link.self, Unlink.self, List.self])

    /// The log and who keeps the roster (an officer, or system; defaults to your account's).
    struct RosterOptions: ParsableArguments {
        @OptionGroup var log: LogOption
        @Option(name: .customLong("as"), help: ArgumentHelp("Who changes the roster (an officer, or system); defaults to your account's.", valueName: "ID"))
        var actor: String?

        func run(_ action: (DistrictState) throws(Rejection) -> Action) throws {
            try CallerAction.run(log: log, claimed: actor) { state throws(Rejection) in
                Command(try AccountGroup.linker(actor, in: state), try action(state))
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link an account to a guard (G-017), an officer (O-01), feed:NAME, or system (administrator).")
        @OptionGroup var options: RosterOptions
        @Argument(help: "The account's login name.") var account: String
        @Option(help: ArgumentHelp("Who the account acts as.", valueName: "ID")) var to: String

        func run() throws {
            try options.run { state throws(Rejection) in .linkAccount(account, to: try CommandText.actor(to, in: state)) }
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlink an account: it then acts as nobody.")
        @OptionGroup var options: RosterOptions
        @Argument(help: "The account's login name.") var account: String

        func run() throws {
            try options.run { _ throws(Rejection) in .unlinkAccount(account) }
        }
    }

    /// Who keeps the roster: `--as` when given, else the account's own person, or
    /// the system for root and the district's administrators.
    static func linker(_ claimed: String?, in state: DistrictState) throws(Rejection) -> Actor {
        if claimed == nil, state.accounts[Caller.account] == nil || state.accounts[Caller.account] == .system {
            return try Caller.actor(claimed: "system", in: state)
        }
        return try Caller.actor(claimed: claimed, in: state)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the roster: each account and who it acts as.")
        @OptionGroup var log: LogOption

        func run() throws {
            try reporting {
                let district = try DistrictLog(store: try FileEventStore(path: try log.path(), writable: false))
                if district.state.accounts.isEmpty { print("no accounts are bound: anyone who can write the log may act as anyone") }
                for (account, actor) in district.state.accounts.sorted(by: { $0.key < $1.key }) {
                    print("\(account)\t\(actor)")
                }
            }
        }
    }
}
