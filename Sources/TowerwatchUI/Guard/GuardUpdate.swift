import TowerwatchCore

/// Turning keys into changes of the guard model and effects for the runtime.
///
/// Pure: the district state and the clock come in; nothing here reads a file
/// or the time. Every action leaves as `.execute(Command)` acting as the
/// console's guard, through the same `decide` as the command line. Before a
/// prompt opens, the command is tried against `decide` with the state at hand,
/// so a guard is never asked for a note that would then be refused.
extension GuardModel {
    public mutating func handle(_ key: KeyEvent, state: DistrictState, now: Timestamp) -> [GuardEffect] {
        if key == .resize || key == .none { return [] }
        if case .mouse = key { return [] }
        if overlay != nil { return handleOverlay(key, state: state, now: now) }
        guard let action = GuardKeyMap.action(for: key) else { return [] }
        return perform(action, state: state, now: now)
    }

    mutating func perform(_ action: GuardAction, state: DistrictState, now: Timestamp) -> [GuardEffect] {
        switch action {
        case .quit: return [.quit]
        case .cycleTheme: return [.cycleTheme]
        case .help: overlay = .help
        case .procedure:
            guard openDispatch(in: state) != nil else { return refuse("no open dispatch: the procedure shows with one") }
            overlay = .procedure(scroll: 0)
        case .acknowledge:
            guard let d = requireDispatch(state) else { return [.bell] }
            return [.execute(command(.acknowledge(d.id, channel: .console)))]
        case .arrive:
            guard let d = requireDispatch(state) else { return [.bell] }
            return [.execute(command(.arrive(d.id)))]
        case .clear:
            guard let d = requireDispatch(state) else { return [.bell] }
            if let refusal = tryOut(.clear(d.id, note: ""), state: state, now: now) { return refusal }
            overlay = .clearNote(dispatch: d.id, text: "")
        case .decline:
            guard let d = requireDispatch(state) else { return [.bell] }
            if let refusal = tryOut(.decline(d.id, reason: "-"), state: state, now: now) { return refusal }
            overlay = .declineReason(dispatch: d.id, text: "")
        case .reportHazard:
            guard requireWritable() else { return [.bell] }
            guard state.guards[guardID]?.onDuty == true else { return refuse("you are off duty; only guards on duty report hazards") }
            overlay = .report(GuardReportForm(for: guardID, in: state))
        case .scanCheckpoint:
            guard requireWritable() else { return [.bell] }
            guard let tower = currentTower(in: state) else { return refuse("no tower to scan in") }
            let last = state.guards[guardID]?.lastScan?.checkpoint
            let index = state.towers[tower]?.checkpoints.firstIndex { $0 == last }.map { $0 + 1 } ?? 0
            let count = state.towers[tower]?.checkpoints.count ?? 0
            if let first = state.towers[tower]?.checkpoints.first,
               let refusal = tryOut(.scan(guard: guardID, checkpoint: first), state: state, now: now) { return refusal }
            // Start on the checkpoint after the last one scanned: the next on the patrol route.
            overlay = .scanPicker(tower: tower, index: count == 0 ? 0 : index % count)
        }
        return []
    }

    // MARK: - Overlays

