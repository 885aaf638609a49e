import CTowerwatchCodec

/// CRC-32C (Castagnoli) checksums and the 8-hex-digit form the log writes them in.
///
/// Every log line ends in the CRC-32C of the bytes before its final tab, so replay
/// checksums every byte it reads. Where the CPU has a CRC-32C instruction (SSE4.2
/// `crc32` on x86_64, the CRC extension on arm64) the checksum runs on it, through the
/// small C module `CTowerwatchCodec`; elsewhere it is slicing-by-8 over raw buffers. A
/// byte-at-a-time table runs at a few hundred MB/s and slicing-by-8 at about 2 GB/s;
/// the instruction checks a 100-byte record in about 6 ns instead of 45 (x86_64), which
/// keeps the checksum a small part of the per-record replay cost. Both paths give the
/// same values, and the tests hold each to a bit-at-a-time reference.
///
/// The checksum uses the reflected polynomial 0x82F63B78 with initial value and final
/// XOR of 0xFFFFFFFF (the iSCSI / ext4 / SSE4.2 `crc32` variant), so values agree with
/// other tools: the check value of "123456789" is 0xE3069283.
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F63B78

    /// Eight 256-entry tables laid out one after another (`table[k * 256 + byte]`).
    ///
    /// Table 0 is the classic byte-wise table; table k advances a byte's contribution
    /// by k further zero bytes, which lets the loop fold eight input bytes per step with
    /// independent look-ups. A `static let` is computed once, lazily and thread-safely.
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 {
                c = (c & 1) != 0 ? (c >> 1) ^ polynomial : c >> 1
            }
            t[i] = c
        }
        for k in 1..<8 {
            for i in 0..<256 {
                let previous = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    /// Returns the CRC-32C of `bytes`, continuing from `seed`.
    ///
    /// `seed` is a previous result, not a raw register value: `checksum(b, seed:
    /// checksum(a))` equals the checksum of `a` followed by `b`, so a record can be
    /// checksummed in pieces without first being copied into one buffer.
    @inlinable
    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        update(seed, bytes)
    }

    /// Returns the CRC-32C of `bytes`, continuing from `seed` (see the raw-buffer form).
    @inlinable
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt32 = 0) -> UInt32 {
        update(seed, UnsafeRawBufferPointer(bytes))
    }

    /// Returns the CRC-32C of `bytes`, continuing from `seed` (see the raw-buffer form).
    @inlinable
    public static func checksum(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { update(seed, $0) }
    }

    /// Returns the CRC-32C of the UTF-8 bytes of `string`, continuing from `seed`.
    public static func checksum(_ string: String, seed: UInt32 = 0) -> UInt32 {
        // Native Swift strings are contiguous UTF-8, so this almost never copies;
        // bridged or shared strings fall back to one temporary array.
        if let result = string.utf8.withContiguousStorageIfAvailable({
            update(seed, UnsafeRawBufferPointer($0))
        }) {
            return result
        }
        return checksum(Array(string.utf8), seed: seed)
    }

    /// Whether this CPU has the CRC-32C instruction, asked once (a `static let` is
    /// computed lazily and thread-safely); after that `update` pays a couple of loads
    /// and a well-predicted branch per call.
    static let hardwareAvailable: Bool = tw_crc32c_hw_available() != 0

    /// The kernel behind every `checksum`: the CPU instruction where there is one,
    /// slicing-by-8 otherwise. `@usableFromInline` so the public wrappers inline into
    /// callers while the choice and the tables stay an implementation detail.
    ///
    /// `seed` and the result are finished checksums (the register is inverted on the
    /// way in and out), which is what makes `checksum(b, seed: checksum(a))` continue a
    /// checksum; the C function takes and returns the same finished values.
    @usableFromInline
    static func update(_ seed: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        hardwareAvailable ? hardwareUpdate(seed, bytes) : softwareUpdate(seed, bytes)
    }

    /// The hardware kernel (`tw_crc32c_hw` in `CTowerwatchCodec`). Same seed convention
    /// as `update`.
    ///
    /// - Precondition: `hardwareAvailable`; on a CPU without the instruction this
    ///   traps on an illegal instruction.
    @inline(__always)
    static func hardwareUpdate(_ seed: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return seed }
        // The pointer only passes through to C, where uint8_t may alias any memory;
        // Swift never reads through it as UInt8.
        return tw_crc32c_hw(seed, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// The slicing-by-8 kernel: the path on CPUs without the instruction, and the one
    /// tests hold the hardware path against. Same seed convention as `update`.
    /// Never inlined, so that `update` stays small enough to inline into its callers.
    @inline(never)
    static func softwareUpdate(_ seed: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = ~seed
        guard var p = bytes.baseAddress, bytes.count > 0 else { return seed }
        var remaining = bytes.count
        // Borrow the table storage once per call: indexing the array inside the loop
        // would pay for bounds checks and a retain on every byte.
        return tables.withUnsafeBufferPointer { tablesBuffer -> UInt32 in
            let t = tablesBuffer.baseAddress!
            while remaining >= 8 {
                // Little-endian load: the reflected CRC consumes the lowest byte first.
                let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                let lo = UInt32(truncatingIfNeeded: word) ^ crc
                let hi = UInt32(truncatingIfNeeded: word >> 32)
                crc = t[7 * 256 + Int(lo & 0xFF)]
                    ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)]
                    ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)]
                    ^ t[Int(hi >> 24)]
                p += 8
                remaining &-= 8
            }
            while remaining > 0 {
                let byte = p.load(as: UInt8.self)
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(byte)) & 0xFF)]
                p += 1
                remaining &-= 1
            }
            return ~crc
        }
    }

    // MARK: - Hex form

    @inline(__always)
    static func hexDigit(_ nibble: UInt32) -> UInt8 {
        // Arithmetic instead of a table look-up: branch-free and needs no storage.
        let n = UInt8(truncatingIfNeeded: nibble & 0xF)
        return n < 10 ? 0x30 &+ n : 0x61 &- 10 &+ n
    }

    /// Returns `value` as exactly 8 lowercase hex digits (ASCII bytes), most
    /// significant first, e.g. `e3069283`.
    public static func hex8(_ value: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8)
        appendHex8(value, to: &out)
        return out
    }

    /// Appends `value` as 8 lowercase hex digits to `out`, so a writer can build a
    /// whole line in one buffer without a temporary array per record.
    public static func appendHex8(_ value: UInt32, to out: inout [UInt8]) {
        var shift: UInt32 = 28
        for _ in 0..<8 {
            out.append(hexDigit(value >> shift))
            shift &-= 4
        }
    }

    /// Writes `value` as 8 lowercase hex digits to `destination[0..<8]`.
    ///
    /// - Precondition: `destination` has room for 8 bytes.
    public static func writeHex8(_ value: UInt32, to destination: UnsafeMutablePointer<UInt8>) {
        var shift: UInt32 = 28
        for i in 0..<8 {
            destination[i] = hexDigit(value >> shift)
            shift &-= 4
        }
    }

    /// Parses exactly 8 lowercase hex digits; returns nil for any other length or byte.
    ///
    /// Uppercase digits are rejected on purpose: the writer only produces lowercase, so
    /// accepting both would let two spellings of one line pass the check.
    @inlinable
    public static func parseHex8(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard bytes.count == 8, let p = bytes.baseAddress else { return nil }
        return parseHex8(at: p)
    }

    /// Parses exactly 8 lowercase hex digits from `bytes` (see the buffer form).
    public static func parseHex8(_ bytes: [UInt8]) -> UInt32? {
        bytes.withUnsafeBufferPointer { parseHex8($0) }
    }

    /// Parses the 8 lowercase hex digits at `p[0..<8]`; returns nil if any is not one.
    ///
    /// One 8-byte load, checked and converted with SWAR arithmetic (each byte a lane of
    /// a `UInt64`): about thirty branch-free instructions and a single branch, instead
    /// of a loop with two range tests per digit. Uppercase and every other byte are
    /// refused as before.
    ///
    /// - Precondition: 8 bytes are readable at `p`.
    @inlinable
    public static func parseHex8(at p: UnsafePointer<UInt8>) -> UInt32? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Little-endian load: p[0], the most significant digit, is the lowest lane.
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // Range tests on 7-bit lanes: for x <= 0x7F, x + (0x80 - lo) sets a lane's top
        // bit iff x >= lo, and x + (0x7F - hi) iff x > hi; neither sum reaches 0x100, so
        // no carry crosses into the next lane. Bytes >= 0x80 are refused by `~word` below.
        let low7 = word & ~highs
        let atLeast0 = low7 &+ ones &* (0x80 - 0x30)     // >= '0'
        let above9 = low7 &+ ones &* (0x7F - 0x39)       // >  '9'
        let atLeastA = low7 &+ ones &* (0x80 - 0x61)     // >= 'a'
        let aboveF = low7 &+ ones &* (0x7F - 0x66)       // >  'f'
        let isDigit = atLeast0 & ~above9
        let isLetter = atLeastA & ~aboveF & highs
        guard (isDigit | isLetter) & ~word & highs == highs else { return nil }
        // '0'...'9' are 0x30...0x39 and 'a'...'f' 0x61...0x66: the low nibble is the
        // value for a digit and the value - 9 for a letter (0x80 >> 4 | 0x80 >> 7 = 9).
        let nibbles = (word & (ones &* 0x0F)) &+ (isLetter >> 4 | isLetter >> 7)
        // Pack neighbouring lanes, most significant (lower address) first:
        // 4-bit values in 8 byte lanes -> bytes in 4 16-bit lanes -> 16-bit values in 2
        // 32-bit lanes -> the result.
        let pairs = (nibbles & 0x000F_000F_000F_000F) << 4 | (nibbles >> 8) & 0x000F_000F_000F_000F
        let quads = (pairs & 0x0000_00FF_0000_00FF) << 8 | (pairs >> 16) & 0x0000_00FF_0000_00FF
        return UInt32(truncatingIfNeeded: quads << 16 | quads >> 32 & 0xFFFF)
    }
}
