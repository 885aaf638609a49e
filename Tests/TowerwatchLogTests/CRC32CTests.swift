import Testing
@testable import TowerwatchLog

/// Checks CRC-32C against published vectors, against a bit-at-a-time reference, and
/// the 8-hex-digit form the log writes it in.
@Suite struct CRC32CTests {
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
        data.withUnsafeBytes { all in
            for start in 0..<9 {                       // every alignment of the 8-byte loads
                for length in stride(from: 0, through: 280, by: 1) where start + length <= all.count {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    let got = CRC32C.checksum(slice)
                    let want = Self.reference(Array(data[start..<(start + length)]))
                    if got != want {
                        Issue.record("start \(start) length \(length): got \(got), want \(want)")
                        return
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
}
