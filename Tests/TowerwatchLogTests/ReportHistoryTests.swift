import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
@testable import TowerwatchLog
import TowerwatchLogMemory

/// The report against three days of simulated history, every count worked out a
/// second way: straight from the records, without the district's fold, for the
/// whole log and for windows that cut through open hazards and silences.
@Suite("Report over days of history", .serialized)
struct ReportHistoryTests {
    static let start = Timestamp(year: 2026, month: 3, day: 2, hour: 6)

    /// Three days from the simulator (seed 3), with the alarms a console would have
    /// recorded (the simulator writes none): before each record, every alarm due then.
    static let records: [EventRecord] = {
        let store = InMemoryEventStore()
        _ = try! Simulator.writeHistory(to: store, length: .days(3), seed: 3, start: start)
        var state = DistrictState(), out: [EventRecord] = []
        out.reserveCapacity(store.records.count + 1000)
        func append(_ r: EventRecord) {
            var r = r
            r.seq = UInt64(out.count + 1)
            precondition(state.apply(r) == nil, "\(r)")
            out.append(r)
        }
        for r in store.records {
            if !state.openHazards.isEmpty {
                for due in dueAlarms(state, now: r.time, policy: .standard) {
                    append(EventRecord(seq: 0, time: r.time, actor: .system, drill: false,
                                       event: .alarmRaised(kind: due.kind, hazard: due.hazard, dispatch: due.dispatch)))
                }
            }
            append(r)
        }
        return out
    }()

    // MARK: - Counting from the records alone

    /// The window's figures, from the records without the fold.
    struct Counted: Equatable, CustomStringConvertible {
        var reported: [HazardID] = []
        var openAtStart: [HazardID] = []
        var closed = 0, openAtEnd = 0
        var sent: [DispatchID] = []
        var dispatchesOpenAtStart = 0, dispatchesEnded = 0, dispatchesOpenAtEnd = 0
        var alarms: [AlarmKind: Int] = [:]
        var scans = 0
        var silences = 0, clipped = 0
        /// Every silence as "guard began→to", sorted.
        var silenceList: [String] = []
        var sentToScene: [HazardID: Span] = [:]
        var description: String {
            "reported \(reported.count) openAtStart \(openAtStart.count) closed \(closed) openAtEnd \(openAtEnd) sent \(sent.count) "
                + "dOpenAtStart \(dispatchesOpenAtStart) ended \(dispatchesEnded) dOpenAtEnd \(dispatchesOpenAtEnd) alarms \(alarms) "
                + "scans \(scans) silences \(silences) clipped \(clipped)"
        }
    }

