import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Every event type survives the codec, a real file, and `log dump`'s JSON, with
/// text that tries every way to break a tab-separated line.
@Suite struct RecordCodecTests {
    static let a = LogFixture.awkward

    /// One event of every type, with awkward text wherever the type holds text.
    static func everyEvent() -> [Event] {
        let a = Self.a
        return [
            .companyRegistered(company: CompanyID("C=1\t" + a), name: a),
            .towerRegistered(tower: "T01", name: a, englishName: "Zhongfu \\ Plaza=", company: "C1",
                             floorsAbove: 200, floorsBelow: 0, zones: [a, "lobby", "", "zone=with=equals"]),
            .towerRegistered(tower: "T09", name: "no zones", englishName: "", company: "C1", floorsAbove: 1, floorsBelow: 20, zones: []),
            .checkpointInstalled(checkpoint: "T01-CP01", tower: "T01", floor: "B3", zone: a, name: a),
            .tenantMovedIn(tenant: "TN-1", name: "福 Café\n\"Ltd\"", tower: "T01", floor: "12", kind: a),
            .teamFormed(team: "TM\t1", name: a),
            .guardEnrolled(guard: "G-001", name: "王小明 🛡️", team: "TM1", homeTower: "T01", training: ["fire", a, ""]),
            .guardEnrolled(guard: "G-002", name: "x", team: "TM1", homeTower: "T01", training: []),
            .captainAppointed(team: "TM1", guard: "G-001"),
            .officerEnrolled(officer: "O-01", name: a),
            .officerEnrolled(officer: "O-02", name: "x", account: "zhao.jm"),
            .guardEnrolled(guard: "G-003", name: "y", team: "TM1", homeTower: "T01", training: [], account: a),
            .accountLinked(account: "wang-g17", actor: .guard("G-001")),
            .accountLinked(account: a, actor: .feed(a)),
            .accountUnlinked(account: a),
            .procedureDefined(category: .fireAlarm, steps: [a, "call 119", "step\\two"]),
            .setUpLost(kind: .tower, id: a),
            .districtTimeZoneSet(zone: "Asia/Shanghai"),
            .districtTimeZoneSet(zone: "America/Argentina/Buenos_Aires"),
            .shiftStarted(shift: "S-1", name: a),
            .shiftEnded(shift: "S-1"),
            .guardWentOnDuty(guard: "G-001"),
            .guardWentOffDuty(guard: "G-001"),
            .checkpointScanned(guard: "G-001", checkpoint: CheckpointID(a)),
            .hazardReported(hazard: "H-000001", category: .suspiciousPerson, source: .faceCamera, tower: "T01", floor: "12",
                            zone: "lobby", severity: .critical, tenant: "TN-1", note: a),
            .hazardReported(hazard: "H-000002", category: .traffic, source: .allianceBulletin, tower: "T01", floor: "-1",
                            zone: "", severity: .low, tenant: nil, note: ""),
            .guardDispatched(dispatch: "D-000001", hazard: "H-000001", guard: "G-001"),
            .dispatchAcknowledged(dispatch: "D-000001", guard: "G-001", channel: .radio),
            .guardArrivedOnScene(dispatch: "D-000001", guard: "G-001"),
            .dispatchCleared(dispatch: "D-000001", guard: "G-001", note: a),
            .dispatchDeclined(dispatch: "D-000002", guard: "G-002", reason: a),
            .dispatchWithdrawn(dispatch: "D-000003", reason: a),
            .hazardEscalated(hazard: "H-000001", to: .fireService, note: a),
            .hazardClosed(hazard: "H-000001", note: a),
            .hazardNoteAdded(hazard: "H-000002", note: a),
            .hazardNoteAdded(hazard: "H-000002", note: "line one\nline\ttwo \\ 三=\u{1B}[2J"),
            .hazardReportJoined(hazard: "H-000001", category: .fireSafety, source: .plateCamera, tower: "T01", floor: "3",
                                zone: "escape-route", severity: .high, tenant: "TN-324", note: "camera\t2F=07\n堵塞 \\"),
            .hazardReportJoined(hazard: "H-000002", category: .parking, source: .patrol, tower: "T02", floor: "B1",
                                zone: "garage", severity: .medium, tenant: nil, note: a),
            .hazardReportSplit(hazard: "H-000003", from: "H-000001", report: 2),
            .rectifyBaselineSet(category: .fireSafety, minutes: 5040),
            .safetyDrillHeld(tower: "T05", scenario: a),
            .safetyDrillHeld(tower: "T05", scenario: "消防疏散\tdrill=one \\ two\n\u{1B}[2J"),
            .bulletinIssued(bulletin: "B-00001", from: a, text: a, tower: "T01"),
            .bulletinIssued(bulletin: "B-00002", from: "alliance", text: "x", tower: nil),
            .alarmRaised(kind: .ackOverdue, hazard: "H-000001", dispatch: "D-000001"),
            .alarmRaised(kind: .rectifyOverdue, hazard: "H-000001", dispatch: nil),
        ]
    }

