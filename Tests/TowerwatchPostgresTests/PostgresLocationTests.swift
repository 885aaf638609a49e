import Testing
import TowerwatchLog
@testable import TowerwatchPostgres

/// Reading `--log postgresql://…`: the district is towerwatch's parameter, taken
/// out before libpq sees the URL; bad districts are refused with the reason.
@Suite struct PostgresLocationTests {
    @Test func theDistrictIsTakenOutOfTheURL() throws {
        let l = try PostgresLocation("postgresql:///towerwatch?host=/run/pg&district=futian&port=5433")
        #expect(l.district == "futian")
        #expect(l.connection == "postgresql:///towerwatch?host=/run/pg&port=5433")
        let only = try PostgresLocation("postgres://db.example/towerwatch?district=luohu")
        #expect(only.connection == "postgres://db.example/towerwatch")
        #expect(only.district == "luohu")
    }

    @Test func withoutADistrictItIsMain() throws {
        #expect(try PostgresLocation("postgresql:///towerwatch").district == "main")
    }

    @Test func percentEscapesInTheDistrictAreRead() throws {
        #expect(try PostgresLocation("postgresql:///tw?district=%E7%A6%8F%E7%94%B0").district == "福田")
    }

    @Test func badDistrictsAndSchemesAreRefused() {
        for bad in ["postgresql:///tw?district=", "postgresql:///tw?district=a%20b", "postgresql:///tw?district=a;drop",
                    "postgresql:///tw?district=" + String(repeating: "x", count: 49), "mysql://x/tw", "district.twlog"] {
            #expect(throws: LogError.self, "\(bad)") { try PostgresLocation(bad) }
        }
        #expect(PostgresLocation.isLocation("postgres://h/db"))
        #expect(!PostgresLocation.isLocation("./postgres://x"))
    }

    @Test func aPasswordIsNeverShown() throws {
        let l = try PostgresLocation("postgresql://officer:s3cret@db.example/towerwatch?district=futian")
        #expect(!l.description.contains("s3cret"))
        #expect(l.description == "postgresql://officer:***@db.example/towerwatch?district=futian")
    }
}

/// The binary COPY stream: rows come out whole and in order however the bytes
/// are cut into messages, and a damaged stream is an error, not a wrong row.
@Suite struct BinaryCopyStreamTests {
    static let values: [[UInt8]] = [Array("1\t2026\tA\tx\t00000000".utf8), [], Array("中文\t\\t".utf8), Array(repeating: 0x41, count: 70_000)]

    static func stream() -> [UInt8] {
        var bytes = BinaryCopyStream.header
        for v in values { BinaryCopyStream.appendRow([v], to: &bytes) }
        return bytes + BinaryCopyStream.trailer
    }

    func rows(cutEvery step: Int) throws -> ([[UInt8]], Bool) {
        let bytes = Self.stream()
        var stream = BinaryCopyStream()
        var out: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(bytes.count, i + step)])
            try piece.withUnsafeBufferPointer { try stream.feed($0) { out.append(Array($0)) } }
            i += step
        }
        return (out, stream.ended)
    }

    @Test(arguments: [1, 2, 5, 7, 19, 64, 1 << 20])
    func rowsSurviveAnyCut(_ step: Int) throws {
        let (out, ended) = try rows(cutEvery: step)
        #expect(out == Self.values)
        #expect(ended)
    }

    @Test func aStreamWithoutTheSignatureIsRefused() {
        var bytes = Self.stream()
        bytes[0] = UInt8(ascii: "X")
        var stream = BinaryCopyStream()
        #expect(throws: (any Error).self) { try bytes.withUnsafeBufferPointer { try stream.feed($0) { _ in } } }
    }

    @Test func aRowOfTwoColumnsIsRefused() {
        var bytes = BinaryCopyStream.header
        BinaryCopyStream.appendRow([[1], [2]], to: &bytes)
        var stream = BinaryCopyStream()
        #expect(throws: (any Error).self) { try bytes.withUnsafeBufferPointer { try stream.feed($0) { _ in } } }
    }

    @Test func bigintsAreBigEndian() {
        #expect(BinaryCopyStream.int8(0x0102_0304_0506_0708) == [1, 2, 3, 4, 5, 6, 7, 8])
    }
}