    static func count(_ records: [EventRecord], from: Timestamp?, to: Timestamp?, silentAfter: Span = .minutes(15)) -> Counted {
        var c = Counted()
        let inside = { (t: Timestamp) in (from.map { t >= $0 } ?? true) && (to.map { t < $0 } ?? true) }
        let read = records.filter { r in to.map { r.time < $0 } ?? true }
        let end = min(to ?? records.last!.time, records.last!.time)

        var reportedAt: [HazardID: Timestamp] = [:], closedAt: [HazardID: Timestamp] = [:]
        var sentAt: [DispatchID: Timestamp] = [:], endedAt: [DispatchID: Timestamp] = [:], dispatchGuard: [DispatchID: GuardID] = [:]
        var firstSent: [HazardID: Timestamp] = [:], firstArrived: [HazardID: Timestamp] = [:], hazardOf: [DispatchID: HazardID] = [:]
        // Silences: per guard, on duty, the last sign of life, and the dispatch held.
        var onDuty: Set<GuardID> = [], lastSign: [GuardID: Timestamp] = [:], busy: Set<GuardID> = []
        func gap(_ g: GuardID, to t: Timestamp) {
            guard let since = lastSign[g], t - since > silentAfter, from.map({ t >= $0 }) ?? true else { return }
            c.silences += 1
            if let from, since < from { c.clipped += 1 }
            c.silenceList.append("\(g.raw) \(since.iso8601)→\(t.iso8601)")
        }
        for r in read {
            let t = r.time
            switch r.event {
            case let .hazardReported(id, _, _, _, _, _, _, _, _):
                reportedAt[id] = t
                if inside(t) { c.reported.append(id) }
            case let .hazardClosed(id, _):
                closedAt[id] = t
                if inside(t) { c.closed += 1 }
            case let .guardDispatched(id, hz, g):
                sentAt[id] = t; dispatchGuard[id] = g; hazardOf[id] = hz
                if firstSent[hz] == nil { firstSent[hz] = t }
                if inside(t) { c.sent.append(id) }
                if onDuty.contains(g), !busy.contains(g) { gap(g, to: t) }
                busy.insert(g)
            case let .guardArrivedOnScene(id, _):
                if let hz = hazardOf[id], firstArrived[hz] == nil { firstArrived[hz] = t }
            case let .dispatchCleared(id, _, _), let .dispatchDeclined(id, _, _), let .dispatchWithdrawn(id, _):
                endedAt[id] = t
                if inside(t) { c.dispatchesEnded += 1 }
                if let g = dispatchGuard[id] { busy.remove(g); lastSign[g] = t }
            case let .alarmRaised(kind, _, _):
                if inside(t) { c.alarms[kind, default: 0] += 1 }
            case let .checkpointScanned(g, _):
                if inside(t) { c.scans += 1 }
                if onDuty.contains(g), !busy.contains(g) { gap(g, to: t) }
                lastSign[g] = t
            case let .guardWentOnDuty(g):
                onDuty.insert(g); lastSign[g] = t
            case let .guardWentOffDuty(g):
                if !busy.contains(g) { gap(g, to: t) }
                onDuty.remove(g)
            default:
                break
            }
        }
        for g in onDuty where !busy.contains(g) { gap(g, to: end) }
        let openAt = { (t: Timestamp, strictlyBefore: Bool) -> [HazardID] in
            reportedAt.filter { strictlyBefore ? $0.value < t : true }.filter { id, _ in closedAt[id].map { $0 >= t } ?? true }
                .map(\.key).sorted()
        }
        if let from { c.openAtStart = openAt(from, true) }
        c.openAtEnd = reportedAt.keys.count { closedAt[$0] == nil }
        c.dispatchesOpenAtStart = from.map { f in sentAt.count { id, at in at < f && (endedAt[id].map { $0 >= f } ?? true) } } ?? 0
        c.dispatchesOpenAtEnd = sentAt.keys.count { endedAt[$0] == nil }
        for id in c.reported { if let s = firstSent[id], let a = firstArrived[id] { c.sentToScene[id] = a - s } }
        c.silenceList.sort()
        return c
    }

    /// The same figures as the report gives them.
    static func reported(_ r: AfterActionReport) -> Counted {
        let s = r.live
        var c = Counted()
        c.reported = s.hazards.map(\.id)
        c.openAtStart = s.openAtStart.map(\.id).sorted()
        c.closed = s.hazardsClosed
        c.openAtEnd = s.hazardsOpenAtEnd
        c.sent = s.dispatches.map(\.id)
        c.dispatchesOpenAtStart = s.dispatchesOpenAtStart
        c.dispatchesEnded = s.dispatchesEnded
        c.dispatchesOpenAtEnd = s.dispatchesOpenAtEnd
        for a in s.alarms { c.alarms[a.kind, default: 0] += 1 }
        c.scans = s.guards.reduce(0) { $0 + $1.scans }
        c.silences = s.silentPeriods.count
        c.clipped = s.silentPeriods.count { $0.clipped }
        c.silenceList = s.silentPeriods.map { "\($0.guardID.raw) \($0.began.iso8601)→\($0.to.iso8601)" }.sorted()
        for h in s.hazards { if let t = h.firstDispatchToScene { c.sentToScene[h.id] = t } }
        return c
    }

    // MARK: - Tests

    @Test func `the history is long enough to matter`() {
        let hazards = Self.records.count { $0.event.kind == .hazardReported }
        let closes = Self.records.count { $0.event.kind == .hazardClosed }
        let alarms = Self.records.count { $0.event.kind == .alarmRaised }
        #expect(Self.records.last!.time - Self.records.first!.time >= .hours(71))
        #expect(hazards > 30 && closes > 20 && alarms > 10, "hazards \(hazards) closes \(closes) alarms \(alarms)")
    }

