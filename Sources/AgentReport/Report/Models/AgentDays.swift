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

    /// Reads `count` days ending with the day of `now` for `agent`.
    init(_ db: Database, agent: String, count: Int, now: Int64) throws {
        self.count = max(count, 1)
        firstDay = Figures.day(now) - Int64(self.count) + 1
        let start = Figures.date(ofDay: firstDay)
        var days: [Int64: Day] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT date, avg_cpu, avg_memory, sample_count, active_minutes, idle_minutes, blocked_minutes,
                   error_minutes, offline_minutes
            FROM agent_metrics_daily WHERE agent_id = ? AND date >= ? ORDER BY date
            """, arguments: [agent, start]) {
            guard let seconds = Figures.seconds(row["date"] as String? ?? "") else { continue }
            let minutes = Self.statuses.map { (row[$0 + "_minutes"] as Double?) ?? 0 }
            days[Figures.day(seconds)] = Day(
                avgCPU: row["avg_cpu"], avgMemory: row["avg_memory"], samples: row["sample_count"],
                statusShare: Self.shares(Self.statuses, minutes), fromAggregate: true)
        }
        // Detail samples win over an aggregate of the same day: they include late samples.
        for row in try Row.fetchAll(db, sql: """
            SELECT date(timestamp) AS d, AVG(cpu_usage) AS cpu, AVG(memory_percent) AS mem, COUNT(*) AS n,
                   SUM(status = 'active') AS active, SUM(status = 'idle') AS idle, SUM(status = 'blocked') AS blocked,
                   SUM(status = 'error') AS error, SUM(status = 'offline') AS offline
            FROM agent_metrics WHERE agent_id = ? AND timestamp >= ? GROUP BY d ORDER BY d
            """, arguments: [agent, start]) {
            guard let seconds = Figures.seconds(row["d"] as String? ?? "") else { continue }
            let counts = Self.statuses.map { Double((row[$0] as Int?) ?? 0) }
            days[Figures.day(seconds)] = Day(
                avgCPU: row["cpu"], avgMemory: row["mem"], samples: row["n"],
                statusShare: Self.shares(Self.statuses, counts), fromAggregate: false)
        }
        self.days = days
    }

    /// The day numbers of the window, oldest first.
    var window: [Int64] { Array(firstDay...(firstDay + Int64(count) - 1)) }

    private static func shares(_ names: [String], _ amounts: [Double]) -> [String: Double] {
        let total = amounts.reduce(0, +)
        guard total > 0 else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(names, amounts.map { $0 * 100 / total }))
    }
}
