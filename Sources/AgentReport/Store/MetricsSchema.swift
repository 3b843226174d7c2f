/// Read positions of metric files and the unique keys that store each sample once (migration v5).
enum MetricsSchema {
    static let sql = """
        CREATE TABLE metric_files (
            path TEXT PRIMARY KEY,
            offset INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            lines_read INTEGER NOT NULL DEFAULT 0,
            updated_at DATETIME
        );

        CREATE UNIQUE INDEX ux_agent_metrics_sample ON agent_metrics(agent_id, timestamp);
        CREATE UNIQUE INDEX ux_system_health_sample ON system_health(timestamp);
        CREATE UNIQUE INDEX ux_rag_metrics_sample ON rag_metrics(timestamp);
        """
}
