import ArgumentParser
import Foundation
import TowerwatchApp
import TowerwatchCore
import TowerwatchLog

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append commands read as JSON lines from standard input (a camera feed, a script).",
        discussion: """
        Each line is one JSON object: {"as": "feed:plate-camera", "command": "report-hazard", "category": "parking", \
        "tower": "T05", "floor": "B1", "zone": "garage", "note": "plate 浙A12345 in a fire lane"}. The other keys \
        are the command's options. A bad line is reported with its number and reason and the rest go on; the exit \
        status is 0 only when every line went in.
        """)
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: "Default actor for lines without \"as\".") var actor: String?
    @Flag(help: "Group commit: sync many records at once (a power loss may lose the last ~50 ms).") var groupCommit = false

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: groupCommit ? .groupDefault : .everyAppend)
            // A drill forked from the past runs on its own clock (see DrillClock).
            var ingestion = Ingestion(into: district, defaultActor: actor, groupCommit: groupCommit, clock: DrillClock.forLog(district.store.header))
            var lines = InputLines(fd: STDIN_FILENO)
            while let batch = lines.nextBatch() {
                for refusal in try ingestion.take(batch) { printError("line \(refusal.line): rejected: \(refusal.reason)") }
            }
            try district.store.flush()
            print("ingested \(ingestion.accepted) of \(ingestion.accepted + ingestion.refused) commands")
            if ingestion.refused > 0 { throw ExitCode(1) }
        }
    }
}
