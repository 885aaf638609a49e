import TowerwatchCore

/// Whether a log holds the district's real life or an exercise.
public enum LogMode: String, Sendable, CaseIterable {
    case live
    /// A drill: every record is marked, and none may enter a live log.
    case drill
}

/// The first line of a log file: what it is and which format wrote it.
///
///     #towerwatch-log<TAB>format=2<TAB>mode=live<TAB>created=2026-11-29T08:00:00.000Z
///
/// Unknown `key=value` fields are kept and ignored, so a newer writer may add some.
public struct LogHeader: Hashable, Sendable {
    public static let magic = "#towerwatch-log"
    public var format: Int
    public var mode: LogMode
    public var created: Timestamp?
    /// Other fields, e.g. a drill's `forked-from` and `forked-at`.
    public var extra: [String: String]

    /// A header for `format` (by default the version this build writes).
    public init(format: Int? = nil, mode: LogMode = .live, created: Timestamp? = nil, extra: [String: String] = [:]) {
        // Resolved here, not in a default argument a client module may have compiled in.
        self.format = format ?? RecordCodec.formatVersion; self.mode = mode; self.created = created; self.extra = extra
    }

    public var line: [UInt8] {
        var out = Array(LogHeader.magic.utf8)
        func put(_ k: String, _ v: String) {
            out.append(9); out.append(contentsOf: k.utf8); out.append(61); FieldText.escape(v, into: &out)
        }
        put("format", String(format))
        put("mode", mode.rawValue)
        if let created { put("created", created.iso8601) }
        for k in extra.keys.sorted() { put(k, extra[k]!) }
        out.append(10)
        return out
    }

    /// Parses the header line (without its newline); the error says what is wrong.
    public static func parse(_ line: [UInt8]) throws(RecordError) -> LogHeader {
        let fields = line.split(separator: 9, omittingEmptySubsequences: false)
        guard let first = fields.first, String(decoding: first, as: UTF8.self) == magic else {
            throw RecordError("not a towerwatch log: the first line must start with \(magic)")
        }
        var header = LogHeader(format: 0)
        var sawMode = false
        for f in fields.dropFirst() {
            guard let eq = f.firstIndex(of: 61) else { throw RecordError("header field '\(String(decoding: f, as: UTF8.self))' is not key=value") }
            let key = String(decoding: f[f.startIndex..<eq], as: UTF8.self)
            let value: String
            do { value = try FieldText.unescape(Array(f[(eq + 1)...])) } catch { throw RecordError("header field \(key): \(error)") }
            switch key {
            case "format":
                guard let v = Int(value), v > 0 else { throw RecordError("header has a bad format version '\(value)'") }
                header.format = v
            case "mode":
                guard let m = LogMode(rawValue: value) else { throw RecordError("header has an unknown mode '\(value)'") }
                header.mode = m; sawMode = true
            case "created":
                header.created = Timestamp.parse(value)
            default:
                header.extra[key] = value
            }
        }
        guard header.format > 0 else { throw RecordError("header names no format version") }
        guard header.format <= RecordCodec.formatVersion else {
            throw RecordError("written by a newer towerwatch (log format \(header.format)); this build reads formats up to \(RecordCodec.formatVersion): upgrade towerwatch")
        }
        guard sawMode else { throw RecordError("header names no mode (live or drill)") }
        return header
    }
}
