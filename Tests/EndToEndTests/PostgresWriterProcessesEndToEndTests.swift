import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Eight writer processes (the real binary, not threads) on one district at once,
/// on a file and on PostgreSQL: every command a writer acknowledged is in the log
/// exactly once, and the sequence has no gap and no repeat.
///
/// Half the writers append each command durably on its own, half with group
/// commit (a batch decided under one lock), so both write paths race. Each run
/// is bounded by `timeout`: a writer that hangs on the lock fails the test.
@Suite(.serialized) struct PostgresWriterProcessesEndToEndTests {
    static let writers = 8
    static let scansPerWriter = 60

    enum Store: String, CaseIterable, Sendable { case file, postgres }

    @Test(arguments: Store.allCases)
    func eightWriterProcessesLoseAndDoubleNothing(_ store: Store) throws {
        let dir = try PostgresEndToEndTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log: String
        switch store {
        case .file: log = dir + "/district.twlog"
        case .postgres:
            guard let url = PostgresEndToEndTests.district("writers") else { return }
            log = url
        }
        func run(_ arguments: [String]) throws -> String { try PostgresEndToEndTests.run(arguments) }
        try run(["init", "--log", log])
        let guards = (1...Self.writers).map { String(format: "G-%03d", $0) }
        for g in guards { try run(["on-duty", g, "--as", "O-01", "--log", log]) }
        let before = try Self.records(log)

        // Each writer's feed: its own guard's scans, alternating checkpoints.
        for (w, g) in guards.enumerated() {
            let lines = (0..<Self.scansPerWriter).map { i in
                "{\"as\":\"\(g)\",\"command\":\"scan\",\"checkpoint\":\"T01-CP0\(1 + i % 3)\"}"
            }
            try (lines.joined(separator: "\n") + "\n").write(toFile: "\(dir)/feed\(w).jsonl", atomically: true, encoding: .utf8)
        }
        let binary = try PostgresEndToEndTests.binary()
        let q = TmuxHarness.shellQuote
        let results = ResultList()
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: Self.writers) { w in
            let mode = w < Self.writers / 2 ? "" : " --group-commit"
            let script = "timeout 120 \(q(binary)) ingest --log \(q(log))\(mode) < \(q("\(dir)/feed\(w).jsonl"))"
            do {
                results.add(w, try Subprocess.run(["sh", "-c", script]))
            } catch {
                results.add(w, Subprocess.Result(status: -1, output: "\(error)"))
            }
        }
        let elapsed = Date().timeIntervalSince(started)

        // Every writer acknowledged all its commands.
        for w in 0..<Self.writers {
            let result = results.get(w)
            #expect(result?.status == 0, "writer \(w) exited \(result?.status ?? -1): \(result?.output ?? "")")
            #expect(result?.output.contains("ingested \(Self.scansPerWriter) of \(Self.scansPerWriter) commands") == true,
                    "writer \(w): \(result?.output ?? "")")
        }
        #expect(elapsed < 120)

        // Gapless, no repeat; each guard's scans exactly once.
        let all = try Self.records(log)
        #expect(all.map(\.seq) == Array(1...all.count), "the sequence has a gap or a repeat")
        #expect(all.count == before.count + Self.writers * Self.scansPerWriter)
        for g in guards {
            let scans = all.dropFirst(before.count).filter { $0.type == "CheckpointScanned" && $0.actor == "guard:\(g)" }
            #expect(scans.count == Self.scansPerWriter, "\(g): \(scans.count) scans in the log")
        }
        #expect(try run(["log", "verify", log]).contains("sound"))
    }

    /// The log's records as `log dump` prints them: sequence, type and actor.
    static func records(_ log: String) throws -> [(seq: Int, type: String, actor: String)] {
        let dump = try PostgresEndToEndTests.run(["log", "dump", log])
        return try dump.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let seq = object["seq"] as? Int, let type = object["type"] as? String, let actor = object["actor"] as? String else {
                throw PostgresEndToEndTests.Failed(description: "not a record: \(line)")
            }
            return (seq, type, actor)
        }
    }
}

/// Results of processes run from several threads at once.
final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int: Subprocess.Result] = [:]
    func add(_ index: Int, _ result: Subprocess.Result) { lock.lock(); items[index] = result; lock.unlock() }
    func get(_ index: Int) -> Subprocess.Result? { lock.lock(); defer { lock.unlock() }; return items[index] }
}
