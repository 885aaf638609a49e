import TowerwatchCore

extension DistrictLog {
    /// `execute` for a writer that runs for a long time beside others (the
    /// simulator, a feed): when the log file was replaced (a repair swapped in a
    /// mended file, or the log was moved) before or during the command, it
    /// reopens the log at its path, as the consoles do, and decides again there.
    ///
    /// Without this, such a writer appends to the file it opened, which is no
    /// longer the log; the store refuses that, and the writer would stop.
    public func executeFollowingReplacement(_ command: Command, now: Timestamp) throws -> Result<[EventRecord], Rejection> {
        try followingReplacement { try execute(command, now: now) }
    }

    /// `executeAll` with the same reopening (see `executeFollowingReplacement`).
    public func executeAllFollowingReplacement(_ commands: [Command], now: Timestamp) throws -> [Result<[EventRecord], Rejection>] {
        try followingReplacement { try executeAll(commands, now: now) }
    }

    private func followingReplacement<T>(_ write: () throws -> T) throws -> T {
        if isReplaced { try reopen() }
        do {
            return try write()
        } catch let error as LogError {
            // Replaced between the check and the lock: reopen once and decide again.
            guard isReplaced else { throw error }
            try reopen()
            return try write()
        }
    }
}