    mutating func handleOverlay(_ key: KeyEvent, state: DistrictState, now: Timestamp) -> [GuardEffect] {
        guard let current = overlay else { return [] }
        switch current {
        case .procedure(let scroll):
            // `v` opened the procedure and closes it too.
            if case .open(let s) = key.reading(scroll, alsoClosing: [.character("v")]) { overlay = .procedure(scroll: s) } else { overlay = nil }
        case .help:
            if key.closesHelp { overlay = nil }
        case .clearNote(let dispatch, let text):
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                return [.execute(command(.clear(dispatch, note: text.trimmingSpaces)))]
            default: overlay = .clearNote(dispatch: dispatch, text: edit(text, key))
            }
        case .declineReason(let dispatch, let text):
            switch key {
            case .escape: overlay = nil
            case .enter:
                let reason = text.trimmingSpaces
                // The officer needs a reason; keep the prompt open rather than send an empty one.
                guard !reason.isEmpty else { return refuse("type a reason for the officer, or Esc to keep the dispatch") }
                overlay = nil
                return [.execute(command(.decline(dispatch, reason: reason)))]
            default: overlay = .declineReason(dispatch: dispatch, text: edit(text, key))
            }
        case .report(var form):
            // Esc cancels the whole report at any step, as the hint bar says.
            if key == .escape { overlay = nil; return [] }
            defer { overlay = overlay == nil ? nil : .report(form) }
            switch form.step {
            case .category:
                let n = HazardCategory.allCases.count
                switch key {
                case .down, .character("j"): form.categoryIndex = min(form.categoryIndex + 1, n - 1)
                case .up, .character("k"): form.categoryIndex = max(0, form.categoryIndex - 1)
                case .home: form.categoryIndex = 0
                case .end: form.categoryIndex = n - 1
                case .enter: form.step = .place
                case .character(let c) where c.wholeNumberValue.map({ (1...n).contains($0) }) == true:
                    // A digit moves the choice, as numbered on screen; Enter takes it.
                    form.categoryIndex = c.wholeNumberValue! - 1
                default: break
                }
            case .place:
                let fields = GuardReportForm.Field.allCases
                switch key {
                case .tab, .down: form.field = fields[(form.field.rawValue + 1) % fields.count]
                case .backTab, .up: form.field = fields[(form.field.rawValue + fields.count - 1) % fields.count]
                case .left: form.cycle(-1, state: state)
                case .right: form.cycle(1, state: state)
                case .enter:
                    if let missing = form.missing {
                        form.field = missing
                        return refuse("choose the \(form.label(missing).lowercased()) of the place first (type it, or ←→)")
                    }
                    // The place is checked now, so the note is never typed for a report that would be refused.
                    if let report = form.report, let refusal = tryOut(.reportHazard(report), state: state, now: now) { return refusal }
                    form.step = .note
                default: form.type(key, state: state)
                }
            case .note:
                switch key {
                case .enter:
                    guard let report = form.report else { form.step = .place; return [.bell] }
                    if let refusal = tryOut(.reportHazard(report), state: state, now: now) { return refusal }
                    overlay = nil
                    return [.execute(command(.reportHazard(report)))]
                default: form.note = edit(form.note, key)
                }
            }
        case .scanPicker(let tower, let index):
            let checkpoints = state.towers[tower]?.checkpoints ?? []
            switch key {
            case .escape: overlay = nil
            case .down, .character("j"): overlay = .scanPicker(tower: tower, index: min(index + 1, max(0, checkpoints.count - 1)))
            case .up, .character("k"): overlay = .scanPicker(tower: tower, index: max(0, index - 1))
            case .pageDown: overlay = .scanPicker(tower: tower, index: min(index + 10, max(0, checkpoints.count - 1)))
            case .pageUp: overlay = .scanPicker(tower: tower, index: max(0, index - 10))
            case .left, .right:
                // Another tower: the guard may have walked over without scanning yet.
                let order = state.towerOrder
                guard let i = order.firstIndex(of: tower), !order.isEmpty else { break }
                let next = order[((i + (key == .right ? 1 : -1)) % order.count + order.count) % order.count]
                overlay = .scanPicker(tower: next, index: 0)
            case .enter:
                guard index < checkpoints.count else { return [.bell] }
                overlay = nil
                return [.execute(command(.scan(guard: guardID, checkpoint: checkpoints[index])))]
            default: break
            }
        }
        return []
    }

    // MARK: - Following the log

    /// Looks at the district after the log moved on: a new dispatch for this
    /// guard rings the bell and flashes the screen, once; a dispatch taken
    /// away says so.
    public mutating func observe(_ state: DistrictState) -> [GuardEffect] {
        let open = state.guards[guardID]?.openDispatch
        if let open, open != announcedDispatch {
            announcedDispatch = open
            if let d = state.dispatches[open], let h = state.hazards[d.hazard] {
                let tower = state.towers[h.tower]?.name ?? h.tower.raw
                status = StatusMessage(text: "NEW \(open): \(h.category.label), \(tower) \(Tower.floorLabel(h.floor)) — press a", isError: false)
            }
            return [.bell, .flash]
        }
        if open == nil, let previous = announcedDispatch, let d = state.dispatches[previous] {
            // Only say it once: forget the dispatch after telling.
            announcedDispatch = nil
            switch d.phase {
            case .withdrawn:
                status = StatusMessage(text: "\(d.id) was withdrawn" + (d.withdrawReason.map { ": \($0)" } ?? ""), isError: true)
                overlay = closingPrompt(for: d.id) ? nil : overlay
                return [.bell]
            default:
                overlay = closingPrompt(for: d.id) ? nil : overlay
            }
        }
        return []
    }

    /// True when the open overlay is a prompt about `dispatch`, which no longer holds the guard.
    func closingPrompt(for dispatch: DispatchID) -> Bool {
        switch overlay {
        case .clearNote(let d, _), .declineReason(let d, _): return d == dispatch
        case .procedure: return true
        default: return false
        }
    }

    /// Records how an executed command went, for the bottom bar.
    public mutating func finished(_ result: Result<[EventRecord], Rejection>, state: DistrictState) {
        status = StatusMessage(outcomeOf: result, in: state)
    }

    // MARK: - Helpers

    func command(_ action: Action) -> Command { Command(.guard(guardID), action) }

    mutating func refuse(_ text: String) -> [GuardEffect] {
        status = StatusMessage(text: text, isError: true)
        return [.bell]
    }

    /// The guard's open dispatch, or nil with the reason in the bottom bar.
    mutating func requireDispatch(_ state: DistrictState) -> Dispatch? {
        guard requireWritable() else { return nil }
        guard let d = openDispatch(in: state) else {
            status = StatusMessage(text: "no open dispatch: nothing to answer", isError: true)
            return nil
        }
        return d
    }

    mutating func requireWritable() -> Bool {
        guard mode != .replay else { status = StatusMessage(text: "replay is read-only", isError: true); return false }
        return true
    }

    /// Tries `action` against `decide` without writing anything: the refusal
    /// (status and bell) when it would be rejected, nil when it would pass.
    mutating func tryOut(_ action: Action, state: DistrictState, now: Timestamp) -> [GuardEffect]? {
        if case .failure(let rejection) = decide(state, command(action), now: now, policy: policy) {
            return refuse("rejected: \(rejection.reason)")
        }
        return nil
    }

    func edit(_ text: String, _ key: KeyEvent, limit: Int = 120) -> String { key.edited(text, limit: limit) }
}
