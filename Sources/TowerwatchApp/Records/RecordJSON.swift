import TowerwatchCore
import TowerwatchLog

/// A record as one JSON object on one line, for `log dump` and jq:
/// `{"seq":…,"time":"…","type":"…","actor":"…","drill":…,"fields":{…}}`.
///
/// `fields` holds the record's own fields in the log's order, each a string,
/// or an array of strings for a list field (a tower's zones, a guard's
/// training) however many values it has.
public enum RecordJSON {
    /// Appends the record's line, newline included, to `out` (bytes, so a dump of
    /// millions of records builds no strings it does not need).
    public static func append(_ r: EventRecord, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"seq\":\(r.seq),\"time\":\"\(r.time.iso8601)\",\"type\":\"\(r.event.typeName)\",\"actor\":".utf8)
        JSONString.append(r.actor.description, to: &out)
        if let account = r.account { out.append(contentsOf: ",\"account\":".utf8); JSONString.append(account, to: &out) }
        out.append(contentsOf: ",\"drill\":\(r.drill),\"fields\":{".utf8)
        var first = true
        for (key, values) in RecordCodec.fields(of: r) {
            if !first { out.append(0x2C) }
            first = false
            JSONString.append(key, to: &out)
            out.append(0x3A)
            if values.count == 1 && !RecordCodec.isListKey(key, of: r.event.kind) {
                JSONString.append(values[0], to: &out)
            } else {
                out.append(0x5B)
                for (i, v) in values.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    JSONString.append(v, to: &out)
                }
                out.append(0x5D)
            }
        }
        out.append(contentsOf: "}}\n".utf8)
    }

    /// The record's line as text, newline included.
    public static func line(_ r: EventRecord) -> String {
        var out: [UInt8] = []
        append(r, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
