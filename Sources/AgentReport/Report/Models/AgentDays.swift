import Foundation
import GRDB

/// One agent's samples per day over a window: from the detail samples where they are
/// still kept, else from the daily aggregates that retention left.
struct AgentDays {
    /// One day of one agent.
    struct Day {
        var avgCPU: Double?
        var avgMemory: Double?
        var samples: Int
        /// Share of the day's observed time (or samples) per status, in percent.
        var statusShare: [String: Double]
        var fromAggregate: Bool
    }

    /// The agent statuses of the seed, in chart order.
    static let statuses = ["active", "idle", "blocked", "error", "offline"]
    /// Palette index of each agent status.
    static let colours = ["active": 2, "idle": 5, "blocked": 1, "error": 3, "offline": 6]

    let firstDay: Int64
    let count: Int
    let days: [Int64: Day]

    /// The `count` days ending with the day of `now` of every agent, by agent id (two
    /// queries for all agents rather than two per agent).
    static func all(_ db: Database, count: Int, now: Int64) throws -> [String: AgentDays] {
        let count = max(count, 1)
        let firstDay = Figures.day(now) - Int64(count) + 1
        let start = Figures.date(ofDay: firstDay)
        var byAgent: [String: [Int64: Day]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT agent_id, date, avg_cpu, avg_memory, sample_count, active_minutes, idle_minutes, blocked_minutes,
                   error_minutes, offline_minutes
            FROM agent_metrics_daily WHERE date >= ? ORDER BY agent_id, date
            """, arguments: [start]) {
            guard let seconds = UTCTime.parse((row[1] as String?) ?? "") else { continue }
            let minutes = (5...9).map { (row[$0] as Double?) ?? 0 }
            byAgent[row[0], default: [:]][Figures.day(seconds)] = Day(
                avgCPU: row[2], avgMemory: row[3], samples: row[4] ?? 0,
                statusShare: shares(statuses, minutes), fromAggregate: true)
        }
        // Detail samples win over an aggregate of the same day: they include late samples.
        for row in try Row.fetchAll(db, sql: """
            SELECT agent_id, substr(timestamp, 1, 10) AS d, AVG(cpu_usage), AVG(memory_percent), COUNT(*),
                   SUM(status = 'active'), SUM(status = 'idle'), SUM(status = 'blocked'), SUM(status = 'error'),
                   SUM(status = 'offline')
            FROM agent_metrics WHERE timestamp >= ? GROUP BY agent_id, d ORDER BY agent_id, d
            """, arguments: [start]) {
            guard let seconds = UTCTime.parse((row[1] as String?) ?? "") else { continue }
            let counts = (5...9).map { Double((row[$0] as Int?) ?? 0) }
            byAgent[row[0], default: [:]][Figures.day(seconds)] = Day(
                avgCPU: row[2], avgMemory: row[3], samples: row[4] ?? 0,
                statusShare: shares(statuses, counts), fromAggregate: false)
        }
        return byAgent.mapValues { AgentDays(firstDay: firstDay, count: count, days: $0) }
    }

    /// An agent with no samples in the window.
    static func empty(count: Int, now: Int64) -> AgentDays {
        let count = max(count, 1)
        return AgentDays(firstDay: Figures.day(now) - Int64(count) + 1, count: count, days: [:])
    }

    /// The day numbers of the window, oldest first.
    var window: [Int64] { Array(firstDay...(firstDay + Int64(count) - 1)) }

    static func shares(_ names: [String], _ amounts: [Double]) -> [String: Double] {
        let total = amounts.reduce(0, +)
        guard total > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(names, amounts.map { $0 * 100 / total }))
    }
}
