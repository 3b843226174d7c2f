import Foundation
import GRDB

/// Named queries for git history: commits, commit↔task links, ref tips, exclusions.
extension ReportStore {
    /// The ref tips stored for `repository` by the last ingest: ref name → tip.
    static func gitRefTips(of repository: String, in db: Database) throws -> [String: String] {
        var tips: [String: String] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT ref, tip FROM git_refs WHERE repository = ?", arguments: .redacted([repository]))
        while let row = try rows.next() { tips[row["ref"]] = row["tip"] }
        return tips
    }

    /// Stores a commit unless its hash is stored already; returns whether it was new.
    /// `recordedAt` is the run's "now", already formatted.
    static func insert(_ commit: GitCommitRow, recordedAt: String, in db: Database) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO git_commits (commit_hash, short_hash, agent_id, author_name, author_email, message,
                  branch, files_changed, lines_added, lines_deleted, commit_timestamp, recorded_at, repository, is_merge,
                  lines_unknown, attributed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        statement.setUncheckedArguments(
            .redacted([
                commit.hash, String(commit.hash.prefix(7)), commit.agentId, commit.authorName, commit.authorEmail,
                commit.message, commit.branch, commit.filesChanged, commit.linesAdded, commit.linesDeleted,
                UTCTime.format(commit.committedAt), recordedAt, commit.repository, commit.isMerge ? 1 : 0,
                commit.linesUnknown ? 1 : 0, commit.attributedBy,
            ]))
        try statement.execute()
        return db.changesCount > 0
    }

    /// Fills in the line counts of a stored commit whose lines were unknown (objects git
    /// could not read, a shallow clone's boundary) from `commit`, read whole now; its
    /// agent, branch and time stay as stored. Returns whether a row changed.
    static func fillInLines(of commit: GitCommitRow, in db: Database) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE git_commits SET files_changed = ?, lines_added = ?, lines_deleted = ?, is_merge = ?, lines_unknown = 0
                WHERE commit_hash = ? AND lines_unknown = 1
                """)
        statement.setUncheckedArguments(
            .redacted([
                commit.filesChanged, commit.linesAdded, commit.linesDeleted, commit.isMerge ? 1 : 0, commit.hash,
            ]))
        try statement.execute()
        return db.changesCount > 0
    }

    /// The stored commits of `repository` whose line counts are unknown.
    static func commitsWithUnknownLines(of repository: String, in db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT commit_hash FROM git_commits WHERE repository = ? AND lines_unknown = 1 ORDER BY commit_hash",
            arguments: .redacted([repository]))
    }

    /// The agent git ingest attributed a commit to (`unattributed` included); nil when the
    /// commit is not stored.
    public static func storedAgent(ofCommit hash: String, in db: Database) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT agent_id FROM git_commits WHERE commit_hash = ?")
        return try String.fetchOne(statement, arguments: [hash])
    }

    /// Links a commit to the task ids its message mentions.
    static func link(commit hash: String, toTasks taskIds: [String], in db: Database) throws {
        guard !taskIds.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO commit_tasks (commit_hash, task_id) VALUES (?, ?)")
        for task in taskIds {
            statement.setUncheckedArguments(.redacted([hash, task]))
            try statement.execute()
        }
    }

    /// Remembers a commit left out by an author pattern; false when it was counted before.
    static func noteExcludedCommit(_ hash: String, repository: String, pattern: String, in db: Database) throws -> Bool
    {
        let statement = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO git_excluded_commits (commit_hash, repository, pattern) VALUES (?, ?, ?)")
        statement.setUncheckedArguments(.redacted([hash, repository, pattern]))
        try statement.execute()
        return db.changesCount > 0
    }

    /// Adds to the running exclusion counts of one pattern.
    static func addExclusion(
        _ tally: ExclusionRules.Tally, kind: ExclusionRules.Kind, pattern: String, repository: String, in db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO git_exclusions (repository, kind, pattern, commits, files, lines_added, lines_deleted)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(repository, kind, pattern) DO UPDATE SET commits = commits + excluded.commits,
                  files = files + excluded.files, lines_added = lines_added + excluded.lines_added,
                  lines_deleted = lines_deleted + excluded.lines_deleted
                """,
            arguments: .redacted([
                repository, kind.rawValue, pattern, tally.commits, tally.files, tally.linesAdded, tally.linesDeleted,
            ]))
    }

    /// Records a ref's tip as ingested at `now`.
    static func saveGitRef(_ ref: GitRef, agent: String?, repository: String, at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO git_refs (repository, ref, tip, agent_id, last_ingested_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(repository, ref) DO UPDATE SET tip = excluded.tip, agent_id = excluded.agent_id,
                  last_ingested_at = excluded.last_ingested_at
                """, arguments: .redacted([repository, ref.name, ref.tip, agent, UTCTime.format(now)]))
    }

    /// Forgets a ref that no longer exists (its commits stay).
    static func deleteGitRef(_ ref: String, repository: String, in db: Database) throws {
        try db.execute(
            sql: "DELETE FROM git_refs WHERE repository = ? AND ref = ?", arguments: .redacted([repository, ref]))
    }
}
