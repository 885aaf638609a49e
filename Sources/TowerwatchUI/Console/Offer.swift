import TowerwatchCore

/// Something the console offers the officer to do, as a value: which hazard,
/// which dispatch it concerns, and which guard it sends.
///
/// The key that takes an offer acts on exactly this value, never on whatever
/// happens to be selected when the key is pressed; a confirmation line names
/// all three first. When the district changes so that the offer no longer
/// holds (the dispatch was acknowledged, the guard became busy, the hazard
/// closed), the offer is withdrawn, never pointed at something else.
public struct Offer: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `R`: withdraw an unacknowledged dispatch and send `guard` instead.
        case reassign
        /// `A`: send `guard` as well, because nobody is on scene in time.
        case secondGuard
        /// Chosen in the dispatch picker.
        case pick
    }

    public var kind: Kind
    public var hazard: HazardID
    /// The dispatch the offer concerns: the one reassigned (`R`), the one late
    /// on scene (`A`), or the hazard's open dispatch when the picker was used.
    public var dispatch: DispatchID?
    /// The phase `dispatch` was in when the offer was made; any change makes the offer stale.
    public var dispatchPhase: DispatchPhase?
    public var `guard`: GuardID

    public init(kind: Kind, hazard: HazardID, dispatch: DispatchID?, dispatchPhase: DispatchPhase?, guard g: GuardID) {
        self.kind = kind; self.hazard = hazard; self.dispatch = dispatch; self.dispatchPhase = dispatchPhase; self.guard = g
    }

    /// The key that takes this offer from the hint bar.
    public var key: Character? {
        switch kind { case .reassign: "R"; case .secondGuard: "A"; case .pick: nil }
    }

    /// The command that carries the offer out, as `officer`.
    public func command(by officer: OfficerID) -> Command {
        switch kind {
        case .reassign: Command(.officer(officer), .reassign(dispatch!, to: self.guard))
        case .secondGuard, .pick: Command(.officer(officer), .dispatch(hazard: hazard, guard: self.guard))
        }
    }

    /// The one-line question asked before the offer is carried out: it names the hazard, the dispatch and the guard.
    public func confirmation(in state: DistrictState) -> String { confirmationLine(in: state).full }

    /// The question in parts: at a narrow width the guards' names and the wording
    /// give way, never the hazard, the dispatch, the guard's id or the keys.
    public func confirmationLine(in state: DistrictState) -> PriorityLine {
        typealias Part = PriorityLine.Part
        func who(_ g: GuardID) -> [Part] {
            [.fixed(" \(g)"), Part([state.guards[g].map { " \($0.name)" } ?? "", ""], rank: 0)]
        }
        let keys = Part(["? Enter/y confirms · Esc cancels", "? Enter/y · Esc", "? y/Esc"], rank: 2)
        switch kind {
        case .reassign:
            let from = dispatch.flatMap { state.dispatches[$0] }.map { who($0.guard) } ?? [.fixed(" ?")]
            return PriorityLine([.fixed("Reassign \(dispatch?.raw ?? "?") (\(hazard)) from")] + from + [.fixed(" to")] + who(self.guard) + [keys])
        case .secondGuard:
            let late = Part([" (\(dispatch?.raw ?? "no dispatch") not on scene)", " (\(dispatch?.raw ?? "no dispatch"))"], rank: 2)
            return PriorityLine([.fixed("Send")] + who(self.guard) + [.fixed(" to \(hazard)"), Part([" as well", ""], rank: 1), late, keys])
        case .pick:
            let open = dispatch.map { " beside \($0)" } ?? ", a new dispatch"
            return PriorityLine([.fixed("Dispatch")] + who(self.guard) + [.fixed(" to \(hazard)\(open)"), keys])
        }
    }

    /// Why the offer no longer holds in `state`, or nil when it still does.
    public func staleness(in state: DistrictState) -> String? {
        guard let h = state.hazards[hazard], h.isOpen else { return "\(hazard) was closed" }
        if let dispatch {
            guard let d = state.dispatches[dispatch] else { return "\(dispatch) is gone" }
            if d.phase != dispatchPhase { return "\(dispatch) is now \(d.phase.label)" }
        }
        if kind == .secondGuard, h.firstArrivalAt != nil { return "a guard reached \(hazard)" }
        guard let g = state.guards[self.guard] else { return "\(self.guard) is not enrolled" }
        if state.hasTurnedDown(g.id, hazard: h) { return "\(g.id) already turned \(hazard) down" }
        guard g.status.isFree, g.openDispatch == nil else { return "\(g.id) is now \(g.status.label)" }
        return nil
    }

    static func name(_ g: GuardID, _ state: DistrictState) -> String {
        state.guards[g].map { "\(g) \($0.name)" } ?? g.raw
    }
}

