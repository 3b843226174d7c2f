import Foundation
import GRDB

/// Named queries about agents: their latest sample and their last activity anywhere.
enum AgentQueries {
    /// The latest metric sample of each agent, by id.
    static func latestSamples(_ db: Database) throws -> [String: Row] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT m.* FROM agent_metrics m
            JOIN (SELECT agent_id, MAX(timestamp) AS latest FROM agent_metrics GROUP BY agent_id) l
              ON l.agent_id = m.agent_id AND l.latest = m.timestamp
            ORDER BY m.agent_id, m.id
            """)
        return Dictionary(rows.map { ($0["agent_id"] as String, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The latest time each agent did anything: a sample's last activity, a commit, a
    /// progress entry, a task event it made.
    static func lastActivity(_ db: Database, taskChanges: [String: String], samples: [String: Row]) throws -> [String: String] {
        var latest = taskChanges
        for (agent, sample) in samples {
            // The latest sample speaks for the agent's samples: the activity it reports, else its time.
            let time = (sample["last_activity"] as String?) ?? (sample["timestamp"] as String?) ?? ""
            if !time.isEmpty, latest[agent].map({ time > $0 }) ?? true { latest[agent] = time }
        }
        let queries = [
            "SELECT agent_id AS a, MAX(last_sample) AS t FROM agent_metrics_daily GROUP BY agent_id",
            "SELECT agent_id AS a, MAX(commit_timestamp) AS t FROM git_commits GROUP BY agent_id",
            "SELECT agent_id AS a, MAX(timestamp) AS t FROM progress_entries GROUP BY agent_id",
        ]
        for sql in queries {
            for row in try Row.fetchAll(db, sql: sql) {
                guard let agent: String = row["a"], let time: String = row["t"] else { continue }
                if latest[agent].map({ time > $0 }) ?? true { latest[agent] = time }
            }
        }
        return latest
    }

    /// The agent status table of the index and agents pages, one row per agent.
    static func statusRows(_ data: ReportData, from path: String) throws -> [[String: Any]] {
        let samples = data.latestSamples
        let activity = data.lastActivity
        return data.agents.entries.map { entry in
            let sample = samples[entry.id]
            return [
                "agent": data.agents.link(entry.id, from: path), "name": entry.name,
                "status": (sample?["status"] as String?) ?? "no samples",
                "currentTask": (sample?["current_task"] as String?) ?? "—",
                "lastActivity": activity[entry.id] ?? "—", "ago": data.ago(activity[entry.id]),
                "uncommitted": (sample?["uncommitted_changes"] as Int?).map(String.init) ?? "—",
                "branch": (sample?["branch"] as String?) ?? "—",
                "sampledAt": (sample?["timestamp"] as String?) ?? "—",
            ]
        }
    }
}
