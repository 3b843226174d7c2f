import Foundation
import GRDB

/// One session event (`agent_sessions`, from `agentreport hook`).
struct SessionEvent: Sendable, Equatable {
    /// Stored time, `YYYY-MM-DD HH:MM:SS` UTC.
    var time: String
    /// `start`, `end` or `failure` (a turn that ended in an API error, `StopFailure`).
    var event: String
    /// The coding agent's session id; empty when the line named none.
    var sessionId: String
    /// The start's `source`, the end's `reason`, the failure's `error_type`.
    var reason: String?
}

/// One agent's session events over a window: how many of each, and the newest ones.
struct AgentSessionEvents: Sendable, Equatable {
    var started = 0
    var ended = 0
    var failures = 0
    /// The newest events, newest first (at most the limit asked for).
    var newest: [SessionEvent] = []

    /// Every event of the window, listed or not.
    var total: Int { started + ended + failures }
}

extension ReportQueries {
    /// `agent`'s session events from `since` to `until` (both included, as `ReportWindow`
    /// counts): the count of each kind and the newest `limit`, newest first.
    func sessionEvents(of agent: String, since: String, until: String, limit: Int) throws -> AgentSessionEvents {
        var events = AgentSessionEvents()
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT event, COUNT(*) AS n FROM agent_sessions
                WHERE agent_id = ? AND timestamp >= ? AND timestamp <= ? GROUP BY event
                """, arguments: [agent, since, until])
        {
            let count: Int = row["n"]
            switch row["event"] as String {
            case "start": events.started = count
            case "end": events.ended = count
            default: events.failures += count
            }
        }
        guard events.total > 0 else { return events }
        events.newest = try Row.fetchAll(
            db,
            sql: """
                SELECT timestamp, event, session_id, reason FROM agent_sessions
                WHERE agent_id = ? AND timestamp >= ? AND timestamp <= ?
                ORDER BY timestamp DESC, id DESC LIMIT ?
                """, arguments: [agent, since, until, limit]
        ).map { row in
            SessionEvent(
                time: row["timestamp"], event: row["event"], sessionId: row["session_id"] ?? "", reason: row["reason"])
        }
        return events
    }

    /// Whether the hook has recorded any session event at all, for any agent: on a team
    /// without it, agent pages say nothing about sessions.
    func hookRecordsSessions() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM agent_sessions)") ?? false
    }
}
