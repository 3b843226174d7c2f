import GRDB

/// Writes deduplicated requests and their tool calls (`usage_requests`, `usage_tool_calls`)
/// with cached statements, inside the caller's transaction. Every text is checked for
/// secrets like every other write: the two inserts done per request bind through
/// `RawStatement` (the hot path), the rest through `StatementArguments.redacted`.
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
        let row = try RawStatement(insert, in: db)
        try row.bind(1, request.key)
        try row.bind(2, request.tool.rawValue)
        try row.bind(3, request.agent)
        try row.bind(4, request.attributedBy)
        try row.bind(5, UTCTime.format(request.timestamp))
        try row.bind(6, request.sessionId)
        try row.bind(7, request.model)
        try row.bind(8, request.repository)
        try row.bind(9, request.branch)
        try row.bind(10, request.subagentType)
        try row.bind(11, request.isSidechain)
        for (index, count) in [t.input, t.output, t.reasoning, t.cacheWrite5m, t.cacheWrite1h, t.cacheRead, t.total]
            .enumerated()
        {
            try row.bind(Int32(12 + index), count)
        }
        try row.bind(19, request.fast)
        try row.bind(20, request.cost)
        try row.bind(21, recordedAt)
        let isNew = try row.step() > 0
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
                let call = try RawStatement(statement, in: db)
                try call.bind(1, use.id)
                try call.bind(2, request.key)
                try call.bind(3, use.name)
                _ = try call.step()
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
