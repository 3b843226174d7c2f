import GRDB

@testable import AgentReport

/// Inserts realistic metric samples fast (one transaction, one cached statement).
enum SampleFactory {
    static let statuses = ["active", "idle", "blocked", "error", "offline"]

    /// One sample per minute per agent for `days` days ending just before `end`; values are
    /// deterministic, with an occasional missing cpu value. Returns the number of rows.
    @discardableResult
    static func insertMinuteSamples(into store: ReportStore, agents: [String], days: Int, endingAt end: Int64) throws -> Int {
        try store.queue.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO agent_metrics (agent_id, timestamp, status, cpu_usage, memory_usage, memory_percent, uncommitted_changes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let minutes = days * 1440
            var count = 0
            for (a, agent) in agents.enumerated() {
                for i in 0..<minutes {
                    let time = end - Int64(minutes - i) * 60
                    let cpu: Double? = (i + a) % 97 == 0 ? nil : Double((i * 37 + a * 11) % 1000) / 10
                    statement.setUncheckedArguments([
                        agent, UTCTime.format(time), statuses[(i / 60 + a) % statuses.count], cpu,
                        400_000_000 + (i * 7919 + a) % 100_000_000, Double((i * 13 + a * 7) % 900) / 10, (i + a) % 70,
                    ])
                    try statement.execute()
                    count += 1
                }
            }
            return count
        }
    }

    /// Inserts one agent sample.
    static func insertSample(
        _ db: Database, agent: String, at time: Int64, status: String = "active", cpu: Double? = 10,
        memoryPercent: Double? = 5, uncommitted: Int? = 0, task: String? = nil
    ) throws {
        try db.execute(sql: """
            INSERT INTO agent_metrics (agent_id, timestamp, status, cpu_usage, memory_usage, memory_percent, uncommitted_changes, current_task)
            VALUES (?, ?, ?, ?, 500000000, ?, ?, ?)
            """, arguments: [agent, UTCTime.format(time), status, cpu, memoryPercent, uncommitted, task])
    }

    /// Inserts one system-health sample.
    static func insertHealth(_ db: Database, at time: Int64, status: String = "healthy", latency: Double? = 50, errors: Int = 0) throws {
        try db.execute(sql: """
            INSERT INTO system_health (timestamp, overall_status, api_latency, error_count, cpu_usage, memory_usage, disk_usage)
            VALUES (?, ?, ?, ?, 30, 2000000000, 40000000000)
            """, arguments: [UTCTime.format(time), status, latency, errors])
    }

    /// Inserts one RAG sample.
    static func insertRag(_ db: Database, at time: Int64, hitRate: Double?, totalQueries: Int = 100, lastHour: Int = 10) throws {
        try db.execute(sql: """
            INSERT INTO rag_metrics (timestamp, total_patterns, total_queries, hit_rate, query_volume_last_hour)
            VALUES (?, 10, ?, ?, ?)
            """, arguments: [UTCTime.format(time), totalQueries, hitRate, lastHour])
    }
}
