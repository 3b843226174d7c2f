/// Tables for the coordination sources' incremental state (migration v7).
/// Documented, column by column, in docs/schema.md.
enum CoordinationSchema {
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
