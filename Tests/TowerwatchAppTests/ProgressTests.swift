import Testing
import TowerwatchApp
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// The progress line long commands show on standard error, on a clock moved by hand.
@Suite struct ProgressTests {
    @Test func `bytes, counts, rates and durations read the way people say them`() {
        #expect(ProgressText.bytes(0) == "0 B")
        #expect(ProgressText.bytes(512) == "512 B")
        #expect(ProgressText.bytes(16 << 10) == "16 KB")
        #expect(ProgressText.bytes(1536 << 10) == "1.5 MB")
        #expect(ProgressText.bytes(620 << 20) == "620 MB")
        #expect(ProgressText.bytes(Int(1.6 * Double(1 << 30))) == "1.6 GB")
        #expect(ProgressText.count(950) == "950")
        #expect(ProgressText.count(12_500) == "12.5k")
        #expect(ProgressText.count(310_000) == "310k")
        #expect(ProgressText.count(2_100_000) == "2.1M")
        #expect(ProgressText.rate(0.4) == "0.4", "a slow rate is not rounded to 0")
        #expect(ProgressText.rate(0) == "0")
        #expect(ProgressText.rate(41.2) == "41")
        #expect(ProgressText.duration(0.3) == "under 1 s")
        #expect(ProgressText.duration(7.4) == "7 s")
        #expect(ProgressText.duration(125) == "2 min 05 s")
        #expect(ProgressText.duration(3840) == "1 h 04 min")
        #expect(ProgressText.bar(0.5, cells: 10) == "█████░░░░░")
    }

    @Test func `the meter tells share, rate and time left from the moments handed in`() {
        var meter = ProgressMeter(totalBytes: 400 << 20, startMillis: 10_000)
        #expect(meter.bytesPerSecond == nil, "no rate before any time has passed")
        #expect(meter.secondsLeft == nil)
        meter.update(records: 1_000_000, offset: 100 << 20, at: 12_000)
        #expect(meter.percent == 25)
        #expect(meter.bytesPerSecond == Double(50 << 20))
        #expect(meter.recordsPerSecond == 500_000)
        #expect(meter.secondsLeft == 6, "300 MB left at 50 MB/s")
        #expect(meter.details == ["100 MB of 400 MB", "1M records", "50 MB/s", "6 s left"])
        #expect(meter.line(label: "verifying") == "verifying ███░░░░░░░░░ 25% · 100 MB of 400 MB · 1M records · 50 MB/s · 6 s left")
        #expect(meter.line(label: "verifying", width: 60) == "verifying 25% · 100 MB of 400 MB · 1M records · 50 MB/s",
                "a narrow terminal loses the bar first, then figures from the end")
        meter.update(records: 4_000_000, offset: 400 << 20, at: 18_000)
        #expect(meter.percent == 100)
        #expect(meter.secondsLeft == 0)
    }

    @Test func `a replay after a snapshot counts only the bytes after it`() {
        var meter = ProgressMeter(totalBytes: 300, startOffset: 100, startMillis: 0)
        meter.update(records: 10, offset: 150, at: 1_000)
        #expect(meter.percent == 25)
        #expect(meter.details.first == "50 B of 200 B")
    }

    @Test func `without a size (a database) the meter counts records`() {
        var meter = ProgressMeter(totalBytes: nil, startMillis: 0)
        meter.update(records: 300_000, offset: 300_000, at: 2_000)
        #expect(meter.percent == nil)
        #expect(meter.secondsLeft == nil)
        #expect(meter.details == ["300k records", "150k records/s"])
    }

    @Test func `the line waits half a second, redraws at most five times a second, and clears itself`() {
        var now = 0
        var written: [String] = []
        let line = ProgressLine(label: "reading the log", totalBytes: 1000, quiet: false, isTerminal: true,
                                clock: { now }, width: { 120 }, write: { written.append($0) })
        let stride = ReadProgress.stride
        now = 300
        line.note(records: stride, offset: 100)
        #expect(written.isEmpty, "work under half a second shows nothing")
        now = 600
        line.note(records: stride + 1, offset: 110)
        #expect(written.isEmpty, "between strides the clock is not even read")
        line.note(records: 2 * stride, offset: 200)
        #expect(written == ["\rreading the log ██░░░░░░░░░░ 20% · 200 B of 1000 B · 16.4k records · 333 B/s · 2 s left\u{1B}[K"])
        now = 700
        line.note(records: 3 * stride, offset: 300)
        #expect(written.count == 1, "not redrawn within a fifth of a second")
        now = 800
        line.note(records: 4 * stride, offset: 400)
        #expect(written.count == 2)
        line.finish()
        #expect(written.last == "\r\u{1B}[K", "cleared, so what follows starts on a clean line")
    }

    @Test func `nothing at all when standard error is not a terminal, or with --quiet`() {
        var written: [String] = []
        var now = 0
        for (terminal, quiet) in [(false, false), (true, true)] {
            let line = ProgressLine(label: "x", totalBytes: 10, quiet: quiet, isTerminal: terminal,
                                    clock: { now }, width: { 80 }, write: { written.append($0) })
            now += 5_000
            line.show(records: 1, offset: 5)
            #expect(line.reading == nil, "a library read is handed no progress to report to")
            line.finish()
        }
        #expect(written.isEmpty)
    }

    @Test func `a library read reports every stride records, with the offset reached`() {
        var reports: [(Int, Int)] = []
        var progress = ReadProgress { reports.append(($0, $1)) }
        for i in 1...(2 * ReadProgress.stride + 5) { progress.passed(i * 10) }
        #expect(reports.map(\.0) == [ReadProgress.stride, 2 * ReadProgress.stride])
        #expect(reports.map(\.1) == [ReadProgress.stride * 10, 2 * ReadProgress.stride * 10])
    }

    @Test func `live simulate's status line every few seconds: events written, simulated time, rate; cleared at the end`() {
        var now = 0
        var written: [String] = []
        let status = SimulationStatus(local: .utc, quiet: false, isTerminal: true, clock: { now }, write: { written.append($0) })
        let time = Timestamp(year: 2026, month: 11, day: 29, hour: 8)
        let record = EventRecord(seq: 1, time: time, actor: .system, event: .shiftEnded(shift: ShiftID("S-DAY")))
        status.wrote([record, record])
        now = 2_000
        status.tick()
        #expect(written.isEmpty, "not before a few seconds have passed")
        status.wrote([record])
        now = 5_000
        status.tick()
        #expect(written == ["\rsimulating · 3 events written · simulated time 2026-11-29 08:00:00 +00:00 · 0.6 events/s\u{1B}[K"])
        now = 6_000
        status.tick()
        #expect(written.count == 1)
        status.finish()
        #expect(written.last == "\r\u{1B}[K")
        let silent = SimulationStatus(local: .utc, quiet: true, isTerminal: true, clock: { now }, write: { written.append($0) })
        now = 60_000
        silent.tick()
        silent.finish()
        #expect(written.count == 2, "--quiet: nothing")
    }

    @Test func `a slow live run's summary gives its rate with a decimal, not 0 events/s`() {
        var report = SimulationReport()
        report.events = 3
        report.seconds = 7.9
        #expect(report.summary.first?.hasSuffix("(0.4 events/s)") == true, "\(report.summary.first ?? "")")
        report.events = 2_000
        report.seconds = 10
        #expect(report.summary.first?.hasSuffix("(200 events/s)") == true, "\(report.summary.first ?? "")")
    }
}
