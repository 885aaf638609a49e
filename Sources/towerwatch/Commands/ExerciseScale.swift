import ArgumentParser
import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchApp
import TowerwatchUI

/// Measures what the scale issue asks: open to first frame, seeking in replay,
/// peak memory. Hidden; used by Benchmarks/scale.sh.
struct ExerciseOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Time from open to a first composed 200x60 frame.")
    @Argument var path: String
    @Flag var noSnapshots = false

    func run() throws {
        let started = monotonicMillis()
        let store = try FileEventStore(path: path, writable: false)
        let district = try DistrictLog.open(store, useSnapshots: !noSnapshots)
        let opened = monotonicMillis()
        let now = district.state.lastTime ?? Timestamp(millis: 0)
        let local = SystemZones.localTime(for: district.state).time
        let rows = ConsoleRows(state: district.state, recent: district.recent, now: now, policy: .standard, time: local)
        let frame = ConsoleFrame(state: district.state, recent: district.recent, now: now, theme: .standard, logName: "x", time: local)
        _ = ConsoleScreen.render(ConsoleModel(), frame, rows: rows, size: Size(width: 200, height: 60))
        let drawn = monotonicMillis()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("records \(district.position.seq), from snapshot \(district.openedFromSnapshot), open \(opened - started) ms, "
              + "first frame \(drawn - started) ms, peak RSS \(usage.ru_maxrss / 1024) MB")
    }
}

struct ExerciseSeek: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seek", abstract: "Seek a replay to random times; print latency percentiles.")
    @Argument var path: String
    @Option var count: Int = 50
    @Option var seed: UInt64 = 1

    func run() throws {
        let started = monotonicMillis()
        let cursor = try ReplayCursor(store: FileEventStore(path: path, writable: false))
        let indexed = monotonicMillis()
        guard let first = cursor.firstTime, let last = cursor.lastTime else { return }
        var state = seed
        var times: [Int] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let t = Timestamp(millis: first.millis + Int64((state >> 11) % UInt64(max(1, last.millis - first.millis))))
            let a = monotonicMillis()
            try cursor.seek(to: t)
            times.append(monotonicMillis() - a)
        }
        times.sort()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("waypoints \(cursor.waypoints.count), index \(indexed - started) ms, seeks \(count): p50 \(times[count / 2]) ms, "
              + "p99 \(times[min(count - 1, count * 99 / 100)]) ms, max \(times.last!) ms, peak RSS \(usage.ru_maxrss / 1024) MB")
    }
}
