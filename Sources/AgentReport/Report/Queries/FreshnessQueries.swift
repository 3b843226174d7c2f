import Foundation
import GRDB

/// The newest data point a source holds, and how much of its data is dated after "now".
struct DataFreshness: Sendable, Equatable {
    /// The source (`tasks`, `git`, …), or `git <repository>` for one repository of several.
    var source: String
    /// The newest stored time up to "now", stored text; nil when it holds no data.
    var newest: String?
    /// Rows dated after "now": stored, counted in no window.
    var future: Int = 0
}

extension ReportQueries {
    /// The newest data point (up to "now") of each source and its rows dated after "now":
    /// the last board change (task event), progress entry, memory-bank pattern, commit and
    /// metric sample (detail or aggregate, hook lines included; per kind too when several
    /// kinds are fed) and session-log request. `agentIds` are the agents to look up, one index
    /// seek each: `agent_metrics` and `git_commits` have no index on time alone. Sources
    /// with no entry here (another engineer's source, say) show their last ingest only.
    func dataFreshness(agentIds: [String], events: TaskEventLog) throws -> [DataFreshness] {
        var result: [DataFreshness] = []
        result.append(DataFreshness(source: "tasks", newest: events.newestStamp, future: events.futureCount))
        result.append(try indexed(source: "progress", table: "progress_entries", column: "timestamp"))
        result.append(try indexed(source: "rag", table: "memory_patterns", column: "timestamp"))
        // git: the newest commit of any agent (and, with several repositories, of each).
        var git = DataFreshness(source: "git")
        let newestCommit = try db.cachedStatement(
            sql: "SELECT MAX(commit_timestamp) FROM git_commits WHERE agent_id = ? AND commit_timestamp <= ?")
        let futureCommits = try db.cachedStatement(
            sql: "SELECT COUNT(*) FROM git_commits WHERE agent_id = ? AND commit_timestamp > ?")
        for agent in agentIds {
            if let time = try String.fetchOne(newestCommit, arguments: [agent, nowText]) {
                git.newest = max(git.newest ?? "", time)
            }
            git.future += try Int.fetchOne(futureCommits, arguments: [agent, nowText]) ?? 0
        }
        result.append(git)
        let repositories = try String.fetchAll(db, sql: "SELECT DISTINCT repository FROM git_refs ORDER BY repository")
        if repositories.count > 1 {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT repository, MAX(CASE WHEN commit_timestamp <= ? THEN commit_timestamp END),
                           SUM(commit_timestamp > ?)
                    FROM git_commits WHERE repository IS NOT NULL GROUP BY repository ORDER BY repository
                    """, arguments: [nowText, nowText])
            {
                let name: String = row[0]
                result.append(DataFreshness(source: "git " + name, newest: row[1], future: row[2] ?? 0))
            }
        }
        // metrics: agent samples (detail, else the daily aggregates), system health, RAG and
        // the hook's lines, each kind its own feed: with two or more of them, each also gets
        // a row, so a collector that stopped is not hidden behind one that still writes.
        var agentSamples = DataFreshness(source: "metrics agent samples")
        let newestSample = try db.cachedStatement(
            sql: "SELECT MAX(timestamp) FROM agent_metrics WHERE agent_id = ? AND timestamp <= ?")
        let futureSamples = try db.cachedStatement(
            sql: "SELECT COUNT(*) FROM agent_metrics WHERE agent_id = ? AND timestamp > ?")
        for agent in agentIds {
            if let time = try String.fetchOne(newestSample, arguments: [agent, nowText]) {
                agentSamples.newest = max(agentSamples.newest ?? "", time)
            }
            agentSamples.future += try Int.fetchOne(futureSamples, arguments: [agent, nowText]) ?? 0
        }
        var kinds = [agentSamples]
        for (kind, parts) in [
            ("metrics agent samples", [("agent_metrics_daily", "last_sample")]),
            ("metrics system health", [("system_health", "timestamp"), ("system_health_hourly", "last_sample")]),
            ("metrics RAG", [("rag_metrics", "timestamp")]),
            ("metrics hook", [("agent_checks", "timestamp"), ("agent_sessions", "timestamp")]),
        ] {
            var feed = kinds.first { $0.source == kind } ?? DataFreshness(source: kind)
            for (table, column) in parts where try db.tableExists(table) {
                let part = try indexed(
                    source: kind, table: table, column: column, countFuture: !table.hasSuffix("_daily"))
                if let time = part.newest { feed.newest = max(feed.newest ?? "", time) }
                feed.future += part.future
            }
            if let index = kinds.firstIndex(where: { $0.source == kind }) {
                kinds[index] = feed
            } else {
                kinds.append(feed)
            }
        }
        var metrics = DataFreshness(source: "metrics")
        for feed in kinds {
            if let time = feed.newest { metrics.newest = max(metrics.newest ?? "", time) }
            metrics.future += feed.future
        }
        result.append(metrics)
        let fed = kinds.filter { $0.newest != nil }
        if fed.count > 1 { result += fed }
        // usage: the newest session-log request (detail, else the kept daily totals).
        if try db.tableExists("usage_requests") {
            var usage = try indexed(source: "usage", table: "usage_requests", column: "timestamp")
            let daily = try indexed(source: "usage", table: "usage_daily", column: "last_request", countFuture: false)
            if let time = daily.newest { usage.newest = max(usage.newest ?? "", time) }
            result.append(usage)
        }
        return result
    }

    /// The newest time up to "now" in `table.column`, and the rows after "now".
    private func indexed(source: String, table: String, column: String, countFuture: Bool = true) throws
        -> DataFreshness
    {
        let newest = try String.fetchOne(
            db, sql: "SELECT MAX(\(column)) FROM \(table) WHERE \(column) <= ?", arguments: [nowText])
        let future =
            countFuture
            ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) > ?", arguments: [nowText]) ?? 0
            : 0
        return DataFreshness(source: source, newest: newest, future: future)
    }
}
