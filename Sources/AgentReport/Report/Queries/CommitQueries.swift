import Foundation
import GRDB

/// One commit as the feeds show it (`git_commits`).
struct CommitRecord: Sendable, Equatable {
    var shortHash: String
    var agentId: String
    /// The whole message (the subject is its first line).
    var message: String
    var branch: String?
    var files: Int
    var added: Int
    var deleted: Int
    /// The committer time, stored text.
    var time: String
    var isMerge: Bool
    /// Whether git could not tell the line counts.
    var linesUnknown: Bool

    /// The first line of the message.
    var subject: String {
        message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}

/// Commits and lines of one agent on one UTC day.
struct CommitDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    var date: String
    /// Commits other than merges.
    var commits: Int
    var added: Int
    var deleted: Int
    /// Merge commits, counted apart.
    var merges: Int = 0
}

/// One branch with its commits.
struct BranchRecord: Sendable, Equatable {
    var branch: String
    var agentId: String?
    var commits: Int
    /// The newest commit's time, stored text.
    var last: String?
}

/// What an exclusion rule left out of the counts (`git_exclusions`, summed over repositories).
struct ExclusionRecord: Sendable, Equatable {
    /// `path` or `author`.
    var kind: String
    var pattern: String
    var commits: Int
    var files: Int
    var added: Int
    var deleted: Int
}

/// Named queries over `git_commits` and what the git source records beside it. Commits
/// dated after "now" are stored but no query lists or counts them.
extension ReportQueries {
    /// The newest `limit` commits (of `agent` when given), newest first.
    func recentCommits(limit: Int, agent: String? = nil) throws -> [CommitRecord] {
        let filter = agent == nil ? "" : "AND agent_id = ?"
        let arguments: StatementArguments = agent.map { [nowText, $0, limit] } ?? [nowText, limit]
        return try Row.fetchAll(
            db,
            sql: """
                SELECT commit_hash, short_hash, agent_id, message, branch, files_changed, lines_added, lines_deleted,
                       commit_timestamp, is_merge, lines_unknown
                FROM git_commits WHERE commit_timestamp <= ? \(filter) ORDER BY commit_timestamp DESC, commit_hash LIMIT ?
                """, arguments: arguments
        ).map { row in
            CommitRecord(
                shortHash: row["short_hash"] ?? "", agentId: row["agent_id"] ?? "", message: row["message"] ?? "",
                branch: row["branch"], files: row["files_changed"] ?? 0, added: row["lines_added"] ?? 0,
                deleted: row["lines_deleted"] ?? 0, time: row["commit_timestamp"] ?? "",
                isMerge: (row["is_merge"] as Int?) == 1, linesUnknown: (row["lines_unknown"] as Int?) == 1)
        }
    }

    /// The commits of `window`, reduced to what the per-day and per-agent counts need.
    /// One read serves every count of the index, activity and agent pages.
    func commits(in window: ReportWindow) throws -> [RecentCommits.Commit] {
        var commits: [RecentCommits.Commit] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT agent_id, commit_timestamp, lines_added, lines_deleted, is_merge, lines_unknown FROM git_commits
                WHERE commit_timestamp >= ? AND commit_timestamp <= ?
                """, arguments: [window.startText, window.endText])
        while let row = try rows.next() {
            let stamp: String = row[1]
            guard let seconds = UTCTime.parse(stamp) else { continue }
            commits.append(
                RecentCommits.Commit(
                    agent: row[0], stamp: stamp, day: Figures.day(seconds), added: row[2] ?? 0, deleted: row[3] ?? 0,
                    merge: (row[4] as Int?) == 1, linesUnknown: (row[5] as Int?) == 1))
        }
        return commits
    }

    /// Commits dated after "now" (stored, counted in no window).
    func futureCommitCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM git_commits WHERE commit_timestamp > ?", arguments: [nowText])
            ?? 0
    }

    /// Commits (merges apart) and lines per day of `agent`, newest day first: the 14 newest
    /// days with commits, and every day from `windowStart` (`YYYY-MM-DD`) on; older days are
    /// left out rather than summed over the agent's whole history.
    ///
    /// The bound keeps the result exact: a text timestamp earlier than it can only belong to
    /// a day earlier than both, and timestamps stored as numbers are always read.
    func commitDays(of agent: String, windowStart: String) throws -> [CommitDay] {
        let fourteenth = try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT substr(commit_timestamp, 1, 10) AS d FROM git_commits
                    WHERE agent_id = ? AND commit_timestamp <= ? ORDER BY d DESC LIMIT 1 OFFSET 13
                    """), arguments: [agent, nowText])
        return try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT substr(commit_timestamp, 1, 10) AS d, SUM(is_merge = 0), SUM(lines_added), SUM(lines_deleted),
                           SUM(is_merge <> 0)
                    FROM git_commits
                    WHERE agent_id = ? AND (commit_timestamp >= min(?, ?) OR typeof(commit_timestamp) <> 'text')
                      AND commit_timestamp <= ?
                    GROUP BY d ORDER BY d DESC
                    """), arguments: [agent, fourteenth ?? "", windowStart, nowText]
        ).map { row in
            CommitDay(
                date: (row[0] as String?) ?? "", commits: (row[1] as Int?) ?? 0, added: (row[2] as Int?) ?? 0,
                deleted: (row[3] as Int?) ?? 0, merges: (row[4] as Int?) ?? 0)
        }
    }

    /// The `limit` branches with the newest commits, each with its agent and commit count.
    func branches(limit: Int) throws -> [BranchRecord] {
        // The covering index of v15 (branch, agent, time) holds every column this reads: one
        // pass over it, already grouped, takes a third of the time of a table scan and sort
        // on a 50-agent year (the branch index alone would fetch each commit from the table
        // in branch order, a random read each).
        try Row.fetchAll(
            db,
            sql: """
                SELECT branch, agent_id, COUNT(*) AS n, MAX(commit_timestamp) AS last
                FROM git_commits INDEXED BY idx_git_commits_branch_agent_time
                WHERE branch IS NOT NULL AND commit_timestamp <= ? GROUP BY branch, agent_id ORDER BY last DESC, branch LIMIT ?
                """, arguments: [nowText, limit]
        ).map { row in
            BranchRecord(
                branch: row["branch"] ?? "", agentId: row["agent_id"], commits: row["n"] ?? 0, last: row["last"])
        }
    }

    /// What each exclusion rule left out, summed over repositories.
    func exclusions() throws -> [ExclusionRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, pattern, SUM(commits) AS commits, SUM(files) AS files, SUM(lines_added) AS added,
                       SUM(lines_deleted) AS deleted FROM git_exclusions GROUP BY kind, pattern ORDER BY kind, pattern
                """
        ).map { row in
            ExclusionRecord(
                kind: row["kind"] ?? "", pattern: row["pattern"] ?? "", commits: row["commits"] ?? 0,
                files: row["files"] ?? 0, added: row["added"] ?? 0, deleted: row["deleted"] ?? 0)
        }
    }
}
