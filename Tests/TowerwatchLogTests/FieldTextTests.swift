import Testing
@testable import TowerwatchLog

/// Checks that escaped values never contain line-breaking bytes, round-trip exactly,
/// and that decoding refuses anything the encoder would not have written.
@Suite struct FieldTextTests {
    func escaped(_ s: String) -> String {
        String(decoding: FieldText.escaped(s), as: UTF8.self)
    }

    func unescape(_ bytes: [UInt8]) throws(FieldText.DecodeError) -> String {
        try FieldText.unescape(bytes)
    }

    @Test func escapesExactlyTheDocumentedBytes() {
        #expect(escaped("a\\b") == #"a\\b"#)
        #expect(escaped("a\tb") == #"a\tb"#)
        #expect(escaped("a\nb") == #"a\nb"#)
        #expect(escaped("a\rb") == #"a\rb"#)
        #expect(escaped("\u{0}") == #"\x00"#)
        #expect(escaped("\u{1B}[0m") == #"\x1b[0m"#)
        #expect(escaped("\u{1F}") == #"\x1f"#)
        #expect(escaped("\u{7F}") == #"\x7f"#)
        // '=' stays: the key ends at the first '=', the rest is value.
        #expect(escaped("a=b==c") == "a=b==c")
        // Printable ASCII and non-ASCII pass through untouched.
        let plain = "Engine 12 → 東京駅 🚒 ~!@#$%^&*()_+{}|:\"<>?`-[];',./"
        #expect(escaped(plain) == plain)
    }

    @Test func escapedOutputNeverHoldsControlBytes() {
        var all = ""
        for v in 0..<128 { all.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        let bytes = FieldText.escaped(all)
        #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F })
    }

    @Test func everyControlCharacterRoundTrips() throws {
        var together = ""
        for v in Array(0..<0x20) + [0x7F, 0x5C] {
            let s = "<" + String(Unicode.Scalar(UInt8(v))) + ">"
            #expect(try unescape(FieldText.escaped(s)) == s, "byte \(v)")
            together.unicodeScalars.append(Unicode.Scalar(UInt8(v)))
        }
        #expect(try unescape(FieldText.escaped(together)) == together)
    }

    @Test(arguments: [
        "",
        "plain",
        "東京都千代田区丸の内一丁目",
        "소방서 / 消防署 / пожарная часть",
        "🚒🚑🚓 👩‍🚒 🇯🇵 family: 👨‍👩‍👧‍👦",
        "e\u{301} (combining) and \u{FEFF}BOM and \u{200B}zero-width",
        #"looks escaped already: \n \t \\ \x41"#,
        "trailing backslash \\",
        "key=value=more",
        "\u{0}\u{1}\u{2}mixed\u{1B}[31mred\u{1B}[0m\r\n",
        "\u{80}\u{9F} C1 controls pass as UTF-8",
        String(repeating: "長い", count: 5000),
    ])
    func roundTrips(_ value: String) throws {
        let bytes = FieldText.escaped(value)
        #expect(try unescape(bytes) == value)
        // Escaping appends: existing bytes in the output are kept.
        var out = Array("k=".utf8)
        FieldText.escape(value, into: &out)
        #expect(out == Array("k=".utf8) + bytes)
    }

    @Test func randomStringsRoundTrip() throws {
        var rng = SeededRNG(seed: 2024)
        // Weighted towards the interesting bytes: controls, backslash, x and hex digits.
        let pool: [Unicode.Scalar] = (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
            + ["\\", "x", "0", "7", "f", "=", "\u{7F}", "a", " ", "é", "東", "🚒", "\u{301}"]
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 24) {
                if rng.next() % 4 == 0 {
                    // Any scalar at all, skipping the surrogate range.
                    var v = UInt32(rng.next() % 0x11_0000)
                    if (0xD800...0xDFFF).contains(v) { v = 0x41 }
                    s.unicodeScalars.append(Unicode.Scalar(v)!)
                } else {
                    s.unicodeScalars.append(pool[Int(rng.next() % UInt64(pool.count))])
                }
            }
            let bytes = FieldText.escaped(s)
            #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F })
            let back = try unescape(bytes)
            if back != s {
                Issue.record("round trip failed for \(s.debugDescription)")
                return
            }
        }
    }

