#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchLog

/// The guards the simulator must leave to people: never acts for them.
///
/// A guard is left alone when
/// - named with `simulate --leave G-017,G-018`;
/// - a guard console has them open: the console writes a presence file
///   `LOG.presence/G-017` holding its process id, removed when it exits
///   (a file whose process is gone counts for nothing, so a crash does not
///   keep a guard away from the simulator for ever);
/// - a person acted for them in the last hour: a record about the guard
///   (as the guard, or an officer acknowledging for them by radio) that the
///   simulator did not write itself.
///
/// The files make presence visible to any process on the host; the hour is
/// read from the log, so it holds whichever process the person used.
public final class GuardsLeftAlone {
    public let explicit: Set<GuardID>
    /// Where presence files live (`LOG.presence`), or nil to ignore them.
    public let presenceDirectory: String?
    public static let personWindow = Span.hours(1)

    private var written: Set<UInt64> = []
    private var lookedUpTo: UInt64 = 0
    private(set) var lastPersonAct: [GuardID: Timestamp] = [:]

    public init(explicit: Set<GuardID> = [], presenceDirectory: String? = nil) {
        self.explicit = explicit
        self.presenceDirectory = presenceDirectory
    }

    /// The presence folder beside a log.
    public static func presenceDirectory(forLog path: String) -> String { path + ".presence" }

    /// Notes records the simulator wrote (they are not a person's).
    public func wrote(_ records: [EventRecord]) {
        for r in records where r.seq > lookedUpTo { written.insert(r.seq) }
    }

    /// Reads the records folded in since the last look for people acting for guards.
    public func look(at records: [EventRecord], state: DistrictState) {
        for r in records where r.seq > lookedUpTo {
            if !written.contains(r.seq), let g = Self.guardActedFor(by: r.actor, event: r.event, state: state) { lastPersonAct[g] = r.time }
            lookedUpTo = r.seq
        }
        written = written.filter { $0 > lookedUpTo }
    }

    /// True when `command` would act for a guard the simulator must leave alone at `now`.
    public func excludes(_ command: Command, state: DistrictState, now: Timestamp) -> Bool {
        guard let g = Self.guardActedFor(command, state: state) else { return false }
        return isLeftAlone(g, now: now)
    }

    public func isLeftAlone(_ g: GuardID, now: Timestamp) -> Bool {
        if explicit.contains(g) { return true }
        if let t = lastPersonAct[g], now - t < Self.personWindow { return true }
        if let dir = presenceDirectory { return GuardPresence.isPresent(g, in: dir) }
        return false
    }

    /// The guard a command acts for: its actor when a guard, or the guard an officer speaks for.
    static func guardActedFor(_ command: Command, state: DistrictState) -> GuardID? {
        if case .guard(let g) = command.actor { return g }
        switch command.action {
        case .acknowledge(let d, _): return state.dispatches[d]?.guard
        case .goOnDuty(let g), .goOffDuty(let g): return g
        default: return nil
        }
    }

    /// The guard a record shows someone acting for, if any.
    static func guardActedFor(by actor: Actor, event: Event, state: DistrictState) -> GuardID? {
        if case .guard(let g) = actor { return g }
        if case .dispatchAcknowledged(_, let g, let channel) = event, channel != .console { return g }
        return nil
    }
}

/// A guard console's mark that a person is driving this guard: `DIR/G-017`
/// holding the console's process id.
public struct GuardPresence: Sendable {
    public let path: String

    /// Writes the mark (creating the folder, mode 0700); remove it with ``release()``.
    public static func claim(_ g: GuardID, in directory: String) throws -> GuardPresence {
        mkdir(directory, 0o700)
        let path = directory + "/" + g.raw
        let text = "\(getpid())\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw PresenceError(path: path, errno: errno) }
        defer { close(fd) }
        _ = text.withCString { write(fd, $0, strlen($0)) }
        return GuardPresence(path: path)
    }

    public func release() { unlink(path) }

    /// True when `DIR/G-017` names a process that is still running.
    public static func isPresent(_ g: GuardID, in directory: String) -> Bool {
        let path = directory + "/" + g.raw
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0, let pid = Int32(String(decoding: bytes[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    public struct PresenceError: Error, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "could not write the presence file \(path): \(String(cString: strerror(errno)))" }
    }
}
