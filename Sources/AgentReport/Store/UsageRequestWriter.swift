import GRDB

/// Writes deduplicated requests and their tool calls (`usage_requests`, `usage_tool_calls`)
/// with cached statements, inside the caller's transaction. Every value is bound through
/// the store's one redaction point (`StatementArguments.redacted`), like every other write.
///
/// A request already stored (the same response written again: a later line of one
/// streamed response, a sidechain or resumed session's copy, the same rollout under two
/// folders) is stored once: the copy with the larger token total wins (the output count
/// grows across a response's lines), and a main-conversation line wins over a sidechain
/// copy. A stored request keeps its agent, model and time — what its daily aggregate is
/// keyed by.
final class UsageRequestWriter {
    private let db: Database
    private let insert: Statement
    private let recordedAt: String
    /// New requests written.
    private(set) var inserted = 0
    /// Copies of requests already stored (dropped, or merged into the stored one).
    private(set) var duplicates = 0

    /// Prepares the statements on `db`.
    init(_ db: Database, now: Int64) throws {
        self.db = db
        recordedAt = UTCTime.format(now)
        insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO usage_requests (request_key, tool, agent_id, attributed_by, timestamp, session_id, model,
                    repository, branch, subagent_type, is_sidechain, input_tokens, output_tokens, reasoning_tokens,
                    cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, total_tokens, fast, cost_usd, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// Stores `request` (or merges it into the stored copy); true when it is new.
    @discardableResult
    func write(_ request: UsageRequest) throws -> Bool {
        let t = request.tokens
        insert.setUncheckedArguments(
            .redacted([
                request.key, request.tool.rawValue, request.agent, request.attributedBy,
                UTCTime.format(request.timestamp),
                request.sessionId, request.model, request.repository, request.branch, request.subagentType,
                request.isSidechain ? 1 : 0, t.input, t.output, t.reasoning, t.cacheWrite5m, t.cacheWrite1h,
                t.cacheRead,
                t.total, request.fast ? 1 : 0, request.cost, recordedAt,
            ]))
        try insert.execute()
        let isNew = db.changesCount > 0
        if isNew {
            inserted += 1
        } else {
            duplicates += 1
            try merge(request)
        }
        if !request.toolUses.isEmpty {
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO usage_tool_calls (tool_use_id, request_key, name) VALUES (?, ?, ?)")
            for use in request.toolUses {
                statement.setUncheckedArguments(.redacted([use.id, request.key, use.name]))
                try statement.execute()
            }
        }
        return isNew
    }

    /// Marks tool calls whose result was an error (`tool_result.is_error`).
    func markToolErrors(_ toolUseIds: [String]) throws {
        let statement = try db.cachedStatement(sql: "UPDATE usage_tool_calls SET is_error = 1 WHERE tool_use_id = ?")
        for id in toolUseIds {
            statement.setUncheckedArguments(.redacted([id]))
            try statement.execute()
        }
    }

    /// Whether a request with this key is stored.
    func contains(_ key: Int64) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM usage_requests WHERE request_key = ?)"),
            arguments: [key]) ?? false
    }
}

private extension UsageRequestWriter {
    /// A copy of a stored request: keep the larger counts; a main line replaces a sidechain copy.
    func merge(_ request: UsageRequest) throws {
        let t = request.tokens
        try db.cachedStatement(
            sql: """
                UPDATE usage_requests SET input_tokens = ?, output_tokens = ?, reasoning_tokens = ?,
                    cache_write_5m_tokens = ?, cache_write_1h_tokens = ?, cache_read_tokens = ?, total_tokens = ?, fast = ?,
                    cost_usd = ?
                WHERE request_key = ? AND total_tokens < ?
                """
        ).execute(
            arguments: .redacted([
                t.input, t.output, t.reasoning, t.cacheWrite5m, t.cacheWrite1h, t.cacheRead, t.total,
                request.fast ? 1 : 0,
                request.cost, request.key, t.total,
            ]))
        guard !request.isSidechain else { return }
        try db.cachedStatement(
            sql: """
                UPDATE usage_requests SET is_sidechain = 0, subagent_type = NULL, session_id = ?
                WHERE request_key = ? AND is_sidechain = 1
                """
        ).execute(arguments: .redacted([request.sessionId, request.key]))
    }
}
