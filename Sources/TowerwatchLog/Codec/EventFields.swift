import TowerwatchCore

/// The fields of each event type, by key, in the order they are written.
/// Reading finds fields by key, so their order does not matter to a reader.
enum EventFields {
    static func write(_ e: Event, to w: inout FieldWriter) {
        switch e {
        case let .companyRegistered(id, name):
            w.put("company", id); w.put("name", name)
        case let .towerRegistered(id, name, english, company, above, below, zones):
            w.put("tower", id); w.put("name", name); w.put("en", english); w.put("company", company)
            w.put("above", above); w.put("below", below); w.putList("zone", zones)
        case let .checkpointInstalled(id, tower, floor, zone, name):
            w.put("checkpoint", id); w.put("tower", tower); w.put("floor", floor); w.put("zone", zone); w.put("name", name)
        case let .tenantMovedIn(id, name, tower, floor, kind):
            w.put("tenant", id); w.put("name", name); w.put("tower", tower); w.put("floor", floor); w.put("kind", kind)
        case let .teamFormed(id, name):
            w.put("team", id); w.put("name", name)
        case let .guardEnrolled(id, name, team, home, training, account):
            w.put("guard", id); w.put("name", name); w.put("team", team); w.put("home", home); w.putList("training", training)
            w.putOptional("account", account)
        case let .captainAppointed(team, g):
            w.put("team", team); w.put("guard", g)
        case let .officerEnrolled(id, name, account):
            w.put("officer", id); w.put("name", name); w.putOptional("account", account)
        case let .accountLinked(account, actor):
            w.put("account", account); w.put("actor", actor.description)
        case let .accountUnlinked(account):
            w.put("account", account)
        case let .setUpLost(kind, id):
            w.put("kind", kind.rawValue); w.put("id", id)
        case let .procedureDefined(category, steps):
            w.put("category", category.rawValue); w.putList("step", steps)
        case let .districtTimeZoneSet(zone):
            w.put("zone", zone)
        case let .shiftStarted(id, name):
            w.put("shift", id); w.put("name", name)
        case let .shiftEnded(id):
            w.put("shift", id)
        case let .guardWentOnDuty(g):
            w.put("guard", g)
        case let .guardWentOffDuty(g):
            w.put("guard", g)
        case let .checkpointScanned(g, cp):
            w.put("guard", g); w.put("checkpoint", cp)
        case let .hazardReported(id, category, source, tower, floor, zone, severity, tenant, note),
             let .hazardReportJoined(id, category, source, tower, floor, zone, severity, tenant, note):
            // A joined report is written as a report is: the same fields, the same keys.
            w.put("hazard", id); w.put("category", category.rawValue); w.put("source", source.rawValue)
            w.put("tower", tower); w.put("floor", floor); w.put("zone", zone); w.put("severity", severity.name)
            w.putOptional("tenant", tenant?.raw); w.put("note", note)
        case let .guardDispatched(id, hazard, g):
            w.put("dispatch", id); w.put("hazard", hazard); w.put("guard", g)
        case let .dispatchAcknowledged(id, g, channel):
            w.put("dispatch", id); w.put("guard", g); w.put("channel", channel.rawValue)
        case let .guardArrivedOnScene(id, g):
            w.put("dispatch", id); w.put("guard", g)
        case let .dispatchCleared(id, g, note):
            w.put("dispatch", id); w.put("guard", g); w.put("note", note)
        case let .dispatchDeclined(id, g, reason):
            w.put("dispatch", id); w.put("guard", g); w.put("reason", reason)
        case let .dispatchWithdrawn(id, reason):
            w.put("dispatch", id); w.put("reason", reason)
        case let .hazardEscalated(id, to, note):
            w.put("hazard", id); w.put("to", to.rawValue); w.put("note", note)
        case let .hazardClosed(id, note):
            w.put("hazard", id); w.put("note", note)
        case let .hazardNoteAdded(id, note):
            w.put("hazard", id); w.put("note", note)
        case let .hazardReportSplit(id, from, report):
            w.put("hazard", id); w.put("from", from); w.put("report", report)
        case let .alarmRaised(kind, hazard, dispatch):
            w.put("kind", kind.rawValue); w.put("hazard", hazard); w.putOptional("dispatch", dispatch?.raw)
        case let .bulletinIssued(id, from, text, tower):
            w.put("bulletin", id); w.put("from", from); w.put("text", text); w.putOptional("tower", tower?.raw)
        case let .rectifyBaselineSet(category, minutes):
            w.put("category", category.rawValue); w.put("minutes", minutes)
        case let .safetyDrillHeld(tower, scenario):
            w.put("tower", tower); w.put("scenario", scenario)
        }
    }

