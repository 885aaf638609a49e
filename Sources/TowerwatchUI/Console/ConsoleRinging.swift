import TowerwatchCore

/// When the officer console rings: a new high or critical hazard, a decline,
/// and every alarm. The runtime hands over the records it has newly folded in
/// (from any process); the console answers with the bell and the flash, and
/// the status line says what rang.
extension ConsoleModel {
    /// Why `r` rings the officer console, in words; nil when it does not.
    public static func ringReason(_ r: EventRecord, in s: DistrictState) -> String? {
        switch r.event {
        case let .hazardReported(_, category, _, _, _, _, severity, _, _):
            return severity >= .high || category == .fireAlarm ? "a new \(severity.name) hazard" : nil
        case .dispatchDeclined: return "a decline"
        case .alarmRaised: return "an alarm"
        case .companyRegistered, .towerRegistered, .checkpointInstalled, .tenantMovedIn, .teamFormed, .guardEnrolled,
             .captainAppointed, .officerEnrolled, .procedureDefined, .setUpLost, .shiftStarted, .shiftEnded, .guardWentOnDuty, .guardWentOffDuty,
             .checkpointScanned, .guardDispatched, .dispatchAcknowledged, .guardArrivedOnScene, .dispatchCleared,
             .dispatchWithdrawn, .hazardEscalated, .hazardClosed, .bulletinIssued, .accountLinked, .accountUnlinked,
             .hazardNoteAdded, .districtTimeZoneSet, .hazardReportJoined, .hazardReportSplit, .rectifyBaselineSet, .safetyDrillHeld:
            return nil
        }
    }

    /// Rings for what is new in `records` (oldest first): bell and flash, unless quiet.
    public mutating func noticed(_ records: [EventRecord], state: DistrictState, now: Timestamp) -> [ConsoleEffect] {
        guard mode != .replay else { return [] }
        var rang: [(why: String, record: EventRecord)] = []
        // What this console's own officer did needs no bell.
        for r in records where officer.map({ r.actor != .officer($0) }) ?? true { if let why = Self.ringReason(r, in: state) { rang.append((why, r)) } }
        guard let latest = rang.last else { return [] }
        let more = rang.count > 1 ? " (+\(rang.count - 1) more)" : ""
        let mark = quiet ? "quiet, would ring" : "rang"
        say("♪ \(mark) for \(latest.why): " + FeedText.line(latest.record, in: state) + more, .alarm, now)
        return quiet ? [] : [.bell, .flash]
    }

    /// Turns the bell and flash off or on.
    mutating func toggleQuiet(_ now: Timestamp) {
        quiet.toggle()
        say(quiet ? "quiet: no bell or flash (b turns them on)" : "bell and flash on", .confirmation, now)
    }
}
