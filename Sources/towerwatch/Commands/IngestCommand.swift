import ArgumentParser
import Foundation
import TowerwatchApp
import TowerwatchCore
import TowerwatchText
import TowerwatchLog

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append commands read as JSON lines from standard input (a camera feed, a script).",
        discussion: """
        Each line is one JSON object: {"as": "feed:plate-camera", "command": "report-hazard", "category": "parking", \
        "tower": "T05", "floor": "B1", "zone": "garage", "note": "plate 浙A12345 in a fire lane"}. The other keys \
        are the command's options. A bad line is reported with its number and reason and the rest go on; the exit \
        status is 0 when every line went in, 2 when some were refused (by the rules, or as malformed), 1 on an error.
        """)
    @OptionGroup var log: LogOption
    @Option(name: .customLong("as"), help: "Default actor for lines without \"as\".") var actor: String?
    @Flag(help: "Group commit: sync many records at once (a power loss may lose the last ~50 ms).") var groupCommit = false

    func run() throws {
        try reporting {
            let district = try openForWriting(try log.path(), durability: groupCommit ? .groupDefault : .everyAppend)
            // A drill forked from the past runs on its own clock (see DrillClock).
            var ingestion = Ingestion(into: district, defaultActor: actor, groupCommit: groupCommit, clock: DrillClock.forLog(district.store.header))
            // Lines read in linear time; one that is not UTF-8 or over 1 MiB is refused
            // where it stands, and the lines after it go on.
            var lines = FeedLines(fd: STDIN_FILENO)
            func report(_ refusals: [Ingestion.Refusal]) { for r in refusals { printError("line \(r.line): rejected: \(r.reason)") } }
            while let batch = lines.nextBatch() {
                var texts: [String] = []
                for line in batch {
                    switch line {
                    case .text(let text): texts.append(text); continue
                    case .notUTF8(let offset):
                        report(try ingestion.take(texts)); texts = []
                        report([ingestion.refuse("not valid UTF-8 (byte \(offset + 1) of the line)")])
                    case .tooLong(let bytes):
                        report(try ingestion.take(texts)); texts = []
                        report([ingestion.refuse("the line is \(bytes) bytes long; the limit is \(FeedLines.maximumLineBytes) bytes (1 MiB)")])
                    }
                }
                report(try ingestion.take(texts))
            }
            try district.store.flush()
            say("ingested \(ingestion.accepted) of \(ingestion.accepted + ingestion.refused) commands")
            if ingestion.refused > 0 { throw ExitCode(ExitStatus.refused) }
        }
    }
}
