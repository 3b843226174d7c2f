import Foundation
import GRDB

/// The `agents/index` page and one `agents/<id>` page per agent.
enum AgentPages {
    /// Days shown by the status and cpu/memory charts (long enough to reach the daily aggregates).
    static let sampleDays = 90
    /// Days shown by the commit chart.
    static let commitDays = 30

    /// The agents index and every agent's page, each handed to `emit` once built.
    static func build(_ data: ReportData, emit: (ReportPage) -> Void) throws {
        let path = "agents/index"
        var context = try data.common(path: path)
        context["agents"] = try AgentQueries.statusRows(data, from: path)
        context["hasAgents"] = !data.agents.entries.isEmpty
        emit(ReportPage(path: path, template: "agents", title: "Agents", context: context))
        let days = try AgentDays.all(data.db, count: sampleDays, now: data.now)
        for entry in data.agents.entries {
            emit(try page(
                for: entry, data: data, days: days[entry.id] ?? AgentDays.empty(count: sampleDays, now: data.now)))
        }
    }

    /// The page of one agent.
    static func page(for entry: AgentDirectory.Entry, data: ReportData, days: AgentDays) throws -> ReportPage {
        let path = entry.path
        let sample = data.latestSamples[entry.id]
        let lastActivity = data.lastActivity[entry.id]
        var context = try data.common(path: path)
        let info = try Row.fetchOne(data.db, sql: "SELECT * FROM agents WHERE id = ?", arguments: [entry.id])
        context["agent"] = [
            "id": entry.id, "name": entry.name, "sources": TaskQueries.strings(info?["sources"]).joined(separator: ", "),
            "firstSeen": (info?["first_seen"] as String?) ?? "—", "lastSeen": (info?["last_seen"] as String?) ?? "—",
            "lastActivity": lastActivity ?? "—", "ago": data.ago(lastActivity),
        ]
        if let sample {
            context["sample"] = [
                "time": sample["timestamp"] as String? ?? "", "status": sample["status"] as String? ?? "",
                "task": sample["current_task"] as String? ?? "—", "cpu": Figures.fixed(sample["cpu_usage"] as Double?, 1, suffix: " %"),
                "memory": Figures.fixed(sample["memory_percent"] as Double?, 1, suffix: " %"),
                "memoryBytes": Figures.bytes(sample["memory_usage"]),
                "uncommitted": (sample["uncommitted_changes"] as Int?).map(String.init) ?? "—",
                "branch": sample["branch"] as String? ?? "—",
            ]
        }
        let perDay = try commitDays(data, agent: entry.id)
        let charts = AgentCharts.samples(days, stem: entry.fileStem, name: entry.id)
            + [AgentCharts.commits(perDay, agent: entry.id, stem: entry.fileStem,
                                   days: commitDays, now: data.now)]
        for (key, chart) in zip(["statusChart", "cpuChart", "commitChart"], charts) {
            if let reference = chart.reference(from: path) { context[key] = reference }
        }
        let aggregateDays = days.days.values.filter(\.fromAggregate).count
        if aggregateDays > 0 { context["aggregateDays"] = aggregateDays }
        context["commitDays"] = perDay.prefix(14).map { day -> [String: Any] in
            ["date": day.date, "commits": day.commits, "added": day.added, "deleted": day.deleted]
        }
        let all = data.completionsByAgent[entry.id] ?? []
        let completed = all.suffix(20).reversed()
        // One prepared statement for every title of every agent page (not one per title).
        let titleStatement = try data.db.cachedStatement(sql: "SELECT title FROM tasks WHERE task_id = ?")
        context["completed"] = completed.map { completion -> [String: Any] in
            ["id": completion.taskId,
             "title": (try? String.fetchOne(titleStatement, arguments: [completion.taskId])) ?? completion.taskId,
             "time": UTCTime.format(completion.time),
             "lead": Figures.duration(completion.leadTime), "cycle": Figures.duration(completion.cycleTime)]
        }
        context["completedCount"] = all.count
        context["events"] = try AgentActivity.recent(
            data.db, agent: entry.id, taskEvents: data.flow.recentEvents(of: entry.id), limit: 100)
        context["entries"] = try AgentActivity.progressEntries(data.db, agent: entry.id, limit: 20)
        return ReportPage(path: path, template: "agent", title: entry.name, context: context, charts: charts)
    }

    /// Commits and lines per day of `agent`, newest day first: every day the page uses, that
    /// is the 14 newest days with commits (the table) and the `commitDays` days up to now
    /// (the chart); older days are left out rather than summed over the agent's whole history.
    ///
    /// The bound keeps the result exact: a text timestamp earlier than it can only belong to
    /// a day earlier than both, and timestamps stored as numbers are always read.
    static func commitDays(_ data: ReportData, agent: String) throws
        -> [(date: String, commits: Int, added: Int, deleted: Int)]
    {
        let fourteenth = try String.fetchOne(data.db.cachedStatement(sql: """
            SELECT DISTINCT substr(commit_timestamp, 1, 10) AS d FROM git_commits WHERE agent_id = ?
            ORDER BY d DESC LIMIT 1 OFFSET 13
            """), arguments: [agent])
        let windowStart = Figures.date(ofDay: Figures.day(data.now) - Int64(commitDays) + 1)
        return try Row.fetchAll(data.db.cachedStatement(sql: """
            SELECT substr(commit_timestamp, 1, 10) AS d, COUNT(*), SUM(lines_added), SUM(lines_deleted)
            FROM git_commits
            WHERE agent_id = ? AND (commit_timestamp >= min(?, ?) OR typeof(commit_timestamp) <> 'text')
            GROUP BY d ORDER BY d DESC
            """), arguments: [agent, fourteenth ?? "", windowStart]).map { row in
            ((row[0] as String?) ?? "", (row[1] as Int?) ?? 0, (row[2] as Int?) ?? 0, (row[3] as Int?) ?? 0)
        }
    }
}
