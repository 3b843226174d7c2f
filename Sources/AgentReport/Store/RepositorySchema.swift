/// Repository identity and what git ingest remembers about each repository's object store
/// (migration v8). Documented, column by column, in docs/schema.md.
enum RepositorySchema {
    /// The migration's SQL. Rows written before it keep their keys: git tables were already
    /// keyed by `repositories[].path` as written, which is what a repository's key starts
    /// as; board-history rows keyed by an absolute path are re-keyed by the board source the
    /// first time it opens their repository (`ReportStore.adoptBoardHistory`).
    static let sql = """
        CREATE TABLE git_repositories (
            repository TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            root_commits TEXT NOT NULL DEFAULT '[]',
            shallow_commits TEXT NOT NULL DEFAULT '[]',
            objects_fingerprint TEXT,
            first_seen_at DATETIME,
            last_seen_at DATETIME
        );
        CREATE INDEX idx_git_repositories_path ON git_repositories(path);

        CREATE INDEX idx_git_commits_lines_unknown ON git_commits(repository) WHERE lines_unknown = 1;
        """
}
