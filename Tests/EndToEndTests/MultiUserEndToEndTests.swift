import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A district shared by the accounts of one host, set up with `setup --system`
/// in a temporary root: real accounts made with `useradd`, commands run as them
/// with `runuser`. Needs root (CI runs as root); skipped otherwise.
@Suite("Multi-user district: the OS account decides who acts",
       .enabled(if: geteuid() == 0, "needs root: it creates accounts and a group with useradd and groupadd"),
       .enabled(if: Subprocess.isInstalled("useradd") && Subprocess.isInstalled("runuser"), "needs useradd and runuser"))
struct MultiUserEndToEndTests {
    /// Two guards' accounts and an officer's, a group and a temporary root, all
    /// unique to this run and removed at the end, also when a check fails.
    final class Host {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        var guardA: String { "twga-\(suffix)" }
        var guardB: String { "twgb-\(suffix)" }
        var officer: String { "twoa-\(suffix)" }
        var group: String { "twgrp-\(suffix)" }
        var accounts: [String] { [guardA, guardB, officer] }
        let root: String
        var made: [String] = []

        init() throws {
            var template = Array("/tmp/towerwatch-root-XXXXXX".utf8CString)
            root = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
            chmod(root, 0o755)  // the accounts must reach the installed binary
            for name in accounts {
                let made = try Subprocess.run(["useradd", "--no-create-home", "--no-user-group", "--shell", "/usr/sbin/nologin", name])
                guard made.status == 0 else { throw HostError("useradd \(name): \(made.output)") }
                self.made.append(name)
            }
        }

        deinit {
            for name in made { _ = try? Subprocess.run(["userdel", name]) }
            _ = try? Subprocess.run(["groupdel", group])
            try? FileManager.default.removeItem(atPath: root)
        }

        var binary: String { root + "/usr/local/bin/towerwatch" }
        var log: String { root + "/var/lib/towerwatch/district.twlog" }

        /// The installed towerwatch run as `account` (root when nil).
        func towerwatch(_ arguments: [String], as account: String? = nil) throws -> Subprocess.Result {
            try Subprocess.run((account.map { ["runuser", "-u", $0, "--"] } ?? []) + [binary] + arguments)
        }

        /// Anything run as `account`.
        func shell(_ script: String, as account: String) throws -> Subprocess.Result {
            try Subprocess.run(["runuser", "-u", account, "--", "/bin/sh", "-c", script])
        }

        var logBytes: Data { FileManager.default.contents(atPath: log) ?? Data() }
    }

    struct HostError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    @Test func `accounts act only as themselves, an officer records an ack on a guard's behalf, and every record names its account`() throws {
        guard let built = TmuxHarness.locateBinary() else { Issue.record("towerwatch binary not built"); return }
        let host = try Host()
        let setup = try Subprocess.run([built, "setup", "--system", "--root", host.root, "--group", host.group, "--district", "demo"])
        try #require(setup.status == 0, "\(setup.output)")
        #expect(setup.output.contains("created group \(host.group)"))
        #expect(setup.output.contains("set-group-id"))

        // The roster: root, the district's administrator, links the three accounts.
        for (account, who) in [(host.guardA, "G-001"), (host.guardB, "G-002"), (host.officer, "O-01")] {
            let link = try host.towerwatch(["account", "link", account, "--to", who])
            try #require(link.status == 0, "\(link.output)")
        }
        #expect(try host.towerwatch(["whoami"], as: host.guardA).output.contains("guard G-001"))

