import TowerwatchCore

/// Turning keys into changes of the console model and effects for the runtime.
///
/// Pure: the district state, its rows and the clock come in; nothing here
/// reads a file or the time. Officer actions come out as `.execute(Command)`
/// effects, which go through the same `decide` as the command line.
extension ConsoleModel {
    public mutating func handle(_ key: KeyEvent, rows: ConsoleRows, state: DistrictState, now: Timestamp, layout: ConsoleLayout) -> [ConsoleEffect] {
        if case .mouse(let x, let y, let button) = key { return click(x: x, y: y, button: button, rows: rows, layout: layout) }
        if key == .resize || key == .none { return [] }
        if let shown = status, !shown.isShown(at: now) { status = nil }
        banner = nil  // seen: the first key puts the header back to its figures
        // A key acknowledges a rejection or an alarm line; Esc does only that.
        if overlay == nil, status?.isError == true, KeyMap.action(for: key) != .quit {
            status = nil
            if key == .escape { return [] }
        }
        if overlay != nil { return handleOverlay(key, rows: rows, state: state, now: now) }
        guard let action = KeyMap.action(for: key) else { return [] }
        return perform(action, rows: rows, state: state, now: now, layout: layout)
    }

    mutating func perform(_ action: ConsoleAction, rows: ConsoleRows, state: DistrictState, now: Timestamp, layout: ConsoleLayout) -> [ConsoleEffect] {
        let page = max(1, (layout.rects[focus]?.height ?? 10) - 3)
        switch action {
        case .up: moveSelection(-1, rows)
        case .down: moveSelection(1, rows)
        case .pageUp: moveSelection(-page, rows)
        case .pageDown: moveSelection(page, rows)
        case .home: moveSelection(-1_000_000, rows)
        case .end: moveSelection(1_000_000, rows)
        case .left, .previousPane: cycleFocus(-1, layout)
        case .right, .nextPane: cycleFocus(1, layout)
        case .focus(let pane): setFocus(pane)
        case .detail: overlay = .detail(scroll: 0)
        case .filter:
            guard focus.isTable else { return [] }
            overlay = .filter(text: table(focus).filter)
        case .sort:
            guard focus.isTable else { return [] }
            var t = table(focus)
            let count = ConsoleRows.columns(focus, towersView: towersView).count
            t.sortColumn = t.sortColumn.map { $0 + 1 < count ? $0 + 1 : nil } ?? 0
            t.descending = false
            tables[focus] = t
            let name = t.sortColumn.map { ConsoleRows.columns(focus, towersView: towersView)[$0].title } ?? "the pane's own order"
            say("\(focus.title) sorted by \(name)", .confirmation, now)
        case .reverseSort:
            guard focus.isTable else { return [] }
            tables[focus, default: TableState()].descending.toggle()
        case .help: overlay = .help
        case .programme: overlay = .programme(scroll: 0)
        case .commandLine: overlay = .commandLine(text: "")
        case .quit: return [.quit]
        case .cycleTheme: return [.cycleTheme]
        case .toggleQuiet: toggleQuiet(now)
        case .repeatOffenders:
            // Another view, other rows: its selection, sort and filter start afresh.
            towersView = towersView.next
            tables[.towers] = TableState()
            setFocus(.towers)
            say("towers pane: \(towersView.title.lowercased())", .confirmation, now)
        case .clearFilter:
            guard focus.isTable, !table(focus).filter.isEmpty else { return [] }
            tables[focus, default: TableState()].filter = ""
            say("\(focus.title): filter cleared", .confirmation, now)
        case .newHazard:
            guard requireOfficer(now) else { return [.bell] }
            var form = HazardForm()
            // Start from the tower selected in the towers pane, if any.
            if let key = selectedKey(.towers, rows: rows), let i = state.towerOrder.firstIndex(of: TowerID(key)) { form.towerIndex = i }
            overlay = .newHazard(form)
        case .dispatch:
            guard requireOfficer(now), let h = requireHazard(rows, now) else { return [.bell] }
            overlay = .dispatchPicker(hazard: h, index: 0)
        case .escalate:
            guard requireOfficer(now), let h = requireHazard(rows, now) else { return [.bell] }
            overlay = .escalatePicker(hazard: h, index: 0)
        case .close:
            guard requireOfficer(now), let h = requireHazard(rows, now) else { return [.bell] }
            overlay = .confirmClose(hazard: h, note: "")
        case .reassignNext, .secondGuard:
            guard requireOfficer(now) else { return [.bell] }
            let kind: Offer.Kind = action == .reassignNext ? .reassign : .secondGuard
            // The key takes the offer the hint bar shows, worked out from the
            // same state, selection and clock: never the selected row instead.
            guard let offer = shownOffer(state: state, rows: rows, now: now)?.offer, offer.kind == kind else {
                say(kind == .reassign ? "nothing to reassign: no unacknowledged dispatch is offered"
                                      : "no second guard is offered: nothing is overdue on scene with a free guard", .rejection, now)
                return [.bell]
            }
            overlay = .confirmOffer(offer)
        }
        return []
    }

