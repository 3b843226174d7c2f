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
    var currentTask: String? = nil
    /// Percent.
    var cpu: Double? = nil
    /// Bytes.
    var memoryBytes: Int64? = nil
    /// Percent.
    var memoryPercent: Double? = nil
    var uncommitted: Int? = nil
    /// The last activity the collector saw, stored text.
    var lastActivity: String? = nil
    var branch: String? = nil
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
        // Each DISTINCT on its own (MATERIALIZED, SQLite 3.35+) skips from one agent id to
        // the next in the table's agent index; inside the UNION, SQLite read every entry
        // into a temporary B-tree instead (0.5 ms against 25 ms on a 50-agent year, on the
        // path before any page can render).
        try Row.fetchAll(
            db,
            sql: """
                WITH commit_agents(id) AS MATERIALIZED (SELECT DISTINCT agent_id FROM git_commits),
                     sample_agents(id) AS MATERIALIZED (SELECT DISTINCT agent_id FROM agent_metrics),
                     day_agents(id) AS MATERIALIZED (SELECT DISTINCT agent_id FROM agent_metrics_daily)
                SELECT a.id, MAX(a.name) AS name, MAX(a.sources) AS sources, MAX(a.first_seen) AS first_seen,
                       MAX(a.last_seen) AS last_seen FROM (
                  SELECT id, name, sources, first_seen, last_seen FROM agents
                  UNION ALL SELECT id, NULL, NULL, NULL, NULL FROM commit_agents
                  UNION ALL SELECT id, NULL, NULL, NULL, NULL FROM sample_agents
                  UNION ALL SELECT id, NULL, NULL, NULL, NULL FROM day_agents
                ) a WHERE a.id IS NOT NULL GROUP BY a.id ORDER BY a.id
                """
        ).map { row in
            AgentRecord(
                id: row["id"], name: row["name"], sources: Self.strings(json: row["sources"]),
                firstSeen: row["first_seen"],
                lastSeen: row["last_seen"])
        }
    }

    /// The latest metric sample (up to "now") of each agent, by id.
    func latestSamples() throws -> [String: AgentSample] {
        // Each agent's newest time by a seek in the (agent_id, timestamp) index, not a pass
        // over every sample (0.5 ms against 25 ms for a week of 50 agents' samples).
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH ids(a) AS MATERIALIZED (SELECT DISTINCT agent_id FROM agent_metrics),
                     l(agent_id, latest) AS MATERIALIZED (
                       SELECT a, (SELECT MAX(timestamp) FROM agent_metrics WHERE agent_id = ids.a AND timestamp <= ?)
                       FROM ids)
                SELECT m.* FROM agent_metrics m JOIN l ON l.agent_id = m.agent_id AND l.latest = m.timestamp
                ORDER BY m.agent_id, m.id
                """, arguments: [nowText])
        var samples: [String: AgentSample] = [:]
        for row in rows {
            let agent: String = row["agent_id"]
            guard samples[agent] == nil else { continue }
            samples[agent] = AgentSample(
                agentId: agent, time: row["timestamp"] ?? "", status: row["status"] ?? "",
                currentTask: row["current_task"],
                cpu: row["cpu_usage"], memoryBytes: row["memory_usage"], memoryPercent: row["memory_percent"],
                uncommitted: row["uncommitted_changes"],
                lastActivity: (row["last_activity"] as String?).flatMap { $0 <= nowText ? $0 : nil },
                branch: row["branch"])
        }
        return samples
    }

    /// The newest daily aggregate, commit and progress entry (up to "now") of each agent.
    func agentActivityTimes() throws -> AgentActivityTimes {
        func latest(_ sql: String) throws -> [String: String] {
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: [nowText]) {
                guard let agent: String = row["a"], let time: String = row["t"] else { continue }
                result[agent] = time
            }
            return result
        }
        /// Each agent id of `table`, then its newest `time` up to "now", found by seeks in
        /// the table's (agent_id, time) index (a loose index scan) rather than a pass over
        /// every row: 0.4 ms instead of 26 ms for the commits of a 50-agent year. Agents with
        /// nothing up to "now" get no row.
        func newestPerAgent(_ table: String, _ time: String) -> String {
            """
            WITH RECURSIVE ids(a) AS (
              SELECT MIN(agent_id) FROM \(table)
              UNION ALL
              SELECT (SELECT MIN(agent_id) FROM \(table) WHERE agent_id > ids.a) FROM ids WHERE ids.a IS NOT NULL
            )
            SELECT a, (SELECT MAX(\(time)) FROM \(table) WHERE agent_id = ids.a AND \(time) <= ?) AS t
            FROM ids WHERE a IS NOT NULL
            """
        }
        return AgentActivityTimes(
            // No index leads with agent_id and ends with last_sample: one pass, grouped.
            aggregatedSample: try latest(
                "SELECT agent_id AS a, MAX(last_sample) AS t FROM agent_metrics_daily WHERE last_sample <= ? GROUP BY agent_id"
            ),
            commit: try latest(newestPerAgent("git_commits", "commit_timestamp")),
            progress: try latest(newestPerAgent("progress_entries", "timestamp")))
    }

    /// Per assignee, its task in progress on the board (not removed) that entered the status
    /// last, and how many it has in progress; plus the tasks among `named` (the tasks the
    /// latest samples name) that are in progress. A 100,000-task board has tens of
    /// thousands in progress: one row per agent is read, not one per task.
    func inProgressTasks(named: Set<String>) throws -> (
        newest: [String: (task: TaskRecord, count: Int)], named: [TaskRecord]
    ) {
        var newest: [String: (task: TaskRecord, count: Int)] = [:]
        // SQLite gives the bare columns of the row that holds MAX(status_since).
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT assigned_to, MAX(status_since), task_id, title, priority, COUNT(*) FROM tasks
                WHERE status = 'in_progress' AND removed = 0 AND assigned_to IS NOT NULL GROUP BY assigned_to
                """)
        {
            guard let agent: String = row[0], let id: String = row[2] else { continue }
            newest[agent] = (
                TaskRecord(
                    id: id, title: row[3] ?? "", status: .inProgress, priority: row[4] ?? "", assignee: agent,
                    statusSince: row[1], dependencies: [], blockers: []),
                row[5] ?? 1
            )
        }
        let statement = try db.cachedStatement(
            sql:
                "SELECT assigned_to, status_since FROM tasks WHERE task_id = ? AND status = 'in_progress' AND removed = 0"
        )
        var tasks: [TaskRecord] = []
        for id in named.sorted() {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            tasks.append(
                TaskRecord(
                    id: id, title: "", status: .inProgress, priority: "", assignee: row[0], statusSince: row[1],
                    dependencies: [],
                    blockers: []))
        }
        return (newest, tasks)
    }

    /// Progress entries per agent in `window`.
    func progressEntryCounts(in window: ReportWindow) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT agent_id, COUNT(*) FROM progress_entries WHERE timestamp >= ? AND timestamp <= ? GROUP BY agent_id",
            arguments: [window.startText, window.endText])
        {
            if let agent: String = row[0] { counts[agent] = row[1] }
        }
        return counts
    }

    /// The samples of `agent` from `start` (epoch seconds) to "now", oldest first: what
    /// the agent page draws at sample resolution.
    func samples(of agent: String, from start: Int64) throws -> [AgentSample] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT timestamp, status, cpu_usage, memory_percent FROM agent_metrics
                    WHERE agent_id = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp, id
                    """), arguments: [agent, UTCTime.format(start), nowText]
        ).map { row in
            AgentSample(
                agentId: agent, time: row[0] ?? "", status: row[1] ?? "", cpu: row[2], memoryPercent: row[3])
        }
    }
}
