import Foundation

/// `--out PATH`: a file written whole or not at all.
///
/// The output goes to a new file beside `PATH` and is renamed over it only once
/// it is complete and on disk, so a failed or interrupted run never leaves half
/// a report, and never spoils the report that was there before. The file is
/// the user's only (mode 0600), like the log it is made from: it names guards.
struct OutputFile {
    let path: String
    private let temporary: String
    let descriptor: Int32

    /// Creates the temporary file beside `path`; a missing folder is named, with the command that makes it.
    /// `keep` are files the output must never replace (the log being read).
    static func create(_ path: String, keeping keep: [String] = []) throws -> OutputFile {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            throw Failure(message: "cannot write \(path): the folder \(folder) does not exist (create it with: mkdir -p \(folder))")
        }
        if !folder.isEmpty, !isFolder.boolValue { throw Failure(message: "cannot write \(path): \(folder) is not a folder") }
        var existing = stat()
        if stat(path, &existing) == 0, existing.st_mode & S_IFMT == S_IFDIR {
            throw Failure(message: "cannot write \(path): it is a folder; name a file")
        }
        for other in keep {
            var kept = stat()
            if stat(other, &kept) == 0, stat(path, &existing) == 0, kept.st_dev == existing.st_dev, kept.st_ino == existing.st_ino {
                throw Failure(message: "cannot write \(path): it is \(other), which is being read; name another file", status: ExitStatus.usage)
            }
        }
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).\(getpid()).partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
        return OutputFile(path: path, temporary: temporary, descriptor: fd)
    }

    /// Flushes `out`, makes the file durable and puts it in place.
    func commit(_ out: inout StandardOutput) throws {
        out.flush()
        if let failure = out.failure { abandon(); throw Failure(message: "cannot write \(path): \(String(cString: strerror(failure)))") }
        guard fsync(descriptor) == 0 else { let e = errno; abandon(); throw Failure(message: "cannot write \(path): \(String(cString: strerror(e)))") }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let e = errno
            unlink(temporary)
            throw Failure(message: "cannot write \(path): \(String(cString: strerror(e)))")
        }
    }

    /// Removes the temporary file (the run failed); `path` is left as it was.
    func abandon() {
        close(descriptor)
        unlink(temporary)
    }
}
