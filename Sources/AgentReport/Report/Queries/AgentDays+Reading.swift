import Foundation
import GRDB
import GRDBSQLite

extension ReportQueries {
    /// The daily aggregates of every agent from `startDate` (`YYYY-MM-DD`) on.
    func agentDayAggregates(from startDate: String) throws -> [AgentDays.Aggregate] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, date, avg_cpu, avg_memory, sample_count, active_minutes, idle_minutes, blocked_minutes,
                       error_minutes, offline_minutes
                FROM agent_metrics_daily WHERE date >= ? ORDER BY agent_id, date
                """, arguments: [startDate]
        ).map { row in
            AgentDays.Aggregate(
                agentId: row[0], date: (row[1] as String?) ?? "", avgCPU: row[2], avgMemory: row[3],
                samples: row[4] ?? 0,
                statusMinutes: (5...9).map { (row[$0] as Double?) ?? 0 })
        }
    }

    /// Every agent's `count` days ending with the day of `now` (two queries for all agents
    /// rather than two per agent).
    func agentDays(count: Int, now: Int64) throws -> [String: AgentDays] {
        let start = Figures.date(ofDay: Figures.day(now) - Int64(max(count, 1)) + 1)
        return AgentDays.all(
            aggregates: try agentDayAggregates(from: start), pending: try pendingAgentDays(from: start), count: count,
            now: now)
    }

    /// Above this many samples not aggregated yet, their days are summed in one sequential
    /// pass over the table rather than one index range per agent and day.
    static let pendingScanThreshold = 20_000

    /// The days whose aggregate misses some of its samples, summed from their detail. Rows
    /// above `maintenance_state.last_id` are the ones retention has not aggregated yet (ids
    /// only grow); after a `build`, there are none and every day comes from the aggregates.
    func pendingAgentDays(from start: String) throws -> [String: [Int64: AgentDays.DaySums]] {
        let lastId =
            (try? Int64.fetchOne(db, sql: "SELECT last_id FROM maintenance_state WHERE name = 'agent_metrics'")) ?? nil
        let pending =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM agent_metrics WHERE id > ? LIMIT ?)",
                arguments: [lastId ?? 0, Self.pendingScanThreshold + 1]) ?? 0
        if pending == 0 { return [:] }
        if pending > Self.pendingScanThreshold { return try detailAgentDays(from: start) }
        var result: [String: [Int64: AgentDays.DaySums]] = [:]
        let buckets = try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT agent_id, substr(timestamp, 1, 10) AS d FROM agent_metrics WHERE id > ? AND timestamp >= ?
                """, arguments: [lastId ?? 0, start])
        let statement = try db.cachedStatement(
            sql: """
                SELECT TOTAL(cpu_usage), COUNT(cpu_usage), TOTAL(memory_percent), COUNT(memory_percent), COUNT(*),
                       SUM(status = 'active'), SUM(status = 'idle'), SUM(status = 'blocked'), SUM(status = 'error'),
                       SUM(status = 'offline')
                FROM agent_metrics WHERE agent_id = ? AND timestamp >= ? AND substr(timestamp, 1, 10) = ?
                """)
        for bucket in buckets {
            guard let agent = bucket[0] as String?, let date = bucket[1] as String?,
                let seconds = UTCTime.parse(date),
                let row = try Row.fetchOne(statement, arguments: [agent, date, date])
            else { continue }
            var sums = AgentDays.DaySums()
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

    /// The detail samples from `start` (`YYYY-MM-DD`) on, summed per agent and UTC day, as
    /// `AVG`, `COUNT` and `SUM(status = …)` grouped by agent and day would. One sequential
    /// pass over the table through SQLite's C API: grouping in SQL walked the (agent, time)
    /// index and fetched every row from the table in that order, a random read per sample,
    /// which on a year-old database read the table thirty times over.
    func detailAgentDays(from start: String) throws -> [String: [Int64: AgentDays.DaySums]] {
        let statement = try db.makeStatement(
            sql: """
                SELECT agent_id, timestamp, cpu_usage, memory_percent, status FROM agent_metrics NOT INDEXED WHERE timestamp >= ?
                """)
        try statement.setArguments([start])
        let raw = statement.sqliteStatement
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard sqlite3_column_type(raw, column) != SQLITE_NULL, let pointer = sqlite3_column_text(raw, column) else {
                return nil
            }
            return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(raw, column)))
        }
        let statusBytes = AgentDays.statuses.map { Array($0.utf8) }
        var agents: [String: Int] = [:]
        var names: [String] = []
        var sums: [[Int64: AgentDays.DaySums]] = []
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
            var entry = sums[index][day] ?? AgentDays.DaySums()
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
        var result: [String: [Int64: AgentDays.DaySums]] = [:]
        for (index, name) in names.enumerated() { result[name] = sums[index] }
        return result
    }
}