/// The offer the hint bar shows for the most pressing alarm, with its line of text.
public struct AlarmOffer: Sendable, Hashable {
    public var hazard: HazardID
    public var alarm: RaisedAlarm
    /// What a key would do; nil when there is nothing to offer (no free guard, or an escalation is the way).
    public var offer: Offer?
    /// The bottom bar's line, in parts: it leads with the hazard and the dispatch,
    /// and at a narrow width gives up the guards' names, then its wording, never an id or the key.
    public var line: PriorityLine
    /// The whole line, as at a wide screen.
    public var text: String { line.full }

    /// The alarm to act on: the selected hazard's if it has one, else the latest.
    public static func find(state: DistrictState, selected: HazardID?, now: Timestamp, policy: Policy) -> AlarmOffer? {
        let active = state.activeAlarms()
        guard let (hazard, alarm) = active.first(where: { $0.hazard.id == selected }) ?? active.first else { return nil }
        let recs = state.recommendations(for: hazard.id, now: now, policy: policy)
        typealias Part = PriorityLine.Part
        /// A guard as an id that stays and a name that goes first.
        func who(_ g: GuardID) -> [Part] {
            [.fixed(" \(g)"), Part([state.guards[g].map { " \($0.name)" } ?? "", ""], rank: 0)]
        }
        let lead: [Part] = [.fixed("‼ \(hazard.id)")]
        switch alarm.kind {
        case .ackOverdue:
            guard let d = alarm.dispatch.flatMap({ state.dispatches[$0] }) else { return nil }
            let waited = (now - d.assignedAt).compact
            let late = lead + [.fixed(" \(d.id)")] + who(d.guard)
            if let next = recs.first(where: { $0.guard != d.guard }) {
                let offer = Offer(kind: .reassign, hazard: hazard.id, dispatch: d.id, dispatchPhase: d.phase, guard: next.guard)
                let wording = Part([" has not acknowledged for \(waited) — R reassigns to", " no ack for \(waited) — R reassigns to",
                                    " no ack \(waited): R reassigns to", " R reassigns to", " R →"], rank: 2)
                return AlarmOffer(hazard: hazard.id, alarm: alarm, offer: offer, line: PriorityLine(late + [wording] + who(next.guard)))
            }
            let wording = Part([" has not acknowledged for \(waited); no free guard", " no ack \(waited); no free guard", " no free guard"], rank: 2)
            return AlarmOffer(hazard: hazard.id, alarm: alarm, offer: nil, line: PriorityLine(late + [wording]))
        case .sceneOverdue:
            let late = (now - hazard.reportedAt).compact
            let d = state.activeDispatch(of: hazard)
            let head = lead + (d.map { [.fixed(" \($0.id)")] } ?? [])
            if let next = recs.first {
                let offer = Offer(kind: .secondGuard, hazard: hazard.id, dispatch: d?.id, dispatchPhase: d?.phase, guard: next.guard)
                let wording = Part([" nobody on scene after \(late) — A sends", " not on scene \(late) — A sends", " late \(late): A sends", " A sends"],
                                   rank: 2)
                let tail = Part([" as well", ""], rank: 1)
                return AlarmOffer(hazard: hazard.id, alarm: alarm, offer: offer, line: PriorityLine(head + [wording] + who(next.guard) + [tail]))
            }
            let wording = Part([" nobody on scene after \(late); no free guard", " late \(late); no free guard", " no free guard"], rank: 2)
            return AlarmOffer(hazard: hazard.id, alarm: alarm, offer: nil, line: PriorityLine(head + [wording]))
        case .rectifyOverdue:
            let open = (now - hazard.reportedAt).compact
            let wording = Part([" not rectified after \(open) — e escalates", " open \(open) — e escalates", " e escalates"], rank: 2)
            return AlarmOffer(hazard: hazard.id, alarm: alarm, offer: nil, line: PriorityLine(lead + [wording]))
        }
    }
}