    static func read(_ kind: EventKind, from r: borrowing FieldReader) throws(RecordError) -> Event {
        switch kind {
        case .checkpointScanned:
            return .checkpointScanned(guard: try r.id("guard"), checkpoint: try r.id("checkpoint"))
        case .companyRegistered:
            return .companyRegistered(company: try r.id("company"), name: try r.string("name"))
        case .towerRegistered:
            return .towerRegistered(tower: try r.id("tower"), name: try r.string("name"), englishName: try r.string("en"),
                                    company: try r.id("company"), floorsAbove: try r.int("above"), floorsBelow: try r.int("below"),
                                    zones: try r.strings("zone"))
        case .checkpointInstalled:
            return .checkpointInstalled(checkpoint: try r.id("checkpoint"), tower: try r.id("tower"), floor: try r.string("floor"),
                                        zone: try r.string("zone"), name: try r.string("name"))
        case .tenantMovedIn:
            return .tenantMovedIn(tenant: try r.id("tenant"), name: try r.string("name"), tower: try r.id("tower"),
                                  floor: try r.string("floor"), kind: try r.string("kind"))
        case .teamFormed:
            return .teamFormed(team: try r.id("team"), name: try r.string("name"))
        case .guardEnrolled:
            return .guardEnrolled(guard: try r.id("guard"), name: try r.string("name"), team: try r.id("team"),
                                  homeTower: try r.id("home"), training: try r.strings("training"),
                                  account: try r.optionalString("account"))
        case .captainAppointed:
            return .captainAppointed(team: try r.id("team"), guard: try r.id("guard"))
        case .officerEnrolled:
            return .officerEnrolled(officer: try r.id("officer"), name: try r.string("name"), account: try r.optionalString("account"))
        case .accountLinked:
            let text = try r.string("actor")
            guard let actor = Actor(text: text) else { throw RecordError("field 'actor' is not an actor: '\(text)'") }
            return .accountLinked(account: try r.string("account"), actor: actor)
        case .accountUnlinked:
            return .accountUnlinked(account: try r.string("account"))
        case .setUpLost:
            return .setUpLost(kind: try r.value("kind", as: SetUpKind.self), id: try r.string("id"))
        case .procedureDefined:
            return .procedureDefined(category: try r.value("category", as: HazardCategory.self), steps: try r.strings("step"))
        case .districtTimeZoneSet:
            return .districtTimeZoneSet(zone: try r.string("zone"))
        case .shiftStarted:
            return .shiftStarted(shift: try r.id("shift"), name: try r.string("name"))
        case .shiftEnded:
            return .shiftEnded(shift: try r.id("shift"))
        case .guardWentOnDuty:
            return .guardWentOnDuty(guard: try r.id("guard"))
        case .guardWentOffDuty:
            return .guardWentOffDuty(guard: try r.id("guard"))
        case .hazardReported:
            return .hazardReported(hazard: try r.id("hazard"), category: try r.value("category", as: HazardCategory.self),
                                   source: try r.value("source", as: HazardSource.self), tower: try r.id("tower"),
                                   floor: try r.string("floor"), zone: try r.string("zone"), severity: try severity(r),
                                   tenant: try r.optionalID("tenant"), note: try r.string("note"))
        case .hazardReportJoined:
            return .hazardReportJoined(hazard: try r.id("hazard"), category: try r.value("category", as: HazardCategory.self),
                                       source: try r.value("source", as: HazardSource.self), tower: try r.id("tower"),
                                       floor: try r.string("floor"), zone: try r.string("zone"), severity: try severity(r),
                                       tenant: try r.optionalID("tenant"), note: try r.string("note"))
        case .hazardReportSplit:
            return .hazardReportSplit(hazard: try r.id("hazard"), from: try r.id("from"), report: try r.int("report"))
        case .guardDispatched:
            return .guardDispatched(dispatch: try r.id("dispatch"), hazard: try r.id("hazard"), guard: try r.id("guard"))
        case .dispatchAcknowledged:
            return .dispatchAcknowledged(dispatch: try r.id("dispatch"), guard: try r.id("guard"),
                                         channel: try r.value("channel", as: AckChannel.self))
        case .guardArrivedOnScene:
            return .guardArrivedOnScene(dispatch: try r.id("dispatch"), guard: try r.id("guard"))
        case .dispatchCleared:
            return .dispatchCleared(dispatch: try r.id("dispatch"), guard: try r.id("guard"), note: try r.string("note"))
        case .dispatchDeclined:
            return .dispatchDeclined(dispatch: try r.id("dispatch"), guard: try r.id("guard"), reason: try r.string("reason"))
        case .dispatchWithdrawn:
            return .dispatchWithdrawn(dispatch: try r.id("dispatch"), reason: try r.string("reason"))
        case .hazardEscalated:
            return .hazardEscalated(hazard: try r.id("hazard"), to: try r.value("to", as: EscalationTarget.self), note: try r.string("note"))
        case .hazardClosed:
            return .hazardClosed(hazard: try r.id("hazard"), note: try r.string("note"))
        case .hazardNoteAdded:
            return .hazardNoteAdded(hazard: try r.id("hazard"), note: try r.string("note"))
        case .alarmRaised:
            return .alarmRaised(kind: try r.value("kind", as: AlarmKind.self), hazard: try r.id("hazard"), dispatch: try r.optionalID("dispatch"))
        case .bulletinIssued:
            return .bulletinIssued(bulletin: try r.id("bulletin"), from: try r.string("from"), text: try r.string("text"),
                                   tower: try r.optionalID("tower"))
        case .rectifyBaselineSet:
            return .rectifyBaselineSet(category: try r.value("category", as: HazardCategory.self), minutes: try r.int("minutes"))
        case .safetyDrillHeld:
            return .safetyDrillHeld(tower: try r.id("tower"), scenario: try r.string("scenario"))
        }
    }

