import Testing
@testable import TowerwatchCore

/// The number in an id (`H-000123` → 123) is read from its bytes; it must read
/// exactly as `Int(_:)` reads the text after the last dash, or 0.
@Suite struct IDNumberTests {
    static func reference(_ raw: String) -> Int {
        guard let dash = raw.lastIndex(of: "-") else { return 0 }
        return Int(raw[raw.index(after: dash)...]) ?? 0
    }

    @Test func readsAsIntReadsTheDigitsAfterTheLastDash() {
        let samples = ["H-000123", "D-000001", "H-0", "H-", "H", "", "-5", "H--5", "H-+5", "H-++5", "H-5a", "H-a5", "H-1-2",
                       "H-9223372036854775807", "H-9223372036854775808", "H-99999999999999999999", "中福-12", "H-１２", "H-+",
                       "H\u{0600}-42", "H-\u{0301}7", "é-3"]
        for s in samples { #expect(idNumber(s) == Self.reference(s), "\(s)") }
        var state: UInt64 = 0x1D
        let alphabet = Array("0123456789-+aH ")
        for _ in 0..<5000 {
            var s = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 60) { s.append(alphabet[Int((state >> (4 * UInt64(k % 15))) & 0xF) % alphabet.count]) }
            #expect(idNumber(s) == Self.reference(s), "\(s)")
        }
    }

    @Test func anIdsHashFollowsItsText() {
        for s in ["G-001", "G-002", "", "CP-03-07", "a much longer identifier than sixteen bytes", "中福广场"] {
            #expect(GuardID(s).hashKey == s.hashValue)
            #expect(GuardID(s) == GuardID(String(s.reversed().reversed())))
        }
        #expect(GuardID("G-001") != GuardID("G-002"))
        let set: Set<GuardID> = ["G-001", "G-002", "G-001"]
        #expect(set.count == 2)
    }

    /// Ids are equal when their text is, as Swift compares text: canonically
    /// equivalent spellings are one id, in a set, as a key and in order.
    @Test func canonicallyEquivalentIdsAreOneId() {
        let pairs = [("G-\u{E9}", "G-e\u{301}"), ("G-K", "G-\u{212A}"), ("T-\u{C5}", "T-\u{212B}")]
        for (a, b) in pairs {
            #expect(a == b, "the strings themselves are equal")
            #expect(GuardID(a) == GuardID(b))
            #expect(GuardID(a).hashKey == GuardID(b).hashKey)
            #expect(Set([GuardID(a), GuardID(b)]).count == 1)
            #expect([GuardID(a): 1][GuardID(b)] == 1)
            #expect(!(GuardID(a) < GuardID(b)) && !(GuardID(b) < GuardID(a)))
        }
    }
}
