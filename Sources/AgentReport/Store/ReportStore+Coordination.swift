import Foundation
import GRDB

/// Named queries for progress-log entries (`progress_entries`) and memory-bank patterns
/// (`memory_patterns`).
extension ReportStore {
    /// What storing a progress entry did.
    public enum StoredEntry: Sendable, Equatable {
        /// The entry was new.
        case inserted
        /// The entry was stored before with another body, title or task list: now updated,
        /// its `edited_at` set to the run's "now".
        case updated
        /// The stored row already says the same.
        case unchanged
    }

    /// Stores a progress entry by its key (`ProgressEntry.key`): inserts it, or updates the
    /// stored row when the body changed (an agent appended to or edited its entry). A row
    /// stored by a build before v9 (no `file`) with the same agent and time is taken over
    /// rather than duplicated.
    @discardableResult
    public static func storeProgressEntry(_ entry: ProgressEntry, source: String, at now: Int64, in db: Database) throws
        -> StoredEntry
    {
        // Compared as stored: every text goes through the store's one redaction point, so an
        // entry holding a secret is not "edited" on every run.
        let key = SecretRedactor.redact(entry.key)
        let body = SecretRedactor.redact(entry.body)
        let title = SecretRedactor.redact(entry.title)
        let taskIds = SecretRedactor.redact(JSONSupport.encode(entry.taskIds))
        let existing =
            try Row.fetchOne(
                db, sql: "SELECT id, entry_key, body, title, task_ids FROM progress_entries WHERE entry_key = ?",
                arguments: [key])
            ?? Row.fetchOne(
                db,
                sql: """
                    SELECT id, entry_key, body, title, task_ids FROM progress_entries
                    WHERE file IS NULL AND agent_id = ? AND timestamp = ? ORDER BY id DESC LIMIT 1
                    """, arguments: .redacted([entry.agentId, UTCTime.format(entry.timestamp)]))
        if let existing {
            let changed = existing["body"] != body || existing["title"] != title || existing["task_ids"] != taskIds
            guard changed || existing["entry_key"] != key else { return .unchanged }
            let update = try db.cachedStatement(
                sql: """
                    UPDATE progress_entries SET entry_key = ?, file = ?, position = ?, agent_name = ?, title = ?, body = ?,
                        task_ids = ?, edited_at = CASE WHEN ? THEN ? ELSE edited_at END
                    WHERE id = ?
                    """)
            try update.execute(
                arguments: .redacted([
                    entry.key, entry.path, entry.position, entry.agentName, entry.title, entry.body, taskIds,
                    changed, UTCTime.format(now), existing["id"] as Int64,
                ]))
            return changed ? .updated : .unchanged
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO progress_entries (entry_key, file, position, agent_id, agent_name, timestamp, title, body, task_ids, source, line, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insert.execute(
            arguments: .redacted([
                entry.key, entry.path, entry.position, entry.agentId, entry.agentName, UTCTime.format(entry.timestamp),
                entry.title, entry.body, taskIds, source, entry.line, UTCTime.format(now),
            ]))
        return .inserted
    }

    /// Stores or updates a memory-bank pattern (by its id); an update sets `edited_at` to
    /// `now`. Returns whether it was new or changed.
    @discardableResult
    public static func upsertMemoryPattern(_ pattern: MemoryPattern, source: String, at now: Int64, in db: Database)
        throws -> Bool
    {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO memory_patterns (pattern_id, agent_id, timestamp, description, content, tags, source)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(pattern_id) DO UPDATE SET agent_id = excluded.agent_id, timestamp = excluded.timestamp,
                    description = excluded.description, content = excluded.content, tags = excluded.tags, source = excluded.source,
                    edited_at = ?
                WHERE memory_patterns.agent_id IS NOT excluded.agent_id OR memory_patterns.timestamp IS NOT excluded.timestamp
                   OR memory_patterns.description IS NOT excluded.description OR memory_patterns.content IS NOT excluded.content
                   OR memory_patterns.tags IS NOT excluded.tags
                """)
        try statement.execute(
            arguments: .redacted([
                pattern.id, pattern.agentId, pattern.timestamp.map { UTCTime.format($0) }, pattern.description,
                pattern.content, JSONSupport.encode(pattern.tags), source, UTCTime.format(now),
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
