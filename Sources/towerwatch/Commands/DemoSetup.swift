import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// Writes the demo district into a new log.
enum DemoSetup {
    static func write(to district: DistrictLog, at time: Timestamp) throws {
        _ = try DemoDistrict.write(to: district, at: time)
    }

    /// Records the district's time zone, as the system setting the district up.
    static func setTimeZone(_ zone: String, in district: DistrictLog, at time: Timestamp) throws {
        if case .failure(let rejection) = try district.execute(Command(.system, .setTimeZone(zone)), now: time) {
            throw Failure(message: "time zone \(zone) not recorded: \(rejection.reason)", status: 2)
        }
    }
}