    // MARK: - Overlays

    mutating func handleOverlay(_ key: KeyEvent, rows: ConsoleRows, state: DistrictState, now: Timestamp) -> [ConsoleEffect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help:
            if key.closesHelp || key == .function(1) { overlay = nil }
        case .detail(let scroll):
            if case .open(let s) = key.reading(scroll) { overlay = .detail(scroll: s) } else { overlay = nil }
        case .programme(let scroll):
            if case .open(let s) = key.reading(scroll, alsoClosing: [.character("p")]) { overlay = .programme(scroll: s) } else { overlay = nil }
        case .filter(let text):
            switch key {
            case .escape:
                tables[focus, default: TableState()].filter = ""
                overlay = nil
            case .enter:
                overlay = nil
            default:
                let edited = edit(text, key)
                tables[focus, default: TableState()].filter = edited
                overlay = .filter(text: edited)
            }
        case .commandLine(let text):
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                return runCommandLine(text, state: state, now: now)
            default: overlay = .commandLine(text: edit(text, key))
            }
        case .newHazard(var form):
            switch key {
            case .escape: overlay = nil
            case .tab, .down: form.field = HazardForm.Field(rawValue: (form.field.rawValue + 1) % HazardForm.Field.allCases.count)!
            case .backTab, .up:
                let n = HazardForm.Field.allCases.count
                form.field = HazardForm.Field(rawValue: (form.field.rawValue + n - 1) % n)!
            case .left: form.cycle(-1, state: state)
            case .right: form.cycle(1, state: state)
            case .enter:
                guard let officer, let report = form.report(in: state) else { return [.bell] }
                overlay = nil
                return [.execute(Command(.officer(officer), .reportHazard(report)))]
            default:
                if form.field == .floor { form.floor = edit(form.floor, key) }
                else if form.field == .note { form.note = edit(form.note, key) }
                else if case .character(" ") = key { form.cycle(1, state: state) }
            }
            if case .newHazard = overlay ?? .help { overlay = .newHazard(form) }
        case .dispatchPicker(let hazard, let index):
            // The same list the picker shows: the same state and clock.
            let recs = state.recommendations(for: hazard, now: now, policy: policy)
            let last = max(0, recs.count - 1)
            switch key {
            case .escape: overlay = nil
            case .down, .character("j"): overlay = .dispatchPicker(hazard: hazard, index: min(index + 1, last))
            case .up, .character("k"): overlay = .dispatchPicker(hazard: hazard, index: max(0, index - 1))
            case .pageDown: overlay = .dispatchPicker(hazard: hazard, index: min(index + 10, last))
            case .pageUp: overlay = .dispatchPicker(hazard: hazard, index: max(0, index - 10))
            case .enter:
                guard officer != nil, index < recs.count, let h = state.hazards[hazard] else { return [.bell] }
                let open = state.activeDispatch(of: h)
                overlay = .confirmOffer(Offer(kind: .pick, hazard: hazard, dispatch: open?.id, dispatchPhase: open?.phase, guard: recs[index].guard))
            default: break
            }
        case .confirmOffer(let offer):
            switch key {
            case .enter, .character("y"):
                overlay = nil
                guard let officer else { return [.bell] }
                if let reason = offer.staleness(in: state) {
                    say("offer withdrawn: \(reason); nothing was sent", .rejection, now)
                    return [.bell]
                }
                return [.execute(offer.command(by: officer))]
            case .escape, .character("n"), .character("q"):
                overlay = nil
                say("cancelled: nothing was sent", .confirmation, now)
            default: break
            }
        case .escalatePicker(let hazard, let index):
            let targets = EscalationTarget.allCases
            switch key {
            case .escape: overlay = nil
            case .down, .character("j"): overlay = .escalatePicker(hazard: hazard, index: min(index + 1, targets.count - 1))
            case .up, .character("k"): overlay = .escalatePicker(hazard: hazard, index: max(0, index - 1))
            case .enter:
                guard let officer else { return [.bell] }
                overlay = nil
                return [.execute(Command(.officer(officer), .escalate(hazard, to: targets[index], note: "")))]
            default: break
            }
        case .confirmClose(let hazard, let note):
            switch key {
            case .escape: overlay = nil
            case .enter:
                guard let officer else { return [.bell] }
                overlay = nil
                return [.execute(Command(.officer(officer), .close(hazard, note: note)))]
            default: overlay = .confirmClose(hazard: hazard, note: edit(note, key))
            }
        }
        return []
    }

    /// Runs a `:` line: the same verbs as the command line, acting as this console's officer
    /// unless the line says `--as`.
    mutating func runCommandLine(_ text: String, state: DistrictState, now: Timestamp) -> [ConsoleEffect] {
        do throws(Rejection) {
            let words = try VerbInvocation.split(text)
            if words.first == "q" || words.first == "quit" { return [.quit] }
            let invocation = try VerbInvocation(line: text)
            guard invocation.actor != nil || officer != nil else {
                throw Rejection("this console has no officer identity: start it with --as OFFICER, or add --as to the command")
            }
            return [.execute(try invocation.command(in: state, defaultActor: officer.map { .officer($0) }))]
        } catch {
            say("rejected: \(error.reason)", .rejection, now)
            return [.bell]
        }
    }

    /// Records how an executed command went, for the status bar.
    public mutating func finished(_ result: Result<[EventRecord], Rejection>, state: DistrictState, now: Timestamp) {
        switch result {
        case .success(let records):
            let text = records.last.map { FeedText.line($0, in: state) } ?? "done"
            say("✓ " + text, .confirmation, now)
        case .failure(let rejection):
            say("rejected: \(rejection.reason)", .rejection, now)
        }
    }

    // MARK: - Helpers

    func edit(_ text: String, _ key: KeyEvent) -> String { key.edited(text) }

    mutating func requireOfficer(_ now: Timestamp) -> Bool {
        guard mode != .replay else { say("replay is read-only", .rejection, now); return false }
        guard officer != nil else {
            say("no officer identity: start the console with --as OFFICER to act", .rejection, now)
            return false
        }
        return true
    }

    mutating func requireHazard(_ rows: ConsoleRows, _ now: Timestamp) -> HazardID? {
        guard let h = selectedHazard(rows: rows) else {
            say("select an open hazard first (pane 1)", .rejection, now)
            return nil
        }
        return h
    }

    mutating func moveSelection(_ delta: Int, _ rows: ConsoleRows) {
        if focus == .detail { return }
        var t = table(focus)
        t.move(by: delta, in: t.arrange(rows.rows(focus)))
        tables[focus] = t
    }

    mutating func setFocus(_ pane: PaneID) {
        focus = pane
        if pane.isTable && pane != .feed { detailSource = pane }
    }

    mutating func cycleFocus(_ delta: Int, _ layout: ConsoleLayout) {
        let order = layout.focusOrder
        guard !order.isEmpty else { return }
        let i = order.firstIndex(of: focus) ?? 0
        setFocus(order[((i + delta) % order.count + order.count) % order.count])
    }

    mutating func click(x: Int, y: Int, button: MouseButton, rows: ConsoleRows, layout: ConsoleLayout) -> [ConsoleEffect] {
        if let tab = layout.tabHit(x: x, y: y) { setFocus(tab); return [] }
        guard let (pane, rect) = layout.rects.first(where: { $0.value.contains(Point(x: x, y: y)) }).map({ ($0.key, $0.value) }) else { return [] }
        if overlay != nil { return [] }
        setFocus(pane)
        guard pane.isTable else { return [] }
        switch button {
        case .wheelUp: moveSelection(-3, rows); return []
        case .wheelDown: moveSelection(3, rows); return []
        default: break
        }
        // Row 0 of the inside is the header; rows start one below it.
        let line = y - (rect.y + 2)
        guard line >= 0 else { return [] }
        var t = table(pane)
        let arranged = t.arrange(rows.rows(pane))
        t.select(t.scroll + line, in: arranged)
        tables[pane] = t
        return []
    }
}
