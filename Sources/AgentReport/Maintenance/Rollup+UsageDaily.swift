extension Rollup {
    /// `usage_requests` → `usage_daily`, one row per agent, model and UTC day, kept for good.
    ///
    /// Token counts, known costs and tool calls are sums; `unpriced_requests` counts the
    /// requests whose cost is unknown (their cost is in no sum: unknown is not 0); `sessions`
    /// counts the day's distinct sessions (a late request of a session already counted on a
    /// retired day adds one). Requests change after they are stored (a response's later line
    /// carries more output, a tool call turns out an error), so a day is summarised again
    /// from its detail just before the detail is deleted.
    static let usageDaily: Rollup = {
        var rollup = Rollup(
            detailTable: "usage_requests",
            aggregateTable: "usage_daily",
            bucketColumn: "date",
            keys: [("agent_id", "agent"), ("model", "model")],
            bucketSeconds: 86_400,
            bucketExpression: "substr(timestamp, 1, 10)",
            statsSQL: """
                WITH r AS (
                    SELECT * FROM usage_requests
                    WHERE agent_id = :agent AND model = :model AND timestamp >= :from AND timestamp < :to
                ), c AS (
                    SELECT is_error FROM usage_tool_calls WHERE request_key IN (SELECT request_key FROM r)
                )
                SELECT :agent AS agent_id, :model AS model, :label AS date, COUNT(*) AS sample_count,
                       COUNT(DISTINCT session_id) AS sessions,
                       COALESCE(SUM(input_tokens), 0) AS input_tokens, COALESCE(SUM(output_tokens), 0) AS output_tokens,
                       COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens,
                       COALESCE(SUM(cache_write_5m_tokens), 0) AS cache_write_5m_tokens,
                       COALESCE(SUM(cache_write_1h_tokens), 0) AS cache_write_1h_tokens,
                       COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
                       TOTAL(cost_usd) AS cost_usd, COALESCE(SUM(cost_usd IS NULL), 0) AS unpriced_requests,
                       (SELECT COUNT(*) FROM c) AS tool_calls, (SELECT COALESCE(SUM(is_error), 0) FROM c) AS tool_errors,
                       MIN(timestamp) AS first_request, MAX(timestamp) AS last_request, :now AS aggregated_at
                FROM r
                """,
            columns: [
                Column(name: "agent_id", merge: .replace),
                Column(name: "model", merge: .replace),
                Column(name: "date", merge: .replace),
                Column(name: "sample_count", merge: .sum),
                Column(name: "sessions", merge: .sum),
                Column(name: "input_tokens", merge: .sum),
                Column(name: "output_tokens", merge: .sum),
                Column(name: "reasoning_tokens", merge: .sum),
                Column(name: "cache_write_5m_tokens", merge: .sum),
                Column(name: "cache_write_1h_tokens", merge: .sum),
                Column(name: "cache_read_tokens", merge: .sum),
                Column(name: "cost_usd", merge: .sum),
                Column(name: "unpriced_requests", merge: .sum),
                Column(name: "tool_calls", merge: .sum),
                Column(name: "tool_errors", merge: .sum),
                Column(name: "first_request", merge: .minimum),
                Column(name: "last_request", merge: .maximum),
                Column(name: "aggregated_at", merge: .replace),
            ])
        rollup.recomputeBeforeRetiring = true
        return rollup
    }()
}
