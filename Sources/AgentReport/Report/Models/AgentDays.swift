import Foundation
import GRDB
import GRDBSQLite

/// One agent's samples per day over a window: from the daily aggregates, and from the
/// detail samples for the days that have samples retention has not aggregated yet.
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
        // Detail samples win over an aggregate of the same day when some of them were not
        // aggregated yet (late samples, or no `retain` since they arrived).
        for (agent, days) in try unaggregatedDays(db, from: start) {
            for (day, sums) in days {
                byAgent[agent, default: [:]][day] = Day(
                    avgCPU: sums.cpuCount > 0 ? sums.cpu / Double(sums.cpuCount) : nil,
                    avgMemory: sums.memoryCount > 0 ? sums.memory / Double(sums.memoryCount) : nil,
                    samples: sums.samples, statusShare: shares(statuses, sums.statusCounts), fromAggregate: false)
            }
        }
        return byAgent.mapValues { AgentDays(firstDay: firstDay, count: count, days: $0) }
    }

    /// Above this many samples not aggregated yet, their days are summed in one sequential
    /// pass over the table rather than one index range per agent and day.
    static let scanThreshold = 20_000

    /// The days whose aggregate misses some of its samples, summed from their detail. Rows
    /// above `maintenance_state.last_id` are the ones retention has not aggregated yet (ids
    /// only grow); after a `build`, there are none and every day comes from the aggregates.
    static func unaggregatedDays(_ db: Database, from start: String) throws -> [String: [Int64: DaySums]] {
        let lastId = (try? Int64.fetchOne(db, sql: "SELECT last_id FROM maintenance_state WHERE name = 'agent_metrics'")) ?? nil
        let pending = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM agent_metrics WHERE id > ? LIMIT ?)",
            arguments: [lastId ?? 0, scanThreshold + 1]) ?? 0
        if pending == 0 { return [:] }
        if pending > scanThreshold { return try detailDays(db, from: start) }
        var result: [String: [Int64: DaySums]] = [:]
        let buckets = try Row.fetchAll(db, sql: """
            SELECT DISTINCT agent_id, substr(timestamp, 1, 10) AS d FROM agent_metrics WHERE id > ? AND timestamp >= ?
            """, arguments: [lastId ?? 0, start])
        let statement = try db.cachedStatement(sql: """
            SELECT TOTAL(cpu_usage), COUNT(cpu_usage), TOTAL(memory_percent), COUNT(memory_percent), COUNT(*),
                   SUM(status = 'active'), SUM(status = 'idle'), SUM(status = 'blocked'), SUM(status = 'error'),
                   SUM(status = 'offline')
            FROM agent_metrics WHERE agent_id = ? AND timestamp >= ? AND substr(timestamp, 1, 10) = ?
            """)
        for bucket in buckets {
            guard let agent = bucket[0] as String?, let date = bucket[1] as String?,
                let seconds = UTCTime.parse(date), let row = try Row.fetchOne(statement, arguments: [agent, date, date])
            else { continue }
            var sums = DaySums()
            // TOTAL is the running sum AVG divides by the count: the same double, in the same order.
            sums.cpu = row[0] ?? 0
            sums.cpuCount = row[1] ?? 0
            sums.memory = row[2] ?? 0
            sums.memoryCount = row[3] ?? 0
            sums.samples = row[4] ?? 0
            sums.statusCounts = (5...9).map { Double((row[$0] as Int?) ?? 0) }
            result[agent, default: [:]][Figures.day(seconds)] = sums
        }
        return result
    }

    /// Sums of one agent's detail samples of one day.
    struct DaySums {
        var cpu = 0.0
        var cpuCount = 0
        var memory = 0.0
        var memoryCount = 0
        var samples = 0
        /// Samples per status, in the order of `statuses`.
        var statusCounts = [Double](repeating: 0, count: 5)
    }

    /// The detail samples from `start` (`YYYY-MM-DD`) on, summed per agent and UTC day, as
    /// `AVG`, `COUNT` and `SUM(status = …)` grouped by agent and day would. One sequential
    /// pass over the table through SQLite's C API: grouping in SQL walked the (agent, time)
    /// index and fetched every row from the table in that order, a random read per sample,
    /// which on a year-old database read the table thirty times over.
    static func detailDays(_ db: Database, from start: String) throws -> [String: [Int64: DaySums]] {
        let statement = try db.makeStatement(sql: """
            SELECT agent_id, timestamp, cpu_usage, memory_percent, status FROM agent_metrics NOT INDEXED WHERE timestamp >= ?
            """)
        try statement.setArguments([start])
        let raw = statement.sqliteStatement
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard sqlite3_column_type(raw, column) != SQLITE_NULL, let pointer = sqlite3_column_text(raw, column) else { return nil }
            return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
        }
        let statusBytes = statuses.map { Array($0.utf8) }
        var agents: [String: Int] = [:]
        var names: [String] = []
        var sums: [[Int64: DaySums]] = []
        var lastDayText: [UInt8] = []
        var lastDay: Int64?
        try statement.forEachRawRow(in: db) {
            guard let agentText = text(0), let stamp = text(1) else { return }
            // substr(timestamp, 1, 10): the day, parsed once per run of samples of the same day.
            let dayText = stamp.prefix(10)
            if !lastDayText.elementsEqual(dayText) {
                lastDayText = Array(dayText)
                lastDay = UTCTime.parse(String(decoding: dayText, as: UTF8.self)).map(Figures.day)
            }
            guard let day = lastDay else { return }
            let agent = String(decoding: agentText, as: UTF8.self)
            let index: Int
            if let known = agents[agent] {
                index = known
            } else {
                index = names.count
                agents[agent] = index
                names.append(agent)
                sums.append([:])
            }
            var entry = sums[index][day] ?? DaySums()
            entry.samples += 1
            if sqlite3_column_type(raw, 2) != SQLITE_NULL {
                entry.cpu += sqlite3_column_double(raw, 2)
                entry.cpuCount += 1
            }
            if sqlite3_column_type(raw, 3) != SQLITE_NULL {
                entry.memory += sqlite3_column_double(raw, 3)
                entry.memoryCount += 1
            }
            if let status = text(4), let position = statusBytes.firstIndex(where: { $0.elementsEqual(status) }) {
                entry.statusCounts[position] += 1
            }
            sums[index][day] = entry
        }
        var result: [String: [Int64: DaySums]] = [:]
        for (index, name) in names.enumerated() { result[name] = sums[index] }
        return result
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
