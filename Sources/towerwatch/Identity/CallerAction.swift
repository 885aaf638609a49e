import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

/// A one-line action run as the calling account: opens the log for writing
/// (the district's account stamps and checks every record), builds the command
/// against the latest state, appends it and prints what was written. A
/// rejection, the account's or the rules', exits with status 2 and writes nothing.
enum CallerAction {
    static func run(log: LogOption, claimed: String?, _ makeCommand: (DistrictState) throws(Rejection) -> Command) throws {
        try reporting {
            let district = try openForWriting(try log.path())
            do {
                let command = try makeCommand(district.state)
                try DistrictZone.requireKnown(command.action)
                switch try district.execute(command, now: DrillClock.forLog(district.store.header).now()) {
                case .success(let records):
                    let local = SystemZones.localTime(for: district.state).time
                    for r in records { print(RecordText.sentence(r, in: district.state, time: local)) }
                case .failure(let rejection):
                    throw rejection
                }
            } catch let rejection as Rejection {
                throw Failure(message: "rejected: \(rejection.reason)", status: 2)
            }
        }
    }
}
