/// Tables for the coordination sources' incremental state (migration v7), and how entries
/// are identified (migration v9). Documented, column by column, in docs/schema.md.
enum CoordinationSchema {
    /// Migration v9: a progress entry is identified by its log's path, heading (agent, time)
    /// and position among same-heading entries, so an edited entry is updated instead of
    /// stored again. Builds before v9 keyed entries by a hash of the body: an entry edited
    /// between runs was stored once per version. Those copies are merged here (the last
    /// stored one is kept); the kept rows have no `file` until the next ingest finds their
    /// entry and gives them the new key (`ReportStore.storeProgressEntry`).
    static let textSQL = """
        ALTER TABLE progress_entries ADD COLUMN file TEXT;
        ALTER TABLE progress_entries ADD COLUMN position INTEGER;
        ALTER TABLE progress_entries ADD COLUMN edited_at DATETIME;
        DELETE FROM progress_entries
        WHERE id NOT IN (SELECT MAX(id) FROM progress_entries GROUP BY agent_id, timestamp);
        ALTER TABLE memory_patterns ADD COLUMN edited_at DATETIME;
        """

    static let sql = """
        CREATE TABLE board_history_commits (
            repository TEXT NOT NULL,
            board_path TEXT NOT NULL,
            commit_hash VARCHAR(40) NOT NULL,
            committer_time DATETIME NOT NULL,
            events INTEGER NOT NULL DEFAULT 0,
            replayed_at DATETIME NOT NULL,
            PRIMARY KEY (repository, board_path, commit_hash)
        );
        """
}
