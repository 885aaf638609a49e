#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a log file is checked before it is trusted, as ssh checks its keys.
///
/// A log in a directory others may write can be swapped for someone else's file;
/// a log others may write can be forged; a symbolic link can point a writer at any
/// file. So, by default: a symbolic link is refused (unless `followSymlinks`); the
/// file is opened with `O_NOFOLLOW` and the file opened must be the one checked
/// (same device and inode by `fstat` and `lstat`, so nothing was swapped between
/// the check and the open); neither the file nor its directory may be writable by
/// others, nor by the group unless `groupWritable` was chosen or the directory is
/// set-group-id with the log's group (a shared install); (a directory others
/// may write is accepted only with the sticky bit, as /tmp has, when the file is
/// the user's own); and a writer appends only to a file it or root owns.
public struct PathChecks: Sendable, Equatable {
    /// Follow a symbolic link to the file it names (then check that file).
    public var followSymlinks = false
    /// Let the file and its directory be writable by their group.
    public var groupWritable = false

    public init(followSymlinks: Bool = false, groupWritable: Bool = false) {
        self.followSymlinks = followSymlinks
        self.groupWritable = groupWritable
    }

    /// The checks this process applies: the command line sets them once from its
    /// options (`--follow-symlinks`, `--group-writable`) before opening a log.
    nonisolated(unsafe) public static var process = PathChecks()

    /// The path to open: `path` itself, or the file a symbolic link names when links
    /// are followed. Throws `LogError.refused` for a link that may not be followed.
    func resolve(_ path: String) throws -> String {
        var st = stat()
        guard lstat(path, &st) == 0 else { return path }   // the open reports what is missing
        guard st.st_mode & S_IFMT == S_IFLNK else { return path }
        guard followSymlinks, let real = realpath(path, nil) else {
            throw LogError.refused(path: path, reason: "it is a symbolic link; a log is opened only as itself (pass --follow-symlinks to follow it)")
        }
        defer { free(real) }
        return String(cString: real)
    }

    /// Checks the file open as `fd`, reached at `path`, and its directory.
    func verify(fd: Int32, path: String, writer: Bool) throws {
        var opened = stat(), named = stat()
        guard fstat(fd, &opened) == 0, lstat(path, &named) == 0 else { throw LogFileError.current(.stat, path) }
        guard opened.st_dev == named.st_dev && opened.st_ino == named.st_ino else {
            throw LogError.refused(path: path, reason: "the file changed between the check and the open (it was replaced); try again")
        }
        guard opened.st_mode & S_IFMT == S_IFREG else { throw LogError.refused(path: path, reason: "not a regular file") }
        let directory = PathChecks.directory(of: path)
        var dir = stat()
        guard stat(directory, &dir) == 0 else { throw LogFileError.current(.stat, directory) }
        // A set-group-id directory whose group is the log's (as `setup --system` makes
        // one) shares the log with that group on purpose: group write is chosen there.
        let sharedGroup = groupWritable || (dir.st_mode & S_ISGID != 0 && dir.st_gid == opened.st_gid)
        if let who = writableBy(opened.st_mode, group: sharedGroup) {
            throw LogError.refused(path: path, reason: "the log is writable by \(who) (mode \(String(opened.st_mode & 0o777, radix: 8))); make it writable by its owner only (chmod go-w)")
        }
        if writer && opened.st_uid != geteuid() && opened.st_uid != 0 && geteuid() != 0 {
            throw LogError.refused(path: path, reason: "the log belongs to uid \(opened.st_uid), not to this user: a writer appends only to its own log")
        }
        if let who = writableBy(dir.st_mode, group: sharedGroup) {
            let sticky = dir.st_mode & S_ISVTX != 0
            // A sticky directory (like /tmp) lets nobody but the file's owner replace it.
            if !(sticky && (opened.st_uid == geteuid() || opened.st_uid == 0)) {
                throw LogError.refused(path: path, reason: "its directory \(directory) is writable by \(who) (mode \(String(dir.st_mode & 0o7777, radix: 8))): anyone there could replace the log; keep logs in a directory only their owner may write")
            }
        }
    }

    /// Who other than the owner may write a file of this mode, if anyone may.
    private func writableBy(_ mode: mode_t, group: Bool) -> String? {
        if mode & S_IWOTH != 0 { return "others" }
        if mode & S_IWGRP != 0 && !group { return "its group (pass --group-writable if that is meant)" }
        return nil
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let prefix = path[..<slash]
        return prefix.isEmpty ? "/" : String(prefix)
    }
}
