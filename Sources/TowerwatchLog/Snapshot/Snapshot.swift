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
/// record's own checksum, and the fold that made it (`DistrictState.foldVersion`).
/// Opening checks that the log still holds exactly that record there and that
/// this build folds the same way; a snapshot that does not match its log (the
/// log was repaired, replaced or cut) or was made by another fold is ignored and
/// said so, never trusted. Deleting every snapshot changes nothing but speed.
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
    /// The version of the fold that made `state` (see `DistrictState.foldVersion`).
    public var foldVersion: Int
    /// Where it was read from, when it was.
    public var path: String?

    public init(position: LogPosition, recordCRC: UInt32, time: Timestamp, state: DistrictState, recent: [EventRecord],
                foldVersion: Int = DistrictState.foldVersion) {
        self.position = position; self.recordCRC = recordCRC; self.time = time; self.state = state; self.recent = recent
        self.foldVersion = foldVersion
    }

    // MARK: - Encoding

    public func encoded() throws -> [UInt8] {
        var body = Array(try JSONEncoder().encode(state))
        body.append(10)
        for r in recent { RecordCodec.encode(r, into: &body) }
        let crc = body.withUnsafeBytes { CRC32C.checksum($0) }
        let header = "\(Snapshot.magic)\tformat=\(Snapshot.format)\tfold=\(foldVersion)\tseq=\(position.seq)\toffset=\(position.offset)"
            + "\tline=\(position.line)\trecord-crc=\(RecordCodec.hex(recordCRC))\ttime=\(time.iso8601)\tbody-crc=\(RecordCodec.hex(crc))"
            + "\thazards=\(state.liveFigures.hazardsReported)\talarms=\(state.liveFigures.alarms)\n"
        return Array(header.utf8) + body
    }

    /// Reads a snapshot file; the error says what is wrong with it. A snapshot made
    /// by a fold other than `foldVersion` is refused before its state is decoded.
    public static func decode(_ bytes: [UInt8], path: String, foldVersion: Int = DistrictState.foldVersion) throws(RecordError) -> Snapshot {
        guard let nl = bytes.firstIndex(of: 10) else { throw RecordError("no header line") }
        let header = try SnapshotHeader.parse(bytes[..<nl], path: path)
        try header.checkFold(foldVersion)
        let body = Array(bytes[(nl + 1)...])
        let actual = body.withUnsafeBytes { CRC32C.checksum($0) }
        guard actual == header.bodyCRC else {
            throw RecordError("snapshot checksum mismatch (\(RecordCodec.hex(header.bodyCRC)) stored, \(RecordCodec.hex(actual)) read)")
        }
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
        var snap = Snapshot(position: header.position, recordCRC: header.recordCRC, time: header.time, state: state, recent: recent,
                            foldVersion: header.foldVersion ?? 0)
        snap.path = path
        return snap
    }
}

/// What a snapshot's first line says, read without decoding its state: enough to
/// check it against the log and the fold, and to place it on a replay's timeline.
public struct SnapshotHeader: Sendable, Hashable {
    public var path: String
    public var position: LogPosition
    public var recordCRC: UInt32
    public var time: Timestamp
    /// The fold that made the snapshot; nil for one written before snapshots named it.
    public var foldVersion: Int?
    /// The CRC-32C of everything after the header line.
    public var bodyCRC: UInt32
    /// Live hazards reported and alarms raised up to this point.
    public var hazards: Int
    public var alarms: Int

    /// Parses a snapshot's header line (without its newline); the error says what is wrong.
    public static func parse(_ line: some Collection<UInt8>, path: String) throws(RecordError) -> SnapshotHeader {
        let fields = line.split(separator: 9).map { String(decoding: $0, as: UTF8.self) }
        guard fields.first == Snapshot.magic else { throw RecordError("not a towerwatch snapshot") }
        var values: [String: String] = [:]
        for f in fields.dropFirst() {
            guard let eq = f.firstIndex(of: "=") else { throw RecordError("bad header field '\(f)'") }
            values[String(f[..<eq])] = String(f[f.index(after: eq)...])
        }
        guard values["format"] == String(Snapshot.format) else {
            throw RecordError("snapshot format \(values["format"] ?? "?") is not \(Snapshot.format)")
        }
        guard let seq = values["seq"].flatMap(UInt64.init), let offset = values["offset"].flatMap(Int.init),
              let line = values["line"].flatMap(Int.init), let recordCRC = values["record-crc"].flatMap({ UInt32($0, radix: 16) }),
              let time = values["time"].flatMap(Timestamp.parse), let bodyCRC = values["body-crc"].flatMap({ UInt32($0, radix: 16) }) else {
            throw RecordError("snapshot header lacks a field")
        }
        return SnapshotHeader(path: path, position: LogPosition(seq: seq, offset: offset, line: line), recordCRC: recordCRC, time: time,
                              foldVersion: values["fold"].flatMap(Int.init), bodyCRC: bodyCRC,
                              hazards: values["hazards"].flatMap(Int.init) ?? 0, alarms: values["alarms"].flatMap(Int.init) ?? 0)
    }

    /// Refuses a snapshot made by another fold than `version`: its state is one this
    /// build's `evolve` might never have folded.
    public func checkFold(_ version: Int) throws(RecordError) {
        guard foldVersion == version else {
            throw RecordError("made by fold version \(foldVersion.map(String.init) ?? "unnamed (an older build)"); this build folds with version \(version)")
        }
    }

    /// Reads the header line of a snapshot file; nil when it is not one.
    public static func read(path: String) -> SnapshotHeader? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1024), let nl = data.firstIndex(of: 10) else { return nil }
        return try? parse(data[..<nl], path: path)
    }
}
