/// The tables of the collector's hook lines (migration v13, `v13-collector`): test and
/// build runs, and session events. One row per line whatever the number of reads: each has
/// a unique key over what identifies the event. Migration v14 (`v14-check-subagent`) adds
/// the subagent a run ran in.
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

    /// Migration v14: `agent_checks.subagent_type`, the hook event's `agent_type` (e.g.
    /// `test-runner`) when the run happened inside a subagent, NULL when the main session
    /// ran it (and for every run recorded before). Not part of the unique key: one agent's
    /// runs of one check at one second are one run, whoever ran it.
    static let subagentSQL = """
        ALTER TABLE agent_checks ADD COLUMN subagent_type TEXT;
        """
}
