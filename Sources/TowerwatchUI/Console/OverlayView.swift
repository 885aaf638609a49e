import TowerwatchCore

/// Draws the overlay that holds the keyboard: help, detail, prompts, forms and pickers.
enum OverlayView {
    static func draw(_ overlay: Overlay, into grid: inout Grid, model: ConsoleModel, frame: ConsoleFrame, rows: ConsoleRows, layout: ConsoleLayout) {
        let theme = frame.theme
        let screen = grid.bounds
        switch overlay {
        case .filter(let text):
            prompt(&grid, layout.hintBar, "/", text, hint: "  Enter keeps · Esc clears", theme: theme)
        case .commandLine(let text):
            prompt(&grid, layout.hintBar, ":", text, hint: "  e.g. dispatch H-000012 --guard G-017 · Esc cancels", theme: theme)
        case .confirmOffer(let offer):
            let stale = offer.staleness(in: frame.state)
            let text = stale.map { "withdrawn: \($0) — Esc" } ?? offer.confirmationLine(in: frame.state).fitted(toWidth: layout.hintBar.width)
            grid.fill(layout.hintBar, style: theme[.alarm])
            grid.write(text, x: layout.hintBar.x, y: layout.hintBar.y, width: layout.hintBar.width, style: theme[.alarm].adding(.bold))
        case .help:
            // In a replay its own keys come first: the console's list leaves out the keys they claim.
            let console = model.mode == .replay ? KeyMap.without(ReplayKeyMap.bindings.flatMap(\.keys)) : KeyMap.officer
            var lines = (model.mode == .replay ? ReplayKeyMap.bindings.helpLines() : []).map(StyledLine.init)
            lines += console.helpLines().map(StyledLine.init)
            lines.append(StyledLine(""))
            lines.append(StyledLine("Clocks: ! warning, ‼ overdue, ✓ stopped. Esc closes.", .textDim))
            box(&grid, screen, title: "Keys", lines: lines, width: 72, theme: theme)
        case .detail(let scroll):
            let source = model.focus.isTable && model.focus != .feed ? model.focus : (model.focus == .feed ? .feed : model.detailSource)
            let lines = DetailText.lines(pane: source, key: model.selectedKey(source, rows: rows), state: frame.state,
                                         recent: frame.recent, now: frame.now, policy: model.policy, time: frame.time)
            box(&grid, screen, title: "Detail (↑↓ scroll, Esc closes)", lines: Array(lines.dropFirst(min(scroll, max(0, lines.count - 1)))),
                width: min(screen.width - 4, 100), theme: theme)
        case .programme(let scroll):
            let width = min(screen.width - 2, 100)
            let lines = ProgrammeView.lines(ProgrammeFigures.sinceStart(of: frame.state, at: frame.now, policy: model.policy),
                                            width: width - 2, time: frame.time)
            box(&grid, screen, title: "The programme (↑↓ scroll, p or Esc closes)",
                lines: Array(lines.dropFirst(min(scroll, max(0, lines.count - 1)))), width: width, theme: theme)
        case .newHazard(let form):
            var lines: [StyledLine] = []
            for f in HazardForm.Field.allCases {
                let marker = f == form.field ? "▶ " : "  "
                let choice = f == .floor || f == .note ? "" : " ‹›"
                lines.append(StyledLine(marker + form.label(f).padded(toWidth: 10) + form.value(f, state: frame.state) + (f == form.field ? choice : ""),
                                        f == form.field ? .selection : .overlayText))
            }
            lines.append(StyledLine(""))
            lines.append(StyledLine("Tab/↓ next field · ←/→ change · type floor and note · Enter reports · Esc cancels", .textDim))
            box(&grid, screen, title: "New hazard", lines: lines, width: 70, theme: theme)
        case .dispatchPicker(let hazard, let index):
            let recs = frame.state.recommendations(for: hazard, now: frame.now, policy: model.policy)
            let h = frame.state.hazards[hazard]
            var lines = [StyledLine("\(hazard) \(h?.category.label ?? "") at \(h.flatMap { frame.state.towers[$0.tower]?.name } ?? "") \(h?.floor ?? "")", .header)]
            if recs.isEmpty { lines.append(StyledLine("No guard is free: every guard on duty holds a dispatch.", .error)) }
            let window = 14
            let start = max(0, min(index - window / 2, recs.count - window))
            for (i, r) in recs.enumerated().dropFirst(start).prefix(window) {
                let name = frame.state.guards[r.guard]?.name ?? ""
                let tag = i == 0 ? "★ " : "  "
                lines.append(StyledLine((i == index ? "▶ " : "  ") + tag + "\(r.guard) \(name)".padded(toWidth: 14) + " " + r.reason,
                                        i == index ? .selection : .overlayText))
            }
            lines.append(StyledLine("★ recommended · ↑↓ choose · Enter dispatches · Esc cancels", .textDim))
            box(&grid, screen, title: "Dispatch a guard", lines: lines, width: min(screen.width - 4, 90), theme: theme)
        case .escalatePicker(let hazard, let index):
            var lines = [StyledLine("Escalate \(hazard) to:", .header)]
            for (i, t) in EscalationTarget.allCases.enumerated() {
                lines.append(StyledLine((i == index ? "▶ " : "  ") + t.rawValue, i == index ? .selection : .overlayText))
            }
            lines.append(StyledLine("↑↓ choose · Enter escalates · Esc cancels", .textDim))
            box(&grid, screen, title: "Escalate", lines: lines, width: 48, theme: theme)
        case .confirmClose(let hazard, let note):
            let lines = [StyledLine("Close \(hazard) as rectified?", .header), StyledLine("Note: " + note + "▏", .overlayText),
                         StyledLine("Open dispatches are withdrawn.", .textDim), StyledLine("type a note · Enter closes · Esc cancels", .textDim)]
            box(&grid, screen, title: "Close hazard", lines: lines, width: 60, theme: theme)
        }
    }

    static func prompt(_ grid: inout Grid, _ rect: Rect, _ sigil: String, _ text: String, hint: String, theme: Theme) {
        grid.fill(rect, style: theme[.filterPrompt])
        var x = rect.x
        x += grid.write(sigil + text, x: x, y: rect.y, style: theme[.filterPrompt])
        x += grid.write("▏", x: x, y: rect.y, style: theme[.filterPrompt])
        grid.write(hint, x: x, y: rect.y, width: max(0, rect.maxX - x), style: theme[.textDim])
    }

    static func box(_ grid: inout Grid, _ screen: Rect, title: String, lines: [StyledLine], width: Int, theme: Theme) {
        let w = min(width, screen.width - 2)
        let h = min(lines.count + 2, screen.height - 2)
        let rect = screen.centered(width: w, height: h)
        grid.fill(rect, style: theme[.overlayText])
        let inside = grid.box(rect, title: title, style: theme[.overlayBorder], titleStyle: theme[.overlayBorder].adding(.bold))
        for (i, line) in lines.prefix(inside.height).enumerated() {
            grid.write(line.text, x: inside.x, y: inside.y + i, width: inside.width, style: theme[line.role])
        }
    }
}
