import Foundation
import GRDB

/// One recorded test or build run (`agent_checks`, from `agentreport hook`).
struct CheckRun: Sendable, Equatable {
    var agent: String
    /// Stored time, `YYYY-MM-DD HH:MM:SS` UTC.
    var time: String
    var name: String
    var passed: Bool
    var exitCode: Int?
    /// Seconds.
    var duration: Double?
    /// The subagent the run happened in (`subagent_type`), nil for the main session's runs.
    var subagent: String? = nil
}

/// One agent's runs in two consecutive windows (the last 7 days and the 7 before).
struct CheckAgentTally: Sendable, Equatable {
    var agent: String
    var recentRuns: Int
    var recentPassed: Int
    var previousRuns: Int
    var previousPassed: Int
}

/// One check's runs over a window, all agents together.
struct CheckNameTally: Sendable, Equatable {
    var name: String
    var runs: Int
    var passed: Int
    /// Mean duration in seconds of the runs that have one.
    var averageDuration: Double?
    /// How many agents ran it.
    var agents: Int
}

/// Runs of one UTC day.
struct CheckDay: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    var date: String
    var passed: Int
    var failed: Int
}

extension ReportQueries {
    /// Each agent's runs in (`previousSince`, `recentSince`] and (`recentSince`, `until`].
    func checkTallies(previousSince: String, recentSince: String, until: String) throws -> [CheckAgentTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id,
                       SUM(timestamp > ?) AS recent, SUM(timestamp > ? AND passed = 1) AS recent_passed,
                       SUM(timestamp <= ?) AS previous, SUM(timestamp <= ? AND passed = 1) AS previous_passed
                FROM agent_checks WHERE timestamp > ? AND timestamp <= ?
                GROUP BY agent_id ORDER BY agent_id
                """,
            arguments: [recentSince, recentSince, recentSince, recentSince, previousSince, until]
        ).map { row in
            CheckAgentTally(
                agent: row["agent_id"], recentRuns: row["recent"] ?? 0, recentPassed: row["recent_passed"] ?? 0,
                previousRuns: row["previous"] ?? 0, previousPassed: row["previous_passed"] ?? 0)
        }
    }

    /// Every check name's runs in (`since`, `until`], by name.
    func checkNameTallies(since: String, until: String) throws -> [CheckNameTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT name, COUNT(*) AS runs, SUM(passed) AS passed, AVG(duration_s) AS duration,
                       COUNT(DISTINCT agent_id) AS agents
                FROM agent_checks WHERE timestamp > ? AND timestamp <= ? GROUP BY name ORDER BY name
                """, arguments: [since, until]
        ).map { row in
            CheckNameTally(
                name: row["name"], runs: row["runs"], passed: row["passed"] ?? 0, averageDuration: row["duration"],
                agents: row["agents"])
        }
    }

    /// The newest `limit` failed runs in (`since`, `until`], newest first.
    func checkFailures(since: String, until: String, limit: Int) throws -> [CheckRun] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, timestamp, name, passed, exit_code, duration_s, subagent_type FROM agent_checks
                WHERE passed = 0 AND timestamp > ? AND timestamp <= ?
                ORDER BY timestamp DESC, agent_id, name LIMIT ?
                """, arguments: [since, until, limit]
        ).map(Self.checkRun)
    }

    /// The latest run of each check of each agent up to `until` (by agent, then name): a
    /// check whose latest run failed is failing now.
    func latestCheckRuns(until: String) throws -> [CheckRun] {
        // SQLite returns the other columns of the row that holds MAX(timestamp).
        try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, MAX(timestamp) AS timestamp, name, passed, exit_code, duration_s, subagent_type
                FROM agent_checks
                WHERE timestamp <= ? GROUP BY agent_id, name ORDER BY agent_id, name
                """, arguments: [until]
        ).map(Self.checkRun)
    }

    /// Passed and failed runs per UTC day from `startDate` (`YYYY-MM-DD`) to `until`.
    func checkDays(from startDate: String, until: String) throws -> [CheckDay] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT date(timestamp) AS d, SUM(passed) AS passed, SUM(1 - passed) AS failed FROM agent_checks
                WHERE timestamp >= ? AND timestamp <= ? GROUP BY d ORDER BY d
                """, arguments: [startDate, until]
        ).map { row in CheckDay(date: row["d"], passed: row["passed"] ?? 0, failed: row["failed"] ?? 0) }
    }

    private static func checkRun(_ row: Row) -> CheckRun {
        CheckRun(
            agent: row["agent_id"], time: row["timestamp"], name: row["name"],
            passed: (row["passed"] as Int? ?? 0) != 0,
            exitCode: row["exit_code"], duration: row["duration_s"], subagent: row["subagent_type"])
    }
}
