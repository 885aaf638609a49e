import TowerwatchCore

/// The district's clock of shifts: day 07:00-19:00, night 19:00-07:00, and three
/// rosters that take turns, so a third of the guards are on duty at any time
/// (each roster works one 12-hour shift, then has 24 hours off).
///
/// Times of day are read from the timestamp's UTC fields, the same fields the
/// console shows, so the lunch peak appears at 11:30 on screen.
enum ShiftCalendar {
    static let shiftLength: Int64 = 12 * 3_600_000
    static let dayStart: Int64 = 7 * 3_600_000
    static let rosters = 3

    /// The shift slot a moment belongs to: slot 0 is the day shift of 1970-01-01.
    static func slot(at t: Timestamp) -> Int64 { floorDiv(t.millis - dayStart, shiftLength) }
    static func start(of slot: Int64) -> Timestamp { Timestamp(millis: slot * shiftLength + dayStart) }
    static func isDay(_ slot: Int64) -> Bool { floorMod(slot, 2) == 0 }
    /// Which roster (0, 1 or 2) works this slot.
    static func roster(of slot: Int64) -> Int { Int(floorMod(slot, Int64(rosters))) }

    static func shiftID(_ slot: Int64) -> ShiftID {
        let f = start(of: slot).fields
        return ShiftID("S-\(pad(f.year, 4))\(pad(f.month, 2))\(pad(f.day, 2))-\(isDay(slot) ? "D" : "N")")
    }

    static func shiftName(_ slot: Int64) -> String {
        let f = start(of: slot).fields
        let date = "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))"
        return isDay(slot) ? "白班 Day \(date) 07:00-19:00" : "夜班 Night \(date) 19:00-07:00"
    }

    /// Minutes since midnight, 0..<1440.
    static func minuteOfDay(_ t: Timestamp) -> Int { Int(floorMod(t.millis, 86_400_000) / 60_000) }

    /// Saturday or Sunday (1970-01-01 was a Thursday).
    static func isWeekend(_ t: Timestamp) -> Bool {
        let weekday = floorMod(floorDiv(t.millis, 86_400_000) + 4, 7)  // 0 = Sunday
        return weekday == 0 || weekday == 6
    }
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
@inline(__always) func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
