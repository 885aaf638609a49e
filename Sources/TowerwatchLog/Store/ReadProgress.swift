/// Tells someone watching how far a long read has got, every `stride` records.
///
/// Reading a large log is the hottest loop there is (millions of records a second),
/// so the only cost per record is a countdown: the watcher's closure, which may look
/// at the clock and draw, runs once per `stride` records. Pass it by value into a
/// read (`var progress = progress`, then `progress?.passed(next.offset)` per record).
public struct ReadProgress {
    /// Records between two reports: small enough for several reports a second on
    /// the slowest build, large enough to cost nothing on the fastest.
    public static let stride = 8192

    /// Told the records read so far and the byte offset reached.
    public typealias Report = (_ records: Int, _ offset: Int) -> Void

    private let report: Report
    private var countdown = ReadProgress.stride
    private var records = 0

    public init(_ report: @escaping Report) { self.report = report }

    /// One more record read, ending at byte `offset`.
    @inline(__always)
    public mutating func passed(_ offset: Int) {
        countdown &-= 1
        if countdown == 0 { reportStride(offset) }
    }

    private mutating func reportStride(_ offset: Int) {
        countdown = Self.stride
        records &+= Self.stride
        report(records, offset)
    }
}
