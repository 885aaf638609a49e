import TowerwatchCore

/// A line of text with the role that styles it.
public struct StyledLine: Sendable, Hashable {
    public var text: String
    public var role: Role
    public init(_ text: String, _ role: Role = .text) { self.text = text; self.role = role }
}

/// What the detail pane says about the selected thing.
public enum DetailText {
    public static func lines(pane: PaneID, key: String?, state s: DistrictState, recent: [EventRecord], now: Timestamp, policy: Policy,
                             time: LocalTimeText) -> [StyledLine] {
        guard let key else { return [StyledLine("Select a row to see its detail.", .textDim)] }
        switch pane {
        case .hazards: return s.hazards[HazardID(key)].map { hazard($0, s, now, policy, time) } ?? []
        case .guards: return s.guards[GuardID(key)].map { guardLines($0, s, now, policy, time) } ?? []
        case .towers: return s.towers[TowerID(key)].map { tower($0, s, now, policy) } ?? []
        case .feed, .detail:
            guard let seq = UInt64(key), let r = recent.first(where: { $0.seq == seq }) else { return [] }
            return [StyledLine("Record \(r.seq) at \(time.dateTime(r.time))", .header), StyledLine("by \(r.actor)" + (r.account.map { ", written by account \($0)" } ?? ""), .textDim),
                    StyledLine(FeedText.line(r, in: s))]
        }
    }

    static func hazard(_ h: Hazard, _ s: DistrictState, _ now: Timestamp, _ policy: Policy, _ time: LocalTimeText) -> [StyledLine] {
        let st = s.status(of: h, now: now, policy: policy)
        let tower = s.towerLabel(h.tower)
        // A report a repair lost: its category, place and reporter are unknown.
        var out = s.isLostInRepair(.hazard, h.id.raw) ? [StyledLine(LostSetUp(.hazard, h.id.raw).description, .header)] : [
            StyledLine("\(h.id)  \(h.category.label)  \(h.severity.name)" + (h.drill ? "  [drill]" : ""), .header),
            StyledLine("\(tower) floor \(h.floor), \(h.zone)"),
            StyledLine("source \(h.source.label), reported by \(h.reporter)" + (h.tenant.flatMap { s.tenants[$0] }.map { ", tenant \($0.name)" } ?? ""), .textDim),
        ]
        if !h.note.isEmpty { out.append(StyledLine("“\(h.note)”")) }
        out.append(stageLine(HazardStage(of: h, in: s), s))
        out.append(StyledLine(""))
        func clock(_ name: String, _ c: ClockReading?) {
            guard let c else { return }
            let role: Role = c.level == .overdue ? .clockOverdue : c.level == .warning ? .clockWarning : .clockNormal
            let verdict = c.isRunning ? (c.level == .overdue ? "OVERDUE" : "running") : (c.met ? "met" : "late")
            out.append(StyledLine("\(c.level.symbol) \(name): \(c.elapsed.compact) of \(c.target.compact) — \(verdict)", role))
        }
        clock("acknowledge", st.ackClock)
        clock("on scene", st.sceneClock)
        clock("rectify", st.rectifyClock)
        out.append(StyledLine(""))
        out.append(StyledLine("Timeline (\(time.zoneLabel(h.reportedAt)))", .header))
        var timeline: [(Timestamp, String)] = [(h.reportedAt, "reported")]
        for id in h.dispatches {
            guard let d = s.dispatches[id] else { continue }
            let who = s.guards[d.guard].map { "\(d.guard) \($0.name)" } ?? d.guard.raw
            timeline.append((d.assignedAt, "\(who) dispatched (\(d.id))"))
            if let t = d.acknowledgedAt { timeline.append((t, "\(d.guard) acknowledged" + (d.ackChannel.map { $0 == .console ? "" : " by \($0.rawValue)" } ?? ""))) }
            if let t = d.arrivedAt { timeline.append((t, "\(d.guard) on scene")) }
            if let t = d.clearedAt { timeline.append((t, "\(d.guard) cleared" + (d.clearNote.map { $0.isEmpty ? "" : ": \($0)" } ?? ""))) }
            if let t = d.declinedAt { timeline.append((t, "\(d.guard) declined: \(d.declineReason ?? "")")) }
            if let t = d.withdrawnAt { timeline.append((t, "\(d.id) withdrawn: \(d.withdrawReason ?? "")")) }
        }
        for e in h.escalations { timeline.append((e.at, "escalated to \(e.target.rawValue) by \(e.by)")) }
        for n in h.notes { timeline.append((n.at, "note by \(RecordText.author(n.by)): \(n.text)")) }
        for a in h.alarms { timeline.append((a.at, "ALARM raised: \(a.kind.label)" + (a.dispatch.map { " (\($0))" } ?? ""))) }
        if let t = h.closedAt { timeline.append((t, "closed" + (h.closeNote.map { $0.isEmpty ? "" : ": \($0)" } ?? ""))) }
        for (t, text) in timeline.sorted(by: { $0.0 < $1.0 }) {
            out.append(StyledLine("\(time.clock(t, sameDayAs: now))  +\((t - h.reportedAt).compact)  \(text)"))
        }
        if let steps = s.procedures[h.category], !steps.isEmpty {
            out.append(StyledLine(""))
            out.append(StyledLine("Procedure: \(h.category.label)", .header))
            for (i, step) in steps.enumerated() { out.append(StyledLine("\(i + 1). \(step)")) }
        }
        return out
    }

