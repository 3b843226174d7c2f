import Foundation
import GRDB

/// One progress-log entry (`progress_entries`).
struct ProgressEntryRecord: Sendable, Equatable {
    /// Stored text.
    var time: String
    var title: String?
    /// Markdown written by the agent.
    var body: String
    var taskIds: [String]
    /// When its agent last edited it (the run's "now" that saw the change, stored text); nil
    /// when never edited.
    var editedAt: String? = nil
}

/// Named queries for one agent's recent work: commits and progress entries.
/// Every list here ends at "now": a row dated later (a wrong clock) is stored, counted in no
/// window and shown as nothing current (issue 12, item 6).
extension ReportQueries {
    /// The newest `limit` commits of `agent` as activity events (`commit`, short hash, subject).
    func commitEvents(of agent: String, limit: Int) throws -> [AgentActivity.Event] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT commit_timestamp AS t, short_hash AS subject,
                       substr(COALESCE(message, ''), 1, instr(COALESCE(message, '') || char(10), char(10)) - 1) AS what
                FROM git_commits WHERE agent_id = ? AND commit_timestamp <= ? ORDER BY commit_timestamp DESC LIMIT ?
                """, arguments: [agent, nowText, limit]
        ).map {
            AgentActivity.Event(
                time: $0["t"] ?? "", kind: "commit", subject: $0["subject"] ?? "", what: $0["what"] ?? "")
        }
    }

    /// The newest `limit` progress entries of `agent` as activity events (`progress`, title
    /// or the body's first 80 characters).
    func progressEvents(of agent: String, limit: Int) throws -> [AgentActivity.Event] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT timestamp AS t, COALESCE(title, substr(body, 1, 80)) AS what
                FROM progress_entries WHERE agent_id = ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT ?
                """, arguments: [agent, nowText, limit]
        ).map {
            AgentActivity.Event(time: $0["t"] ?? "", kind: "progress", subject: "", what: $0["what"] ?? "")
        }
    }

    /// The newest `limit` progress-log entries of `agent`, newest first.
    func progressEntries(of agent: String, limit: Int) throws -> [ProgressEntryRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT timestamp, title, body, task_ids, edited_at FROM progress_entries WHERE agent_id = ? AND timestamp <= ?
                ORDER BY timestamp DESC, id DESC LIMIT ?
                """, arguments: [agent, nowText, limit]
        ).map { row in
            ProgressEntryRecord(
                time: row["timestamp"] ?? "", title: row["title"], body: row["body"] ?? "",
                taskIds: Self.strings(json: row["task_ids"]), editedAt: row["edited_at"])
        }
    }
}
