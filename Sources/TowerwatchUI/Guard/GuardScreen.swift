import TowerwatchCore

/// Everything one frame of the guard console is drawn from.
public struct GuardFrame: Sendable {
    public var state: DistrictState
    public var now: Timestamp
    public var theme: Theme
    public var logName: String
    /// How the district's times read: its zone's local time, with the offset.
    public var time: LocalTimeText
    public init(state: DistrictState, now: Timestamp, theme: Theme, logName: String, time: LocalTimeText) {
        self.state = state; self.now = now; self.theme = theme; self.logName = logName; self.time = time
    }
}

/// Composes the guard console into a grid of cells: a pure function of the
/// frame's inputs and the guard model. The terminal backend diffs grids.
///
/// Read at a glance on a small screen: the open dispatch first, in large
/// strokes (what, where, how long, where it stands and the one key to press
/// next), then its procedure step by step; the guard's own status and last
/// checkpoint; the latest bulletins for their tower.
public enum GuardScreen {
    public struct Output: Sendable {
        public var grid: Grid
        public var layout: GuardLayout
    }

    public static func render(_ model: GuardModel, _ frame: GuardFrame, size: Size) -> Output {
        let theme = frame.theme
        var grid = Grid(width: size.width, height: size.height, style: theme[.text])
        let layout = GuardLayout(size: size, hasMessage: model.status != nil, hasDispatch: model.openDispatch(in: frame.state) != nil)
        guard layout.kind != .tooSmall else {
            drawTooSmall(&grid, size: size, theme: theme)
            return Output(grid: grid, layout: layout)
        }
        drawStatusBar(&grid, layout.statusBar, model, frame)
        drawDispatch(&grid, layout.dispatch, model, frame)
        drawYou(&grid, layout.you, model, frame, wide: layout.kind == .wide)
        if !layout.bulletins.isEmpty { drawBulletins(&grid, layout.bulletins, model, frame) }
        if let status = model.status, !layout.message.isEmpty {
            grid.fill(layout.message, style: theme[.text])
            grid.write(" " + status.text, in: layout.message, style: status.isError ? theme[.error] : theme[.header])
        }
        drawHintBar(&grid, layout.hintBar, model, frame)
        if let overlay = model.overlay { drawOverlay(overlay, into: &grid, layout: layout, model: model, frame: frame) }
        return Output(grid: grid, layout: layout)
    }

    // MARK: - Bars

    static func drawTooSmall(_ grid: inout Grid, size: Size, theme: Theme) {
        theme.drawTooSmall(into: &grid, size: size, need: GuardLayout.minimum)
    }

    static func drawStatusBar(_ grid: inout Grid, _ rect: Rect, _ model: GuardModel, _ frame: GuardFrame) {
        let theme = frame.theme
        grid.fill(rect, style: theme[.statusBar])
        var x = rect.x
        x += grid.write(" towerwatch ", x: x, y: rect.y, style: theme[.statusBar].adding(.bold))
        // To the minute: a handheld's 60 columns keep room for the guard's status.
        x += grid.write(frame.time.clockMinutes(frame.now) + " " + frame.time.zoneLabel(frame.now) + " ", x: x, y: rect.y, style: theme[.statusBar])
        let modeRole: Role = model.mode == .live ? .statusLive : model.mode == .drill ? .statusDrill : .statusReplay
        x += grid.write(" \(model.mode.rawValue) ", x: x, y: rect.y, style: theme[modeRole])
        let g = frame.state.guards[model.guardID]
        x += grid.write("  \(model.guardID) \(g?.name ?? "")  ", x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[.statusBar].adding(.bold))
        if let g {
            x += grid.write(" \(g.status.label) ", x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[statusRole(g.status)].adding(.reverse))
        }
        let rest = "  \(frame.logName) #\(frame.state.lastSeq)"
        if rect.maxX - x >= DisplayWidth.of(rest) { grid.write(rest, x: x, y: rect.y, width: rect.maxX - x, style: theme[.statusBar]) }
    }

    /// The hint bar: the keys that apply now, from `GuardKeyMap`; a dispatch
    /// key shows only in the step where it can be pressed.
    static func drawHintBar(_ grid: inout Grid, _ rect: Rect, _ model: GuardModel, _ frame: GuardFrame) {
        let theme = frame.theme
        grid.fill(rect, style: theme[.hintText])
        if case .report(let form)? = model.overlay {
            drawReportSteps(&grid, rect, form, theme: theme)
            return
        }
        let phase = model.openDispatch(in: frame.state)?.phase
        var x = rect.x
        for (key, word) in GuardKeyMap.bindings.filter({ applies($0.action, phase: phase) }).hints() {
            guard x + DisplayWidth.of(key) + DisplayWidth.of(word) + 1 <= rect.maxX else { break }
            x += grid.write(key, x: x, y: rect.y, style: theme[.hintKey])
            x += grid.write(" " + word + "  ", x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[.hintText])
        }
    }

