/// Tokens and cost from the agents' session logs (migration v12, issue 16): one row per
/// deduplicated request, its tool calls, daily aggregates per agent and model (kept for
/// good), and how far each log file was read. No conversation text is ever stored.
enum UsageSchema {
    static let sql = """
        CREATE TABLE usage_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_key INTEGER NOT NULL UNIQUE,
            tool TEXT NOT NULL,
            agent_id VARCHAR(20) NOT NULL,
            attributed_by TEXT NOT NULL,
            timestamp DATETIME NOT NULL,
            session_id TEXT NOT NULL,
            model TEXT NOT NULL,
            repository TEXT,
            branch TEXT,
            subagent_type TEXT,
            is_sidechain INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            reasoning_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
            cache_read_tokens INTEGER NOT NULL DEFAULT 0,
            total_tokens INTEGER NOT NULL DEFAULT 0,
            fast INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL,
            recorded_at DATETIME NOT NULL
        );
        CREATE INDEX idx_usage_requests_agent_time ON usage_requests(agent_id, timestamp);
        CREATE INDEX idx_usage_requests_time ON usage_requests(timestamp);
        CREATE INDEX idx_usage_requests_branch ON usage_requests(branch, timestamp);

        CREATE TABLE usage_tool_calls (
            tool_use_id TEXT PRIMARY KEY,
            request_key INTEGER NOT NULL REFERENCES usage_requests(request_key) ON DELETE CASCADE,
            name TEXT NOT NULL,
            is_error INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_usage_tool_calls_request ON usage_tool_calls(request_key);

        CREATE TABLE usage_daily (
            agent_id VARCHAR(20) NOT NULL,
            model TEXT NOT NULL,
            date TEXT NOT NULL,
            sample_count INTEGER NOT NULL,
            sessions INTEGER NOT NULL DEFAULT 0,
            input_tokens INTEGER NOT NULL DEFAULT 0,
            output_tokens INTEGER NOT NULL DEFAULT 0,
            reasoning_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0,
            cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0,
            cache_read_tokens INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL NOT NULL DEFAULT 0,
            unpriced_requests INTEGER NOT NULL DEFAULT 0,
            tool_calls INTEGER NOT NULL DEFAULT 0,
            tool_errors INTEGER NOT NULL DEFAULT 0,
            first_request DATETIME,
            last_request DATETIME,
            aggregated_at DATETIME,
            retired_at DATETIME,
            retired_sample_times TEXT,
            PRIMARY KEY (agent_id, model, date)
        );
        CREATE INDEX idx_usage_daily_date ON usage_daily(date);

        CREATE TABLE usage_files (
            tool TEXT NOT NULL,
            file_name TEXT NOT NULL,
            head_fingerprint TEXT NOT NULL,
            relative_path TEXT NOT NULL,
            offset INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            tail_fingerprint TEXT NOT NULL DEFAULT '',
            lines_read INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            scope TEXT,
            state TEXT,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (tool, file_name, head_fingerprint)
        );
        CREATE INDEX idx_usage_files_path ON usage_files(tool, relative_path);
        """
}
