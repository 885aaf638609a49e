/// A failure talking to PostgreSQL, with what was being done and the server's words.
public struct PostgresError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The SQLSTATE the server reported ("" when the connection itself failed).
    public var state: String
    public var message: String
    /// The server's DETAIL, if any (the conflict error carries the district's last sequence).
    public var detail: String?
    /// What towerwatch was doing, for the message: "appending to futian".
    public var doing: String

    public init(state: String, message: String, detail: String? = nil, doing: String) {
        self.state = state; self.message = message; self.detail = detail; self.doing = doing
    }

    /// True when the connection is gone (not a refusal by the server).
    public var isConnectionLost: Bool { state.isEmpty || state.hasPrefix("08") || state == "57P01" }

    public var description: String { "PostgreSQL, \(doing): \(message)" + (detail.map { " (\($0))" } ?? "") }
}

/// The SQLSTATEs towerwatch's own schema raises (class TW), and PostgreSQL's it answers.
enum PostgresState {
    /// An insert that does not continue its district's sequence: another writer was first.
    static let conflict = "TW409"
    /// Records of one insert that are not contiguous.
    static let gap = "TW400"
    /// Records may only be added: never changed or removed.
    static let appendOnly = "TW405"
    /// No district of that name.
    static let noDistrict = "TW404"
    /// The role may not act as the record's actor (identity checked by the database).
    static let notYours = "TW403"
    static let uniqueViolation = "23505"
    static let undefinedTable = "42P01"
    static let insufficientPrivilege = "42501"
}
