/// Daily and hourly aggregates, the retention log and alert lifecycle columns (migration v6).
enum MaintenanceSchema {
    static let sql = """
        CREATE TABLE agent_metrics_daily (
            agent_id VARCHAR(20) NOT NULL,
            date TEXT NOT NULL,
            avg_cpu REAL,
            avg_memory REAL,
            sample_count INTEGER NOT NULL,
            max_cpu REAL,
            max_memory REAL,
            avg_memory_usage REAL,
            max_uncommitted INTEGER,
            active_minutes REAL NOT NULL DEFAULT 0,
            idle_minutes REAL NOT NULL DEFAULT 0,
            blocked_minutes REAL NOT NULL DEFAULT 0,
            error_minutes REAL NOT NULL DEFAULT 0,
            offline_minutes REAL NOT NULL DEFAULT 0,
            first_sample DATETIME,
            last_sample DATETIME,
            cpu_sum REAL NOT NULL DEFAULT 0,
            cpu_samples INTEGER NOT NULL DEFAULT 0,
            memory_sum REAL NOT NULL DEFAULT 0,
            memory_samples INTEGER NOT NULL DEFAULT 0,
            memory_usage_sum REAL NOT NULL DEFAULT 0,
            memory_usage_samples INTEGER NOT NULL DEFAULT 0,
            aggregated_at DATETIME,
            retired_at DATETIME,
            retired_sample_times TEXT,
            PRIMARY KEY (agent_id, date)
        );
        CREATE INDEX idx_agent_metrics_daily_date ON agent_metrics_daily(date);

        CREATE TABLE system_health_hourly (
            hour TEXT PRIMARY KEY,
            sample_count INTEGER NOT NULL,
            worst_status TEXT NOT NULL,
            healthy_samples INTEGER NOT NULL DEFAULT 0,
            degraded_samples INTEGER NOT NULL DEFAULT 0,
            unhealthy_samples INTEGER NOT NULL DEFAULT 0,
            avg_latency REAL,
            max_latency REAL,
            error_count INTEGER NOT NULL DEFAULT 0,
            avg_cpu REAL,
            avg_memory REAL,
            avg_disk REAL,
            first_sample DATETIME,
            last_sample DATETIME,
            latency_sum REAL NOT NULL DEFAULT 0,
            latency_samples INTEGER NOT NULL DEFAULT 0,
            cpu_sum REAL NOT NULL DEFAULT 0,
            cpu_samples INTEGER NOT NULL DEFAULT 0,
            memory_sum REAL NOT NULL DEFAULT 0,
            memory_samples INTEGER NOT NULL DEFAULT 0,
            disk_sum REAL NOT NULL DEFAULT 0,
            disk_samples INTEGER NOT NULL DEFAULT 0,
            aggregated_at DATETIME,
            retired_at DATETIME,
            retired_sample_times TEXT
        );

        CREATE TABLE retention_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_at DATETIME NOT NULL,
            table_name TEXT NOT NULL,
            rows_aggregated INTEGER NOT NULL DEFAULT 0,
            rows_deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_retention_log_run ON retention_log(run_at);

        CREATE TABLE maintenance_state (
            name TEXT PRIMARY KEY,
            last_id INTEGER NOT NULL DEFAULT 0
        );

        ALTER TABLE alerts ADD COLUMN fingerprint TEXT;
        ALTER TABLE alerts ADD COLUMN evidence TEXT;
        ALTER TABLE alerts ADD COLUMN acknowledged_note TEXT;
        ALTER TABLE alerts ADD COLUMN resolved_by TEXT;
        ALTER TABLE alerts ADD COLUMN last_seen_at DATETIME;
        ALTER TABLE alerts ADD COLUMN silenced_until DATETIME;
        CREATE INDEX idx_alerts_fingerprint ON alerts(fingerprint, resolved);
        """
}
