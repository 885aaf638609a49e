#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension SystemLayout {
    /// Prints each file with its owner and mode and every way around the rules it
    /// leaves open; returns how many risks it found.
    func check() -> Int {
        var risks = 0
        func ok(_ text: String) { say("ok    " + text) }
        func risk(_ text: String) { risks += 1; say("RISK  " + text) }
        let gid = getgrnam(group)?.pointee.gr_gid
        if gid == nil { risk("group \(group) does not exist: run `towerwatch setup --system`") }

        if let problem = TrustCheck.rootOnly(configPath) { risk("\(configPath): \(problem)") } else { ok("\(configPath): root only") }
        let configured = (try? String(contentsOfFile: configPath, encoding: .utf8)).flatMap { DistrictConfig.parse($0).log }
        if let configured, configured != logPath { ok("\(configPath) names the log \(configured)") }
        let log = configured ?? logPath
        let dir = (log as NSString).deletingLastPathComponent

        if let problem = TrustCheck.directoriesAbove(dir) { risk("above \(dir): \(problem)") }
        checkShared(dir, gid: gid, directory: true, say: ok, warn: risk)
        checkShared(log, gid: gid, directory: false, say: ok, warn: risk)

        // Anything else beside the log: a user who could plant or change one could
        // feed a console a policy, a snapshot or a swapped-in log.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        for name in entries.sorted() where dir + "/" + name != log {
            let path = dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFLNK { risk("\(path): a symbolic link beside the log"); continue }
            if st.st_mode & 0o002 != 0 { risk("\(path): others may write it (mode \(TrustCheck.octal(st.st_mode)))"); continue }
            if st.st_uid != 0 && st.st_gid != gid { risk("\(path): owned by uid \(st.st_uid), who can change it"); continue }
        }

        var st = stat()
        if stat(binary, &st) != 0 {
            say("note  \(binary) is not installed: only root and the group can write the log")
        } else if st.st_uid != 0 || st.st_mode & 0o022 != 0 {
            risk("\(binary): owned by uid \(st.st_uid), mode \(TrustCheck.octal(st.st_mode)): someone other than root could replace it")
        } else if st.st_mode & S_ISGID == 0 || st.st_gid != gid {
            risk("\(binary): not set-group-id \(group) (mode \(TrustCheck.octal(st.st_mode))): users cannot write through it")
        } else {
            ok("\(binary): root:\(group) \(TrustCheck.octal(st.st_mode)), set-group-id")
        }

        // Members of the group write the log directly, around every rule.
        for member in groupMembers(gid) where member != "root" {
            risk("account \(member) is in group \(group): it can write the log directly, around the rules")
        }
        say(risks == 0 ? "no way around the rules found" : "\(risks) way\(risks == 1 ? "" : "s") around the rules found")
        return risks
    }

    /// The directory or log: root's, the group's, writable by the group only.
    private func checkShared(_ path: String, gid: gid_t?, directory: Bool, say: (String) -> Void, warn: (String) -> Void) {
        var st = stat()
        guard lstat(path, &st) == 0 else { warn("\(path) does not exist"); return }
        if st.st_mode & S_IFMT == S_IFLNK { warn("\(path) is a symbolic link"); return }
        if st.st_uid != 0 { warn("\(path) is owned by uid \(st.st_uid), not root") }
        if let gid, st.st_gid != gid { warn("\(path) belongs to group \(st.st_gid), not \(group)") }
        if st.st_mode & 0o002 != 0 { warn("\(path): others may write it (mode \(TrustCheck.octal(st.st_mode)))") }
        if st.st_uid == 0, st.st_gid == gid, st.st_mode & 0o002 == 0 {
            say("\(path): root:\(group) \(TrustCheck.octal(st.st_mode))\(directory ? "" : ", writable only through towerwatch")")
        }
    }

    /// Accounts in the group, as members or by their primary group.
    func groupMembers(_ gid: gid_t?) -> [String] {
        guard let gid, let g = getgrgid(gid) else { return [] }
        var names: Set<String> = []
        var p = g.pointee.gr_mem
        while let member = p?.pointee { names.insert(String(cString: member)); p = p! + 1 }
        setpwent()
        while let pw = getpwent() { if pw.pointee.pw_gid == gid { names.insert(String(cString: pw.pointee.pw_name)) } }
        endpwent()
        return names.sorted()
    }
}
