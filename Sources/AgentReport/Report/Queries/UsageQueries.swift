import Foundation
import GRDB

extension ReportQueries {
    /// The usage of the `days` days ending with the day of `now` (UTC calendar days), per
    /// agent, model and day, per task and per branch.
    func usageFacts(days: Int, now: Int64) throws -> UsageFacts {
        guard try db.tableExists("usage_requests") else { return .empty }
        let first = Figures.date(ofDay: Figures.day(now) - Int64(days) + 1)
        let end = UTCTime.format(now + 1)
        return UsageFacts(
            days: try usageDays(from: first, before: end),
            sessionsByAgentDay: try sessionsByAgentDay(from: first, before: end),
            tasks: try taskUsage(from: first, before: end), branches: try branchUsage(from: first, before: end),
            priceTableDate: PriceTable.embeddedDate,
            newestRequest: try String.fetchOne(
                db, sql: "SELECT MAX(timestamp) FROM usage_requests WHERE timestamp < ?", arguments: [end]),
            oldestDetail: try String.fetchOne(db, sql: "SELECT MIN(timestamp) FROM usage_requests"))
    }

    /// Per agent, model and day from `from` (a date) to before `end` (stored time): request
    /// detail, and the daily aggregates of days whose detail is retired.
    func usageDays(from: String, before end: String) throws -> [UsageDay] {
        let detail = try Row.fetchAll(
            db,
            sql: """
                WITH r AS (
                    SELECT * FROM usage_requests WHERE timestamp >= ? AND timestamp < ?
                ), c AS (
                    SELECT r.agent_id, r.model, substr(r.timestamp, 1, 10) AS date, COUNT(*) AS calls,
                           TOTAL(t.is_error) AS errors
                    FROM usage_tool_calls t JOIN r ON r.request_key = t.request_key GROUP BY 1, 2, 3
                )
                SELECT r.agent_id, r.model, substr(r.timestamp, 1, 10) AS date, COUNT(*) AS requests,
                       COUNT(DISTINCT r.session_id) AS sessions, TOTAL(r.input_tokens) AS input,
                       TOTAL(r.output_tokens) AS output, TOTAL(r.cache_write_5m_tokens + r.cache_write_1h_tokens) AS cache_write,
                       TOTAL(r.cache_read_tokens) AS cache_read, TOTAL(r.cost_usd) AS cost, TOTAL(r.cost_usd IS NULL) AS unpriced,
                       COALESCE(c.calls, 0) AS calls, COALESCE(c.errors, 0) AS errors
                FROM r LEFT JOIN c ON c.agent_id = r.agent_id AND c.model = r.model AND c.date = substr(r.timestamp, 1, 10)
                GROUP BY 1, 2, 3
                """, arguments: [from, end])
        let retired = try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, model, date, sample_count AS requests, sessions, input_tokens AS input, output_tokens AS output,
                       cache_write_5m_tokens + cache_write_1h_tokens AS cache_write, cache_read_tokens AS cache_read,
                       cost_usd AS cost, unpriced_requests AS unpriced, tool_calls AS calls, tool_errors AS errors
                FROM usage_daily WHERE retired_at IS NOT NULL AND date >= ? AND date < ?
                """, arguments: [from, String(end.prefix(10)) + "~"])
        var merged: [String: UsageDay] = [:]
        for row in retired + detail {
            let day = UsageDay(
                agent: row["agent_id"], model: row["model"], date: row["date"],
                totals: UsageTotals(
                    requests: row["requests"], sessions: row["sessions"], input: Int64(row["input"] as Double),
                    output: Int64(row["output"] as Double), cacheWrite: Int64(row["cache_write"] as Double),
                    cacheRead: Int64(row["cache_read"] as Double), cost: row["cost"],
                    unpriced: Int(row["unpriced"] as Double),
                    toolCalls: row["calls"], toolErrors: Int(row["errors"] as Double)))
            let key = day.agent + "\u{0}" + day.model + "\u{0}" + day.date
            if let known = merged[key] {
                merged[key] = UsageDay(
                    agent: day.agent, model: day.model, date: day.date, totals: known.totals + day.totals)
            } else {
                merged[key] = day
            }
        }
        return merged.values.sorted { ($0.date, $0.agent, $0.model) < ($1.date, $1.agent, $1.model) }
    }

    /// Distinct sessions per agent and day in the request detail.
    func sessionsByAgentDay(from: String, before end: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT agent_id, substr(timestamp, 1, 10) AS date, COUNT(DISTINCT session_id) AS n
                FROM usage_requests WHERE timestamp >= ? AND timestamp < ? GROUP BY 1, 2
                """, arguments: [from, end])
        {
            result[(row["agent_id"] as String) + "\u{0}" + (row["date"] as String)] = row["n"]
        }
        return result
    }

    /// Per branch (request detail), most expensive first.
    func branchUsage(from: String, before end: String) throws -> [BranchUsage] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT repository, branch, GROUP_CONCAT(DISTINCT agent_id) AS agents, \(Self.totalsColumns)
                FROM usage_requests r WHERE timestamp >= ? AND timestamp < ? AND branch IS NOT NULL AND branch <> ''
                GROUP BY repository, branch ORDER BY cost DESC, requests DESC, branch
                """, arguments: [from, end]
        ).map { row in
            BranchUsage(
                repository: row["repository"], branch: row["branch"], agents: Self.agentList(row["agents"]),
                totals: Self.totals(row))
        }
    }

    /// Per task (request detail): an agent's requests while it had the task in progress
    /// (replayed from `task_events`: from the event that put the task in progress with that
    /// assignee to the next event that changed its status or assignee), plus the requests
    /// on a branch whose name contains the task id. A request counts once per task; an agent
    /// with two tasks in progress at once counts that time for both.
    func taskUsage(from: String, before end: String) throws -> [TaskUsage] {
        // No request in the window: no task has a cost (and a 100,000-task board is not
        // replayed for nothing).
        guard
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM usage_requests WHERE timestamp >= ? AND timestamp < ?)",
                arguments: [from, end]) == true
        else { return [] }
        var intervals: [String: [(agent: String, start: String, end: String)]] = [:]
        var open: [String: (agent: String, start: String)] = [:]
        let events = try Row.fetchCursor(
            db, sql: "SELECT task_id, new_status, assigned_to, timestamp FROM task_events ORDER BY timestamp, id")
        while let row = try events.next() {
            let task: String = row["task_id"]
            let status: String? = row["new_status"]
            let assignee: String? = row["assigned_to"]
            let time: String = row["timestamp"]
            let working = status == TaskStatus.inProgress.rawValue ? assignee : nil
            if let current = open[task], current.agent != working {
                intervals[task, default: []].append((current.agent, current.start, time))
                open[task] = nil
            }
            if let working, open[task] == nil, !working.isEmpty { open[task] = (working, time) }
        }
        for (task, current) in open { intervals[task, default: []].append((current.agent, current.start, end)) }
        let branches = try String.fetchAll(
            db,
            sql:
                "SELECT DISTINCT branch FROM usage_requests WHERE branch IS NOT NULL AND timestamp >= ? AND timestamp < ?",
            arguments: [from, end])
        var taskBranches: [String: [String]] = [:]
        if !branches.isEmpty {
            for task in try String.fetchAll(db, sql: "SELECT task_id FROM tasks") {
                let named = branches.filter { $0.range(of: task, options: .caseInsensitive) != nil }
                if !named.isEmpty { taskBranches[task] = named }
            }
        }
        var result: [TaskUsage] = []
        for task in Set(intervals.keys).union(taskBranches.keys).sorted() {
            var clauses: [String] = []
            var arguments: [DatabaseValueConvertible?] = [from, end]
            for interval in intervals[task] ?? [] where interval.end > from && interval.start < end {
                clauses.append("(agent_id = ? AND timestamp >= ? AND timestamp < ?)")
                arguments += [interval.agent, interval.start, interval.end]
            }
            if let named = taskBranches[task] {
                clauses.append("branch IN (\(Array(repeating: "?", count: named.count).joined(separator: ", ")))")
                arguments += named
            }
            guard !clauses.isEmpty else { continue }
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT GROUP_CONCAT(DISTINCT agent_id) AS agents, \(Self.totalsColumns) FROM usage_requests r
                        WHERE timestamp >= ? AND timestamp < ? AND (\(clauses.joined(separator: " OR ")))
                        """, arguments: StatementArguments(arguments)),
                (row["requests"] as Int? ?? 0) > 0
            else { continue }
            result.append(
                TaskUsage(taskId: task, title: nil, agents: Self.agentList(row["agents"]), totals: Self.totals(row)))
        }
        // Titles of the tasks that cost something only (not of every task on the board).
        let titles = try taskTitles(of: result.map(\.taskId))
        for index in result.indices { result[index].title = titles[result[index].taskId] }
        return result.sorted { ($1.totals.cost, $0.taskId) < ($0.totals.cost, $1.taskId) }
    }
}

private extension ReportQueries {
    /// The totals of the requests of a GROUP BY (tool calls are counted per day only).
    static let totalsColumns = """
        COUNT(*) AS requests, COUNT(DISTINCT session_id) AS sessions, TOTAL(input_tokens) AS input,
        TOTAL(output_tokens) AS output, TOTAL(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write,
        TOTAL(cache_read_tokens) AS cache_read, TOTAL(cost_usd) AS cost, TOTAL(cost_usd IS NULL) AS unpriced
        """

    static func totals(_ row: Row) -> UsageTotals {
        UsageTotals(
            requests: row["requests"] ?? 0, sessions: row["sessions"] ?? 0, input: Int64(row["input"] as Double? ?? 0),
            output: Int64(row["output"] as Double? ?? 0), cacheWrite: Int64(row["cache_write"] as Double? ?? 0),
            cacheRead: Int64(row["cache_read"] as Double? ?? 0), cost: row["cost"] ?? 0,
            unpriced: Int(row["unpriced"] as Double? ?? 0))
    }

    static func agentList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init).sorted()
    }
}
