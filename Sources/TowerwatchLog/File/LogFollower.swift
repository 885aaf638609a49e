#if canImport(Glibc)
import Glibc

/// Notices when other processes change a log file, without polling the file.
///
/// Built on inotify: the kernel queues a notification on ``fileDescriptor`` when the
/// file is written to, renamed, deleted or has its attributes changed, and the
/// descriptor becomes readable. Nothing runs while nothing changes: callers either
/// block in ``wait(timeoutMillis:)`` or put ``fileDescriptor`` in their own `poll`
/// set (the console polls it together with standard input), then call ``drain()``
/// and read the new lines with `LogFile.forEachChunk(from:)`.
///
/// Notifications say *that* something changed, not what: one append may produce
/// several, several appends may be merged into one, so always read from the last
/// known offset to the end rather than counting notifications.
///
/// Not `Sendable`: use an instance from one thread (or actor) at a time. Handlers
/// belong in ordinary types or functions; in Swift 6, a closure written at top level
/// of main.swift is main-actor bound and traps when called from another thread.
public final class LogFollower {
    /// What happened since the last ``drain()``.
    public struct Changes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Data was written (`IN_MODIFY`): read from the last offset. A truncation
        /// (a writer cutting a torn tail) reports this too, so a reader whose offset
        /// is now past `size()` should re-check the tail it had.
        public static let modified = Changes(rawValue: 1 << 0)
        /// Permissions, owner, times or link count changed (`IN_ATTRIB`); a deleted
        /// file that someone still holds open only reports this (the link count),
        /// so check `LogFile.isDetachedFromPath()`.
        public static let attributes = Changes(rawValue: 1 << 1)
        /// The file was renamed (`IN_MOVE_SELF`), e.g. replaced by a rename over it.
        public static let moved = Changes(rawValue: 1 << 2)
        /// The file was deleted (`IN_DELETE_SELF`) or the watch is gone
        /// (`IN_IGNORED`, e.g. its file system was unmounted).
        public static let deleted = Changes(rawValue: 1 << 3)
        /// The kernel's queue overflowed and notifications were lost
        /// (`IN_Q_OVERFLOW`): assume anything may have changed.
        public static let overflow = Changes(rawValue: 1 << 4)

        /// The followed file may no longer be the one at the path: reopen.
        public static let replaced: Changes = [.moved, .deleted]
    }

    /// The path being followed.
    public let path: String
    /// The inotify descriptor, non-blocking and close-on-exec; readable when
    /// notifications are pending. Poll it, but do not read or close it.
    public let fileDescriptor: Int32
    /// The current watch, or -1 once the kernel has dropped it.
    private var watch: Int32 = -1

    private static let watchMask = UInt32(IN_MODIFY) | UInt32(IN_ATTRIB)
        | UInt32(IN_MOVE_SELF) | UInt32(IN_DELETE_SELF)

    /// Starts following `path`, which must exist.
    public init(path: String) throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw LogFileError.current(.watch, path) }
        self.path = path
        self.fileDescriptor = fd
        let wd = inotify_add_watch(fd, path, Self.watchMask)
        guard wd >= 0 else {
            let error = LogFileError.current(.watch, path)
            _ = close(fd)
            throw error
        }
        watch = wd
    }

    deinit {
        _ = close(fileDescriptor)
    }

    /// Follows whatever file is now at ``path`` instead of the old one; call after
    /// ``Changes/replaced`` once the new file exists (and reopen the `LogFile` too).
    public func rewatch() throws {
        let wd = inotify_add_watch(fileDescriptor, path, Self.watchMask)
        guard wd >= 0 else { throw LogFileError.current(.watch, path) }
        // Add before removing: the same inode gives back the same watch, which must
        // then stay. Events for the removed watch (its IN_IGNORED) are filtered out
        // in drain() by watch number.
        if watch >= 0 && watch != wd {
            _ = inotify_rm_watch(fileDescriptor, watch)
        }
        watch = wd
    }

    /// Consumes every pending notification and returns what they report (empty if
    /// there were none). Never blocks.
    public func drain() throws -> Changes {
        var changes: Changes = []
        // Room for many events per read; inotify never splits an event across reads.
        let capacity = 64 * (MemoryLayout<inotify_event>.size + Int(NAME_MAX) + 1)
        return try withUnsafeTemporaryAllocation(
            byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment
        ) { buffer -> Changes in
            let base = buffer.baseAddress!
            while true {
                let n = Glibc.read(fileDescriptor, base, capacity)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { return changes }
                    throw LogFileError.current(.readNotifications, path)
                }
                if n == 0 { return changes }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = (base + offset).loadUnaligned(as: inotify_event.self)
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                    changes.formUnion(record(event))
                }
            }
        }
    }

    /// Translates one kernel event into ``Changes``, forgetting a dropped watch.
    private func record(_ event: inotify_event) -> Changes {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return .overflow }
        // Leftovers from a watch replaced by rewatch() say nothing about the new file.
        guard event.wd == watch else { return [] }
        var changes: Changes = []
        if mask & UInt32(IN_MODIFY) != 0 { changes.insert(.modified) }
        if mask & UInt32(IN_ATTRIB) != 0 { changes.insert(.attributes) }
        if mask & UInt32(IN_MOVE_SELF) != 0 { changes.insert(.moved) }
        if mask & UInt32(IN_DELETE_SELF) != 0 { changes.insert(.deleted) }
        if mask & UInt32(IN_IGNORED) != 0 {
            changes.insert(.deleted)
            watch = -1
        }
        return changes
    }

    /// Blocks until a notification is pending or `timeoutMillis` passes (negative:
    /// no limit); returns whether one is pending. Does not consume it: call
    /// ``drain()`` next.
    ///
    /// Sleeps in `poll`, so it uses no CPU while waiting. A signal interrupting the
    /// wait resumes it for the remaining time. An unexpected `poll` failure returns
    /// true, so the caller re-reads the file rather than missing a change.
    public func wait(timeoutMillis: Int32) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(max(0, timeoutMillis))
        var remaining = timeoutMillis
        while true {
            var entry = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let result = poll(&entry, 1, remaining)
            if result > 0 { return true }
            if result == 0 { return false }
            if errno != EINTR { return true }
            if timeoutMillis >= 0 {
                remaining = Int32(clamping: max(0, Int((ContinuousClock.now.duration(to: deadline) / .milliseconds(1)).rounded(.up))))
            }
        }
    }
}
#endif