    static let actors: [Actor] = [.system, .officer("O-01"), .guard("G-001"), .feed("plate camera 浙A=\t\\"), .guard("id:with:colons")]

    /// The events as records with contiguous sequence numbers, varied actors, times and drill marks.
    static func records(drill: Bool? = nil) -> [EventRecord] {
        everyEvent().enumerated().map { i, e in
            EventRecord(seq: UInt64(i + 1), time: LogFixture.t0 + Span(millis: Int64(i) * 1_234_567),
                        actor: actors[i % actors.count], drill: drill ?? (i % 3 == 0), event: e,
                        account: i % 4 == 1 ? "wang.g-17" : i % 4 == 2 ? "odd\tby=acct" : nil)
        }
    }

    @Test func theSamplesCoverEveryEventType() {
        let kinds = Set(Self.everyEvent().map(\.kind))
        #expect(kinds == Set(EventKind.allCases), "missing: \(Set(EventKind.allCases).subtracting(kinds))")
    }

    @Test func everyEventTypeRoundTripsThroughTheCodec() throws {
        for r in Self.records() + [EventRecord(seq: UInt64.max / 10, time: Timestamp(millis: 0), actor: .system, event: .shiftEnded(shift: "S"))] {
            let line = RecordCodec.encode(r)
            #expect(line.last == 10, "a record ends with its newline")
            #expect(line.dropLast().allSatisfy { $0 != 10 && $0 != 13 }, "no raw newline inside a record: \(r.event.typeName)")
            #expect(line.filter { $0 < 32 && $0 != 9 && $0 != 10 }.isEmpty, "no raw control byte: \(r.event.typeName)")
            let decoded = try line.dropLast().withUnsafeBufferPointer { try RecordCodec.decode($0) }
            #expect(decoded == r, "\(r.event.typeName) did not round-trip")
        }
    }

    @Test func aDifferentValueGivesADifferentLine() {
        // Escaping must be injective: two different texts never encode the same way.
        let texts = ["a\\tb", "a\tb", "a\\\\tb", "a\\nb", "a\nb", "a\u{01}b", "a\\x01b", "=", "", "中", "\r", "\\r"]
        var seen: [[UInt8]: String] = [:]
        for t in texts {
            let line = RecordCodec.encode(EventRecord(seq: 1, time: LogFixture.t0, actor: .system, event: .teamFormed(team: "T", name: t)))
            #expect(seen[line] == nil, "'\(t)' and '\(seen[line] ?? "")' encode alike")
            seen[line] = t
        }
    }

    @Test func aHazardNoteIsWrittenWithItsTextEscapedAsOtherNotesAre() throws {
        let note = "crates again\tby the door\nsee photo \\ 木箱"
        let r = EventRecord(seq: 7, time: LogFixture.t0, actor: .guard("G-017"), event: .hazardNoteAdded(hazard: "H-000003", note: note))
        let line = String(decoding: RecordCodec.encode(r), as: UTF8.self)
        #expect(line.contains("\tHazardNoteAdded\tguard:G-017\thazard=H-000003\tnote=crates again\\tby the door\\nsee photo \\\\ 木箱\t"))
        // The same escapes as a cleared dispatch's note.
        let cleared = String(decoding: RecordCodec.encode(EventRecord(seq: 7, time: LogFixture.t0, actor: .guard("G-017"),
            event: .dispatchCleared(dispatch: "D-1", guard: "G-017", note: note))), as: UTF8.self)
        #expect(cleared.contains("\tnote=crates again\\tby the door\\nsee photo \\\\ 木箱\t"))
    }

