import TowerwatchCore
import TowerwatchLog

/// Writes the demo district into a new log (filled in by the demo module).
enum DemoSetup {
    static func write(to district: DistrictLog, at time: Timestamp) throws {}
}
