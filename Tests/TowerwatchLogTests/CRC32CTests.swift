import Testing
@testable import TowerwatchLog

/// Checks CRC-32C against published vectors, against a bit-at-a-time reference, and
/// the 8-hex-digit form the log writes it in. The public entry points run on whichever
/// kernel this CPU gets; the tests also call both kernels directly, so the hardware
/// (CPU instruction) and software (slicing-by-8) paths are each held to the reference.
@Suite struct CRC32CTests {
    /// The kernels under test, each with the `update(seed, bytes)` convention.
    typealias Kernel = (UInt32, UnsafeRawBufferPointer) -> UInt32

    /// The software kernel always; the hardware one where this CPU has the instruction.
    static var kernels: [(name: String, run: Kernel)] {
        var all: [(name: String, run: Kernel)] = [("software", { CRC32C.softwareUpdate($0, $1) })]
        if CRC32C.hardwareAvailable {
            all.append(("hardware", { CRC32C.hardwareUpdate($0, $1) }))
        }
        return all
    }

    /// The textbook bit-at-a-time CRC-32C: slow, but obviously right, so the
    /// slicing-by-8 kernel can be compared with it on every length and alignment.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
        }
        return ~crc
    }

    @Test func knownVectors() {
        #expect(CRC32C.checksum("123456789") == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        // The remaining iSCSI vectors (RFC 3720, B.4).
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum("") == 0)
    }

    @Test func bothKernelsGiveTheCheckValues() {
        let vectors: [([UInt8], UInt32)] = [
            (Array("123456789".utf8), 0xE306_9283),
            ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
            ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
            ((0..<32).map { UInt8($0) }, 0x46DD_794E),
            ((0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
            ([], 0),
        ]
        for kernel in Self.kernels {
            for (bytes, want) in vectors {
                let got = bytes.withUnsafeBytes { kernel.run(0, $0) }
                #expect(got == want, "\(kernel.name) on \(bytes.count) bytes")
            }
            // A seed passes through an empty buffer, with or without a base address.
            #expect(kernel.run(0x1234_5678, UnsafeRawBufferPointer(start: nil, count: 0)) == 0x1234_5678)
            #expect([UInt8]().withUnsafeBytes { kernel.run(0xE306_9283, $0) } == 0xE306_9283)
        }
    }

    /// Guards the run-time check itself: were it wrong in the "no" direction, the
    /// hardware tests below would quietly test nothing. Every x86_64 CPU since 2008 has
    /// SSE4.2 and every arm64 CPU Swift runs on has the CRC extension.
    @Test func theHardwarePathIsFoundWhereItExists() {
        #if arch(x86_64) || arch(arm64)
        #expect(CRC32C.hardwareAvailable)
        #endif
    }

    @Test(.enabled(if: CRC32C.hardwareAvailable))
    func hardwareMatchesSoftwareOnEveryLength() {
        var rng = SeededRNG(seed: 0x5EED_C3C3)
        for length in 0...300 {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let seed = length.isMultiple(of: 2) ? 0 : UInt32(truncatingIfNeeded: rng.next())
            data.withUnsafeBytes { raw in
                let hardware = CRC32C.hardwareUpdate(seed, raw)
                let software = CRC32C.softwareUpdate(seed, raw)
                #expect(hardware == software, "length \(length) seed \(seed)")
                #expect(CRC32C.update(seed, raw) == software, "length \(length) seed \(seed)")
            }
            if seed == 0 {
                #expect(CRC32C.checksum(data) == Self.reference(data), "length \(length)")
            }
        }
    }

    @Test func bothKernelsContinueASeededChecksumAtRandomSplits() {
        var rng = SeededRNG(seed: 0xD1CE)
        for _ in 0..<400 {
            let length = Int(rng.next() % 301)
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let whole = Self.reference(data)
            let split = Int(rng.next() % UInt64(length + 1))
            data.withUnsafeBytes { raw in
                let head = UnsafeRawBufferPointer(rebasing: raw[..<split])
                let tail = UnsafeRawBufferPointer(rebasing: raw[split...])
                for first in Self.kernels {
                    for second in Self.kernels {
                        // Mixing kernels also proves they share one seed convention.
                        let got = second.run(first.run(0, head), tail)
                        #expect(got == whole, "\(first.name) then \(second.name): length \(length) split \(split)")
                    }
                }
            }
        }
    }

    @Test func bothKernelsMatchTheReferenceAtUnalignedAddresses() {
        var rng = SeededRNG(seed: 0xA11C)
        // 16-byte aligned storage, so offset k really starts k bytes past an alignment.
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 512, alignment: 16)
        defer { storage.deallocate() }
        for i in storage.indices { storage[i] = UInt8(truncatingIfNeeded: rng.next()) }
        for kernel in Self.kernels {
            for start in 0..<16 {
                for length in [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 100, 127, 255, 300, 495] {
                    let slice = UnsafeRawBufferPointer(rebasing: storage[start..<(start + length)])
                    let got = kernel.run(0, slice)
                    let want = Self.reference(Array(slice))
                    #expect(got == want, "\(kernel.name) start \(start) length \(length)")
                }
            }
        }
    }

    @Test func everyOverloadAgrees() {
        let text = "42\t2025-01-01T00:00:00Z\tdispatch\tops=ana\tnote=héllo 東京 🚒"
        let bytes = Array(text.utf8)
        let expected = Self.reference(bytes)
        #expect(CRC32C.checksum(text) == expected)
        #expect(CRC32C.checksum(bytes) == expected)
        bytes.withUnsafeBytes { #expect(CRC32C.checksum($0) == expected) }
        bytes.withUnsafeBufferPointer { #expect(CRC32C.checksum($0) == expected) }
        // A non-native (bridged-like) path: a Substring turned String still agrees.
        #expect(CRC32C.checksum(String(text.dropFirst(0))) == expected)
    }

    @Test func matchesReferenceOnEveryLengthAndAlignment() {
        var rng = SeededRNG(seed: 0xC0FFEE)
        let data = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let kernels: [(name: String, run: Kernel)] =
            [("checksum", { seed, bytes in CRC32C.checksum(bytes, seed: seed) })] + Self.kernels
        data.withUnsafeBytes { all in
            for (name, run) in kernels {
                for start in 0..<9 {                       // every alignment of the 8-byte loads
                    for length in stride(from: 0, through: 280, by: 1) where start + length <= all.count {
                        let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                        let got = run(0, slice)
                        let want = Self.reference(Array(data[start..<(start + length)]))
                        if got != want {
                            Issue.record("\(name) start \(start) length \(length): got \(got), want \(want)")
                            return
                        }
                    }
                }
            }
        }
    }

    @Test func seedContinuesAChecksum() {
        var rng = SeededRNG(seed: 7)
        let data = (0..<100).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let whole = CRC32C.checksum(data)
        for split in 0...data.count {
            let first = CRC32C.checksum(Array(data[..<split]))
            #expect(CRC32C.checksum(Array(data[split...]), seed: first) == whole, "split at \(split)")
        }
    }

    @Test func everySingleBitFlipChangesTheChecksum() {
        let line = Array("17\t1735689600123\tunit.dispatched\tops=ana\tunit=E12\tinc=42".utf8)
        let original = CRC32C.checksum(line)
        var flipped = line
        for index in line.indices {
            for bit in 0..<8 {
                flipped[index] ^= 1 << bit
                #expect(CRC32C.checksum(flipped) != original, "byte \(index) bit \(bit)")
                flipped[index] ^= 1 << bit
            }
        }
        // A byte replaced by another value (not just a single bit) is caught too.
        flipped[3] = flipped[3] == 0x41 ? 0x42 : 0x41
        #expect(CRC32C.checksum(flipped) != original)
    }

    @Test func hexFormIsEightLowercaseDigits() {
        #expect(CRC32C.hex8(0xE306_9283) == Array("e3069283".utf8))
        #expect(CRC32C.hex8(0) == Array("00000000".utf8))
        #expect(CRC32C.hex8(0xFFFF_FFFF) == Array("ffffffff".utf8))
        #expect(CRC32C.hex8(0x0000_00AB) == Array("000000ab".utf8))

        var out = Array("x=".utf8)
        CRC32C.appendHex8(0x1234_5678, to: &out)
        #expect(out == Array("x=12345678".utf8))

        var fixed = [UInt8](repeating: 0, count: 10)
        fixed.withUnsafeMutableBufferPointer { CRC32C.writeHex8(0x9ABC_DEF0, to: $0.baseAddress! + 1) }
        #expect(fixed == [0] + Array("9abcdef0".utf8) + [0])
    }

    @Test func hexParsesBackAndRejectsAnythingElse() {
        var rng = SeededRNG(seed: 99)
        for _ in 0..<2000 {
            let value = UInt32(truncatingIfNeeded: rng.next())
            #expect(CRC32C.parseHex8(CRC32C.hex8(value)) == value)
        }
        #expect(CRC32C.parseHex8(Array("e3069283".utf8)) == 0xE306_9283)
        #expect(CRC32C.parseHex8(Array("E3069283".utf8)) == nil)      // uppercase
        #expect(CRC32C.parseHex8(Array("e306928".utf8)) == nil)       // too short
        #expect(CRC32C.parseHex8(Array("e30692830".utf8)) == nil)     // too long
        #expect(CRC32C.parseHex8([]) == nil)
        // The bytes right next to the digit ranges: '/', ':', '`', 'g'.
        for bad in ["/", ":", "`", "g", " ", "\t", "-"] {
            #expect(CRC32C.parseHex8(Array(("0000000" + bad).utf8)) == nil, "accepted \(bad)")
            #expect(CRC32C.parseHex8(Array((bad + "0000000").utf8)) == nil, "accepted \(bad)")
        }
        let digits = Array("0123456789abcdef".utf8)
        for (value, digit) in digits.enumerated() {
            #expect(CRC32C.parseHex8(Array("0000000".utf8) + [digit]) == UInt32(value))
        }
    }

    /// The obvious per-byte parse the SWAR one must agree with.
    static func referenceParse(_ bytes: [UInt8]) -> UInt32? {
        guard bytes.count == 8 else { return nil }
        var value: UInt32 = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(b - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }

    @Test func hexAcceptsExactlyTheLowercaseDigitsInEveryPosition() {
        let hexDigits = Array("0123456789abcdef".utf8)
        // Two backgrounds, so each position is tried beside both digits and letters.
        for background in ["9f8e7d6c", "a0b1c2d3"] {
            let base = Array(background.utf8)
            for position in 0..<8 {
                for byte in 0...255 {
                    var bytes = base
                    bytes[position] = UInt8(byte)
                    let got = CRC32C.parseHex8(bytes)
                    if let nibble = hexDigits.firstIndex(of: UInt8(byte)) {
                        var want = Self.referenceParse(base)!
                        let shift = UInt32(28 - 4 * position)
                        want = want & ~(0xF << shift) | UInt32(nibble) << shift
                        #expect(got == want, "byte \(byte) at \(position) in \(background)")
                    } else {
                        #expect(got == nil, "byte \(byte) at \(position) in \(background) accepted")
                    }
                }
            }
        }
    }

    @Test func hexAgreesWithAPerByteParseOnRandomWords() {
        var rng = SeededRNG(seed: 0x4E1B)
        let hexDigits = Array("0123456789abcdef".utf8)
        // Fully random words (almost all refused), and hex words with 0-3 random bytes
        // dropped in, several refusals per word (every lane's test must count).
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round.isMultiple(of: 4) {
                bytes = (0..<8).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = (0..<8).map { _ in hexDigits[Int(rng.next() % 16)] }
                for _ in 0..<(round % 4) {
                    bytes[Int(rng.next() % 8)] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            #expect(CRC32C.parseHex8(bytes) == Self.referenceParse(bytes), "\(bytes)")
        }
    }

    @Test func hexParsesAtUnalignedAddresses() {
        let text = Array("xx\te3069283\t0123abcd\tffffffff".utf8)
        text.withUnsafeBufferPointer { buffer in
            let p = buffer.baseAddress!
            #expect(CRC32C.parseHex8(at: p + 3) == 0xE306_9283)
            #expect(CRC32C.parseHex8(at: p + 12) == 0x0123_ABCD)
            #expect(CRC32C.parseHex8(at: p + 21) == 0xFFFF_FFFF)
            for start in 0...(text.count - 8) {
                let window = Array(text[start..<(start + 8)])
                #expect(CRC32C.parseHex8(at: p + start) == Self.referenceParse(window), "start \(start)")
            }
        }
    }
}
