import Testing
import TowerwatchCore

/// Local time as the district's officers read and type it: one formatter, zones passed in.
@Suite("Local time: zones, the shared formatter, typed times")
struct LocalTimeTests {
    static let shanghai = LocalTimeText(zone: .fixed("Asia/Shanghai", offsetSeconds: 8 * 3600))
    /// New York in 2026: EST (-05:00) until 8 March 07:00Z, EDT (-04:00) until 1 November 06:00Z.
    static let newYork = LocalTimeText(zone: ZoneRules(identifier: "America/New_York", initialOffset: -5 * 3600, changes: [
        .init(at: Timestamp(year: 2026, month: 3, day: 8, hour: 7), offset: -4 * 3600),
        .init(at: Timestamp(year: 2026, month: 11, day: 1, hour: 6), offset: -5 * 3600),
    ]))

    // 2026-11-29T06:15:02Z is 14:15:02 in Shanghai.
    let moment = Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15, second: 2)

    @Test func `a moment reads in the zone with its offset`() {
        let t = Self.shanghai
        #expect(t.clock(moment) == "14:15:02")
        #expect(t.clockMinutes(moment) == "14:15")
        #expect(t.zoneLabel(moment) == "+08:00")
        #expect(t.clockWithZone(moment) == "14:15:02 +08:00")
        #expect(t.dateTime(moment) == "2026-11-29 14:15:02 +08:00")
        #expect(t.iso8601(moment + .millis(250)) == "2026-11-29T14:15:02.250+08:00")
        #expect(LocalTimeText.utc.clockWithZone(moment) == "06:15:02 +00:00")
        #expect(LocalTimeText.offsetText(-12_600) == "-03:30")
    }

    @Test func `the local date changes at local midnight, not at UTC midnight`() {
        let t = Self.shanghai
        let lateUTC = Timestamp(year: 2026, month: 11, day: 29, hour: 16, minute: 30)   // 00:30 on the 30th in Shanghai
        #expect(t.date(lateUTC) == "2026-11-30")
        #expect(!t.sameDay(moment, lateUTC))
        #expect(LocalTimeText.utc.sameDay(moment, lateUTC))
        #expect(t.startOfDay(lateUTC) == Timestamp(year: 2026, month: 11, day: 29, hour: 16))
        // A feed row from before midnight carries its date; one from today does not.
        #expect(t.clock(moment, sameDayAs: lateUTC) == "11-29 14:15:02")
        #expect(t.clock(moment, sameDayAs: moment + .hours(1)) == "14:15:02")
        #expect(t.clock(moment, sameDayAs: moment + .days(400)) == "2026-11-29 14:15:02")
    }

    @Test func `a range gives its dates when it crosses a day and the zone once`() {
        let t = Self.shanghai
        #expect(t.range(moment, moment + .hours(2)) == "2026-11-29 14:15:02–16:15:02 +08:00")
        #expect(t.range(moment, moment + .hours(12)) == "2026-11-29 14:15:02 – 2026-11-30 02:15:02 +08:00")
    }

    @Test func `daylight saving moves the offset at the change and back`() {
        let t = Self.newYork
        let before = Timestamp(year: 2026, month: 3, day: 8, hour: 6, minute: 59)
        #expect(t.clockWithZone(before) == "01:59:00 -05:00")
        #expect(t.clockWithZone(before + .minutes(1)) == "03:00:00 -04:00")
        #expect(t.clockWithZone(Timestamp(year: 2026, month: 11, day: 1, hour: 5, minute: 30)) == "01:30:00 -04:00")
        #expect(t.clockWithZone(Timestamp(year: 2026, month: 11, day: 1, hour: 6, minute: 30)) == "01:30:00 -05:00")
        #expect(t.range(before, before + .minutes(1)) == "2026-03-08 01:59:00 -05:00 – 2026-03-08 03:00:00 -04:00")
    }

    @Test func `a local reading names one moment, in gaps and overlaps too`() {
        let z = Self.newYork.zone
        func local(_ d: Int, _ m: Int, _ h: Int, _ mi: Int) -> Int64 { Timestamp(year: 2026, month: m, day: d, hour: h, minute: mi).millis }
        #expect(z.moment(localMillis: local(1, 6, 12, 0)) == Timestamp(year: 2026, month: 6, day: 1, hour: 16))
        #expect(z.moment(localMillis: local(1, 1, 12, 0)) == Timestamp(year: 2026, month: 1, day: 1, hour: 17))
        // 01:30 on 1 November happens twice: the first (EDT) is meant.
        #expect(z.moment(localMillis: local(1, 11, 1, 30)) == Timestamp(year: 2026, month: 11, day: 1, hour: 5, minute: 30))
        // 02:30 on 8 March never happens: it lands after the change, at 03:30 EDT.
        #expect(z.moment(localMillis: local(8, 3, 2, 30)) == Timestamp(year: 2026, month: 3, day: 8, hour: 7, minute: 30))
    }

    @Test(arguments: [
        ("2026-11-29T14:15", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15)),
        ("2026-11-29 14:15:02", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15, second: 2)),
        ("2026-11-29T14:15:02.250", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15, second: 2, millisecond: 250)),
        ("2026-11-29", Timestamp(year: 2026, month: 11, day: 28, hour: 16)),
        ("2026-11-29T14:15+08:00", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15)),
        ("2026-11-29T14:15+0800", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15)),
        ("2026-11-29T14:15-05", Timestamp(year: 2026, month: 11, day: 29, hour: 19, minute: 15)),
        ("2026-11-29T14:15Z", Timestamp(year: 2026, month: 11, day: 29, hour: 14, minute: 15)),
        ("2026-11-29 14:15 +08:00", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15)),
        ("2026-11-29T06:15:02.000Z", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15, second: 2)),
        ("2026-11-29Z", Timestamp(year: 2026, month: 11, day: 29)),
        ("  2026-11-29T14:15 ", Timestamp(year: 2026, month: 11, day: 29, hour: 6, minute: 15)),
    ])
    func `typed times are local unless they carry Z or an offset`(text: String, expected: Timestamp) {
        #expect(TypedTime.parse(text, in: Self.shanghai) == expected)
    }

    @Test func `a bare time of day falls on the given day, in local terms`() {
        // The replay stands at 00:30 on 30 November in Shanghai (16:30Z on the 29th).
        let day = Timestamp(year: 2026, month: 11, day: 29, hour: 16, minute: 30)
        #expect(TypedTime.parse("14:15", in: Self.shanghai, day: day) == Timestamp(year: 2026, month: 11, day: 30, hour: 6, minute: 15))
        #expect(TypedTime.parse("14:15:30", in: Self.shanghai, day: day) == Timestamp(year: 2026, month: 11, day: 30, hour: 6, minute: 15, second: 30))
        #expect(TypedTime.parse("14:15Z", in: Self.shanghai, day: day) == Timestamp(year: 2026, month: 11, day: 30, hour: 14, minute: 15))
        #expect(TypedTime.parse("14:15", in: Self.shanghai) == nil, "without a day a bare time names nothing")
    }

    @Test(arguments: ["", "garbage", "2026-13-01", "2026-02-29", "2026-11-29T24:00", "2026-11-29T14:60", "2026-11-29X14:15",
                      "2026-11-29T14:15+8", "2026-11-29T14:15+08:7", "2026-11-29T14:15+15:00", "2026-11-29T14:15:3",
                      "2026-11-29T14:15:00.00A", "14", "1415", "14:15 tomorrow", "２０２６-11-29", "2026-11-29+08:00"])
    func `anything else is not a time`(text: String) {
        #expect(TypedTime.parse(text, in: Self.shanghai, day: moment) == nil)
    }

    @Test func `a time outside the range is refused with the range, and so is one that cannot be read`() {
        let range = moment...(moment + .hours(3))
        #expect(TypedTime.resolve("15:00", in: Self.shanghai, day: moment, within: range) == .success(moment + .minutes(44) + .seconds(58)))
        guard case .failure(let late) = TypedTime.resolve("18:00", in: Self.shanghai, day: moment, within: range) else {
            Issue.record("18:00 lies after the range"); return
        }
        #expect(late.description == "18:00 (2026-11-29 18:00:00 +08:00) is outside the log: it runs 2026-11-29 14:15:02–17:15:02 +08:00")
        guard case .failure(let bad) = TypedTime.resolve("25:00", in: Self.shanghai, day: moment, within: range) else {
            Issue.record("25:00 is not a time"); return
        }
        #expect(bad.unreadable)
        #expect(bad.description.hasPrefix("not a time: 25:00"))
        #expect(bad.description.hasSuffix("the log runs 2026-11-29 14:15:02–17:15:02 +08:00"))
    }
}
