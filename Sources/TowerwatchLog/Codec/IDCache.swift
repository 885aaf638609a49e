import TowerwatchCore

/// Short ids a reader has decoded before, found again by their bytes, with the
/// hash each id carries (`ID.hashKey`, the `String`'s own).
///
/// A replay meets the same few hundred guard, checkpoint and tower ids millions of
/// times. Making each one afresh means validating its bytes, building a `String`
/// and hashing it; finding it here costs a word-wise compare. Only plain ids are
/// kept: 1 to 16 bytes of printable ASCII with no backslash, so the bytes are
/// exactly the id's text (nothing to unescape, nothing to validate). Anything else
/// takes the general path. Each id has two slots; a new one takes the first and
/// moves what was there to the second.
///
final class IDCache {
    /// Slots for reading a whole log: the demo district has about 600 ids that recur.
    static let replaySlots = 4096

    /// The slots themselves, as plain pointers: a reader copies this and uses it
    /// with no reference counting; this object only owns and frees them.
    let table: IDTable

    /// `slots` is rounded up to a power of two, at least 2.
    init(slots: Int) {
        var size = 2 // at least one pair of slots
        while size < slots { size <<= 1 }
        table = IDTable(size: size)
    }

    deinit { table.free() }
}

/// The slots of an `IDCache`. Raw buffers behind `let`s: no reference counting
/// and no run-time exclusivity checks when a reader uses them.
struct IDTable {
    private let low: UnsafeMutablePointer<UInt64>
    private let high: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<Int>
    private let texts: UnsafeMutablePointer<String>
    private let hashes: UnsafeMutablePointer<Int>
    private let size: Int

    fileprivate init(size: Int) {
        self.size = size
        low = .allocate(capacity: size); low.initialize(repeating: 0, count: size)
        high = .allocate(capacity: size); high.initialize(repeating: 0, count: size)
        lengths = .allocate(capacity: size); lengths.initialize(repeating: -1, count: size)
        texts = .allocate(capacity: size); texts.initialize(repeating: "", count: size)
        hashes = .allocate(capacity: size); hashes.initialize(repeating: 0, count: size)
    }

    fileprivate func free() {
        texts.deinitialize(count: size)
        low.deallocate(); high.deallocate(); lengths.deallocate(); texts.deallocate(); hashes.deallocate()
    }

    /// The id whose text is exactly `p[from..<end]`, or nil when those bytes are not
    /// a plain short id. `slack` bytes after `end` are readable.
    @inline(__always)
    func id<T>(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int, slack: Int) -> ID<T>? {
        let n = end &- from
        guard n > 0, n <= 16 else { return nil }
        let (w0, valid0) = FieldReader.word(p, from, end, slack)
        let (w1, valid1) = n > 8 ? FieldReader.word(p, from &+ 8, end, slack) : (0, 0)
        guard IDTable.plain(w0, valid0), valid1 == 0 || IDTable.plain(w1, valid1) else { return nil }
        // Two slots per id, the newest first: a few hundred ids that recur in a few
        // thousand slots would otherwise share one now and then and push each other
        // out on every use.
        let slot = IDTable.slot(w0, w1, n) & (size &- 1)
        if lengths[slot] == n && low[slot] == w0 && high[slot] == w1 { return ID(texts[slot], hashKey: hashes[slot]) }
        let second = slot ^ 1
        if lengths[second] == n && low[second] == w0 && high[second] == w1 { return ID(texts[second], hashKey: hashes[second]) }
        let id = ID<T>(String(decoding: UnsafeBufferPointer(start: p + from, count: n), as: UTF8.self))
        low[second] = low[slot]; high[second] = high[slot]; lengths[second] = lengths[slot]
        texts[second] = texts[slot]; hashes[second] = hashes[slot]
        low[slot] = w0; high[slot] = w1; lengths[slot] = n; texts[slot] = id.raw; hashes[slot] = id.hashKey
        return id
    }

    /// Which slot an id's bytes (two zero-padded words, `n` of them real) belong in.
    /// Ids differ in a few digits in the middle of a word, so every bit of the
    /// words is mixed into the low bits (a 64-bit finaliser); a bare multiply left
    /// 324 checkpoint ids in 157 slots.
    @inline(__always)
    static func slot(_ w0: UInt64, _ w1: UInt64, _ n: Int) -> Int {
        var h = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: n)
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    /// Whether the real bytes of `w` (those in `valid`) are printable ASCII, not `\`.
    @inline(__always)
    static func plain(_ w: UInt64, _ valid: UInt64) -> Bool {
        let control = SWAR.below(w, 0x20) | SWAR.zeroBytes(w ^ SWAR.ones &* 0x7F)
        let backslash = SWAR.zeroBytes(w ^ SWAR.ones &* 0x5C)
        return (control | backslash | (w & SWAR.highs)) & valid == 0
    }
}
