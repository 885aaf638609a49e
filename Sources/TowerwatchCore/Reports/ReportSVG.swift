/// The pictures of the HTML report, as inline SVG: each hazard's track on the
/// timeline, the timeline's axis and legend, and the chart of times to scene.
///
/// Shapes carry classes, never colours: the page's style sheet (`ReportHTMLStyle`)
/// colours them, once for the screen and once for paper. Every text from the log
/// that reaches a `<title>` (the tooltip a browser shows) goes through `HTMLText`.
public enum ReportSVG {
    // MARK: - The timeline's scale

    /// Time since a hazard's report → a fraction of the track's width.
    ///
    /// The programme's marks (acknowledge in 60 s, on scene in 5 minutes, rectified
    /// in 30) are an order of magnitude apart, so a linear axis would crush the
    /// first minute into a hair. The track is linear between marks instead, each
    /// stretch given a fixed share of the width: what happens in the first minute
    /// is as readable as what happens in the first half hour. The last stretch runs
    /// to four times the last mark; anything later sits at the right edge, marked.
    public struct TimelineScale: Sendable, Equatable {
        /// The marks, shortest first, each with the fraction of the width where it sits.
        public let marks: [(span: Span, at: Double)]
        /// Where the track ends: `end.span` sits at the right edge.
        public let end: Span

        public init(policy: Policy) {
            let spans = Array(Set([policy.ackTimeout, policy.sceneTarget, policy.rectifyTarget].filter { $0.millis > 0 })).sorted()
            // Three marks (the programme's): shares chosen so the first minute gets an eighth of
            // the width and the 5-minute mark sits near 40%; otherwise evenly spaced.
            let shares = spans.count == 3 ? [0.12, 0.40, 0.78] : spans.indices.map { 0.85 * Double($0 + 1) / Double(spans.count) }
            marks = zip(spans, shares).map { ($0, $1) }
            end = (spans.last ?? .minutes(30)) * 4
        }

        public static func == (a: TimelineScale, b: TimelineScale) -> Bool {
            a.end == b.end && a.marks.map(\.span) == b.marks.map(\.span) && a.marks.map(\.at) == b.marks.map(\.at)
        }

        /// The fraction of the width for `span` after the report, in [0, 1].
        public func fraction(_ span: Span) -> Double {
            guard span.millis > 0 else { return 0 }
            var lastSpan = Span(millis: 0), lastAt = 0.0
            for mark in marks + [(span: end, at: 1.0)] {
                if span <= mark.span {
                    return lastAt + (mark.at - lastAt) * Double(span.millis - lastSpan.millis) / Double(mark.span.millis - lastSpan.millis)
                }
                (lastSpan, lastAt) = (mark.span, mark.at)
            }
            return 1
        }

        /// Past the track's end (drawn at the edge with an arrow).
        public func beyond(_ span: Span) -> Bool { span > end }
    }

    /// The track's geometry: the width in CSS pixels and the inset on both sides, so
    /// that a marker at 0 or at the edge is drawn whole.
    static let trackWidth = 380.0, inset = 6.0
    static func x(_ span: Span, _ scale: TimelineScale) -> Double { inset + scale.fraction(span) * (trackWidth - 2 * inset) }

    // MARK: - Timeline pieces

    /// The axis above the timeline's tracks: the marks, labelled, and the track's end.
    public static func timelineAxis(_ scale: TimelineScale) -> String {
        let h = 22.0
        var out = svgOpen(width: trackWidth, height: h, label: "time since the hazard was reported")
        out += line(x(Span(millis: 0), scale), h - 6, x(scale.end, scale), h - 6, "axis")
        var ticks: [(Span, String, String)] = [(Span(millis: 0), "0", "start")]
        ticks += scale.marks.map { ($0.span, markLabel($0.span), "middle") }
        ticks.append((scale.end, markLabel(scale.end) + "+", "end"))
        for (span, label, anchor) in ticks {
            let px = x(span, scale)
            out += line(px, h - 9, px, h - 2, "tick")
            out += "<text x=\"\(n(px))\" y=\"10\" text-anchor=\"\(anchor)\" class=\"axis-label\">\(HTMLText.escape(label))</text>"
        }
        return out + "</svg>"
    }