    /// The stage in words, with what it waits for: the same word as the row's State column.
    static func stageLine(_ stage: HazardStage, _ s: DistrictState) -> StyledLine {
        var text = "stage: " + stage.label
        if let d = stage.dispatch {
            let who = s.guards[d.guard].map { "\(d.guard) \($0.name)" } ?? d.guard.raw
            switch stage.step {
            case .declined(let reason): text += " by \(who) (\(d.id)): “\(reason)” — d sends another guard"
            case .cleared: text += " — \(who) cleared \(d.id); c closes"
            case .withdrawn: text += " — \(d.id) \(d.withdrawReason ?? "")"
            case .dispatched, .acknowledged, .onScene: text += " — \(who) (\(d.id))"
            case .new, .closed: break
            }
        }
        if !stage.escalatedTo.isEmpty { text += "; escalated to " + stage.escalatedTo.map(\.rawValue).joined(separator: ", ") }
        if !stage.alarms.isEmpty { text += "; ‼ alarm: " + stage.alarms.map(\.label).joined(separator: ", ") }
        return StyledLine(text, stage.needsOfficer || !stage.alarms.isEmpty ? .alarm : stage.role)
    }

    static func guardLines(_ g: Guard, _ s: DistrictState, _ now: Timestamp, _ policy: Policy, _ time: LocalTimeText) -> [StyledLine] {
        let silent = s.isSilent(g, now: now, policy: policy)
        var out = [
            StyledLine("\(g.id)  \(s.guardLabel(g))", .header),
            StyledLine("team \(s.teamLabel(g.team))" + (s.teams[g.team]?.captain == g.id ? " (captain)" : "")
                       + ", home \(s.towerLabel(g.homeTower))"),
            StyledLine(silent ? "‼ silent: no sign of life for \((SilenceRule.quietFor(g, now: now) ?? Span(millis: 0)).compact)" : "status: \(g.status.label)",
                       silent ? .guardSilent : ConsoleRows.role(g.status)),
        ]
        if let d = g.openDispatch.flatMap({ s.dispatches[$0] }) {
            out.append(StyledLine("on \(d.id) for \(d.hazard) (\(d.phase.label), \((now - d.assignedAt).compact))"))
        }
        if !g.training.isEmpty { out.append(StyledLine("training: " + g.training.joined(separator: ", "), .textDim)) }
        out.append(StyledLine(""))
        out.append(StyledLine("Recent checkpoints (\(time.zoneLabel(now)))", .header))
        for scan in g.recentTrail.reversed() {
            let cp = s.checkpoints[scan.checkpoint]
            let place = cp.map { Place.text(tower: s.towerLabel($0.tower), floor: $0.floor, zone: $0.name) } ?? scan.checkpoint.raw
            out.append(StyledLine("\(time.clock(scan.at, sameDayAs: now))  \((now - scan.at).compact) ago  \(place)"))
        }
        if g.trail.isEmpty { out.append(StyledLine("(no scans yet)", .textDim)) }
        return out
    }

    static func tower(_ t: Tower, _ s: DistrictState, _ now: Timestamp, _ policy: Policy) -> [StyledLine] {
        let f = s.towerFigures[t.id] ?? TowerFigures()
        var out = [
            StyledLine(s.isLostInRepair(.tower, t.id.raw) ? s.towerLabel(t.id) : "\(t.name)  \(t.englishName)", .header),
            StyledLine("\(s.companies[t.company]?.name ?? t.company.raw); floors B\(t.floorsBelow)–\(t.floorsAbove); \(t.checkpoints.count) checkpoints"),
            StyledLine("open hazards \(f.openHazards), guards present \(f.guardsPresent)"),
            StyledLine(""),
            StyledLine("Open hazards", .header),
        ]
        let open = s.openHazardsByUrgency(now: now, policy: policy).filter { $0.hazard.tower == t.id }
        for st in open {
            out.append(StyledLine("\(st.isOverdue ? "‼" : " ") \(st.hazard.id) \(st.hazard.category.label) \(st.hazard.floor) \(st.hazard.zone) — \(st.phase.label)",
                                  st.isOverdue ? .hazardOverdue : .text))
        }
        if open.isEmpty { out.append(StyledLine("(none)", .textDim)) }
        out.append(StyledLine(""))
        out.append(StyledLine("Guards here", .header))
        let here = s.guardOrder.compactMap { s.guards[$0] }.filter { $0.presentIn == t.id }
        for g in here { out.append(StyledLine("\(g.id) \(s.guardLabel(g)) — \(g.status.label)", ConsoleRows.role(g.status))) }
        if here.isEmpty { out.append(StyledLine("(none)", .textDim)) }
        return out
    }
}
