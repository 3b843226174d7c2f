/// Tables agentreport adds to the seed schema for its own features (migration v2).
/// Documented, column by column, in docs/schema.md.
enum CoreSchema {
    static let sql = """
        CREATE TABLE agents (
            id VARCHAR(20) PRIMARY KEY,
            name TEXT,
            sources TEXT NOT NULL DEFAULT '[]',
            first_seen DATETIME,
            last_seen DATETIME
        );

        CREATE TABLE tasks (
            task_id VARCHAR(50) PRIMARY KEY,
            title TEXT,
            description TEXT,
            status VARCHAR(20) NOT NULL,
            raw_status TEXT,
            priority TEXT,
            assigned_to VARCHAR(20),
            sprint_id TEXT,
            dependencies TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            blockers TEXT NOT NULL DEFAULT '[]',
            details TEXT NOT NULL DEFAULT '{}',
            board TEXT,
            removed INTEGER NOT NULL DEFAULT 0,
            first_seen_at DATETIME NOT NULL,
            status_since DATETIME NOT NULL,
            last_changed_at DATETIME NOT NULL
        );
        CREATE INDEX idx_tasks_status ON tasks(status);
        CREATE INDEX idx_tasks_assigned ON tasks(assigned_to);

        CREATE TABLE progress_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_key TEXT NOT NULL UNIQUE,
            agent_id VARCHAR(20) NOT NULL,
            agent_name TEXT,
            timestamp DATETIME NOT NULL,
            title TEXT,
            body TEXT NOT NULL,
            task_ids TEXT NOT NULL DEFAULT '[]',
            source TEXT,
            line INTEGER,
            recorded_at DATETIME
        );
        CREATE INDEX idx_progress_entries_agent_time ON progress_entries(agent_id, timestamp);
        CREATE INDEX idx_progress_entries_time ON progress_entries(timestamp);

        CREATE TABLE memory_patterns (
            pattern_id TEXT PRIMARY KEY,
            agent_id VARCHAR(20),
            timestamp DATETIME,
            description TEXT,
            content TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            source TEXT
        );
        CREATE INDEX idx_memory_patterns_time ON memory_patterns(timestamp);

        CREATE TABLE commit_tasks (
            commit_hash VARCHAR(40) NOT NULL,
            task_id VARCHAR(50) NOT NULL,
            PRIMARY KEY (commit_hash, task_id)
        );
        CREATE INDEX idx_commit_tasks_task ON commit_tasks(task_id);

        ALTER TABLE git_commits ADD COLUMN repository TEXT;
        ALTER TABLE git_commits ADD COLUMN is_merge INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE git_commits ADD COLUMN lines_unknown INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE git_commits ADD COLUMN attributed_by TEXT;

        CREATE TABLE source_state (
            source TEXT PRIMARY KEY,
            last_attempt_at DATETIME,
            last_success_at DATETIME,
            last_status TEXT,
            rows_last_run INTEGER NOT NULL DEFAULT 0,
            detail TEXT
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            command TEXT NOT NULL,
            now DATETIME NOT NULL,
            exit_code INTEGER,
            summary TEXT
        );

        CREATE TABLE run_diagnostics (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            stage TEXT,
            severity TEXT NOT NULL,
            file TEXT,
            line INTEGER,
            column INTEGER,
            message TEXT NOT NULL
        );
        CREATE INDEX idx_run_diagnostics_run ON run_diagnostics(run_id);
        """
}
