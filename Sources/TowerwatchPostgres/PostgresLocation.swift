import TowerwatchLog

/// Where a district's log lives in PostgreSQL: a libpq connection URL naming the
/// district among the many one database may hold.
///
///     postgresql:///towerwatch?host=/run/pg&district=futian
///     postgres://officer@db.example/towerwatch?district=futian
///
/// The `district` parameter is towerwatch's, not libpq's: it is taken out before
/// the rest is handed to libpq. Without it the district is `main`.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// The URL as libpq reads it (without `district`).
    public var connection: String
    public var district: String

    /// Whether `text` names a PostgreSQL log rather than a file.
    public static func isLocation(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a location; the error says what is wrong with it.
    public init(_ text: String) throws {
        guard PostgresLocation.isLocation(text) else {
            throw LogError.refused(path: text, reason: "not a PostgreSQL location: it must start with postgresql:// or postgres://")
        }
        var district = "main"
        var kept: [Substring] = []
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                if pair.hasPrefix("district=") {
                    district = String(pair.dropFirst("district=".count)).removingPercentEncoding
                } else {
                    kept.append(pair)
                }
            }
        }
        guard !district.isEmpty, district.utf8.count <= 48,
              district.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else {
            throw LogError.refused(path: text, reason: "the district '\(district)' must be 1 to 48 letters, digits, - or _")
        }
        self.district = district
        connection = String(parts[0]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }

    public init(connection: String, district: String) {
        self.connection = connection
        self.district = district
    }

    /// The location as it is written, for messages (a password, if any, left out).
    public var description: String {
        var shown = connection
        // postgres://user:secret@host → postgres://user:***@host
        if let scheme = shown.range(of: "://"), let at = shown[scheme.upperBound...].firstIndex(of: "@"),
           let colon = shown[scheme.upperBound..<at].firstIndex(of: ":") {
            shown.replaceSubrange(shown.index(after: colon)..<at, with: "***")
        }
        return shown + (shown.contains("?") ? "&" : "?") + "district=" + district
    }
}

extension String {
    /// `%xx` escapes decoded (a district name in a URL); bad escapes are kept as written.
    var removingPercentEncoding: String {
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
