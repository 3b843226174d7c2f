import Foundation
import GRDB

/// One agent as the `agents` table (or another table naming it) knows it.
struct AgentRecord: Sendable, Equatable {
    var id: String
    /// The display name, when one was given.
    var name: String?
    /// Where the agent was seen (`board`, `git`, `metrics`, …).
    var sources: [String] = []
    var firstSeen: String?
    var lastSeen: String?
}

/// One metric sample of an agent (`agent_metrics`).
struct AgentSample: Sendable, Equatable {
    var agentId: String
    /// The sample's time, stored text.
    var time: String
    var status: String
    var currentTask: String?
    /// Percent.
    var cpu: Double?
    /// Bytes.
    var memoryBytes: Int64?
    /// Percent.
    var memoryPercent: Double?
    var uncommitted: Int?
    /// The last activity the collector saw, stored text.
    var lastActivity: String?
    var branch: String?
}

/// The latest time each agent appears in each source, stored text, by agent id.
struct AgentActivityTimes: Sendable, Equatable {
    /// The last sample of the daily aggregates.
    var aggregatedSample: [String: String] = [:]
    /// The newest commit.
    var commit: [String: String] = [:]
    /// The newest progress entry.
    var progress: [String: String] = [:]
}

extension ReportQueries {
    /// Every agent the reports know, by id: the `agents` table and any id that appears in
    /// commits or samples (those with no name and no sources).
    func agentRecords() throws -> [AgentRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, MAX(a.name) AS name, MAX(a.sources) AS sources, MAX(a.first_seen) AS first_seen,
                       MAX(a.last_seen) AS last_seen FROM (
                  SELECT id, name, sources, first_seen, last_seen FROM agents
                  UNION ALL SELECT DISTINCT agent_id, NULL, NULL, NULL, NULL FROM git_commits
                  UNION ALL SELECT DISTINCT agent_id, NULL, NULL, NULL, NULL FROM agent_metrics
                  UNION ALL SELECT DISTINCT agent_id, NULL, NULL, NULL, NULL FROM agent_metrics_daily
                ) a WHERE a.id IS NOT NULL GROUP BY a.id ORDER BY a.id
                """
        ).map { row in
            AgentRecord(
                id: row["id"], name: row["name"], sources: Self.strings(json: row["sources"]),
                firstSeen: row["first_seen"],
                lastSeen: row["last_seen"])
        }
    }

    /// The latest metric sample of each agent, by id.
    func latestSamples() throws -> [String: AgentSample] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.* FROM agent_metrics m
                JOIN (SELECT agent_id, MAX(timestamp) AS latest FROM agent_metrics GROUP BY agent_id) l
                  ON l.agent_id = m.agent_id AND l.latest = m.timestamp
                ORDER BY m.agent_id, m.id
                """)
        var samples: [String: AgentSample] = [:]
        for row in rows {
            let agent: String = row["agent_id"]
            guard samples[agent] == nil else { continue }
            samples[agent] = AgentSample(
                agentId: agent, time: row["timestamp"] ?? "", status: row["status"] ?? "",
                currentTask: row["current_task"],
                cpu: row["cpu_usage"], memoryBytes: row["memory_usage"], memoryPercent: row["memory_percent"],
                uncommitted: row["uncommitted_changes"], lastActivity: row["last_activity"], branch: row["branch"])
        }
        return samples
    }

    /// The newest daily aggregate, commit and progress entry of each agent.
    func agentActivityTimes() throws -> AgentActivityTimes {
        func latest(_ sql: String) throws -> [String: String] {
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: sql) {
                guard let agent: String = row["a"], let time: String = row["t"] else { continue }
                result[agent] = time
            }
            return result
        }
        return AgentActivityTimes(
            aggregatedSample: try latest(
                "SELECT agent_id AS a, MAX(last_sample) AS t FROM agent_metrics_daily GROUP BY agent_id"),
            commit: try latest("SELECT agent_id AS a, MAX(commit_timestamp) AS t FROM git_commits GROUP BY agent_id"),
            progress: try latest("SELECT agent_id AS a, MAX(timestamp) AS t FROM progress_entries GROUP BY agent_id"))
    }
}
