extension Rollup {
    /// The longest time one agent sample stands for, in seconds: a sample covers the time to
    /// the agent's next sample of the same day, at most this long (a collector that stopped
    /// does not make its last status last forever).
    static let maximumSampleSpan: Int64 = 600

    /// `agent_metrics` → `agent_metrics_daily`, one row per agent and UTC day.
    ///
    /// Time per status: each sample stands for the interval to the agent's next sample of
    /// the same day, capped at 10 minutes; the day's last sample for the time to the end of
    /// the day, capped the same way. So a day of one-minute samples adds up to 1440 minutes,
    /// and a day's figures depend on that day's samples alone.
    static let agentDaily = Rollup(
        detailTable: "agent_metrics",
        aggregateTable: "agent_metrics_daily",
        bucketColumn: "date",
        keys: [("agent_id", "agent")],
        bucketSeconds: 86_400,
        bucketExpression: "substr(timestamp, 1, 10)",
        statsSQL: """
            WITH s AS (
                SELECT timestamp, status, cpu_usage, memory_percent, memory_usage, uncommitted_changes,
                       CAST(strftime('%s', timestamp) AS INTEGER) AS t,
                       LEAD(CAST(strftime('%s', timestamp) AS INTEGER)) OVER (ORDER BY timestamp) AS next_t
                FROM agent_metrics
                WHERE agent_id = :agent AND timestamp >= :from AND timestamp < :to
            ), d AS (
                SELECT *, MAX(0, MIN(\(maximumSampleSpan), COALESCE(next_t, :end) - t)) / 60.0 AS minutes FROM s
            )
            SELECT :agent AS agent_id, :label AS date,
                   AVG(cpu_usage) AS avg_cpu, AVG(memory_percent) AS avg_memory, COUNT(*) AS sample_count,
                   MAX(cpu_usage) AS max_cpu, MAX(memory_percent) AS max_memory,
                   AVG(memory_usage) AS avg_memory_usage, MAX(uncommitted_changes) AS max_uncommitted,
                   TOTAL(CASE WHEN status = 'active' THEN minutes END) AS active_minutes,
                   TOTAL(CASE WHEN status = 'idle' THEN minutes END) AS idle_minutes,
                   TOTAL(CASE WHEN status = 'blocked' THEN minutes END) AS blocked_minutes,
                   TOTAL(CASE WHEN status = 'error' THEN minutes END) AS error_minutes,
                   TOTAL(CASE WHEN status = 'offline' THEN minutes END) AS offline_minutes,
                   MIN(timestamp) AS first_sample, MAX(timestamp) AS last_sample,
                   TOTAL(cpu_usage) AS cpu_sum, COUNT(cpu_usage) AS cpu_samples,
                   TOTAL(memory_percent) AS memory_sum, COUNT(memory_percent) AS memory_samples,
                   TOTAL(memory_usage) AS memory_usage_sum, COUNT(memory_usage) AS memory_usage_samples,
                   :now AS aggregated_at
            FROM d
            """,
        columns: [
            Column(name: "agent_id", merge: .replace),
            Column(name: "date", merge: .replace),
            Column(name: "avg_cpu", merge: .average(sum: "cpu_sum", count: "cpu_samples")),
            Column(name: "avg_memory", merge: .average(sum: "memory_sum", count: "memory_samples")),
            Column(name: "sample_count", merge: .sum),
            Column(name: "max_cpu", merge: .maximum),
            Column(name: "max_memory", merge: .maximum),
            Column(name: "avg_memory_usage", merge: .average(sum: "memory_usage_sum", count: "memory_usage_samples")),
            Column(name: "max_uncommitted", merge: .maximum),
            Column(name: "active_minutes", merge: .sum),
            Column(name: "idle_minutes", merge: .sum),
            Column(name: "blocked_minutes", merge: .sum),
            Column(name: "error_minutes", merge: .sum),
            Column(name: "offline_minutes", merge: .sum),
            Column(name: "first_sample", merge: .minimum),
            Column(name: "last_sample", merge: .maximum),
            Column(name: "cpu_sum", merge: .sum),
            Column(name: "cpu_samples", merge: .sum),
            Column(name: "memory_sum", merge: .sum),
            Column(name: "memory_samples", merge: .sum),
            Column(name: "memory_usage_sum", merge: .sum),
            Column(name: "memory_usage_samples", merge: .sum),
            Column(name: "aggregated_at", merge: .replace),
        ])
}