    /// One hazard on the timeline: its own line from the report to the close (dashed while
    /// open), its alarms, and under it one lane per dispatch: sent, acknowledged, on scene,
    /// cleared. Each shape's tooltip says what and when, in local time with the zone.
    public static func timelineTrack(_ hazard: HazardReportRow, dispatches: [DispatchReportRow], alarms: [AlarmReportRow],
                                     scale: TimelineScale, report: AfterActionReport) -> String {
        let lane = 9.0, top = 7.0
        let height = top + 7 + lane * Double(dispatches.count)
        let reported = hazard.reportedAt
        func px(_ t: Timestamp) -> Double { x(t - reported, scale) }
        func when(_ what: String, _ t: Timestamp) -> String {
            let after = t - reported
            return "\(what) \(report.local.clockWithZone(t))" + (after.millis > 0 ? " (+\(after.compact) after the report)" : "")
        }
        var out = svgOpen(width: trackWidth, height: height, label: "hazard \(hazard.id.raw)")
        for mark in scale.marks { out += line(x(mark.span, scale), 0, x(mark.span, scale), height, "mark") }

        // The hazard: report → close, or → the report's end while open.
        let hazardEnd = hazard.closedAt ?? (reported + (hazard.openFor ?? Span(millis: 0)))
        out += line(px(reported), top, px(hazardEnd), top, hazard.closedAt == nil ? "hz open" : "hz")
        if scale.beyond(hazardEnd - reported) { out += arrow(at: px(hazardEnd), y: top) }
        out += "<circle cx=\"\(n(px(reported)))\" cy=\"\(n(top))\" r=\"3.5\" class=\"reported\">"
            + title(when("\(hazard.id.raw) reported", reported)) + "</circle>"
        if let closed = hazard.closedAt {
            out += "<rect x=\"\(n(px(closed) - 1.5))\" y=\"\(n(top - 5))\" width=\"3\" height=\"10\" class=\"closed"
                + (hazard.rectifyWithinTarget == false ? " late" : "") + "\">" + title(when("closed", closed)) + "</rect>"
        } else if let open = hazard.openFor {
            out += "<text x=\"\(n(min(px(reported + open) + 4, trackWidth - 2)))\" y=\"\(n(top + 3))\" class=\"still-open\""
                + (px(reported + open) > trackWidth - 60 ? " text-anchor=\"end\"" : "") + ">open</text>"
        }
        for alarm in alarms {
            let ax = px(alarm.at)
            out += "<path d=\"M\(n(ax)) \(n(top - 6))l4 7h-8z\" class=\"alarm\">"
                + title(when("alarm: \(alarm.kind.label)" + (alarm.dispatch.map { " (\($0.raw))" } ?? ""), alarm.at)) + "</path>"
        }

        // One lane per dispatch.
        for (k, d) in dispatches.enumerated() {
            let y = top + 7 + lane * Double(k) + lane / 2
            let end = d.clearedAt ?? d.waited.map { d.assignedAt + $0 } ?? report.end ?? d.assignedAt
            out += line(px(d.assignedAt), y, px(end), y, "dsp" + (d.late ? " late" : ""))
            let who = "\(d.id.raw) \(d.guardID.raw) \(d.guardName)"
            out += "<path d=\"M\(n(px(d.assignedAt))) \(n(y - 3.5))v7l4-3.5z\" class=\"sent\">" + title(when("\(who) sent", d.assignedAt)) + "</path>"
            if let t = d.acknowledgedAt {
                out += "<circle cx=\"\(n(px(t)))\" cy=\"\(n(y))\" r=\"2.6\" class=\"ack" + (d.acknowledgedLate ? " late" : "") + "\">"
                    + title(when("\(who) acknowledged", t)) + "</circle>"
            }
            if let t = d.arrivedAt {
                out += "<circle cx=\"\(n(px(t)))\" cy=\"\(n(y))\" r=\"3.2\" class=\"scene" + (d.arrivedLate ? " late" : "") + "\">"
                    + title(when("\(who) on scene", t)) + "</circle>"
            }
            if let t = d.clearedAt {
                out += "<rect x=\"\(n(px(t) - 2.5))\" y=\"\(n(y - 2.5))\" width=\"5\" height=\"5\" class=\"cleared\">"
                    + title(when("\(who) cleared", t)) + "</rect>"
            } else if !d.outcome.isOpen {
                out += "<path d=\"M\(n(px(end) - 3)) \(n(y - 3))l6 6m0-6l-6 6\" class=\"ended\">"
                    + title(when("\(who) \(d.outcome.label)", end)) + "</path>"
            }
            if scale.beyond(end - reported) { out += arrow(at: px(end), y: y) }
        }
        return out + "</svg>"
    }

