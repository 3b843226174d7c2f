import Foundation
import GRDB

/// Named queries for repository identity (`git_repositories`) and the re-keying of rows
/// written under an older key.
extension ReportStore {
    /// One row of `git_repositories`.
    struct RepositoryRow {
        /// The key every other table uses.
        var key: String
        /// `repositories[].path` as written when it was last seen.
        var path: String
        /// Its root commits (or a shallow clone's boundary commits) when first seen.
        var roots: [String]
        /// The shallow clone's boundary commits at the last ingest (empty: not shallow).
        var shallowCommits: [String]
        /// What the object store looked like when unknown line counts were last retried.
        var objectsFingerprint: String?
    }

    /// Every known repository.
    static func repositoryRows(in db: Database) throws -> [RepositoryRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT repository, path, root_commits, shallow_commits, objects_fingerprint FROM git_repositories ORDER BY repository
                """
        ).map { row in
            RepositoryRow(
                key: row["repository"], path: row["path"], roots: JSONSupport.strings(row["root_commits"]),
                shallowCommits: JSONSupport.strings(row["shallow_commits"]),
                objectsFingerprint: row["objects_fingerprint"])
        }
    }

    /// Adds a repository, or notes that it was seen at `path` now.
    static func saveRepository(key: String, path: String, roots: [String], at now: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO git_repositories (repository, path, root_commits, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(repository) DO UPDATE SET path = excluded.path, last_seen_at = excluded.last_seen_at,
                  root_commits = CASE WHEN excluded.root_commits <> '[]' THEN excluded.root_commits ELSE root_commits END
                """,
            arguments: .redacted([
                key, path, JSONSupport.encode(roots.sorted()), UTCTime.format(now), UTCTime.format(now),
            ]))
    }

    /// Remembers the object store's state after unknown line counts were retried.
    static func saveObjectState(of key: String, shallowCommits: [String], fingerprint: String?, in db: Database) throws
    {
        try db.execute(
            sql: "UPDATE git_repositories SET shallow_commits = ?, objects_fingerprint = ? WHERE repository = ?",
            arguments: .redacted([JSONSupport.encode(shallowCommits.sorted()), fingerprint, key]))
    }

    /// The keys under which board-history progress of `boardPath` is stored that are no
    /// repository's key (written by a version that keyed it by absolute path), each with
    /// its newest replayed commit.
    static func strayBoardHistoryKeys(boardPath: String, in db: Database) throws -> [(key: String, commit: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT b.repository, (SELECT commit_hash FROM board_history_commits c WHERE c.repository = b.repository
                                      AND c.board_path = b.board_path ORDER BY committer_time DESC LIMIT 1)
                FROM (SELECT DISTINCT repository, board_path FROM board_history_commits WHERE board_path = ?) b
                WHERE b.repository NOT IN (SELECT repository FROM git_repositories)
                ORDER BY b.repository
                """, arguments: .redacted([boardPath])
        ).map { ($0[0], $0[1]) }
    }

    /// Moves the board-history progress stored under `oldKey` to `newKey` (rows both have
    /// are kept once).
    static func rekeyBoardHistory(from oldKey: String, to newKey: String, boardPath: String, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE OR IGNORE board_history_commits SET repository = ? WHERE repository = ? AND board_path = ?
                """, arguments: .redacted([newKey, oldKey, boardPath]))
        try db.execute(
            sql: "DELETE FROM board_history_commits WHERE repository = ? AND board_path = ?",
            arguments: .redacted([oldKey, boardPath]))
    }
}