    /// Lines written before `HazardNoteAdded` existed (the examples in docs/log-format.md,
    /// checksums and all) still read: adding an event type changes no other type's line.
    @Test func linesWrittenBeforeTheNoteEventStillRead() throws {
        let old = [
            "940\t2026-11-29T12:15:22.018Z\tCheckpointScanned\tguard:G-001\tguard=G-001\tcheckpoint=T01-CP01\t5cdf84eb",
            "941\t2026-11-29T12:15:22.054Z\tHazardReported\tguard:G-001\thazard=H-000001\tcategory=fire-safety\tsource=patrol\ttower=T01\tfloor=3\tzone=escape-route\tseverity=high\tnote=装修垃圾堵塞消防通道\tbf3a5979",
            "942\t2026-11-29T12:15:22.105Z\tGuardDispatched\tofficer:O-01\tdispatch=D-000001\thazard=H-000001\tguard=G-002\t8791d635",
        ]
        let decoded = try old.map { line in try Array(line.utf8).withUnsafeBufferPointer { try RecordCodec.decode($0) } }
        #expect(decoded.map(\.event.kind) == [.checkpointScanned, .hazardReported, .guardDispatched])
        for (line, r) in zip(old, decoded) { #expect(String(decoding: RecordCodec.encode(r).dropLast(), as: UTF8.self) == line) }
    }

    @Test func everyEventTypeRoundTripsThroughAFile() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        for mode in LogMode.allCases {
            let path = dir + "/\(mode.rawValue).twlog"
            try FileEventStore.create(path: path, header: LogHeader(mode: mode, created: LogFixture.t0, extra: ["note": Self.a]))
            let records = Self.records(drill: mode == .drill)
            do {
                let store = try FileEventStore(path: path, writable: true)
                var at = store.start
                // One batch of several records, then the rest one by one.
                at = try store.withWriteLock { try store.append(Array(records.prefix(5)), at: at) }
                for r in records.dropFirst(5) { at = try store.withWriteLock { try store.append([r], at: at) } }
                #expect(at.seq == UInt64(records.count))
            }
            let reopened = try FileEventStore(path: path, writable: false)
            #expect(reopened.header.mode == mode)
            #expect(reopened.header.extra["note"] == Self.a)
            #expect(reopened.notices.isEmpty)
            #expect(try LogFixture.records(path) == records)
        }
    }

    @Test func executedCommandsRoundTripThroughAFile() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/busy.twlog"
        let district = try LogFixture.makeBusyDistrict(at: path)
        let written = try LogFixture.records(path)
        #expect(written.count == Int(district.position.seq))
        // The writer's feed holds the latest notable records (scans and set-up are quiet).
        #expect(Array(written.filter { RecordText.isNotable($0.event) }.suffix(district.recent.count)) == district.recent)
        #expect(!district.recent.isEmpty)
        // Replaying gives the same state as the writer's.
        let replay = try DistrictLog(store: FileEventStore(path: path, writable: false))
        #expect(replay.position == district.position)
        #expect(replay.state.guards == district.state.guards)
        #expect(replay.state.hazards == district.state.hazards)
        #expect(replay.state.dispatches == district.state.dispatches)
        #expect(replay.state.towers["T02"]?.zones == ["lobby", "garage", "roof=deck"])
        #expect(replay.state.companies["C1"]?.name == "中福广场 Property Co = \"one\"")
    }

    @Test func logDumpPrintsJSONThatParses() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/every.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .live, created: LogFixture.t0))
        let records = Self.records(drill: false)
        let store = try FileEventStore(path: path, writable: true)
        _ = try store.withWriteLock { try store.append(records, at: store.start) }

        let dump = try ChildProcess.run(["log", "dump", path], in: dir)
        #expect(dump.status == 0, "log dump failed: \(dump.stderr)")
        let lines = dump.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == records.count)
        for (line, r) in zip(lines, records) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let json = object as? [String: Any], let fields = json["fields"] as? [String: Any] else {
                Issue.record("not a JSON object with fields: \(line)"); continue
            }
            #expect((json["seq"] as? NSNumber)?.uint64Value == r.seq)
            #expect(json["type"] as? String == r.event.typeName)
            #expect(json["actor"] as? String == r.actor.description)
            #expect(json["time"] as? String == r.time.iso8601)
            // Every field value comes back exactly, awkward text included.
            for (key, values) in RecordCodec.fields(of: r) {
                if RecordCodec.isListKey(key, of: r.event.kind) || values.count > 1 {
                    #expect(fields[key] as? [String] == values, "\(r.event.typeName).\(key)")
                } else {
                    #expect(fields[key] as? String == values[0], "\(r.event.typeName).\(key)")
                }
            }
        }
        // --type filters, --from skips.
        let scans = try ChildProcess.run(["log", "dump", path, "--type", "CheckpointScanned", "--from", "2"], in: dir)
        #expect(scans.status == 0)
        #expect(scans.stdout.split(separator: "\n").count == records.filter { $0.event.kind == .checkpointScanned }.count)
        let bad = try ChildProcess.run(["log", "dump", path, "--type", "NoSuchType"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown type NoSuchType"))
    }
}
