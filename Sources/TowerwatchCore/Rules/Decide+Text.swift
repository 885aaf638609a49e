import TowerwatchText
// MARK: - Checks on the text a command carries: what may be in it, how long it may be

/// How long the text fields of a command may be, in bytes of UTF-8.
///
/// Everything a command carries ends up in the log and on every console, for
/// ever; a feed that sends a 50 MB note must be told no, not stored. The limits
/// are generous for people and documented in docs/log-format.md.
public enum TextLimits {
    /// An id (tower, guard, hazard, shift...), a floor, a zone, a channel name.
    public static let id = 64
    /// A name: of a tower, company, guard, officer, team, tenant, shift, feed or
    /// bulletin source; a training or a zone in a list.
    public static let name = 200
    /// A note, a reason, a procedure step.
    public static let note = 2_000
    /// A bulletin's text.
    public static let bulletin = 4_000
}

extension Decider {
    /// Checks every piece of text `action` (and the acting feed's name) carries:
    /// ids, names and shift ids hold no control character, and nothing is longer
    /// than its limit. The message names the field, and the limit.
    func requireWellFormedText(_ action: Action) throws {
        if case .feed(let name) = actor { try requireName(name, "feed name") }
        switch action {
        case let .registerCompany(id, name):
            try requireID(id.raw, "company id"); try requireName(name, "company name")
        case let .registerTower(id, name, englishName, company, _, _, zones):
            try requireID(id.raw, "tower id"); try requireName(name, "tower name"); try requireName(englishName, "tower English name")
            try requireID(company.raw, "company id")
            for z in zones { try requireID(z, "zone") }
        case let .installCheckpoint(id, tower, floor, zone, name):
            try requireID(id.raw, "checkpoint id"); try requireID(tower.raw, "tower id"); try requireID(floor, "floor")
            try requireID(zone, "zone"); try requireName(name, "checkpoint name")
        case let .moveInTenant(id, name, tower, floor, kind):
            try requireID(id.raw, "tenant id"); try requireName(name, "tenant name"); try requireID(tower.raw, "tower id")
            try requireID(floor, "floor"); try requireName(kind, "tenant kind")
        case let .formTeam(id, name):
            try requireID(id.raw, "team id"); try requireName(name, "team name")
        case let .enrollGuard(id, name, team, home, training, account):
            try requireID(id.raw, "guard id"); try requireName(name, "guard name"); try requireID(team.raw, "team id")
            try requireID(home.raw, "tower id")
            _ = account  // account names are checked by the account rules
            for t in training { try requireName(t, "training") }
        case let .appointCaptain(team, g):
            try requireID(team.raw, "team id"); try requireID(g.raw, "guard id")
        case let .enrollOfficer(id, name, account):
            try requireID(id.raw, "officer id"); try requireName(name, "officer name")
            _ = account  // account names are checked by the account rules
        case let .defineProcedure(_, steps):
            for s in steps { try requireNote(s, "procedure step", limit: TextLimits.note) }
        case let .startShift(id, name):
            try requireID(id.raw, "shift id"); try requireName(name, "shift name")
        case let .endShift(id):
            try requireID(id.raw, "shift id")
        case let .goOnDuty(g), let .goOffDuty(g):
            try requireID(g.raw, "guard id")
        case let .scan(g, checkpoint):
            try requireID(g.raw, "guard id"); try requireID(checkpoint.raw, "checkpoint id")
        case let .reportHazard(r):
            try requireID(r.tower.raw, "tower id"); try requireID(r.floor, "floor"); try requireID(r.zone, "zone")
            if let tenant = r.tenant { try requireID(tenant.raw, "tenant id") }
            try requireNote(r.note, "note", limit: TextLimits.note)
        case let .dispatch(hazard, g):
            try requireID(hazard.raw, "hazard id"); try requireID(g.raw, "guard id")
        case let .acknowledge(id, _), let .arrive(id):
            try requireID(id.raw, "dispatch id")
        case let .clear(id, note):
            try requireID(id.raw, "dispatch id"); try requireNote(note, "note", limit: TextLimits.note)
        case let .decline(id, reason), let .withdraw(id, reason):
            try requireID(id.raw, "dispatch id"); try requireNote(reason, "reason", limit: TextLimits.note)
        case let .reassign(id, to):
            try requireID(id.raw, "dispatch id"); try requireID(to.raw, "guard id")
        case let .splitReport(hazard, _):
            try requireID(hazard.raw, "hazard id")
        case let .addNote(hazard, text):
            // Its length has its own, shorter limit (`HazardNote.maximumLength`), checked where the note is decided.
            try requireID(hazard.raw, "hazard id"); try requireNote(text, "note", limit: TextLimits.note)
        case .setTimeZone:
            break  // a zone's name is checked by the zone rule, with its own message
        case let .escalate(hazard, _, note), let .close(hazard, note):
            try requireID(hazard.raw, "hazard id"); try requireNote(note, "note", limit: TextLimits.note)
        case let .issueBulletin(from, text, tower):
            try requireName(from, "bulletin source (from)"); try requireNote(text, "bulletin text", limit: TextLimits.bulletin)
            if let tower { try requireID(tower.raw, "tower id") }
        case .setBaseline:
            break  // a category and a number: nothing to check here
        case let .recordDrillHeld(tower, scenario):
            try requireID(tower.raw, "tower id"); try requireName(scenario, "drill scenario")
        case .linkAccount, .unlinkAccount:
            break  // account names are checked by the account rules
        case let .raiseAlarm(_, hazard, dispatch):
            try requireID(hazard.raw, "hazard id")
            if let dispatch { try requireID(dispatch.raw, "dispatch id") }
        }
    }

    /// An id: no control character, at most `TextLimits.id` bytes.
    func requireID(_ text: String, _ what: String) throws {
        try requireLength(text, what, limit: TextLimits.id)
        try requireNoControls(text, what)
    }

    /// A name: no control character, at most `TextLimits.name` bytes.
    func requireName(_ text: String, _ what: String) throws {
        try requireLength(text, what, limit: TextLimits.name)
        try requireNoControls(text, what)
    }

    /// Free text (a note, a reason, a bulletin): may run over lines, at most `limit` bytes.
    func requireNote(_ text: String, _ what: String, limit: Int) throws {
        try requireLength(text, what, limit: limit)
    }

    private func requireLength(_ text: String, _ what: String, limit: Int) throws {
        let bytes = text.utf8.count
        guard bytes <= limit else {
            throw Rejection("\(what) is \(bytes) bytes long; the limit is \(limit) bytes of UTF-8")
        }
    }

    private func requireNoControls(_ text: String, _ what: String) throws {
        // Short ASCII text without controls (nearly every id) is settled byte by byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return }
        for (i, scalar) in text.unicodeScalars.enumerated() where TextLimits.isControl(scalar) {
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw Rejection("\(what) holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) at character \(i + 1)); ids, names and shift ids may not")
        }
    }
}

extension TextLimits {
    /// A character that may not stand in an id or a name: C0 and C1 controls,
    /// DEL, the line and paragraph separators and the bidirectional controls
    /// (which could make an id read differently from what it is).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
