/// The tables of the collector's hook lines (migration v13, `v13-collector`): test and
/// build runs, and session events. One row per line whatever the number of reads: each has
/// a unique key over what identifies the event.
enum CollectorSchema {
    static let sql = """
        CREATE TABLE agent_checks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id VARCHAR(20) NOT NULL,
            timestamp DATETIME NOT NULL,
            name TEXT NOT NULL,
            passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
            exit_code INTEGER,
            duration_s REAL,
            created_at DATETIME
        );
        CREATE UNIQUE INDEX ux_agent_checks_run ON agent_checks(agent_id, timestamp, name);
        CREATE INDEX idx_agent_checks_timestamp ON agent_checks(timestamp);

        CREATE TABLE agent_sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            agent_id VARCHAR(20) NOT NULL,
            timestamp DATETIME NOT NULL,
            event TEXT NOT NULL CHECK (event IN ('start', 'end', 'failure')),
            session_id TEXT NOT NULL DEFAULT '',
            reason TEXT,
            created_at DATETIME
        );
        CREATE UNIQUE INDEX ux_agent_sessions_event ON agent_sessions(agent_id, timestamp, event, session_id);
        """
}
