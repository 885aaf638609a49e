import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// Writes the demo district into a new log.
enum DemoSetup {
    static func write(to district: DistrictLog, at time: Timestamp) throws {
        _ = try DemoDistrict.write(to: district, at: time)
    }
}