    /// The key to the timeline's shapes.
    public static func timelineLegend(_ scale: TimelineScale) -> String {
        let items: [(String, String)] = [
            ("<circle cx=\"6\" cy=\"9\" r=\"3.5\" class=\"reported\"/>", "reported"),
            ("<path d=\"M3 5.5v7l4-3.5z\" class=\"sent\"/>", "guard sent"),
            ("<circle cx=\"6\" cy=\"9\" r=\"2.6\" class=\"ack\"/>", "acknowledged"),
            ("<circle cx=\"6\" cy=\"9\" r=\"3.2\" class=\"scene\"/>", "on scene"),
            ("<circle cx=\"6\" cy=\"9\" r=\"3.2\" class=\"scene late\"/>", "late"),
            ("<rect x=\"3.5\" y=\"6.5\" width=\"5\" height=\"5\" class=\"cleared\"/>", "cleared"),
            ("<path d=\"M3 6l6 6m0-6l-6 6\" class=\"ended\"/>", "declined / withdrawn"),
            ("<rect x=\"4.5\" y=\"4\" width=\"3\" height=\"10\" class=\"closed\"/>", "closed"),
            ("<path d=\"M6 3l4 7h-8z\" class=\"alarm\"/>", "alarm"),
        ]
        var out = svgOpen(width: 680, height: 18, label: "legend")
        var left = 0.0
        for (shape, label) in items {
            out += "<g transform=\"translate(\(n(left)) 0)\">" + shape
                + "<text x=\"14\" y=\"13\" class=\"legend-label\">\(HTMLText.escape(label))</text></g>"
            left += 16 + Double(label.count) * 5.6 + 10
        }
        return out + "</svg>"
    }

    // MARK: - The shift at a glance

    /// The window on the clock: each hazard as a bar from its report to its close (or to the
    /// window's end while open) at the local time it happened, so clusters show at a glance.
    /// Ticks fall on round local times (every 15 minutes to every 30 days, at most twelve).
    public static func shiftStrip(_ hazards: [HazardReportRow], from start: Timestamp, to end: Timestamp, local: LocalTimeText) -> String {
        let width = 680.0, left = 8.0, right = 8.0, height = 46.0, lane = 20.0
        let length = max(1, end.millis - start.millis)
        func px(_ t: Timestamp) -> Double { left + (width - left - right) * Double(min(max(t.millis - start.millis, 0), length)) / Double(length) }
        var out = svgOpen(width: width, height: height, label: "hazards across the window")
        out += line(left, lane + 8, width - right, lane + 8, "axis")
        let steps: [Span] = [.minutes(15), .minutes(30), .minutes(60), .minutes(120), .minutes(180), .minutes(360), .minutes(720),
                             .days(1), .days(7), .days(30)]
        let step = steps.first { length / $0.millis <= 12 } ?? .days(365)
        let sameDay = local.sameDay(start, end)
        var tick = local.startOfDay(start)
        while tick < start { tick = tick + step }
        while tick <= end {
            let x = px(tick)
            out += line(x, lane + 5, x, lane + 11, "tick")
            let label = step.millis >= 86_400_000 ? String(local.date(tick).dropFirst(5)) : sameDay ? local.clockMinutes(tick)
                : local.clockMinutes(tick) == "00:00" ? String(local.date(tick).dropFirst(5)) : local.clockMinutes(tick)
            out += "<text x=\"\(n(x))\" y=\"\(n(lane + 22))\" text-anchor=\"middle\" class=\"axis-label\">\(HTMLText.escape(label))</text>"
            tick = tick + step
        }
        for h in hazards {
            let x1 = px(max(h.reportedAt, start)), x2 = max(px(h.closedAt ?? end), x1 + 2)
            let late = h.sceneWithinTarget == false || h.rectifyWithinTarget == false
            out += "<rect x=\"\(n(x1))\" y=\"\(n(lane - 6))\" width=\"\(n(x2 - x1))\" height=\"8\" class=\"strip-hz\(late ? " late" : "")\">"
                + title("\(h.id.raw) \(h.category.label), \(h.towerName): reported \(local.clockWithZone(h.reportedAt))"
                        + (h.closedAt.map { ", closed \(local.clockWithZone($0))" } ?? ", open at the end")) + "</rect>"
        }
        return out + "</svg>"
    }

