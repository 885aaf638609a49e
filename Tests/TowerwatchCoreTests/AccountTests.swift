import Testing
import TowerwatchCore

/// The roster binds operating-system accounts to the district's people and feeds;
/// `CallerCheck` holds every command to the account that asks it.
@Suite("Accounts: the roster and who may act as whom")
struct AccountTests {
    /// 张伟's handheld login, 赵队长's console login, the patrol scanner's service account.
    static let rostered: DistrictState = given(
        Fact(.accountLinked(account: "zhangw", actor: .guard(zhang)), by: .system),
        Fact(.accountLinked(account: "zhaodz", actor: .officer(zhao)), by: .system),
        Fact(.accountLinked(account: "scanner", actor: .feed("patrol-scanner")), by: .system),
        Fact(.accountLinked(account: "admin", actor: .system), by: .system),
        .onDuty(zhang), .onDuty(li), .reported(h1), .dispatched(d1, h1, to: zhang))

    // MARK: The roster's rules

    @Test func `an officer links an account to an enrolled guard`() {
        fixtureDistrict.when(officer, .linkAccount("lina", to: .guard(li)))
            .then([.accountLinked(account: "lina", actor: .guard(li))])
    }

    @Test func `a guard cannot link accounts`() {
        fixtureDistrict.when(.guard(zhang), .linkAccount("lina", to: .guard(li))).rejected(mentioning: "only an officer")
    }

    @Test func `only the system makes an administrator`() {
        fixtureDistrict.when(officer, .linkAccount("me", to: .system)).rejected(mentioning: "only the system", "administrator")
        fixtureDistrict.when(.system, .linkAccount("root2", to: .system)).then([.accountLinked(account: "root2", actor: .system)])
    }

    @Test func `an account acts for one person at a time`() {
        Self.rostered.when(officer, .linkAccount("zhangw", to: .guard(li))).rejected(mentioning: "zhangw", "already acts as guard:G-001")
    }

    @Test func `an account links only to someone enrolled`() {
        fixtureDistrict.when(officer, .linkAccount("ghost", to: .guard("G-999"))).rejected(mentioning: "unknown guard G-999")
        fixtureDistrict.when(officer, .linkAccount("ghost", to: .officer("O-99"))).rejected(mentioning: "unknown officer O-99")
    }

    @Test(arguments: ["", "-rf", "a b", "名字", "x\ty", String(repeating: "a", count: 33)])
    func `an account name must be a login name`(name: String) {
        fixtureDistrict.when(officer, .linkAccount(name, to: .guard(li))).rejected(mentioning: "is not an account name")
    }

    @Test func `enrolment may bind the account, and the fold puts it on the roster`() {
        let state = fixtureDistrict.when(.system, .enrollOfficer("O-03", name: "钱警官", account: "qianjg"))
            .then([.officerEnrolled(officer: "O-03", name: "钱警官", account: "qianjg")])
        #expect(state.accounts["qianjg"] == .officer("O-03"))
        fixtureDistrict.when(.system, .enrollGuard("G-050", name: "孙", team: teamZhongfu, homeTower: zhongfu, training: [], account: "zhangw"))
            .accepted()
        Self.rostered.when(.system, .enrollGuard("G-050", name: "孙", team: teamZhongfu, homeTower: zhongfu, training: [], account: "zhangw"))
            .rejected(mentioning: "already acts as guard:G-001")
    }

    @Test func `unlinking takes the account off the roster; an officer cannot unlink an administrator`() {
        let state = Self.rostered.when(officer, .unlinkAccount("zhangw")).then([.accountUnlinked(account: "zhangw")])
        #expect(state.accounts["zhangw"] == nil)
        Self.rostered.when(officer, .unlinkAccount("admin")).rejected(mentioning: "only the system")
        Self.rostered.when(officer, .unlinkAccount("nobody")).rejected(mentioning: "not on the roster")
    }

    // MARK: The caller is who the operating system says

    static func refusal(_ account: String?, _ actor: Actor, _ action: Action, in state: DistrictState = rostered) -> String? {
        CallerCheck.refusal(account: account, command: Command(actor, action), in: state)?.reason
    }

    @Test func `an account acts as its own person`() {
        #expect(Self.refusal("zhangw", .guard(zhang), .acknowledge(d1, channel: .console)) == nil)
        #expect(Self.refusal("zhaodz", officer, .close(h1, note: "")) == nil)
        #expect(Self.refusal("scanner", .feed("patrol-scanner"), .scan(guard: zhang, checkpoint: zfLobby)) == nil)
    }

    @Test func `an account cannot act as another guard, an officer, the system or another feed`() {
        #expect(Self.refusal("zhangw", .guard(li), .goOffDuty(li))?.contains("acts as guard:G-001") == true)
        #expect(Self.refusal("zhangw", officer, .close(h1, note: ""))?.contains("not as officer:O-01") == true)
        #expect(Self.refusal("zhangw", .system, .goOffDuty(li)) != nil)
        #expect(Self.refusal("scanner", .feed("x"), .scan(guard: zhang, checkpoint: zfLobby)) != nil)
        #expect(Self.refusal("zhaodz", .guard(zhang), .acknowledge(d1, channel: .console)) != nil)
    }

