import Foundation

/// The fix for writing into a folder that does not exist: the folder, named,
/// and the one command that creates it.
///
/// "No such file or directory" leaves the user to guess which part of the path
/// is missing; this names it (the file's own folder, as typed, made absolute
/// only when it was relative) and quotes it for the shell.
enum MissingFolder {
    /// `the folder '/srv/tw/logs' does not exist; create it with: mkdir -p '/srv/tw/logs'`
    /// when `path`'s folder is missing, else nil.
    static func advice(forPath path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return nil }
        var isFolder: ObjCBool = false
        guard !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return nil }
        let quoted = shellQuoted(folder)
        return "the folder \(quoted) does not exist; create it with: mkdir -p \(quoted)"
    }

    /// `text` in single quotes for a POSIX shell (a quote inside becomes '\'').
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
