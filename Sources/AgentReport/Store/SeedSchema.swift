import Foundation

/// The seed schema of the Agent Monitoring Dashboard, byte for byte as in
/// `shared/seed-schema.sql`. It is the contract: later migrations add, never rename or drop.
enum SeedSchema {
    static let sql = #"""
-- The seed schema of the Agent Monitoring Dashboard (design document: "Database Schema Design").
-- Tables, columns, types, defaults and indexes here are the contract: add, never rename or drop.

CREATE TABLE agent_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id VARCHAR(20) NOT NULL,
    timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    status VARCHAR(20) NOT NULL,
    current_task VARCHAR(50),
    cpu_usage REAL,
    memory_usage INTEGER,
    memory_percent REAL,
    uncommitted_changes INTEGER DEFAULT 0,
    uptime_seconds INTEGER,
    last_activity DATETIME,
    branch VARCHAR(100),
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_agent_metrics_agent_time ON agent_metrics(agent_id, timestamp);
CREATE INDEX idx_agent_metrics_status ON agent_metrics(status);
CREATE TABLE task_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id VARCHAR(50) NOT NULL,
    event_type VARCHAR(30) NOT NULL, -- created, updated, completed, blocked, assigned
    previous_status VARCHAR(20),
    new_status VARCHAR(20),
    assigned_to VARCHAR(20),
    changed_by VARCHAR(20),
    details TEXT, -- JSON object with change details
    timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_task_events_task_id ON task_events(task_id);
CREATE INDEX idx_task_events_type_time ON task_events(event_type, timestamp);
CREATE INDEX idx_task_events_assigned ON task_events(assigned_to);
CREATE TABLE git_commits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commit_hash VARCHAR(40) NOT NULL UNIQUE,
    short_hash VARCHAR(7) NOT NULL,
    agent_id VARCHAR(20) NOT NULL,
    author_name VARCHAR(100),
    author_email VARCHAR(100),
    message TEXT,
    branch VARCHAR(100),
    files_changed INTEGER DEFAULT 0,
    lines_added INTEGER DEFAULT 0,
    lines_deleted INTEGER DEFAULT 0,
    commit_timestamp DATETIME NOT NULL,
    recorded_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_git_commits_agent_time ON git_commits(agent_id, commit_timestamp);
CREATE INDEX idx_git_commits_branch ON git_commits(branch);
CREATE INDEX idx_git_commits_hash ON git_commits(commit_hash);
CREATE TABLE system_health (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    overall_status VARCHAR(20) NOT NULL, -- healthy, degraded, unhealthy
    api_latency REAL,
    websocket_connections INTEGER,
    file_watch_events INTEGER,
    error_count INTEGER DEFAULT 0,
    cpu_usage REAL,
    memory_usage INTEGER,
    disk_usage INTEGER,
    details TEXT -- JSON with service-specific health data
);

CREATE INDEX idx_system_health_time ON system_health(timestamp);
CREATE INDEX idx_system_health_status ON system_health(overall_status);
CREATE TABLE rag_metrics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    total_patterns INTEGER DEFAULT 0,
    total_queries INTEGER DEFAULT 0,
    average_response_time REAL,
    hit_rate REAL,
    memory_usage INTEGER,
    query_volume_last_hour INTEGER DEFAULT 0,
    top_patterns TEXT, -- JSON array of top patterns
    recent_queries TEXT -- JSON array of recent queries
);

CREATE INDEX idx_rag_metrics_time ON rag_metrics(timestamp);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id VARCHAR(50) NOT NULL UNIQUE,
    type VARCHAR(30) NOT NULL, -- agent, task, system, performance
    severity VARCHAR(20) NOT NULL, -- info, warning, error, critical
    title VARCHAR(200) NOT NULL,
    message TEXT,
    source VARCHAR(50),
    metadata TEXT, -- JSON with alert-specific data
    acknowledged BOOLEAN DEFAULT FALSE,
    acknowledged_by VARCHAR(50),
    acknowledged_at DATETIME,
    resolved BOOLEAN DEFAULT FALSE,
    resolved_at DATETIME,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_alerts_type_severity ON alerts(type, severity);
CREATE INDEX idx_alerts_acknowledged ON alerts(acknowledged);
CREATE INDEX idx_alerts_created ON alerts(created_at);

-- Query-optimisation index from the same document
CREATE INDEX idx_agent_metrics_hour ON agent_metrics(
  agent_id, 
  strftime('%Y-%m-%d %H', timestamp)
);

CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    description TEXT
);
"""#
}