    /// Any byte string that decodes must re-encode to itself: one spelling per value.
    @Test func acceptedInputsAreCanonical() {
        var rng = SeededRNG(seed: 77)
        let alphabet: [UInt8] = Array(#"\xtnr0179afAF=b"#.utf8) + [0x09, 0x01, 0xC3, 0xA9, 0xFF]
        var accepted = 0
        for _ in 0..<20000 {
            let bytes = (0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            guard let decoded = try? unescape(bytes) else { continue }
            accepted += 1
            if FieldText.escaped(decoded) != bytes {
                Issue.record("two spellings: \(bytes) decodes to \(decoded.debugDescription)")
                return
            }
        }
        #expect(accepted > 1000)
    }

    @Test func badInputIsRefusedWithAClearError() {
        func error(_ text: String) -> FieldText.DecodeError? {
            error(Array(text.utf8))
        }
        func error(_ bytes: [UInt8]) -> FieldText.DecodeError? {
            do { _ = try unescape(bytes); return nil } catch { return error }
        }
        #expect(error(#"ab\q"#) == .badEscape(offset: 2, found: #"\q"#))
        #expect(error(#"ab\"#) == .truncatedEscape(offset: 2))
        #expect(error(#"\x1"#) == .truncatedEscape(offset: 0))
        #expect(error(#"\x1g"#) == .badEscape(offset: 0, found: #"\x1g"#))
        #expect(error(#"\x1F"#) == .badEscape(offset: 0, found: #"\x1F"#))   // uppercase
        #expect(error(#"\x41"#) == .badEscape(offset: 0, found: #"\x41"#))   // 'A' needs no escape
        #expect(error(#"\x09"#) == .badEscape(offset: 0, found: #"\x09"#))   // tab is \t
        #expect(error(#"\x5c"#) == .badEscape(offset: 0, found: #"\x5c"#))   // backslash is \\
        #expect(error(#"\xc3\xa9"#) == .badEscape(offset: 0, found: #"\xc3"#)) // no UTF-8 by pieces
        #expect(error("a\tb") == .unescapedControl(offset: 1, byte: 0x09))
        #expect(error(#"\n"# + "\u{7F}") == .unescapedControl(offset: 2, byte: 0x7F))
        #expect(error([0x61, 0xFF]) == .invalidUTF8(offset: 1))               // fast path
        #expect(error([0x5C, 0x6E, 0xC3]) == .invalidUTF8(offset: 2))         // slow path
        #expect(error([0xED, 0xA0, 0x80]) == .invalidUTF8(offset: 0))         // a surrogate
        #expect(error([0xC0, 0xAF]) == .invalidUTF8(offset: 0))               // overlong '/'
        #expect(error([0xE0, 0x80, 0xAF]) == .invalidUTF8(offset: 0))         // overlong
        #expect(error([0xF4, 0x90, 0x80, 0x80]) == .invalidUTF8(offset: 0))   // > U+10FFFF
        #expect(error([0x41, 0xF0, 0x9F, 0x9A]) == .invalidUTF8(offset: 1))   // truncated 🚒
        #expect(error([0x80]) == .invalidUTF8(offset: 0))                     // lone continuation
        #expect(FieldText.DecodeError.invalidUTF8(offset: 3).description
            == "invalid UTF-8 at byte 3 of a field value")

        let message = FieldText.DecodeError.badEscape(offset: 2, found: #"\q"#).description
        #expect(message == #"bad escape "\q" at byte 2 of a field value"#)
        #expect(FieldText.DecodeError.unescapedControl(offset: 1, byte: 9).description
            == "unescaped control byte 0x09 at byte 1 of a field value")
    }

    /// The hand-written UTF-8 check must accept and refuse exactly what the standard
    /// library's validating initializer does.
    @Test func utf8CheckAgreesWithTheStandardLibrary() throws {
        var rng = SeededRNG(seed: 5)
        let interesting: [UInt8] = [0x41, 0x7E, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                    0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4,
                                    0xF5, 0xFF]
        for _ in 0..<50000 {
            let bytes = (0..<Int(rng.next() % 6)).map { _ in interesting[Int(rng.next() % UInt64(interesting.count))] }
            let ours = try? unescape(bytes)
            let theirs = String(validating: bytes, as: UTF8.self)
            if ours != theirs {
                Issue.record("\(bytes): ours \(String(describing: ours)), stdlib \(String(describing: theirs))")
                return
            }
        }
        // Every scalar's encoding is accepted (sampled across all planes).
        for v in stride(from: 0x80, through: 0x10FFFF, by: 7) {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let s = String(scalar)
            #expect(try unescape(Array(s.utf8)) == s)
        }
    }

    @Test func decodesFromABufferSlice() throws {
        // The codec hands over slices of a larger line buffer, not whole arrays.
        let line = Array("7\tops=ana\tnote=a\\tb=c\t1234abcd".utf8)
        try line.withUnsafeBufferPointer { (all) throws in
            let value = UnsafeBufferPointer(rebasing: all[15..<21])
            #expect(try FieldText.unescape(value) == "a\tb=c")
            let plain = UnsafeBufferPointer(rebasing: all[6..<9])
            #expect(try FieldText.unescape(plain) == "ana")
        }
    }
}
