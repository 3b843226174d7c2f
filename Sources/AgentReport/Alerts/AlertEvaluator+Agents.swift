import Foundation
import GRDB

/// The agent rules: silent, error/offline, uncommitted changes, sustained cpu and memory.
extension AlertEvaluator {
    /// How far back "sustained" looks, in seconds: every sample of the last 15 minutes.
    public static let sustainedWindow: Int64 = 900
    /// The fewest samples in that window for a sustained alert.
    public static let sustainedMinimumSamples = 3

    /// `agent-silent:<agent>`: no commit, sample, progress entry or task event for more than
    /// `agentSilentHours`. An agent with no recorded activity at all has no evidence: no alert.
    func agentSilence(_ agents: [String], in db: Database) throws -> [AlertFinding] {
        var findings: [AlertFinding] = []
        let limit = thresholds.agentSilentHours * 3600
        let events = try latestTaskEvents(in: db)
        for agent in agents {
            var candidates: [(time: String, what: String)] = []
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT commit_timestamp, short_hash FROM git_commits
                    WHERE agent_id = ? AND commit_timestamp <= ? ORDER BY commit_timestamp DESC LIMIT 1
                    """, arguments: [agent, nowText])
            {
                candidates.append((row["commit_timestamp"], "commit \(row["short_hash"] as String? ?? "")"))
            }
            if let time = try String.fetchOne(
                db,
                sql: """
                    SELECT MAX(t) FROM (
                        SELECT MAX(timestamp) AS t FROM agent_metrics WHERE agent_id = ? AND timestamp <= ?
                        UNION ALL SELECT MAX(last_sample) FROM agent_metrics_daily WHERE agent_id = ? AND last_sample <= ?)
                    """, arguments: [agent, nowText, agent, nowText])
            {
                candidates.append((time, "metric sample"))
            }
            if let time = try String.fetchOne(
                db,
                sql: """
                    SELECT MAX(timestamp) FROM progress_entries WHERE agent_id = ? AND timestamp <= ?
                    """, arguments: [agent, nowText])
            {
                candidates.append((time, "progress entry"))
            }
            if let event = events[agent] { candidates.append(event) }
            guard let last = candidates.max(by: { $0.time < $1.time }), let lastTime = UTCTime.parse(last.time) else {
                continue
            }
            let silent = Double(now - lastTime)
            guard silent > limit else { continue }
            findings.append(
                AlertFinding(
                    rule: .agentSilent, subject: agent, severity: .warning,
                    title: "Agent \(agent) is silent",
                    message:
                        "No commit, metric sample, progress entry or task event from \(agent) since \(last.time) UTC (last: \(last.what)); silent for \(amount((silent / 360).rounded() / 10)) hours, more than the \(amount(thresholds.agentSilentHours))-hour threshold.",
                    evidence: [
                        "agent": agent, "last_activity": last.time, "last_activity_kind": last.what,
                        "silent_hours": (silent / 360).rounded() / 10, "threshold_hours": thresholds.agentSilentHours,
                    ],
                    since: lastTime))
        }
        return findings
    }

    /// Each agent's latest task event (changed by it, or on a task assigned to it), in one
    /// pass over `task_events` rather than one per agent.
    private func latestTaskEvents(in db: Database) throws -> [String: (time: String, what: String)] {
        // SQLite returns the other columns of the row that holds MAX(timestamp).
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT agent, MAX(timestamp) AS timestamp, task_id, event_type FROM (
                    SELECT changed_by AS agent, timestamp, task_id, event_type FROM task_events WHERE changed_by IS NOT NULL AND timestamp <= ?
                    UNION ALL
                    SELECT assigned_to, timestamp, task_id, event_type FROM task_events WHERE assigned_to IS NOT NULL AND timestamp <= ?)
                GROUP BY agent
                """, arguments: [nowText, nowText])
        var result: [String: (time: String, what: String)] = [:]
        for row in rows {
            result[row["agent"]] = (
                row["timestamp"],
                "task event \(row["event_type"] as String? ?? "") on \(row["task_id"] as String? ?? "")"
            )
        }
        return result
    }