    /// While a report is being made the hint bar shows its three steps, the current
    /// one marked, and the keys that move on or cancel.
    static func drawReportSteps(_ grid: inout Grid, _ rect: Rect, _ form: GuardReportForm, theme: Theme) {
        var x = rect.x
        for step in GuardReportForm.Step.allCases {
            let current = step == form.step
            let text = "\(step.rawValue + 1) \(step.label)"
            x += grid.write(current ? "[\(text)]" : text, x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[current ? .hintKey : .hintText])
            if step != .note { x += grid.write(" › ", x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[.hintText]) }
        }
        for (key, word) in [("Enter", form.step == .note ? "report" : "next"), ("Esc", "cancel")] {
            guard x + 2 + DisplayWidth.of(key) + DisplayWidth.of(word) + 1 <= rect.maxX else { break }
            x += grid.write("  ", x: x, y: rect.y, style: theme[.hintText])
            x += grid.write(key, x: x, y: rect.y, style: theme[.hintKey])
            x += grid.write(" " + word, x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[.hintText])
        }
    }

    /// True when `action` can be taken with the dispatch in `phase` (nil: no dispatch).
    public static func applies(_ action: GuardAction, phase: DispatchPhase?) -> Bool {
        switch action {
        case .acknowledge: return phase == .assigned
        case .arrive: return phase == .acknowledged
        case .clear: return phase == .onScene
        case .decline: return phase == .assigned || phase == .acknowledged
        case .procedure: return phase != nil
        default: return true
        }
    }

    // MARK: - The dispatch