    /// A report's severity, by name.
    private static func severity(_ r: borrowing FieldReader) throws(RecordError) -> Severity {
        let name = try r.string("severity")
        guard let severity = Severity(name: name) else { throw RecordError("field 'severity' has unknown value '\(name)'") }
        return severity
    }
}

extension RecordCodec {
    /// An event's fields as (key, values) in written order; a list key gathers its values.
    public static func fields(of r: EventRecord) -> [(String, [String])] {
        var w = FieldWriter(out: [])
        EventFields.write(r.event, to: &w)
        var result: [(String, [String])] = []
        for field in w.out.split(separator: tab) {
            guard let eq = field.firstIndex(of: 61) else { continue }
            let key = String(decoding: field[field.startIndex..<eq], as: UTF8.self)
            let value = (try? FieldText.unescape(Array(field[(eq + 1)...]))) ?? ""
            if let i = result.firstIndex(where: { $0.0 == key }) { result[i].1.append(value) } else { result.append((key, [value])) }
        }
        return result
    }

    /// Keys that hold lists (repeated in the line), shown as arrays even with one value.
    public static func isListKey(_ key: String, of kind: EventKind) -> Bool {
        switch kind {
        case .towerRegistered: return key == "zone"
        case .guardEnrolled: return key == "training"
        case .procedureDefined: return key == "step"
        case .companyRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .captainAppointed, .officerEnrolled,
             .accountLinked, .accountUnlinked, .setUpLost,
             .shiftStarted, .shiftEnded, .guardWentOnDuty, .guardWentOffDuty, .checkpointScanned, .hazardReported,
             .guardDispatched, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared, .dispatchDeclined,
             .dispatchWithdrawn, .hazardEscalated, .hazardClosed, .hazardNoteAdded, .bulletinIssued, .alarmRaised, .districtTimeZoneSet,
             .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
            return false
        }
    }
}
