import Foundation
import GRDB

/// Named queries for progress-log entries (`progress_entries`) and memory-bank patterns
/// (`memory_patterns`).
extension ReportStore {
    /// Stores a progress entry unless an entry with its key exists; returns whether it was new.
    @discardableResult
    public static func insertProgressEntry(_ entry: ProgressEntry, source: String, at now: Int64, in db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO progress_entries (entry_key, agent_id, agent_name, timestamp, title, body, task_ids, source, line, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: .redacted([
            entry.key, entry.agentId, entry.agentName, UTCTime.format(entry.timestamp), entry.title, entry.body,
            JSONSupport.encode(entry.taskIds), source, entry.line, UTCTime.format(now),
        ]))
        return db.changesCount > 0
    }

    /// Stores or updates a memory-bank pattern; returns whether it was new or changed.
    @discardableResult
    public static func upsertMemoryPattern(_ pattern: MemoryPattern, source: String, in db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO memory_patterns (pattern_id, agent_id, timestamp, description, content, tags, source)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(pattern_id) DO UPDATE SET agent_id = excluded.agent_id, timestamp = excluded.timestamp,
                description = excluded.description, content = excluded.content, tags = excluded.tags, source = excluded.source
            WHERE memory_patterns.agent_id IS NOT excluded.agent_id OR memory_patterns.timestamp IS NOT excluded.timestamp
               OR memory_patterns.description IS NOT excluded.description OR memory_patterns.content IS NOT excluded.content
               OR memory_patterns.tags IS NOT excluded.tags
            """)
        try statement.execute(arguments: .redacted([
            pattern.id, pattern.agentId, pattern.timestamp.map { UTCTime.format($0) }, pattern.description,
            pattern.content, JSONSupport.encode(pattern.tags), source,
        ]))
        return db.changesCount > 0
    }

    /// Notes every agent of the config (source `config`), with its display name.
    public static func noteConfigAgents(_ config: ReportConfig, in db: Database) throws {
        for agent in config.agents {
            guard let id = agent.id.agentSlug else { continue }
            try noteAgent(id, name: agent.name, source: "config", at: nil, in: db)
        }
    }
}
