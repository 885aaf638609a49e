import TowerwatchCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// The demo and the simulator must give the same district and the same stream
/// for the same seed on every machine and every toolchain, so they never use the
/// system generator nor the standard library's `random(in:using:)` (whose
/// algorithm may change between Swift releases). Every draw goes through the
/// methods below, whose arithmetic is fixed here.
public struct DemoRandom: Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // the all-zero state never leaves zero
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in `range` (multiply-shift; the bias is below 2^-40 for the small ranges used here).
    @inline(__always)
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// A uniform integer in `0..<count`; `count` must be positive.
    @inline(__always)
    public mutating func index(_ count: Int) -> Int { int(0...(count - 1)) }

    /// A uniform real number in [0, 1), from the top 53 bits.
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[index(items.count)] }

    /// A waiting time with the given mean, exponentially distributed (a Poisson process's gaps).
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// A span drawn uniformly between two lengths in seconds, with millisecond resolution.
    public mutating func seconds(_ range: ClosedRange<Int>) -> Span {
        Span(millis: Int64(int((range.lowerBound * 1000)...(range.upperBound * 1000))))
    }

    /// A derived generator for an independent stream (the district's names, one simulator task).
    public mutating func fork() -> DemoRandom { DemoRandom(seed: next()) }
}

/// SplitMix64: spreads one 64-bit seed into well-mixed words to seed xoshiro.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