    /// The rules on each agent's latest sample (`agent-error`, `agent-offline`,
    /// `uncommitted-changes`) and on its last 15 minutes (`cpu-high`, `memory-high`).
    /// An agent with no samples gets none of these.
    func agentSamples(_ agents: [String], in db: Database) throws -> [AlertFinding] {
        var findings: [AlertFinding] = []
        for agent in agents {
            guard
                let latest = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT timestamp, status, uncommitted_changes, current_task FROM agent_metrics
                        WHERE agent_id = ? AND timestamp <= ? ORDER BY timestamp DESC LIMIT 1
                        """, arguments: [agent, nowText])
            else { continue }
            let time: String = latest["timestamp"]
            let status: String = latest["status"]
            let task = (latest["current_task"] as String?).map { " (task \($0))" } ?? ""
            if status == "error" || status == "offline" {
                let isError = status == "error"
                findings.append(
                    AlertFinding(
                        rule: isError ? .agentError : .agentOffline, subject: agent,
                        severity: isError ? .error : .warning,
                        title: isError ? "Agent \(agent) reports an error" : "Agent \(agent) is offline",
                        message:
                            "The latest metric sample of \(agent), at \(time) UTC, reports status '\(status)'\(task).",
                        evidence: ["agent": agent, "sample": time, "status": status],
                        since: try runStart(of: agent, condition: "status = ?", [status], in: db)))
            }
            if let changes = latest["uncommitted_changes"] as Int?, changes > thresholds.uncommittedChanges {
                findings.append(
                    AlertFinding(
                        rule: .uncommittedChanges, subject: agent, severity: .warning,
                        title: "Agent \(agent) has many uncommitted changes",
                        message:
                            "The latest metric sample of \(agent), at \(time) UTC, reports \(changes) uncommitted changes, more than the threshold of \(thresholds.uncommittedChanges).",
                        evidence: [
                            "agent": agent, "sample": time, "uncommitted_changes": changes,
                            "threshold": thresholds.uncommittedChanges,
                        ],
                        since: try runStart(
                            of: agent, condition: "uncommitted_changes > ?", [thresholds.uncommittedChanges], in: db)))
            }
            findings += try sustained(agent, in: db)
        }
        return findings
    }

    /// `cpu-high` / `memory-high`: every sample of the last 15 minutes (at least 3) above the threshold.
    private func sustained(_ agent: String, in db: Database) throws -> [AlertFinding] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT timestamp, cpu_usage, memory_percent FROM agent_metrics
                WHERE agent_id = ? AND timestamp > ? AND timestamp <= ? ORDER BY timestamp
                """, arguments: [agent, UTCTime.format(now - Self.sustainedWindow), nowText])
        guard rows.count >= Self.sustainedMinimumSamples, let first = rows.first, let last = rows.last else {
            return []
        }
        var findings: [AlertFinding] = []
        let checks: [(AlertRule, String, String, Double)] = [
            (.cpuHigh, "cpu_usage", "CPU", thresholds.cpuPercent),
            (.memoryHigh, "memory_percent", "memory", thresholds.memoryPercent),
        ]
        for (rule, column, label, threshold) in checks {
            let values = rows.map { $0[column] as Double? }
            guard values.allSatisfy({ ($0 ?? -.infinity) > threshold }) else { continue }
            let numbers = values.compactMap { $0 }
            let low = numbers.min() ?? 0
            let high = numbers.max() ?? 0
            let firstTime: String = first["timestamp"]
            let lastTime: String = last["timestamp"]
            findings.append(
                AlertFinding(
                    rule: rule, subject: agent, severity: .warning,
                    title: "Agent \(agent): sustained high \(label)",
                    message:
                        "All \(rows.count) metric samples of \(agent) from \(firstTime) to \(lastTime) UTC (the 15 minutes before \(nowText)) report \(label) above \(amount(threshold))% (between \(amount(low)) and \(amount(high))%).",
                    evidence: [
                        "agent": agent, "first_sample": firstTime, "last_sample": lastTime, "samples": rows.count,
                        "min": low, "max": high, "threshold": threshold,
                    ],
                    since: try runStart(of: agent, condition: "\(column) > ?", [threshold], in: db)))
        }
        return findings
    }

    /// When the agent's current run of samples matching `condition` began: the first sample
    /// (up to "now") after the latest one that does not match. Nil when no sample matches.
    func runStart(of agent: String, condition: String, _ arguments: StatementArguments, in db: Database) throws
        -> Int64?
    {
        let lastOther = try String.fetchOne(
            db,
            sql: """
                SELECT MAX(timestamp) FROM agent_metrics
                WHERE agent_id = ? AND timestamp <= ? AND NOT COALESCE(\(condition), 0)
                """, arguments: [agent, nowText] + arguments)
        let first = try String.fetchOne(
            db,
            sql: "SELECT MIN(timestamp) FROM agent_metrics WHERE agent_id = ? AND timestamp > ? AND timestamp <= ?",
            arguments: [agent, lastOther ?? "", nowText])
        return first.flatMap(UTCTime.parse)
    }
}