    // MARK: - Times to scene

    /// The distribution of times to scene: a bar per bucket, the count above it, and
    /// the scene target drawn across as a dashed line.
    public static func sceneChart(_ h: ReportHistogram, target: Span) -> String {
        let width = 640.0, height = 230.0, left = 38.0, right = 12.0, top = 22.0, bottom = 34.0
        let plotW = width - left - right, plotH = height - top - bottom
        let slot = plotW / Double(h.counts.count)
        let topCount = max(1, h.counts.max() ?? 0)
        let step = niceStep(for: topCount)
        let yMax = Double(((topCount + step - 1) / step) * step)
        func y(_ count: Double) -> Double { top + plotH * (1 - count / yMax) }

        var out = svgOpen(width: width, height: height, label: "times to scene, \(h.total) dispatches")
        for k in stride(from: 0, through: Int(yMax), by: step) {
            out += line(left, y(Double(k)), width - right, y(Double(k)), k == 0 ? "axis" : "grid")
            out += "<text x=\"\(n(left - 5))\" y=\"\(n(y(Double(k)) + 3.5))\" text-anchor=\"end\" class=\"axis-label\">\(k)</text>"
        }
        let targetBucket = Double(target.millis) / Double(h.bucketWidth.millis)
        for (i, count) in h.counts.enumerated() {
            let bx = left + slot * Double(i) + 3
            let late = Double(i) >= targetBucket
            if count > 0 {
                out += "<rect x=\"\(n(bx))\" y=\"\(n(y(Double(count))))\" width=\"\(n(slot - 6))\" height=\"\(n(plotH * Double(count) / yMax))\""
                    + " class=\"bar" + (late ? " late" : "") + "\"><title>\(HTMLText.escape(h.label(of: i))): \(count)</title></rect>"
                out += "<text x=\"\(n(bx + (slot - 6) / 2))\" y=\"\(n(y(Double(count)) - 4))\" text-anchor=\"middle\" class=\"bar-label\">\(count)</text>"
            }
            out += "<text x=\"\(n(left + slot * (Double(i) + 0.5)))\" y=\"\(n(height - bottom + 14))\" text-anchor=\"middle\" class=\"axis-label\">"
                + HTMLText.escape(h.label(of: i)) + "</text>"
        }
        out += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(height - 4))\" text-anchor=\"middle\" class=\"axis-label\">"
            + "minutes from the dispatch to the guard on scene</text>"
        if targetBucket < Double(h.counts.count - 1) {
            let tx = left + slot * targetBucket
            out += line(tx, top - 10, tx, height - bottom, "target")
            out += "<text x=\"\(n(tx + 4))\" y=\"\(n(top - 4))\" class=\"target-label\">target \(HTMLText.escape(markLabel(target)))</text>"
        }
        return out + "</svg>"
    }

    /// A step for the count axis (1, 2 or 5 times a power of ten) giving at most five lines.
    static func niceStep(for top: Int) -> Int {
        var power = 1
        while true {
            for m in [1, 2, 5] where (top + m * power - 1) / (m * power) <= 5 { return m * power }
            power *= 10
        }
    }

    // MARK: - Pieces

    /// A mark as people say it: `60 s`, `5 min`, `30 min`, `2 h` (else the compact form).
    public static func markLabel(_ span: Span) -> String {
        let s = span.millis / 1000
        guard span.millis % 1000 == 0 else { return span.compact }
        if s < 120 { return "\(s) s" }
        if s % 3600 == 0 { return "\(s / 3600) h" }
        if s % 60 == 0, s < 7200 { return "\(s / 60) min" }
        return span.compact
    }

    static func svgOpen(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\""
            + " role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(cls)\"/>"
    }

    /// A small arrowhead at the track's edge: the clock ran on past the scale's end.
    static func arrow(at x: Double, y: Double) -> String {
        "<path d=\"M\(n(x - 4)) \(n(y - 3.5))l4 3.5l-4 3.5\" class=\"beyond\"/>"
    }

    static func title(_ text: String) -> String { "<title>" + HTMLText.escape(text) + "</title>" }

    static func n(_ v: Double) -> String { HTMLText.number(v) }
}
