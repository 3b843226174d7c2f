/// Migration v11 (`v11-report`): what the morning page needs that the seed schema lacks.
enum ReportSchema {
    /// `alerts.condition_since`: when the alert's condition began (a task blocked since,
    /// the first of a run of erroring samples, the last activity of a silent agent), which
    /// is earlier than `created_at`, the build that first noticed it. Kept up to date while
    /// the alert is open; NULL for alerts stored before v11 and for collector alerts (their
    /// first occurrence is the start).
    static let sql = """
        ALTER TABLE alerts ADD COLUMN condition_since DATETIME;
        """

    /// Migration v15: two indexes on `git_commits` for the render's reads by time. The
    /// newest commits (`ORDER BY commit_timestamp DESC … LIMIT`) walk the time index
    /// instead of scanning and sorting every commit; the branch summary (commits and the
    /// newest commit per branch and agent) reads the covering index instead of the table.
    static let commitIndexesSQL = """
        CREATE INDEX IF NOT EXISTS idx_git_commits_time ON git_commits(commit_timestamp);
        CREATE INDEX IF NOT EXISTS idx_git_commits_branch_agent_time ON git_commits(branch, agent_id, commit_timestamp);
        """
}
