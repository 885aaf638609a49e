/// The report's tables as plain cells: one definition shared by CSV and JSON,
/// so the two forms cannot drift apart.
///
/// Tables, in order: `dispatches`, `hazards`, `guards`, `silences`, `towers`,
/// `teams`, `categories`, `sources`, `scene-histogram`, `counts` (the window's
/// totals: open at the start, reported, closed, open at the end, alarms by
/// kind...), `open-at-start` (hazards reported before the window and open at its
/// start, with the `hazards` columns), `alarms` and `repeat-offenders` (tenants
/// and places with two or more live hazards of a category over the 7, 30 and 90
/// days up to the window's end: `days`, `who`, `category`, `hazards`,
/// `rectified`, `mean_rectify_s`, `longest_rectify_s`). Every table's first
/// column is `section` (`live` or `drill`). Columns ending in `_s` are
/// durations in seconds (millisecond precision); `_at` columns (and `from`,
/// `to`, `at`) are moments in the district's local time with the zone's offset,
/// ISO 8601 (`2026-11-29T16:15:00.250+08:00`), as people read every other time;
/// an empty cell (JSON `null`) is a clock that never stopped or a value that does
/// not apply.
public struct ReportTable: Sendable {
    public var name: String
    public var columns: [String]
    /// The rows, each made when read: a year's silences are written out one by one, never held as cells.
    public var rows: ReportTableRows
    /// The zone the table's moments are written in (the report's `local`).
    public var local: LocalTimeText

    public init(name: String, columns: [String], rows: ReportTableRows, local: LocalTimeText = .utc) {
        self.name = name; self.columns = columns; self.rows = rows; self.local = local
    }

    public init(name: String, columns: [String], rows: [[ReportCell]], local: LocalTimeText = .utc) {
        self.init(name: name, columns: columns, rows: ReportTableRows(count: rows.count) { rows[$0] }, local: local)
    }

    /// The tables, in the order a full CSV report lists them; the raw value is the name `--table` takes.
    public enum Name: String, CaseIterable, Sendable, Hashable {
        case dispatches, hazards, guards, silences, towers, teams, categories, sources
        case sceneHistogram = "scene-histogram"
        case counts
        case openAtStart = "open-at-start"
        case alarms
        case repeatOffenders = "repeat-offenders"
        // The programme's figures and when hazards happen (`ProgrammeTables`).
        case programme
        case programmeTowers = "programme-towers"
        case training
        case hourOfDay = "hour-of-day"
    }

    /// The names `--table` accepts.
    public static var names: [String] { Name.allCases.map(\.rawValue) }
}

/// A table's rows, made one at a time from the report's own rows.
public struct ReportTableRows: RandomAccessCollection, Sendable {
    public let count: Int
    private let make: @Sendable (Int) -> [ReportCell]

    public init(count: Int, _ make: @escaping @Sendable (Int) -> [ReportCell]) { self.count = count; self.make = make }

