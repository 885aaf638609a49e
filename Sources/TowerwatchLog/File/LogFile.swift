#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open log file: a thin layer over the POSIX calls the log store needs.
///
/// It knows nothing about records; it moves bytes. Writers open with
/// ``openForAppending(path:)``, take ``withWriteLock(_:)`` around each append (many
/// processes append to one file), and call ``sync()`` when durability is needed.
/// Readers open with ``openForReading(path:)``, which never writes and never locks,
/// so replay works on a file the reader may not modify (mode 0400) and never delays
/// a writer.
///
/// The descriptor is closed when the object is released.
///
/// Thread safety: reads (`pread`) and `size()` may be called from any thread. The write
/// lock also serialises threads that share one instance (an `flock` lock belongs to
/// the open file description, so without that two threads of one instance would both
/// "hold" it at once). Marked `@unchecked Sendable` because the lock depth is guarded
/// by that mutex rather than by the type system.
public final class LogFile: @unchecked Sendable {
    /// How the file was opened.
    public enum Access: Sendable, Equatable {
        /// `O_RDWR | O_APPEND`: may append, lock, sync and truncate.
        case append
        /// `O_RDONLY`: may only read.
        case readOnly
    }

    /// The permissions a new log file is created with.
    public enum Permissions: Sendable, Equatable {
        /// 0600: only the owner may read or write (the default: a log may hold
        /// personal data about callers).
        case ownerOnly
        /// 0640: the owner writes, the owner's group may read (e.g. a supervisor's
        /// read-only console running as another user).
        case groupReadable

        /// The mode bits.
        public var mode: mode_t {
            switch self {
            case .ownerOnly: return 0o600
            case .groupReadable: return 0o640
            }
        }
    }

    /// Where a scan by ``forEachChunk(from:chunkSize:_:)`` stopped.
    public struct ChunkScan: Sendable, Equatable {
        /// The file offset just past the last complete line (the next line starts here).
        public let endOfLines: Int
        /// Bytes after the last newline, if any: a line without its `\n`.
        public let tail: TornTail?
    }

    /// A final line without a terminating newline.
    ///
    /// While other processes append, this may be a write still in progress (a reader
    /// can observe part of another process's `write`); only a writer holding the
    /// write lock may conclude the tail is torn and cut it with ``truncate(to:)``.
    public struct TornTail: Sendable, Equatable {
        /// File offset of the first byte of the partial line.
        public let offset: Int
        /// The partial line's bytes.
        public let bytes: [UInt8]
    }

    /// The path the file was opened with (used in error messages).
    public let path: String
    /// How the file was opened.
    public let access: Access
    /// The open descriptor, for callers that need `fstat` or `poll` themselves.
    /// Do not close it: the object owns it.
    public let fileDescriptor: Int32

    private let lockMutex = RecursiveMutex()
    /// How many nested ``withWriteLock(_:)`` scopes the mutex holder is in; guarded by
    /// `lockMutex`. The `flock` is taken at 0→1 and released at 1→0, so a nested scope
    /// cannot drop the outer scope's lock.
    private var lockDepth = 0

    private init(path: String, access: Access, fileDescriptor: Int32) {
        self.path = path
        self.access = access
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        _ = close(fileDescriptor)
    }

    // MARK: - Creating and opening

