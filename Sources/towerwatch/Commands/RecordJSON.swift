import TowerwatchCore
import TowerwatchLog

/// A record as one JSON object, for `log dump` and jq.
enum RecordJSON {
    static func append(_ r: EventRecord, to out: inout [UInt8]) {
        out.append(contentsOf: "{\"seq\":\(r.seq),\"time\":\"\(r.time.iso8601)\",\"type\":\"\(r.event.typeName)\",\"actor\":".utf8)
        string(r.actor.description, &out)
        if let account = r.account { out.append(contentsOf: ",\"account\":".utf8); string(account, &out) }
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

    static func string(_ s: String, _ out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(34)
        for b in s.utf8 {
            switch b {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32, 127: out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
