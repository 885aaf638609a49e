/// Checks a command against the district and returns the events it causes,
/// or a rejection whose reason a person understands. Pure: `now` is passed in.
///
/// Every rule of the domain that a person can break lives here: references
/// must exist, only the right people may act, and a dispatch moves through its
/// steps in order. The log writer calls this under its lock, after catching up
/// with what other processes appended, so a rule that no longer holds is
/// rejected and nothing is written.
public func decide(_ state: DistrictState, _ command: Command, now: Timestamp, policy: Policy = .standard) -> Result<[Event], Rejection> {
    do {
        let events = try Decider(state: state, actor: command.actor, now: now, policy: policy).events(for: command.action)
        // Time only moves forward: nothing is recorded before what it answers.
        for event in events {
            if let problem = TimeOrder.precedesCause(event, at: now, in: state) { throw Rejection(problem) }
        }
        return .success(events)
    } catch let rejection as Rejection {
        return .failure(rejection)
    } catch {
        return .failure(Rejection("\(error)"))
    }
}

/// The rules, one method per command, grouped by concern in the `Decide+…`
/// files (set-up and roster, duty and patrol, hazards, dispatches, alarms,
/// bulletins; the checks they share in `Decide+Requirements`). Throws `Rejection`.
struct Decider {
    let state: DistrictState
    let actor: Actor
    var now: Timestamp = Timestamp(millis: 0)
    var policy: Policy = .standard

    /// The events `action` causes when `actor` asks for it now, or the rejection.
    func events(for action: Action) throws -> [Event] {
        try requireWellFormedText(action)
        try requireKnownActor()
        // No `default:`: a new command must get its own rules.
        switch action {
        case let .registerCompany(id, name):
            return try registerCompany(id, name: name)
        case let .registerTower(id, name, englishName, company, floorsAbove, floorsBelow, zones):
            return try registerTower(id, name: name, englishName: englishName, company: company,
                                     floorsAbove: floorsAbove, floorsBelow: floorsBelow, zones: zones)
        case let .installCheckpoint(id, tower, floor, zone, name):
            return try installCheckpoint(id, tower: tower, floor: floor, zone: zone, name: name)
        case let .moveInTenant(id, name, tower, floor, kind):
            return try moveInTenant(id, name: name, tower: tower, floor: floor, kind: kind)
        case let .formTeam(id, name):
            return try formTeam(id, name: name)
        case let .enrollGuard(id, name, team, homeTower, training, account):
            return try enrollGuard(id, name: name, team: team, homeTower: homeTower, training: training, account: account)
        case let .appointCaptain(team, guardID):
            return try appointCaptain(guardID, of: team)
        case let .enrollOfficer(id, name, account):
            return try enrollOfficer(id, name: name, account: account)
        case let .linkAccount(account, target):
            return try linkAccount(account, to: target)
        case let .unlinkAccount(account):
            return try unlinkAccount(account)
        case let .defineProcedure(category, steps):
            return try defineProcedure(category, steps: steps)

        case let .setTimeZone(zone):
            return try setTimeZone(zone)

        case let .startShift(id, name):
            return try startShift(id, name: name)
        case let .endShift(id):
            return try endShift(id)
        case let .goOnDuty(guardID):
            return try goOnDuty(guardID)
        case let .goOffDuty(guardID):
            return try goOffDuty(guardID)
        case let .scan(guardID, checkpoint):
            return try scan(guardID, at: checkpoint)

        case let .reportHazard(report):
            return try reportHazard(report)
        case let .escalate(hazard, target, note):
            return try escalate(hazard, to: target, note: note)
        case let .close(hazard, note):
            return try close(hazard, note: note)
        case let .addNote(hazard, text):
            return try addNote(to: hazard, text: text)
        case let .splitReport(hazard, report):
            return try splitReport(hazard, report: report)

        case let .dispatch(hazard, guardID):
            return try dispatch(guardID, to: hazard)
        case let .acknowledge(id, channel):
            return try acknowledge(id, channel: channel)
        case let .arrive(id):
            return try arrive(id)
        case let .clear(id, note):
            return try clear(id, note: note)
        case let .decline(id, reason):
            return try decline(id, reason: reason)
        case let .reassign(id, to):
            return try reassign(id, to: to)
        case let .withdraw(id, reason):
            return try withdraw(id, reason: reason)

        case let .raiseAlarm(kind, hazard, dispatch):
            return try raiseAlarm(kind, for: hazard, dispatch: dispatch)

        case let .issueBulletin(from, text, tower):
            return try issueBulletin(from: from, text: text, tower: tower)

        case let .setBaseline(category, minutes):
            return try setBaseline(category, minutes: minutes)
        case let .recordDrillHeld(tower, scenario):
            return try recordDrillHeld(at: tower, scenario: scenario)
        }
    }
}

/// `7` padded to `000007`.
func zeroPadded(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
