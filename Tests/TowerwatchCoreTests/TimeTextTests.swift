import Testing
import TowerwatchCore

/// Moments as the log writes them and people type them; spans as the console shows them.
@Suite("Timestamp and Span text")
struct TimeTextTests {
    @Test(arguments: [
        (Timestamp(millis: 0), "1970-01-01T00:00:00.000Z"),
        (Timestamp(millis: 1_795_940_100_250), "2026-11-29T08:15:00.250Z"),
        (Timestamp(millis: 1_709_208_000_000), "2024-02-29T12:00:00.000Z"),
        (Timestamp(millis: 951_782_400_000), "2000-02-29T00:00:00.000Z"),
        (Timestamp(millis: 4_107_542_400_000), "2100-03-01T00:00:00.000Z"),
        (Timestamp(millis: 1_735_689_599_999), "2024-12-31T23:59:59.999Z"),
    ])
    func `ISO text of known moments, leap days included`(moment: Timestamp, text: String) {
        #expect(moment.iso8601 == text)
        #expect(moment.description == text)
        #expect(Timestamp.parse(text) == moment)
    }

    @Test func `civil fields build the same moment the log text names`() {
        #expect(Timestamp(year: 2024, month: 2, day: 29, hour: 12) == Timestamp(millis: 1_709_208_000_000))
        #expect(Timestamp(year: 2026, month: 11, day: 29, hour: 8, minute: 15, millisecond: 250) == Timestamp(millis: 1_795_940_100_250))
        // 2100 is not a leap year: the day after 28 February is 1 March.
        #expect(Timestamp(year: 2100, month: 2, day: 28) + .days(1) == Timestamp(year: 2100, month: 3, day: 1))
        #expect(Timestamp(year: 2000, month: 2, day: 28) + .days(1) == Timestamp(year: 2000, month: 2, day: 29))
        let f = Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58, millisecond: 7).fields
        #expect(f.year == 2024 && f.month == 2 && f.day == 29 && f.hour == 23 && f.minute == 59 && f.second == 58 && f.millisecond == 7)
    }

    @Test func `every millisecond-precise moment round-trips through the log text`() {
        var t = Timestamp(year: 2023, month: 12, day: 31, hour: 22)
        let step = Span.hours(7) + Span(millis: 123_457)
        for _ in 0..<2_000 {    // a bit over a year and a half, crossing 29 February 2024
            #expect(Timestamp.parse(t.iso8601) == t, "\(t.iso8601)")
            t = t + step
        }
    }

    @Test(arguments: [
        ("2026-03-02", Timestamp(year: 2026, month: 3, day: 2)),
        ("2026-03-02T08:15", Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 15)),
        ("2026-03-02 08:15", Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 15)),
        ("2026-03-02T08:15:30", Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 15, second: 30)),
        ("2026-03-02T08:15:30Z", Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 15, second: 30)),
        ("2024-02-29", Timestamp(year: 2024, month: 2, day: 29)),
    ])
    func `typed times in the shorter forms`(text: String, moment: Timestamp) {
        #expect(Timestamp.parse(text) == moment)
    }

    @Test(arguments: ["", "garbage", "2026-13-01", "2026-00-10", "2026-03-32", "2026-3-2", "2026-03-02T24:00",
                      "2026-03-02T08:60", "2026-03-02T08:15:3", "2026-03-02X08:15", "2026-03-02T08:15:00.000",
                      "2026-03-02T08:15:00.00AZ", "２０２６-03-02"])
    func `anything else does not parse`(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test(arguments: ["2023-02-29", "2026-04-31", "2100-02-29", "2023-02-29T00:00:00.000Z"])
    func `a day the month does not have does not parse`(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func `clock text is the UTC time of day`() {
        #expect(Timestamp(year: 2026, month: 3, day: 2, hour: 8, minute: 5, second: 9).clockText == "08:05:09")
    }

    @Test func `timestamps and spans do arithmetic`() {
        #expect(t0 + .minutes(5) - t0 == .minutes(5))
        #expect(t0 - .hours(1) < t0)
        #expect((t0 - (t0 + .seconds(3))).millis == -3000)
        #expect(Span.minutes(1) * 3 == .seconds(180))
        #expect(Span.days(1) == .hours(24))
        #expect(Span(millis: 2_999).seconds == 2)
    }

    static let spanTexts: [(Span, String)] = [
        (Span(millis: 0), "0s"),
        (Span(millis: 999), "0s"),
        (.seconds(42), "42s"),
        (Span(millis: 59_999), "59s"),
        (.seconds(60), "1m00s"),
        (.seconds(245), "4m05s"),
        (.seconds(3599), "59m59s"),
        (.hours(1), "1h00m"),
        (.minutes(62), "1h02m"),
        (.hours(23) + .minutes(59) + .seconds(59), "23h59m"),
        (.days(1), "1d00h"),
        (.days(3) + .hours(4) + .minutes(59), "3d04h"),
        (.days(2191), "2191d00h"),
        (.seconds(-90), "-1m30s"),
        (.seconds(-5), "-5s"),
    ]

    @Test(arguments: spanTexts)
    func `Span compact text`(span: Span, text: String) {
        #expect(span.compact == text)
        #expect(span.description == text)
    }

    @Test func `a manual clock moves only when told`() {
        let clock = ManualClock(t0)
        #expect(clock.now() == t0)
        clock.advance(by: .seconds(90))
        #expect(clock.now() == t0 + .seconds(90))
        clock.set(setUpTime)
        #expect(clock.now() == setUpTime)
    }
}