    @Test func `an account off the roster may do nothing, and a record without an account is refused once accounts are bound`() {
        #expect(Self.refusal("mallory", .guard(zhang), .goOffDuty(zhang))?.contains("not on this district's roster") == true)
        #expect(Self.refusal(nil, .system, .enrollOfficer("O-66", name: "x"))?.contains("names no account") == true)
    }

    @Test func `root and the district's administrators act as anyone`() {
        #expect(Self.refusal("root", .system, .enrollOfficer("O-66", name: "x")) == nil)
        #expect(Self.refusal("admin", .guard(li), .goOffDuty(li)) == nil)
    }

    @Test func `a district that binds no account checks nobody`() {
        #expect(Self.refusal("anyone", officer, .close(h1, note: ""), in: fixtureDistrict) == nil)
        #expect(Self.refusal(nil, .system, .enrollOfficer("O-66", name: "x"), in: fixtureDistrict) == nil)
    }

    @Test func `any rostered account records a due alarm as the system`() {
        #expect(Self.refusal("zhangw", .system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1)) == nil)
        #expect(Self.refusal("mallory", .system, .raiseAlarm(.ackOverdue, hazard: h1, dispatch: d1)) != nil)
    }

    @Test func `without --as the account's own person acts`() throws {
        #expect(try CallerCheck.actor(account: "zhangw", claimed: nil, in: Self.rostered).get() == .guard(zhang))
        #expect(throws: Rejection.self) { try CallerCheck.actor(account: "root", claimed: nil, in: Self.rostered).get() }
        #expect(throws: Rejection.self) { try CallerCheck.actor(account: "mallory", claimed: nil, in: Self.rostered).get() }
    }

    @Test func `a claimed identity must match the account`() throws {
        #expect(try CallerCheck.actor(account: "zhangw", claimed: .guard(zhang), in: Self.rostered).get() == .guard(zhang))
        let refused = CallerCheck.actor(account: "zhangw", claimed: .guard(li), in: Self.rostered)
        guard case .failure(let rejection) = refused else { Issue.record("guard A acted as guard B"); return }
        #expect(rejection.reason.contains("guard:G-001") && rejection.reason.contains("guard:G-002"))
        #expect(throws: Rejection.self) { try CallerCheck.actor(account: "zhangw", claimed: officer, in: Self.rostered).get() }
        #expect(throws: Rejection.self) { try CallerCheck.actor(account: "scanner", claimed: .feed("plate-camera"), in: Self.rostered).get() }
    }

    @Test func `an officer records a guard's answer on their behalf only by radio or phone`() throws {
        #expect(try CallerCheck.actor(account: "zhaodz", claimed: .guard(zhang), onBehalfChannel: .radio, in: Self.rostered).get() == officer)
        #expect(try CallerCheck.actor(account: "zhaodz", claimed: .guard(zhang), onBehalfChannel: .phone, in: Self.rostered).get() == officer)
        #expect(throws: Rejection.self) {
            try CallerCheck.actor(account: "zhaodz", claimed: .guard(zhang), onBehalfChannel: .console, in: Self.rostered).get()
        }
        #expect(throws: Rejection.self) {
            try CallerCheck.actor(account: "zhangw", claimed: .guard(li), onBehalfChannel: .radio, in: Self.rostered).get()
        }
    }

    @Test func `whoami names the person, or says the account is off the roster`() {
        #expect(CallerCheck.describe(account: "zhangw", in: Self.rostered).contains("guard G-001 张伟"))
        #expect(CallerCheck.describe(account: "mallory", in: Self.rostered).contains("not on this district's roster"))
        #expect(CallerCheck.describe(account: "mallory", in: fixtureDistrict).contains("binds no accounts"))
    }

    // MARK: Words read as the caller's command

    @Test func `the caller's words become the command of the account's own person`() throws {
        let ack = try VerbInvocation(.ack, words: ["D-000001"]).command(in: Self.rostered, caller: "zhangw")
        #expect(ack == Command(.guard(zhang), .acknowledge(d1, channel: .console)))
        let onBehalf = try VerbInvocation(.ack, words: ["D-000001", "--as", "G-001", "--channel", "radio"]).command(in: Self.rostered, caller: "zhaodz")
        #expect(onBehalf == Command(officer, .acknowledge(d1, channel: .radio)))
        #expect(throws: Rejection.self) {
            try VerbInvocation(.close, words: ["H-000001", "--as", "O-01"]).command(in: Self.rostered, caller: "zhangw")
        }
        // Without accounts, `as` is needed and believed, as before.
        #expect(throws: Rejection.self) { try VerbInvocation(.arrive, words: ["D-000001"]).command(in: fixtureDistrict, caller: "root") }
        #expect(try VerbInvocation(.arrive, words: ["D-000001", "--as", "G-002"]).command(in: fixtureDistrict, caller: "anyone").actor == .guard(li))
    }
}
