/// How `agentreport sample` decides an agent's `status` (docs/collector.md, "Status"):
///
/// 1. `error` — its last session ended in an API error: the newest line of its newest
///    session log is an API error, or its hook's newest session event is a `StopFailure`
///    (`failure`), and nothing it did since is newer (a commit, a file change, a later
///    session line or session start);
/// 2. `offline` — no process has its working directory in the agent's worktrees;
/// 3. `active` — a process is there and its last activity is at most `activeMinutes` old;
/// 4. `idle` — a process is there, and no activity that recent.
///
/// When processes cannot be seen at all (`/proc` unreadable), rules 2–4 fall back on
/// activity alone (`active` or `idle`) and the line says so.
struct AgentStatusRule: Sendable {
    /// `sample.activeMinutes`, in seconds.
    var activeWindow: Int64

    /// The facts the rule looks at, seconds since 1970.
    struct Facts: Sendable {
        /// Processes in the agent's worktrees; nil when processes cannot be seen.
        var processes: Int?
        /// The newest of every activity below and of the session log's last line.
        var lastActivity: Int64?
        /// When its last session ended in an error, and what the error said.
        var failure: (time: Int64, reason: String)?
        /// The newest activity other than that failure (commits, file changes, later lines).
        var activitySinceFailure: Int64?
    }

    /// The status and the rule that gave it (for the line's `details`).
    func status(of facts: Facts, now: Int64) -> (status: String, because: String) {
        if let failure = facts.failure, facts.activitySinceFailure.map({ $0 <= failure.time }) ?? true {
            return ("error", "last session ended in an error: \(failure.reason)")
        }
        let recent = facts.lastActivity.map { now - $0 <= activeWindow } ?? false
        guard let processes = facts.processes else {
            return (recent ? "active" : "idle", "processes not visible; status from activity alone")
        }
        if processes == 0 { return ("offline", "no process in its worktree") }
        let window = Figures.fixed(Double(activeWindow) / 60, activeWindow % 60 == 0 ? 0 : 1) + " min"
        return recent
            ? ("active", "process running, activity within \(window)")
            : ("idle", "process running, no activity within \(window)")
    }
}
