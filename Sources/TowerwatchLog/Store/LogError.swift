import TowerwatchCore

/// Why a log cannot be opened, read or appended to, with where it happened.
public enum LogError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A record that cannot be trusted: file, line, sequence (when readable) and why.
    case badRecord(path: String, line: Int, seq: UInt64?, reason: String)
    /// The first line is not a header this build can read.
    case badHeader(path: String, reason: String)
    /// Another writer extended the log since the caller last read it.
    case conflict(expected: UInt64, actual: UInt64?)
    /// The store was opened read-only.
    case readOnly(path: String)
    /// A record that does not belong in this log (a drill record in a live log).
    case refused(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badRecord(path, line, seq, reason):
            return "\(path):\(line): " + (seq.map { "record \($0): " } ?? "") + reason
        case let .badHeader(path, reason):
            return "\(path):1: \(reason)"
        case let .conflict(expected, actual):
            return "the log moved on: another writer appended after record \(expected)" + (actual.map { " (it now ends at \($0))" } ?? "") + "; catch up and decide again"
        case let .readOnly(path):
            return "\(path) is open read-only; nothing was written"
        case let .refused(path, reason):
            return "\(path): \(reason); nothing was written"
        }
    }

    /// What is wrong, without where (the file, line and sequence `description` adds).
    public var reason: String {
        switch self {
        case let .badRecord(_, _, _, reason), let .badHeader(_, reason), let .refused(_, reason): return reason
        case .conflict, .readOnly: return description
        }
    }

    /// The line number of a bad record, for tools that act on it.
    public var line: Int? {
        if case let .badRecord(_, line, _, _) = self { return line }
        return nil
    }
}

/// Something worth telling the user that did not stop the open.
public struct LogNotice: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
