/// Tables for incremental git ingest and exclusion counts (migration v4). Documented in
/// docs/schema.md.
enum GitSchema {
    /// The migration's SQL.
    static let sql = """
        CREATE TABLE git_refs (
            repository TEXT NOT NULL,
            ref TEXT NOT NULL,
            tip VARCHAR(40) NOT NULL,
            agent_id VARCHAR(20),
            last_ingested_at DATETIME,
            PRIMARY KEY (repository, ref)
        );

        CREATE TABLE git_exclusions (
            repository TEXT NOT NULL,
            kind TEXT NOT NULL,
            pattern TEXT NOT NULL,
            commits INTEGER NOT NULL DEFAULT 0,
            files INTEGER NOT NULL DEFAULT 0,
            lines_added INTEGER NOT NULL DEFAULT 0,
            lines_deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (repository, kind, pattern)
        );

        CREATE TABLE git_excluded_commits (
            commit_hash VARCHAR(40) PRIMARY KEY,
            repository TEXT NOT NULL,
            pattern TEXT NOT NULL
        );
        """
}
