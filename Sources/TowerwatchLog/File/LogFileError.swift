#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call on a log file, with enough context to show a person.
///
/// The description reads like `cannot open /x/y.twlog for appending: Permission
/// denied`: what was attempted, on which path, and the system's own words for why.
public struct LogFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being attempted when the call failed.
    public enum Operation: Equatable, Sendable {
        case create
        case openForAppending
        case openForReading
        case setPermissions
        case lock
        case unlock
        case write
        case sync
        case syncDirectory
        case stat
        case read
        case truncate
        case watch
        case readNotifications

        /// The action phrased around `path`, to follow "cannot ".
        func phrase(_ path: String) -> String {
            switch self {
            case .create: return "create \(path)"
            case .openForAppending: return "open \(path) for appending"
            case .openForReading: return "open \(path) for reading"
            case .setPermissions: return "set the permissions of \(path)"
            case .lock: return "lock \(path)"
            case .unlock: return "unlock \(path)"
            case .write: return "write to \(path)"
            case .sync: return "sync \(path)"
            case .syncDirectory: return "sync the directory of \(path)"
            case .stat: return "get the size of \(path)"
            case .read: return "read \(path)"
            case .truncate: return "truncate \(path)"
            case .watch: return "watch \(path) for changes"
            case .readNotifications: return "read change notifications for \(path)"
            }
        }
    }

    /// The file the operation was on.
    public let path: String
    /// What was attempted.
    public let operation: Operation
    /// The `errno` value the system call left.
    public let code: Int32

    /// Creates an error from an explicit errno value.
    public init(path: String, operation: Operation, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// Creates an error from the calling thread's current `errno`; call it right after
    /// the failing system call, before anything else can overwrite `errno`.
    static func current(_ operation: Operation, _ path: String) -> LogFileError {
        LogFileError(path: path, operation: operation, code: errno)
    }

    /// The system's message for `code`, e.g. "Permission denied".
    public var reason: String {
        // strerror_r rather than strerror, which may share one buffer between
        // threads. Swift's Glibc imports the XSI form: it fills the buffer.
        var buffer = [CChar](repeating: 0, count: 256)
        let status = buffer.withUnsafeMutableBufferPointer { b in
            strerror_r(code, b.baseAddress!, b.count)
        }
        guard status == 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String {
        "cannot \(operation.phrase(path)): \(reason)"
    }
}
