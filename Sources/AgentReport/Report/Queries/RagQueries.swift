import Foundation
import GRDB

/// One RAG metric sample (`rag_metrics`).
struct RagSample: Sendable, Equatable {
    /// Stored text.
    var time: String
    var patterns: Int
    var queries: Int
    /// Milliseconds.
    var responseTime: Double?
    /// 0…1.
    var hitRate: Double?
    var volume: Int
    /// Bytes.
    var memoryBytes: Int64?
    var topPatterns: [String]
}

/// What the health page shows of the memory bank: RAG query metrics and stored patterns.
struct RagFacts: Sendable {
    /// The newest RAG sample.
    var latest: RagSample?
    /// Average hit rate (0…1) and response time per day, `YYYY-MM-DD`, from the window start on.
    var daily: [(date: String, hitRate: Double?, responseTime: Double?)] = []
    /// Patterns stored before the window.
    var patternsBefore = 0
    /// Patterns stored per day, from the window start on.
    var patternsAdded: [(date: String, count: Int)] = []
    /// Patterns in all.
    var total = 0
    /// Patterns per agent (empty id for none), most first.
    var perAgent: [(agentId: String, count: Int, last: String?)] = []
    /// The ten most used tags, most first.
    var tags: [(tag: String, count: Int)] = []
}

extension ReportQueries {
    /// The memory bank's RAG metrics and patterns, per day from `startDate` (`YYYY-MM-DD`) on.
    func ragFacts(from startDate: String) throws -> RagFacts {
        var facts = RagFacts()
        if let row = try Row.fetchOne(
            db, sql: "SELECT * FROM rag_metrics WHERE timestamp <= ? ORDER BY timestamp DESC, id DESC LIMIT 1",
            arguments: [nowText])
        {
            facts.latest = RagSample(
                time: row["timestamp"] ?? "", patterns: row["total_patterns"] ?? 0, queries: row["total_queries"] ?? 0,
                responseTime: row["average_response_time"], hitRate: row["hit_rate"],
                volume: row["query_volume_last_hour"] ?? 0,
                memoryBytes: row["memory_usage"], topPatterns: Self.strings(json: row["top_patterns"]))
        }
        facts.daily = try Row.fetchAll(
            db,
            sql: """
                SELECT date(timestamp) AS d, AVG(hit_rate) AS hit, AVG(average_response_time) AS response
                FROM rag_metrics WHERE timestamp >= ? GROUP BY d
                """, arguments: [startDate]
        ).map { ($0["d"] ?? "", $0["hit"], $0["response"]) }
        facts.patternsBefore =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM memory_patterns WHERE timestamp < ?", arguments: [startDate]) ?? 0
        facts.patternsAdded = try Row.fetchAll(
            db,
            sql: """
                SELECT date(timestamp) AS d, COUNT(*) AS n FROM memory_patterns WHERE timestamp >= ? GROUP BY d
                """, arguments: [startDate]
        ).map { ($0["d"] ?? "", $0["n"] ?? 0) }
        facts.total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM memory_patterns") ?? 0
        facts.perAgent = try Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(agent_id, '') AS a, COUNT(*) AS n, MAX(timestamp) AS last FROM memory_patterns
                GROUP BY a ORDER BY n DESC, a
                """
        ).map { ($0["a"] ?? "", $0["n"] ?? 0, $0["last"]) }
        facts.tags = try Row.fetchAll(
            db,
            sql: """
                SELECT j.value AS tag, COUNT(*) AS n FROM memory_patterns, json_each(memory_patterns.tags) j
                WHERE json_valid(memory_patterns.tags) GROUP BY tag ORDER BY n DESC, tag LIMIT 10
                """
        ).map { ($0["tag"] ?? "", $0["n"] ?? 0) }
        return facts
    }
}