    static func drawDispatch(_ grid: inout Grid, _ rect: Rect, _ model: GuardModel, _ frame: GuardFrame) {
        let theme = frame.theme
        let s = frame.state
        guard let d = model.openDispatch(in: s), let h = s.hazards[d.hazard] else {
            let inside = grid.box(rect, title: "No dispatch", style: theme[.paneBorder], titleStyle: theme[.paneTitle])
            draw(noDispatchLines(model, frame), into: &grid, inside, theme: theme)
            return
        }
        let role = phaseRole(d.phase)
        let inside = grid.box(rect, title: "Dispatch \(d.id)", style: theme[.paneBorderFocused], titleStyle: theme[.paneTitleFocused])
        var lines: [StyledLine] = []
        lines.append(StyledLine("\(h.id)  \(h.category.label.uppercased())  \(h.severity.name)" + (h.drill ? "  [drill]" : ""), .header))
        let tower = s.towers[h.tower]?.name ?? h.tower.raw
        lines.append(StyledLine("\(tower) · floor \(h.floor) · \(h.zone)", .towerName))
        lines.append(StyledLine(banner(d, frame), role))
        lines.append(StyledLine(clocks(d, h, frame, policy: model.policy), .textDim))
        if !h.note.isEmpty { lines.append(StyledLine("“\(h.note)”")) }
        var y = inside.y
        for line in lines where y < inside.maxY {
            if line.role == role {
                // The state line is a bar across the pane: the one thing to see from arm's length.
                grid.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: theme[role].adding(.reverse))
                grid.write(line.text, x: inside.x, y: y, width: inside.width, style: theme[role].adding([.reverse, .bold]))
            } else {
                grid.write(line.text, x: inside.x, y: y, width: inside.width, style: theme[line.role])
            }
            y += 1
        }
        let room = Rect(x: inside.x, y: y, width: inside.width, height: max(0, inside.maxY - y))
        draw(procedureLines(h.category, s, room: room.size), into: &grid, room, theme: theme)
    }

    /// "DISPATCHED 2m30s ago — a acknowledges": where the dispatch stands and the next key.
    static func banner(_ d: Dispatch, _ frame: GuardFrame) -> String {
        let now = frame.now
        switch d.phase {
        case .assigned: return " DISPATCHED \((now - d.assignedAt).compact) ago — a acknowledges"
        case .acknowledged: return " ACKNOWLEDGED \((now - (d.acknowledgedAt ?? d.assignedAt)).compact) ago — o when on scene"
        case .onScene: return " ON SCENE for \((now - (d.arrivedAt ?? d.assignedAt)).compact) — c when cleared"
        default: return " \(d.phase.label.uppercased())"
        }
    }

    /// The times that matter: since the report, and the 5-minute scene rule while it runs.
    static func clocks(_ d: Dispatch, _ h: Hazard, _ frame: GuardFrame, policy: Policy) -> String {
        let st = frame.state.status(of: h, now: frame.now, policy: policy)
        var text = "reported \((frame.now - h.reportedAt).compact) ago"
        let scene = st.sceneClock
        if scene.isRunning {
            if scene.level == .overdue {
                text += " · ‼ on scene \(Span(millis: scene.elapsed.millis - scene.target.millis).compact) late"
            } else {
                text += " · \(scene.level.symbol == " " ? "" : scene.level.symbol + " ")on scene within \(Span(millis: scene.target.millis - scene.elapsed.millis).compact)"
            }
        }
        return text
    }

    /// The procedure for `category`, numbered; wrapped when the room allows, one
    /// line a step (cut) otherwise, with a note of what did not fit.
    static func procedureLines(_ category: HazardCategory, _ s: DistrictState, room: Size) -> [StyledLine] {
        guard room.height > 0 else { return [] }
        let steps = s.procedures[category] ?? []
        var out = [StyledLine("Procedure — \(category.label):", .header)]
        if steps.isEmpty { return out + [StyledLine("(no procedure defined for \(category.label))", .textDim)] }
        let numbered = steps.enumerated().map { (i, step) in (prefix: "\(i + 1). ", text: step) }
        var wrapped: [StyledLine] = []
        for step in numbered {
            let indent = String(repeating: " ", count: step.prefix.count)
            for (j, line) in wrap(step.text, width: room.width - step.prefix.count).enumerated() {
                wrapped.append(StyledLine((j == 0 ? step.prefix : indent) + line, .helpText))
            }
        }
        if out.count + wrapped.count <= room.height { return out + wrapped }
        let single = numbered.map { StyledLine($0.prefix + $0.text, .helpText) }
        if out.count + single.count <= room.height { return out + single }
        let shown = max(0, room.height - out.count - 1)
        out += single.prefix(shown)
        out.append(StyledLine("… \(steps.count - shown) more — Enter shows the whole procedure", .textDim))
        return out
    }

    static func noDispatchLines(_ model: GuardModel, _ frame: GuardFrame) -> [StyledLine] {
        let s = frame.state
        guard let g = s.guards[model.guardID] else { return [StyledLine("Unknown guard \(model.guardID)", .error)] }
        guard g.onDuty else {
            return [StyledLine("You are off duty.", .header), StyledLine("Go on duty to take dispatches: towerwatch on-duty --as \(g.id)", .textDim)]
        }
        var lines = [StyledLine("No open dispatch. Patrol on.", .header),
                     StyledLine("A new dispatch rings and flashes here.", .textDim),
                     StyledLine("p records a checkpoint scan · r reports a hazard", .textDim),
                     StyledLine("")]
        lines.append(StyledLine("Recent checkpoints", .header))
        if g.trail.isEmpty { lines.append(StyledLine("(no scans yet this shift)", .textDim)) }
        for scan in g.recentTrail.reversed() {
            lines.append(StyledLine("\(frame.time.clock(scan.at, sameDayAs: frame.now))  \(checkpointText(scan.checkpoint, s))", .text))
        }
        return lines
    }

    // MARK: - The guard and the bulletins

    static func drawYou(_ grid: inout Grid, _ rect: Rect, _ model: GuardModel, _ frame: GuardFrame, wide: Bool) {
        let theme = frame.theme
        let s = frame.state
        guard let g = s.guards[model.guardID] else { return }
        let inside = grid.box(rect, title: "You — \(g.id) \(g.name)", style: theme[.paneBorder], titleStyle: theme[.paneTitle])
        var lines: [StyledLine] = []
        let team = s.teams[g.team]?.name ?? g.team.raw
        let since = g.onDuty ? g.onDutySince.map { "on duty since \(frame.time.clockMinutes($0))" } : nil
        let silent = s.isSilent(g, now: frame.now, policy: model.policy)
        let scanRole: Role = silent ? .guardSilent : .text
        if wide {
            // A narrower box with more rows: one fact a line.
            lines.append(StyledLine("\(g.status.label) · team \(team)", statusRole(g.status)))
            lines.append(StyledLine([since, "posted to \(s.towers[g.homeTower]?.name ?? g.homeTower.raw)"].compactMap { $0 }.joined(separator: " · "), .textDim))
            if let scan = g.lastScan {
                lines.append(StyledLine("\(silent ? "‼ " : "")last scan \((frame.now - scan.at).compact) ago:", scanRole))
                lines.append(StyledLine("  " + checkpointText(scan.checkpoint, s), scanRole))
            } else {
                lines.append(StyledLine("no checkpoint scanned yet", .textDim))
            }
            if !g.training.isEmpty { lines.append(StyledLine("trained: " + g.training.joined(separator: ", "), .textDim)) }
        } else {
            lines.append(StyledLine([g.status.label, since, "team \(team)"].compactMap { $0 }.joined(separator: " · "), statusRole(g.status)))
            if let scan = g.lastScan {
                lines.append(StyledLine("\(silent ? "‼ " : "")last scan \((frame.now - scan.at).compact) ago: \(checkpointText(scan.checkpoint, s))", scanRole))
            } else {
                lines.append(StyledLine("no checkpoint scanned yet", .textDim))
            }
        }
        draw(lines, into: &grid, inside, theme: theme)
    }

    static func drawBulletins(_ grid: inout Grid, _ rect: Rect, _ model: GuardModel, _ frame: GuardFrame) {
        let theme = frame.theme
        let inside = grid.box(rect, title: "Bulletins", style: theme[.paneBorder], titleStyle: theme[.paneTitle])
        let tower = model.currentTower(in: frame.state)
        let home = frame.state.guards[model.guardID]?.homeTower
        let mine = frame.state.bulletins.reversed().filter { $0.tower == nil || $0.tower == tower || $0.tower == home }
        let texts = mine.prefix(inside.height).map { b in
            "\(frame.time.clockMinutes(b.at)) \(b.from)" + (b.tower.map { "→\(frame.state.towers[$0]?.name ?? $0.raw)" } ?? "") + ": \(b.text)"
        }
        // Whole bulletins when they fit, wrapped under their time; one line each otherwise.
        let wrapped = texts.flatMap { text in
            wrap(text, width: inside.width - 6).enumerated().map { StyledLine(($0.offset == 0 ? "" : "      ") + $0.element, .feedText) }
        }
        var lines = wrapped.count <= inside.height ? wrapped : texts.map { StyledLine($0, .feedText) }
        if lines.isEmpty { lines = [StyledLine("No bulletins for your tower.", .textDim)] }
        draw(lines, into: &grid, inside, theme: theme)
    }

    // MARK: - Overlays

    static func drawOverlay(_ overlay: GuardOverlay, into grid: inout Grid, layout: GuardLayout, model: GuardModel, frame: GuardFrame) {
        let theme = frame.theme
        let screen = grid.bounds
        let s = frame.state
        let boxWidth = min(screen.width - 2, 72)
        switch overlay {
        case .help:
            var lines = GuardKeyMap.bindings.helpLines().map(StyledLine.init)
            lines.append(StyledLine("Esc closes", .textDim))
            OverlayView.box(&grid, screen, title: "Keys", lines: lines, width: boxWidth, theme: theme)
        case .procedure(let scroll):
            guard let d = model.openDispatch(in: s), let h = s.hazards[d.hazard] else { return }
            let all = procedureLines(h.category, s, room: Size(width: boxWidth - 2, height: 1000))
            OverlayView.box(&grid, screen, title: "Procedure (↑↓ scroll, Esc closes)",
                            lines: Array(all.dropFirst(min(scroll, max(0, all.count - 1)))), width: boxWidth, theme: theme)
        case .clearNote(let dispatch, let text):
            let lines = [StyledLine("Clear \(dispatch): what was done?", .header), StyledLine("Note: " + text + "▏", .overlayText),
                         StyledLine("Enter sends · Esc cancels", .textDim)]
            OverlayView.box(&grid, screen, title: "Cleared", lines: lines, width: boxWidth, theme: theme)
        case .declineReason(let dispatch, let text):
            let lines = [StyledLine("Decline \(dispatch): why? (goes to the officer)", .header), StyledLine("Reason: " + text + "▏", .overlayText),
                         StyledLine("Enter sends · Esc keeps the dispatch", .textDim)]
            OverlayView.box(&grid, screen, title: "Decline", lines: lines, width: boxWidth, theme: theme)
        case .report(let form):
            var lines: [StyledLine] = []
            switch form.step {
            case .category:
                lines.append(StyledLine("What did you find?", .header))
                for (i, c) in HazardCategory.allCases.enumerated() {
                    lines.append(StyledLine((i == form.categoryIndex ? "▶ " : "  ") + "\(i + 1) \(c.label)", i == form.categoryIndex ? .selection : .overlayText))
                }
                lines.append(StyledLine("↑↓ or 1-8 choose · Enter next · Esc cancels", .textDim))
            case .place:
                lines.append(StyledLine("\(form.category.label.uppercased()) — where?", .header))
                if let scan = form.fromScan {
                    lines.append(StyledLine("at your last scan (\(scan)); change it if you moved", .textDim))
                } else if s.guards[model.guardID]?.lastScan == nil {
                    lines.append(StyledLine("no scan this shift: type the tower (id or name)", .textDim))
                }
                for f in GuardReportForm.Field.allCases {
                    let selected = f == form.field
                    let hint = selected ? " ‹› or type" : ""
                    lines.append(StyledLine((selected ? "▶ " : "  ") + form.label(f).padded(toWidth: 7) + form.value(f, state: s) + hint,
                                            selected ? .selection : .overlayText))
                }
                lines.append(StyledLine("↑↓ part · ←→ change · Enter next · Esc cancels", .textDim))
            case .note:
                let floor = Tower.floorLabel(form.floor)
                let place = form.tower.map { "\(s.towers[$0]?.name ?? $0.raw) \(floor) \(form.zone)" } ?? ""
                lines.append(StyledLine("\(form.category.label.uppercased()) at \(place)", .header))
                lines.append(StyledLine("Note (optional): " + form.note + "▏", .overlayText))
                lines.append(StyledLine("Enter reports · Esc cancels", .textDim))
            }
            OverlayView.box(&grid, screen, title: "Report a hazard", lines: lines, width: min(boxWidth, 56), theme: theme)
        case .scanPicker(let tower, let index):
            let checkpoints = s.towers[tower]?.checkpoints ?? []
            var lines = [StyledLine("\(s.towers[tower]?.name ?? tower.raw) (\(tower)) ‹›", .header)]
            if checkpoints.isEmpty { lines.append(StyledLine("This tower has no checkpoints.", .error)) }
            let window = max(1, min(12, screen.height - 6))
            let start = max(0, min(index - window / 2, checkpoints.count - window))
            for (i, id) in checkpoints.enumerated().dropFirst(start).prefix(window) {
                let cp = s.checkpoints[id]
                let text = "\(id)  \(cp.map(placeName) ?? "")"
                lines.append(StyledLine((i == index ? "▶ " : "  ") + text, i == index ? .selection : .overlayText))
            }
            lines.append(StyledLine("↑↓ choose · ←→ tower · Enter scans · Esc cancels", .textDim))
            OverlayView.box(&grid, screen, title: "Scan a checkpoint", lines: lines, width: min(boxWidth, 60), theme: theme)
        }
    }

    // MARK: - Helpers

    static func draw(_ lines: [StyledLine], into grid: inout Grid, _ rect: Rect, theme: Theme) {
        for (i, line) in lines.prefix(max(0, rect.height)).enumerated() {
            grid.write(line.text, x: rect.x, y: rect.y + i, width: rect.width, style: theme[line.role])
        }
    }

    static func checkpointText(_ id: CheckpointID, _ s: DistrictState) -> String {
        guard let cp = s.checkpoints[id] else { return id.raw }
        return "\(s.towers[cp.tower]?.name ?? cp.tower.raw) \(placeName(cp)) (\(id))"
    }

    /// A checkpoint's floor and name, the floor said once: demo names already
    /// start with it ("9F 消防通道", "B1 地下车库").
    static func placeName(_ cp: Checkpoint) -> String {
        if cp.name.hasPrefix(cp.floor) { return cp.name }
        return Tower.floorLabel(cp.floor) + " " + cp.name
    }

    static func phaseRole(_ p: DispatchPhase) -> Role {
        switch p {
        case .assigned: .hazardDispatched
        case .acknowledged: .hazardAcknowledged
        case .onScene: .hazardOnScene
        default: .hazardResolved
        }
    }

    static func statusRole(_ s: GuardStatus) -> Role {
        switch s {
        case .offDuty: .guardOffDuty; case .available: .guardAvailable; case .onPatrol: .guardOnPatrol
        case .dispatched: .guardDispatched; case .enRoute: .guardEnRoute; case .onScene: .guardOnScene
        }
    }

    /// Breaks `text` into lines of at most `width` cells, at spaces where it can
    /// and anywhere in a word (or between CJK characters) where it must.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                line += " " + word; lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            if w <= width { line = String(word); lineWidth = w; continue }
            for c in word {
                let cw = DisplayWidth.of(c)
                if lineWidth + cw > width { lines.append(line); line = ""; lineWidth = 0 }
                line.append(c); lineWidth += cw
            }
        }
        if lineWidth > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