    /// Creates a new log file holding only `header`, durably.
    ///
    /// The file is created exclusively (`O_CREAT | O_EXCL`), so an existing log is
    /// never overwritten, and given exactly `permissions` whatever the umask (`fchmod`
    /// after `open`: the mode passed to `open` is filtered through the umask). The
    /// header gets a trailing `\n` if it lacks one. The file and its directory are
    /// fsync-ed, so after a crash the file either exists with its header or not at all.
    /// If writing the header fails, the half-made file is removed so a retry can succeed.
    ///
    /// Until this returns, another process may see the file empty; readers should take
    /// an empty file as "being created".
    public static func create(path: String, permissions: Permissions = .ownerOnly, header: [UInt8]) throws {
        let fd = retryingEINTR {
            open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions.mode)
        }
        guard fd >= 0 else { throw LogFileError.current(.create, path) }
        var failure: LogFileError?
        if fchmod(fd, permissions.mode) != 0 {
            failure = .current(.setPermissions, path)
        }
        if failure == nil {
            var line = header
            if let last = line.last, last != 0x0A { line.append(0x0A) }
            failure = line.withUnsafeBytes { writeAll(fd, $0, path: path) }
        }
        if failure == nil, retryingEINTR({ fsync(fd) }) != 0 {
            failure = .current(.sync, path)
        }
        _ = close(fd)
        if let failure {
            _ = unlink(path)
            throw failure
        }
        try syncDirectory(of: path)
    }

    /// Opens an existing log file for appending (`O_RDWR | O_APPEND | O_CLOEXEC`).
    ///
    /// Every write lands at the end of the file, wherever other processes have
    /// appended meanwhile. Read access is included so a writer can inspect the tail.
    ///
    /// The path is checked first (see ``PathChecks``): a symbolic link is refused
    /// unless followed, the file is opened with `O_NOFOLLOW` and must be the one
    /// checked, and neither it nor its directory may be writable by others.
    public static func openForAppending(path: String, checks: PathChecks = .process) throws -> LogFile {
        let target = try checks.resolve(path)
        let fd = retryingEINTR { open(target, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW) }
        guard fd >= 0 else { throw LogFileError.current(.openForAppending, path) }
        do { try checks.verify(fd: fd, path: target, writer: true) } catch { _ = close(fd); throw error }
        return LogFile(path: path, access: .append, fileDescriptor: fd)
    }

    /// Opens an existing log file read-only (`O_RDONLY | O_CLOEXEC`).
    ///
    /// Needs only read permission, writes nothing, takes no lock.
    /// Checked as ``openForAppending(path:checks:)`` checks, except that the file may
    /// belong to another user (a supervisor reading a group-readable log).
    public static func openForReading(path: String, checks: PathChecks = .process) throws -> LogFile {
        let target = try checks.resolve(path)
        let fd = retryingEINTR { open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard fd >= 0 else { throw LogFileError.current(.openForReading, path) }
        do { try checks.verify(fd: fd, path: target, writer: false) } catch { _ = close(fd); throw error }
        return LogFile(path: path, access: .readOnly, fileDescriptor: fd)
    }

    // MARK: - Locking

    /// Runs `body` holding the exclusive advisory write lock, releasing it however
    /// `body` ends.
    ///
    /// Blocks until every other writer (another process, or another `LogFile` on the
    /// same path, or another thread using this instance) has released it. Scopes may
    /// nest on one thread; the lock is released when the outermost one ends. Readers
    /// take no lock, so holding it never delays replay or following.
    ///
    /// - Throws: ``LogFileError`` with operation `.lock` if the file was opened
    ///   read-only (`EBADF`) or `flock` fails; otherwise whatever `body` throws.
    public func withWriteLock<R>(_ body: () throws -> R) throws -> R {
        guard access == .append else {
            // flock would succeed on a read-only descriptor; refuse so a reader can
            // never block writers by mistake.
            throw LogFileError(path: path, operation: .lock, code: EBADF)
        }
        lockMutex.lock()
        defer { lockMutex.unlock() }
        if lockDepth == 0 {
            if retryingEINTR({ flock(fileDescriptor, LOCK_EX) }) != 0 {
                throw LogFileError.current(.lock, path)
            }
        }
        lockDepth += 1
        defer {
            lockDepth -= 1
            if lockDepth == 0 {
                // Unlocking a lock we hold on a valid descriptor cannot fail in a way
                // we could act on; closing the descriptor would release it anyway.
                _ = flock(fileDescriptor, LOCK_UN)
            }
        }
        return try body()
    }

    /// Runs `body` while no writer holds the write lock, or returns nil at once if one does.
    ///
    /// A reader that sees a final line without its newline, or a command missing its
    /// last parts, calls this to tell an append under way (a writer holds the lock)
    /// from one that stopped mid-way (nobody does). It takes a shared lock without
    /// waiting and only for `body`, so it never waits for a writer and delays one by
    /// no more than `body` takes. Works on a read-only descriptor.
    ///
    /// - Precondition: the calling thread does not hold the write lock on this
    ///   instance (a shared lock would replace it).
    public func whileNoWriterHoldsLock<R>(_ body: () throws -> R) throws -> R? {
        precondition(!isWriteLockedByCurrentThread, "LogFile.whileNoWriterHoldsLock inside the write lock")
        lockMutex.lock()
        defer { lockMutex.unlock() }
        if retryingEINTR({ flock(fileDescriptor, LOCK_SH | LOCK_NB) }) != 0 {
            if errno == EWOULDBLOCK { return nil }
            throw LogFileError.current(.lock, path)
        }
        defer { _ = flock(fileDescriptor, LOCK_UN) }
        return try body()
    }

    /// Whether the calling thread is inside ``withWriteLock(_:)`` on this instance.
    public var isWriteLockedByCurrentThread: Bool {
        // A recursive mutex can be re-taken by its owner, and not by anyone else: if
        // trylock succeeds, either nobody holds it (depth 0) or we do (depth > 0).
        guard lockMutex.tryLock() else { return false }
        defer { lockMutex.unlock() }
        return lockDepth > 0
    }

    // MARK: - Writing

    /// Appends `bytes` with one `write` call, looping only on a short write or `EINTR`.
    ///
    /// One call for the whole buffer keeps a record contiguous; the write lock keeps
    /// other writers out between the calls of a short write. If this throws partway, a
    /// partial line may remain at the end; cut it under the lock with ``truncate(to:)``.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        if let failure = LogFile.writeAll(fileDescriptor, bytes, path: path) { throw failure }
    }

    /// Appends `bytes` (see the raw-buffer form).
    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// Flushes appended data to stable storage with `fdatasync` (the size is data
    /// for this purpose, metadata like times is skipped).
    public func sync() throws {
        if retryingEINTR({ fdatasync(fileDescriptor) }) != 0 {
            throw LogFileError.current(.sync, path)
        }
    }

    /// Cuts the file to `offset` bytes and fsyncs it; for removing a torn tail.
    ///
    /// - Precondition: the calling thread holds the write lock (``withWriteLock(_:)``),
    ///   so no other writer can be appending past the cut.
    public func truncate(to offset: Int) throws {
        precondition(isWriteLockedByCurrentThread, "LogFile.truncate(to:) needs the write lock")
        if retryingEINTR({ ftruncate(fileDescriptor, off_t(offset)) }) != 0 {
            throw LogFileError.current(.truncate, path)
        }
        if retryingEINTR({ fsync(fileDescriptor) }) != 0 {
            throw LogFileError.current(.sync, path)
        }
    }

    // MARK: - Reading

    /// The file's current size in bytes (`fstat`).
    public func size() throws -> Int {
        var st = stat()
        guard fstat(fileDescriptor, &st) == 0 else { throw LogFileError.current(.stat, path) }
        return Int(st.st_size)
    }

    /// Whether the file this object has open is no longer the one at `path`: it was
    /// deleted, or renamed away and possibly replaced by another file.
    ///
    /// A follower calls this after a notification of a move, delete or attribute
    /// change, then reopens the path if so.
    public func isDetachedFromPath() throws -> Bool {
        var own = stat()
        guard fstat(fileDescriptor, &own) == 0 else { throw LogFileError.current(.stat, path) }
        if own.st_nlink == 0 { return true }
        var current = stat()
        if stat(path, &current) != 0 {
            if errno == ENOENT { return true }
            throw LogFileError.current(.stat, path)
        }
        return current.st_dev != own.st_dev || current.st_ino != own.st_ino
    }

    /// Reads bytes at `offset` with `pread` until `buffer` is full or the file ends;
    /// returns how many bytes were read (fewer than `buffer.count` only at the end).
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(fileDescriptor, base + done, buffer.count - done, off_t(offset + done))
            if n > 0 {
                done += n
            } else if n == 0 {
                break
            } else if errno != EINTR {
                throw LogFileError.current(.read, path)
            }
        }
        return done
    }

    /// Reads the file from `offset` to its end in chunks of whole lines.
    ///
    /// `body` gets the file offset of each chunk's first byte and a buffer that ends
    /// with `\n`; the buffer is only valid during the call. A line that spans a chunk
    /// boundary is carried over to the next chunk; a line longer than `chunkSize`
    /// grows the buffer rather than being split. Bytes after the last newline are
    /// not passed to `body` but returned as ``ChunkScan/tail``.
    ///
    /// Reads until `pread` reports the end, so lines appended during the scan are
    /// included. To continue later (e.g. after a follower wakes up), scan again from
    /// ``ChunkScan/endOfLines``.
    ///
    /// - Parameters:
    ///   - offset: where to start; should be the start of a line.
    ///   - chunkSize: bytes read per `pread`; the default 4 MiB amortises system
    ///     calls while staying well inside the CPU caches' reach for the next pass.
    @discardableResult
    public func forEachChunk(
        from offset: Int = 0,
        chunkSize: Int = 4 << 20,
        _ body: (_ offset: Int, _ lines: UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> ChunkScan {
        precondition(offset >= 0, "negative offset")
        var capacity = max(chunkSize, 1)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }

        // Tell the kernel to read ahead aggressively; purely advisory.
        _ = posix_fadvise(fileDescriptor, off_t(offset), 0, POSIX_FADV_SEQUENTIAL)

        var lineStart = offset   // file offset of buffer[0]
        var filled = 0           // valid bytes in buffer; buffer[0..<filled] holds no '\n'
        var readOffset = offset  // where the next pread starts
        while true {
            if filled == capacity {
                // A single line fills the whole buffer: grow instead of splitting it.
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                bigger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let n = pread(fileDescriptor, buffer + filled, capacity - filled, off_t(readOffset))
            if n < 0 {
                if errno == EINTR { continue }
                throw LogFileError.current(.read, path)
            }
            if n == 0 { break }
            readOffset += n
            let scanFrom = filled
            filled += n
            // Search backwards: the last newline is usually near the end of the chunk.
            var last = filled - 1
            while last >= scanFrom && buffer[last] != 0x0A { last -= 1 }
            if last < scanFrom { continue }
            let end = last + 1
            try body(lineStart, UnsafeBufferPointer(start: buffer, count: end))
            let rest = filled - end
            if rest > 0 {
                // The regions may overlap (a partial line longer than the rest of the
                // chunk), so memmove rather than a forward copy.
                _ = memmove(buffer, buffer + end, rest)
            }
            lineStart += end
            filled = rest
        }
        let tail = filled > 0
            ? TornTail(offset: lineStart, bytes: Array(UnsafeBufferPointer(start: buffer, count: filled)))
            : nil
        return ChunkScan(endOfLines: lineStart, tail: tail)
    }

    // MARK: - Helpers

    /// Writes all of `bytes` to `fd`; returns the error instead of throwing so that
    /// `create` can clean up first.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) -> LogFileError? {
        guard var p = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let n = write(fd, p, remaining)
            if n > 0 {
                p += n
                remaining -= n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                // write returning 0 for a non-empty buffer means no progress is possible
                // (e.g. a full device reported that way); report it as ENOSPC.
                return n == 0 ? LogFileError(path: path, operation: .write, code: ENOSPC)
                              : .current(.write, path)
            }
        }
        return nil
    }

    /// Fsyncs the directory holding `path`, so a newly created entry survives a crash.
    static func syncDirectory(of path: String) throws {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            let prefix = path[..<slash]
            directory = prefix.isEmpty ? "/" : String(prefix)
        } else {
            directory = "."
        }
        let fd = retryingEINTR { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw LogFileError.current(.syncDirectory, path) }
        defer { _ = close(fd) }
        if retryingEINTR({ fsync(fd) }) != 0 {
            throw LogFileError.current(.syncDirectory, path)
        }
    }
}

/// Repeats a system call while it fails with `EINTR` (a signal arrived mid-call).
@inline(__always)
fileprivate func retryingEINTR<T: BinaryInteger>(_ call: () -> T) -> T {
    while true {
        let result = call()
        if result != -1 || errno != EINTR { return result }
    }
}

/// A recursive pthread mutex; heap-allocated because a `pthread_mutex_t` must not move.
fileprivate final class RecursiveMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func tryLock() -> Bool { pthread_mutex_trylock(mutex) == 0 }
}