        // Each guard goes on duty as themself, with no --as: the account says who.
        #expect(try host.towerwatch(["on-duty"], as: host.guardA).status == 0)
        #expect(try host.towerwatch(["on-duty"], as: host.guardB).status == 0)
        #expect(try host.towerwatch(["report-hazard", "--category", "parking", "--tower", "T01", "--floor", "B1", "--zone", "garage"],
                                    as: host.officer).status == 0)
        let sent = try host.towerwatch(["dispatch", "H-000001", "--guard", "G-002"], as: host.officer)
        try #require(sent.status == 0, "\(sent.output)")

        // Guard A cannot act as guard B or as an officer: refused, exit 2, nothing written.
        let before = host.logBytes
        let asB = try host.towerwatch(["ack", "D-000001", "--as", "G-002"], as: host.guardA)
        #expect(asB.status == 2)
        #expect(asB.output.contains("cannot act as guard:G-002"), "\(asB.output)")
        let asOfficer = try host.towerwatch(["close", "H-000001", "--as", "O-01"], as: host.guardA)
        #expect(asOfficer.status == 2)
        #expect(asOfficer.output.contains("cannot act as officer:O-01"), "\(asOfficer.output)")
        let asSystem = try host.towerwatch(["off-duty", "G-002", "--as", "system"], as: host.guardA)
        #expect(asSystem.status == 2)
        // Nor point the installed binary at another log, or write the district's around it.
        let elsewhere = try host.towerwatch(["on-duty", "--log", host.root + "/mine.twlog"], as: host.guardA)
        #expect(elsewhere.status == 2 && elsewhere.output.contains("works only on the district's log"), "\(elsewhere.output)")
        #expect(try host.shell("exec 3>>'\(host.log)'", as: host.guardA).status != 0, "guard A opened the log for writing")
        #expect(try host.shell("echo forged > '\(host.root)/var/lib/towerwatch/policy.yaml'", as: host.guardA).status != 0)
        #expect(!FileManager.default.fileExists(atPath: host.root + "/var/lib/towerwatch/policy.yaml"), "guard A planted a file beside the log")
        #expect(host.logBytes == before, "a refused command wrote to the log")

        // The officer records guard B's radio answer on their behalf.
        let onBehalf = try host.towerwatch(["ack", "D-000001", "--as", "G-002", "--channel", "radio"], as: host.officer)
        #expect(onBehalf.status == 0, "\(onBehalf.output)")
        let acks = try host.towerwatch(["log", "dump", host.log, "--type", "DispatchAcknowledged"], as: host.guardA)
        #expect(acks.output.contains("\"actor\":\"officer:O-01\",\"account\":\"\(host.officer)\""), "\(acks.output)")
        #expect(acks.output.contains("\"channel\":\"radio\""))

        // Every record names the account that wrote it.
        let dump = try host.towerwatch(["log", "dump", host.log], as: host.guardB)
        let records = dump.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(records.count > 900)
        let unnamed = records.filter { !$0.contains("\",\"account\":\"") }
        #expect(unnamed.isEmpty, "\(unnamed.count) records without an account, the first: \(unnamed.first.map { String($0.prefix(120)) } ?? "")")
        for (account, count) in [(host.guardA, 1), (host.guardB, 1), (host.officer, 3)] {
            #expect(records.count { $0.contains("\"account\":\"\(account)\",\"drill\"") } == count, "\(account)")
        }

        // The audit finds nothing the rules would have refused; the check finds no way around them.
        let audit = try host.towerwatch(["log", "verify", "--audit", host.log], as: host.guardA)
        #expect(audit.status == 0 && audit.output.contains(", 0 the rules would have refused"), "\(audit.output)")
        let check = try host.towerwatch(["setup", "--check", "--root", host.root, "--group", host.group])
        #expect(check.status == 0, "\(check.output)")

        // The installed binary opens other files with the caller's own rights: a
        // policy file only the group may read is not read for guard A.
        let groupOnly = host.root + "/group-only-policy.yaml"
        FileManager.default.createFile(atPath: groupOnly, contents: Data("ack_timeout: 60s\n".utf8))
        chown(groupOnly, 0, getgrnam(host.group).pointee.gr_gid)
        chmod(groupOnly, 0o640)
        let borrowed = try host.towerwatch(["log", "verify", "--audit", host.log, "--policy", groupOnly], as: host.guardA)
        #expect(borrowed.status == 2 && borrowed.output.contains("cannot read the policy file"), "\(borrowed.output)")

        // A configuration someone else could change is not believed, and the check says so.
        let config = host.root + "/etc/towerwatch/towerwatch.conf"
        chmod(config, 0o666)
        let untrusted = try host.towerwatch(["on-duty"], as: host.guardA)
        #expect(untrusted.status == 2 && untrusted.output.contains("not trusting \(config)"), "\(untrusted.output)")
        let loose = try host.towerwatch(["setup", "--check", "--root", host.root, "--group", host.group])
        #expect(loose.status == 1 && loose.output.contains("RISK  \(config)"), "\(loose.output)")
        chmod(config, 0o644)

        // A guard put in the group could write the log directly: the check says so.
        _ = try Subprocess.run(["usermod", "-a", "-G", host.group, host.guardA])
        let risky = try host.towerwatch(["setup", "--check", "--root", host.root, "--group", host.group])
        #expect(risky.status == 1 && risky.output.contains("account \(host.guardA) is in group \(host.group)"), "\(risky.output)")
    }
}
