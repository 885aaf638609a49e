import TowerwatchCore
import TowerwatchLog

/// The district's time zone as this program records and reads it.
public enum DistrictZone {
    /// A zone the core accepts by the form of its name must also be one this
    /// machine can read, or every screen would fall back to UTC: refused before
    /// it is written (the one-line command, the console's `:` prompt, `ingest`).
    public static func requireKnown(_ action: Action) throws(Rejection) {
        guard case .setTimeZone(let zone) = action, SystemZones.rules(for: zone) == nil else { return }
        throw Rejection("unknown time zone '\(zone)': this machine's zone database has no such zone (try Asia/Shanghai or UTC)")
    }

    /// Records the district's zone as the system setting the district up (`init`,
    /// the demo's first run); returns the rejection's reason if it was refused.
    public static func record(_ zone: String, in district: DistrictLog, at time: Timestamp) throws -> String? {
        if case .failure(let rejection) = try district.execute(Command(.system, .setTimeZone(zone)), now: time) { return rejection.reason }
        return nil
    }

    /// Records the machine's zone (`TZ`, else `/etc/localtime`), as `init` does by
    /// default, for a district set up without `init` (the demo, `drill --out`): only
    /// when none is recorded yet and this machine can read its own zone.
    public static func recordMachineZone(in district: DistrictLog, at time: Timestamp) throws {
        let zone = SystemZones.machineZoneName()
        guard district.state.timeZone == nil, SystemZones.rules(for: zone) != nil else { return }
        _ = try record(zone, in: district, at: time)
    }
}
