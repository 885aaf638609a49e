import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchLog

/// Several processes append scans and several officers dispatch the same guards
/// at once: the sequence stays contiguous, no record is interleaved or repeated,
/// no guard ends on two open dispatches, and the losers are told why.
@Suite struct ConcurrencyTests {
    @Test func processesAppendAndDispatchAtOnce() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/race.twlog"
        let district = try LogFixture.makeDistrict(at: path)
        for (k, o) in LogFixture.officers.enumerated() {
            try LogFixture.mustExecute(district, Command(.officer(o), .reportHazard(HazardReport(
                category: .dispute, source: .officer, tower: "T01", floor: "\(k + 1)", zone: "lobby", note: "race \(k)"))))
        }
        let setupCount = Int(district.position.seq)
        let contested = Array(LogFixture.guards[0..<6])
        let scanners = Array(LogFixture.guards[6..<10])
        let scansEach = 25
        let startFile = dir + "/go"

        var dispatchers: [ChildProcess] = []
        for (k, o) in LogFixture.officers.enumerated() {
            let order = Array(contested[(k % contested.count)...] + contested[..<(k % contested.count)])
            dispatchers.append(try ChildProcess.start(["_exercise", "dispatch", "--log", path, "--as", o.raw,
                                                       "--hazard", "H-00000\(k + 1)", "--guards", order.map(\.raw).joined(separator: ","),
                                                       "--start-file", startFile], in: dir))
        }
        var appenders: [ChildProcess] = []
        for (k, g) in scanners.enumerated() {
            appenders.append(try ChildProcess.start(["_exercise", "append", "--log", path, "--count", "\(scansEach)",
                                                     "--guard", g.raw, "--checkpoint", LogFixture.checkpoints[k % 3].raw,
                                                     "--start-file", startFile], in: dir))
        }
        usleep(300_000) // let them all start and replay; then release them at once
        let fd = open(startFile, O_CREAT | O_WRONLY, 0o600)
        close(fd)
        for i in dispatchers.indices { #expect(dispatchers[i].wait(timeout: 30) == 0, "dispatcher \(i): \(dispatchers[i].stderr)") }
        for i in appenders.indices { #expect(appenders[i].wait(timeout: 30) == 0, "appender \(i): \(appenders[i].stderr)") }

        // The file replays: checksums, contiguous sequence, every event possible.
        let store = try FileEventStore(path: path, writable: false)
        let replay = try DistrictLog(store: store)
        #expect(store.notices.isEmpty)
        let records = try LogFixture.records(path)
        let lines = LogFixture.lines(LogFixture.contents(path))
        #expect(lines.count == records.count + 1, "every line is one whole record")
        #expect(Set(lines).count == lines.count, "a line appears twice")
        #expect(records.map(\.seq) == Array(1...UInt64(records.count)))

        // Appenders: each reported its scans; all distinct, each the right guard's.
        var allScanSeqs: [UInt64] = []
        for (k, child) in appenders.enumerated() {
            let seqs = child.stdout.split(separator: "\n").compactMap { UInt64($0) }
            #expect(seqs.count == scansEach, "appender \(k) reported \(seqs.count)")
            #expect(seqs == seqs.sorted())
            for s in seqs where s >= 1 && Int(s) <= records.count {
                #expect(records[Int(s) - 1].event == .checkpointScanned(guard: scanners[k], checkpoint: LogFixture.checkpoints[k % 3]))
            }
            allScanSeqs += seqs
        }
        #expect(Set(allScanSeqs).count == scanners.count * scansEach, "two appenders were given one sequence number")

        // Dispatchers: every contested guard won exactly once; everyone else was told why.
        var wins: [String: Int] = [:]
        var rejections = 0
        for (k, child) in dispatchers.enumerated() {
            let out = child.stdout.split(separator: "\n").map(String.init)
            #expect(out.count == contested.count, "dispatcher \(k): \(out)")
            for line in out {
                if line.hasPrefix("dispatched ") {
                    wins[String(line.split(separator: " ")[1]), default: 0] += 1
                } else {
                    rejections += 1
                    #expect(line.hasPrefix("rejected G-0") && line.contains("already holds open dispatch"), "dispatcher \(k): \(line)")
                }
            }
        }
        #expect(wins == Dictionary(uniqueKeysWithValues: contested.map { ($0.raw, 1) }), "\(wins)")
        #expect(rejections == contested.count * (LogFixture.officers.count - 1))
        let dispatched = records.compactMap { r -> (GuardID, DispatchID)? in
            if case let .guardDispatched(d, _, g) = r.event { return (g, d) } else { return nil }
        }
        #expect(dispatched.count == contested.count)
        #expect(Set(dispatched.map(\.1)).count == contested.count, "a dispatch id was used twice")
        var openByGuard: [GuardID: Int] = [:]
        for d in replay.state.dispatches.values where d.isOpen { openByGuard[d.guard, default: 0] += 1 }
        #expect(openByGuard.values.allSatisfy { $0 == 1 }, "a guard is on two open dispatches: \(openByGuard)")
        #expect(Set(openByGuard.keys) == Set(contested))
        #expect(records.count == setupCount + scanners.count * scansEach + contested.count)
    }
}
