#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a file, and every directory above it, is beyond the reach of
/// ordinary users: the question `setup --check` asks of each file and the one a
/// set-group-id towerwatch asks of its configuration before believing it.
enum TrustCheck {
    /// Nil when only root can change `path` or move it (owned by root, not writable
    /// by group or others, in directories owned by root that others cannot write,
    /// unless sticky); otherwise what lets someone else do it.
    static func rootOnly(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "it does not exist" }
        guard st.st_mode & S_IFMT != S_IFLNK else { return "it is a symbolic link" }
        guard st.st_uid == 0 else { return "it is owned by uid \(st.st_uid), not root" }
        guard st.st_mode & 0o022 == 0 else { return "its group or others may write it (mode \(octal(st.st_mode)))" }
        return directoriesAbove(path)
    }

    /// Nil when no directory above `path` lets a user other than root replace what is in it.
    static func directoriesAbove(_ path: String) -> String? {
        var dir = path
        while true {
            guard let slash = dir.lastIndex(of: "/") else { return nil }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
            var st = stat()
            guard stat(dir, &st) == 0 else { return "cannot stat \(dir)" }
            guard st.st_uid == 0 else { return "directory \(dir) is owned by uid \(st.st_uid), not root" }
            if st.st_mode & 0o002 != 0 && st.st_mode & S_ISVTX == 0 { return "others may write directory \(dir) (mode \(octal(st.st_mode)))" }
            if st.st_mode & 0o020 != 0 && st.st_gid != 0 && st.st_mode & S_ISVTX == 0 {
                return "group \(st.st_gid) may write directory \(dir) (mode \(octal(st.st_mode)))"
            }
            if dir == "/" { return nil }
        }
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o7777, radix: 8) }
}