    /// The rows of `items` of each section in turn, made by `row`.
    static func of<Item: Sendable>(_ sections: [ReportSection], _ items: (ReportSection) -> [Item],
                                   _ row: @escaping @Sendable (ReportSection, Item) -> [ReportCell]) -> ReportTableRows {
        let parts = sections.map { ($0, items($0)) }
        return ReportTableRows(count: parts.reduce(0) { $0 + $1.1.count }) { i in
            var i = i
            for (section, list) in parts {
                if i < list.count { return row(section, list[i]) }
                i -= list.count
            }
            preconditionFailure("row \(i) past the end")
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> [ReportCell] { make(i) }
}

/// One cell of a report table.
public enum ReportCell: Hashable, Sendable {
    case text(String)
    case int(Int)
    case seconds(Span?)
    case time(Timestamp?)
    case flag(Bool?)
    case optionalText(String?)

    /// The cell as CSV text (before quoting): seconds as `200` or `40.5`, moments local
    /// with their offset (`2026-11-29T16:15:00.250+08:00`), empty for none.
    public func plain(_ local: LocalTimeText) -> String {
        switch self {
        case .text(let s): return s
        case .int(let n): return String(n)
        case .seconds(let s): return s.map(ReportCell.secondsText) ?? ""
        case .time(let t): return t.map(local.iso8601) ?? ""
        case .flag(let b): return b.map { $0 ? "true" : "false" } ?? ""
        case .optionalText(let s): return s ?? ""
        }
    }

    /// Seconds with up to three decimals, no trailing zeros: `200`, `40.5`, `-1.25`.
    public static func secondsText(_ span: Span) -> String {
        let negative = span.millis < 0
        let m = abs(span.millis)
        var text = String(m / 1000)
        if m % 1000 != 0 {
            var frac = String(m % 1000)
            frac = String(repeating: "0", count: 3 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            text += "." + frac
        }
        return negative ? "-" + text : text
    }
}

extension AfterActionReport {
    /// Every table of the report, live rows then drill rows in each.
    public var tables: [ReportTable] { ReportTable.Name.allCases.map(table) }

    /// One table by its `--table` name; nil for an unknown name.
    public func table(named name: String) -> ReportTable? { ReportTable.Name(rawValue: name).map(table) }

    /// One table.
    public func table(_ table: ReportTable.Name) -> ReportTable {
        var made = cells(table)
        made.local = local
        return made
    }

    private func cells(_ table: ReportTable.Name) -> ReportTable {
        let name = table.rawValue
        let sections = [live, drill]
        @Sendable func tag(_ s: ReportSection) -> ReportCell { .text(s.drill ? "drill" : "live") }
        switch table {
        case .dispatches:
            return ReportTable(name: name, columns: [
                "section", "dispatch", "hazard", "guard", "guard_name", "team", "team_name", "tower", "tower_name",
                "floor", "zone", "category", "source", "assigned_at", "acknowledged_at", "arrived_at", "cleared_at",
                "outcome", "to_acknowledge_s", "to_scene_s", "to_clear_s", "waited_s", "scene_within_target",
                "acknowledged_late", "arrived_late", "late", "steps_written_by_others",
            ], rows: .of(sections, { $0.dispatches }) { s, d in [
                tag(s), .text(d.id.raw), .text(d.hazard.raw), .text(d.guardID.raw), .text(d.guardName), .text(d.team.raw),
                .text(d.teamName), .text(d.tower.raw), .text(d.towerName), .text(d.floor), .text(d.zone),
                .text(d.category.rawValue), .text(d.source.rawValue), .time(d.assignedAt), .time(d.acknowledgedAt),
                .time(d.arrivedAt), .time(d.clearedAt), .text(d.outcome.rawValue), .seconds(d.toAcknowledge),
                .seconds(d.toScene), .seconds(d.toClear), .seconds(d.waited), .flag(d.sceneWithinTarget),
                .flag(d.acknowledgedLate), .flag(d.arrivedLate), .flag(d.late), .text(d.writtenByOthers.joined(separator: "; ")),
            ] })
        case .hazards, .openAtStart:
            return ReportTable(name: name, columns: [
                "section", "hazard", "category", "source", "severity", "tower", "tower_name", "floor", "zone",
                "reported_at", "first_dispatch_at", "first_arrival_at", "closed_at", "dispatches", "alarms",
                "to_first_scene_s", "first_dispatch_to_scene_s", "to_rectify_s", "open_for_s", "scene_within_target",
                "rectify_within_target",
            ], rows: .of(sections, { table == .hazards ? $0.hazards : $0.openAtStart }) { s, h in [
                tag(s), .text(h.id.raw), .text(h.category.rawValue), .text(h.source.rawValue), .text(h.severity.name),
                .text(h.tower.raw), .text(h.towerName), .text(h.floor), .text(h.zone), .time(h.reportedAt),
                .time(h.firstDispatchAt), .time(h.firstArrivalAt), .time(h.closedAt), .int(h.dispatches), .int(h.alarms),
                .seconds(h.toFirstScene), .seconds(h.firstDispatchToScene), .seconds(h.toRectify), .seconds(h.openFor),
                .flag(h.sceneWithinTarget), .flag(h.rectifyWithinTarget),
            ] })
        case .guards:
            return ReportTable(name: name, columns: [
                "section", "guard", "name", "team", "team_name", "home_tower", "scans", "checkpoints_scanned",
                "route_length", "rounds", "rounds_excused", "checkpoints_missed", "silent_periods", "longest_silence_s",
                "dispatches", "late_dispatches",
            ], rows: sections.flatMap { s in s.guards.map { g in [
                tag(s), .text(g.id.raw), .text(g.name), .text(g.team.raw), .text(g.teamName), .text(g.homeTower.raw),
                .int(g.scans), .int(g.checkpointsScanned), .int(g.routeLength), .int(g.rounds), .int(g.roundsExcused),
                .int(g.checkpointsMissed), .int(g.silentPeriods.count), .seconds(g.longestSilence), .int(g.dispatches),
                .int(g.lateDispatches),
            ] } })
        case .silences:
            return ReportTable(name: name, columns: ["section", "guard", "from", "to", "length_s", "ended_by", "began_at", "clipped"],
                               rows: .of(sections, { $0.silentPeriods }) { s, p in [
                tag(s), .text(p.guardID.raw), .time(p.from), .time(p.to), .seconds(p.length), .text(p.endedBy.rawValue),
                .time(p.began), .flag(p.clipped),
            ] })
        case .towers:
            return ReportTable(name: name, columns: [
                "section", "tower", "name", "hazards", "rectified", "dispatches", "late_dispatches", "scene_median_s",
                "scene_worst_s", "scene_worst_hazard", "scene_missed", "rectify_median_s", "rectify_worst_s",
                "rectify_worst_hazard", "rectify_missed",
            ], rows: sections.flatMap { s in s.towers.map { t in [
                tag(s), .text(t.id.raw), .text(t.name), .int(t.hazards), .int(t.rectified), .int(t.dispatches),
                .int(t.lateDispatches), .seconds(t.sceneMedian), .seconds(t.sceneWorst), .optionalText(t.sceneWorstHazard?.raw),
                .int(t.sceneMissed), .seconds(t.rectifyMedian), .seconds(t.rectifyWorst),
                .optionalText(t.rectifyWorstHazard?.raw), .int(t.rectifyMissed),
            ] } })
        case .teams:
            return ReportTable(name: name, columns: [
                "section", "team", "name", "guards", "dispatches", "late_dispatches", "ack_median_s", "ack_worst_s",
                "scene_median_s", "scene_worst_s", "scene_worst_dispatch", "scans", "checkpoints_missed", "silent_periods",
            ], rows: sections.flatMap { s in s.teams.map { t in [
                tag(s), .text(t.id.raw), .text(t.name), .int(t.guards), .int(t.dispatches), .int(t.lateDispatches),
                .seconds(t.ackMedian), .seconds(t.ackWorst), .seconds(t.sceneMedian), .seconds(t.sceneWorst),
                .optionalText(t.sceneWorstDispatch?.raw), .int(t.scans), .int(t.checkpointsMissed), .int(t.silentPeriods),
            ] } })
        case .categories:
            return ReportTable(name: name, columns: ["section", "category", "hazards"], rows: sections.flatMap { s in
                s.byCategory.map { [tag(s), .text($0.category.rawValue), .int($0.count)] } })
        case .sources:
            return ReportTable(name: name, columns: ["section", "source", "hazards"], rows: sections.flatMap { s in
                s.bySource.map { [tag(s), .text($0.source.rawValue), .int($0.count)] } })
        case .sceneHistogram:
            return ReportTable(name: name, columns: ["section", "bucket", "from_s", "to_s", "dispatches"], rows: sections.flatMap { s in
                let h = s.sceneHistogram
                return h.counts.indices.map { i -> [ReportCell] in
                    let last = i == h.counts.count - 1
                    return [tag(s), .text(h.label(of: i)), .seconds(h.bucketWidth * Int64(i)),
                            .seconds(last ? nil : h.bucketWidth * Int64(i + 1)), .int(h.counts[i])]
                }
            })
        case .counts:
            return ReportTable(name: name, columns: ["section", "figure", "count"], rows: sections.flatMap { s in
                s.counts.map { [tag(s), .text($0.figure), .int($0.count)] }
            })
        case .alarms:
            return ReportTable(name: name, columns: ["section", "at", "kind", "hazard", "dispatch"], rows: .of(sections, { $0.alarms }) { s, a in
                [tag(s), .time(a.at), .text(a.kind.rawValue), .text(a.hazard.raw), .optionalText(a.dispatch?.raw)]
            })
        case .repeatOffenders:
            return ReportTable(name: name, columns: ["section", "days", "who", "category", "hazards", "rectified", "mean_rectify_s",
                                                     "longest_rectify_s"], rows: sections.flatMap { s in
                s.repeatOffenders.map { r -> [ReportCell] in
                    [tag(s), .int(r.days), .text(r.who), .text(r.category.rawValue), .int(r.hazards), .int(r.rectified),
                     .seconds(r.meanRectify), .seconds(r.longestRectify)]
                }
            })
        case .programme, .programmeTowers, .training, .hourOfDay:
            return programmeTable(table)
        }
    }
}

extension ReportSection {
    /// The window's totals by name, in a fixed order (the `counts` table, JSON's `counts`):
    /// hazards open at the start + reported − closed = open at the end, and the same for dispatches.
    public var counts: [(figure: String, count: Int)] {
        var out: [(String, Int)] = [
            ("hazards_open_at_start", openAtStart.count), ("hazards_reported", hazards.count),
            ("hazards_closed", hazardsClosed), ("hazards_open_at_end", hazardsOpenAtEnd),
            ("dispatches_open_at_start", dispatchesOpenAtStart), ("dispatches_sent", dispatches.count),
            ("dispatches_ended", dispatchesEnded), ("dispatches_open_at_end", dispatchesOpenAtEnd),
            ("alarms", alarms.count),
        ]
        for kind in AlarmKind.allCases { out.append(("alarms_" + String(kind.rawValue.map { $0 == "-" ? "_" : $0 }), alarms.count { $0.kind == kind })) }
        out.append(("silent_periods", silentPeriods.count))
        out.append(("silent_periods_clipped", silentPeriods.count { $0.clipped }))
        out.append(("scans", guards.reduce(0) { $0 + $1.scans }))
        return out
    }
}
