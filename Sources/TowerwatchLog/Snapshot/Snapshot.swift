#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TowerwatchCore

/// A cached fold: the district's state after record `seq`, written beside the log.
///
/// A snapshot names the record it stops at by sequence, byte offset and that
/// record's own checksum. Opening checks that the log still holds exactly that
/// record there; a snapshot that does not match its log (the log was repaired,
/// replaced or cut) is ignored and said so, never trusted. Deleting every
/// snapshot changes nothing but speed.
///
/// File: a header line, then the state as JSON, then the latest records as log
/// lines (for the event feed). The header's checksum covers everything after it.
public struct Snapshot: Sendable {
    public static let magic = "#towerwatch-snapshot"
    public static let format = 1
    /// The latest notable records a snapshot keeps for the event feed.
    public static let recentKept = 200

    public var position: LogPosition
    /// The CRC-32C the log's record `position.seq` carries.
    public var recordCRC: UInt32
    /// The log time of that record.
    public var time: Timestamp
    public var state: DistrictState
    public var recent: [EventRecord]
    /// Where it was read from, when it was.
    public var path: String?

    public init(position: LogPosition, recordCRC: UInt32, time: Timestamp, state: DistrictState, recent: [EventRecord]) {
        self.position = position; self.recordCRC = recordCRC; self.time = time; self.state = state; self.recent = recent
    }

    // MARK: - Encoding

    public func encoded() throws -> [UInt8] {
        var body = Array(try JSONEncoder().encode(state))
        body.append(10)
        for r in recent { RecordCodec.encode(r, into: &body) }
        let crc = body.withUnsafeBytes { CRC32C.checksum($0) }
        let header = "\(Snapshot.magic)\tformat=\(Snapshot.format)\tseq=\(position.seq)\toffset=\(position.offset)\tline=\(position.line)"
            + "\trecord-crc=\(RecordCodec.hex(recordCRC))\ttime=\(time.iso8601)\tbody-crc=\(RecordCodec.hex(crc))"
            + "\thazards=\(state.liveFigures.hazardsReported)\talarms=\(state.liveFigures.alarms)\n"
        return Array(header.utf8) + body
    }

    /// Reads a snapshot file; the error says what is wrong with it.
    public static func decode(_ bytes: [UInt8], path: String) throws(RecordError) -> Snapshot {
        guard let nl = bytes.firstIndex(of: 10) else { throw RecordError("no header line") }
        let fields = bytes[..<nl].split(separator: 9).map { String(decoding: $0, as: UTF8.self) }
        guard fields.first == magic else { throw RecordError("not a towerwatch snapshot") }
        var values: [String: String] = [:]
        for f in fields.dropFirst() {
            guard let eq = f.firstIndex(of: "=") else { throw RecordError("bad header field '\(f)'") }
            values[String(f[..<eq])] = String(f[f.index(after: eq)...])
        }
        guard values["format"] == String(format) else { throw RecordError("snapshot format \(values["format"] ?? "?") is not \(format)") }
        guard let seq = values["seq"].flatMap(UInt64.init), let offset = values["offset"].flatMap(Int.init),
              let line = values["line"].flatMap(Int.init), let recordCRC = values["record-crc"].flatMap({ UInt32($0, radix: 16) }),
              let time = values["time"].flatMap(Timestamp.parse), let bodyCRC = values["body-crc"].flatMap({ UInt32($0, radix: 16) }) else {
            throw RecordError("snapshot header lacks a field")
        }
        let body = Array(bytes[(nl + 1)...])
        let actual = body.withUnsafeBytes { CRC32C.checksum($0) }
        guard actual == bodyCRC else { throw RecordError("snapshot checksum mismatch (\(RecordCodec.hex(bodyCRC)) stored, \(RecordCodec.hex(actual)) read)") }
        guard let jsonEnd = body.firstIndex(of: 10) else { throw RecordError("snapshot has no state") }
        let state: DistrictState
        do { state = try JSONDecoder().decode(DistrictState.self, from: Data(body[..<jsonEnd])) } catch {
            throw RecordError("snapshot state does not decode: \(error)")
        }
        var recent: [EventRecord] = []
        var reader = FieldReader()
        var s = jsonEnd + 1
        try body.withUnsafeBufferPointer { (buf) throws(RecordError) in
            while s < buf.count, let e = buf[s...].firstIndex(of: 10) {
                recent.append(try RecordCodec.decode(UnsafeBufferPointer(rebasing: buf[s..<e]), using: &reader))
                s = e + 1
            }
        }
        var snap = Snapshot(position: LogPosition(seq: seq, offset: offset, line: line), recordCRC: recordCRC, time: time, state: state, recent: recent)
        snap.path = path
        return snap
    }
}

/// What a snapshot's first line says, read without decoding its state: enough to
/// check it against the log and to place it on a replay's timeline.
public struct SnapshotHeader: Sendable, Hashable {
    public var path: String
    public var position: LogPosition
    public var recordCRC: UInt32
    public var time: Timestamp
    /// Live hazards reported and alarms raised up to this point.
    public var hazards: Int
    public var alarms: Int

    /// Reads the header line of a snapshot file; nil when it is not one.
    public static func read(path: String) -> SnapshotHeader? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1024), let nl = data.firstIndex(of: 10) else { return nil }
        let fields = data[..<nl].split(separator: 9).map { String(decoding: $0, as: UTF8.self) }
        guard fields.first == Snapshot.magic else { return nil }
        var v: [String: String] = [:]
        for f in fields.dropFirst() {
            guard let eq = f.firstIndex(of: "=") else { return nil }
            v[String(f[..<eq])] = String(f[f.index(after: eq)...])
        }
        guard v["format"] == String(Snapshot.format), let seq = v["seq"].flatMap(UInt64.init), let offset = v["offset"].flatMap(Int.init),
              let line = v["line"].flatMap(Int.init), let crc = v["record-crc"].flatMap({ UInt32($0, radix: 16) }),
              let time = v["time"].flatMap(Timestamp.parse) else { return nil }
        return SnapshotHeader(path: path, position: LogPosition(seq: seq, offset: offset, line: line), recordCRC: crc, time: time,
                              hazards: v["hazards"].flatMap(Int.init) ?? 0, alarms: v["alarms"].flatMap(Int.init) ?? 0)
    }
}