    @Test func `the whole log: every hazard, dispatch, close, alarm and silence`() {
        let r = ShiftReport.of(Self.records)
        let mine = Self.count(Self.records, from: nil, to: nil)
        #expect(Self.reported(r) == mine)
        #expect(r.live.hazards.count == Self.records.count { $0.event.kind == .hazardReported },
                "every hazard of three days, not the last day's only")
        #expect(r.live.openAtStart.isEmpty && r.live.dispatchesOpenAtStart == 0)
        #expect(mine.silences > 0)
    }

    /// Windows of seven hours that open inside something: 90 s after a hazard's report
    /// (open, a dispatch on its way), and five minutes into a silence.
    static let windows: [(from: Timestamp, to: Timestamp)] = {
        let reports = records.filter { $0.event.kind == .hazardReported }.map(\.time)
        let whole = count(records, from: nil, to: nil)
        let silences = whole.silenceList.map { line -> Timestamp in
            let began = line.split(separator: " ")[1].split(separator: "→")[0]
            return Timestamp.parse(String(began))!
        }
        let starts = [reports[3], reports[reports.count / 2], reports[reports.count - 4]].map { $0 + .seconds(90) }
            + [silences[silences.count / 3], silences[2 * silences.count / 3]].map { $0 + .minutes(5) }
        return starts.map { ($0, $0 + .hours(7)) }
    }()

    @Test(arguments: 0..<5)
    func `windows that cut through open hazards and silences`(window: Int) {
        let (from, to) = Self.windows[window]
        let r = ShiftReport.of(Self.records, from: from, to: to)
        let mine = Self.count(Self.records, from: from, to: to)
        #expect(Self.reported(r) == mine, "report: \(Self.reported(r))\nrecords: \(mine)")
        let s = r.live
        #expect(s.openAtStart.count + s.hazards.count - s.hazardsClosed == s.hazardsOpenAtEnd)
        #expect(s.dispatchesOpenAtStart + s.dispatches.count - s.dispatchesEnded == s.dispatchesOpenAtEnd)
    }

    @Test func `the windows chosen do cut through open hazards, open dispatches and silences`() {
        let counted = Self.windows.map { Self.count(Self.records, from: $0.from, to: $0.to) }
        #expect(counted.prefix(3).allSatisfy { !$0.openAtStart.isEmpty && $0.dispatchesOpenAtStart + $0.dispatchesEnded > 0 })
        #expect(counted.suffix(2).allSatisfy { $0.clipped > 0 })
    }

    @Test func `the command's json over the log file holds the same counts`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/days.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: Self.start))
        let store = try FileEventStore(path: path, writable: true)
        _ = try store.withWriteLock { try store.append(Self.records, at: store.start) }
        try store.flush()

        let from = Self.start + .hours(25) + .minutes(13)
        let to = from + .hours(9)
        let run = try ChildProcess.run(["report", path, "--format", "json", "--from", from.iso8601, "--to", to.iso8601], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let live = try #require(root["live"] as? [String: Any])
        let counts = try #require(live["counts"] as? [String: Int])
        let mine = Self.count(Self.records, from: from, to: to)
        #expect(counts["hazardsReported"] == mine.reported.count)
        #expect(counts["hazardsOpenAtStart"] == mine.openAtStart.count)
        #expect(counts["hazardsClosed"] == mine.closed)
        #expect(counts["hazardsOpenAtEnd"] == mine.openAtEnd)
        #expect(counts["dispatchesSent"] == mine.sent.count)
        #expect(counts["dispatchesEnded"] == mine.dispatchesEnded)
        #expect(counts["alarms"] == mine.alarms.values.reduce(0, +))
        #expect(counts["silentPeriods"] == mine.silences)
        #expect(counts["silentPeriodsClipped"] == mine.clipped)
        let hazards = try #require(live["hazards"] as? [[String: Any]])
        #expect(hazards.map { $0["hazard"] as? String } == mine.reported.map(\.raw))
    }
}
