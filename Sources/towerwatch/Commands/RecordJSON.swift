import TowerwatchCore
import TowerwatchLog
import TowerwatchText

/// A record as one JSON object, for `log dump` and jq.
enum RecordJSON {
    static func append(_ r: EventRecord, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"seq\":\(r.seq),\"time\":\"\(r.time.iso8601)\",\"type\":\"\(r.event.typeName)\",\"actor\":".utf8)
        string(r.actor.description, &out)
        out.append(contentsOf: ",\"drill\":\(r.drill),\"fields\":{".utf8)
        var first = true
        for (key, values) in RecordCodec.fields(of: r) {
            if !first { out.append(44) }
            first = false
            string(key, &out)
            out.append(58)
            if values.count == 1 && !RecordCodec.isListKey(key, of: r.event.kind) { string(values[0], &out) } else {
                out.append(91)
                for (i, v) in values.enumerated() { if i > 0 { out.append(44) }; string(v, &out) }
                out.append(93)
            }
        }
        out.append(contentsOf: "}}\n".utf8)
    }

    /// A JSON string: every byte as it is, except quotes, backslashes and the
    /// characters `Sanitizer.mustEscapeInJSON` names (C0 and C1 controls, bidi
    /// controls), which are escaped.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(34)
        // Plain ASCII text (most fields) is copied byte by byte.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 34 && $0 != 92 }) {
            out.append(contentsOf: s.utf8)
        } else {
            out.append(contentsOf: String(ReportJSON.quote(s).dropFirst().dropLast()).utf8)
        }
        out.append(34)
    }
}
