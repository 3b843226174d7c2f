import Foundation
import GRDB

/// The `index` page: freshness, headline numbers, agents, the board, alerts, recent commits.
enum IndexPage {
    static func build(_ db: Database, config: ReportConfig, now: Int64) throws -> ReportPage {
        var context = try CommonValues.values(db, config: config, now: now)
        let counts = try TaskQueries.statusCounts(db)
        let total = counts.values.reduce(0, +)
        let done = (counts[.done] ?? 0) + (counts[.verified] ?? 0)
        context["headline"] = [
            "tasks": total, "done": done, "inProgress": counts[.inProgress] ?? 0,
            "blocked": counts[.blocked] ?? 0, "review": counts[.review] ?? 0,
            "openAlerts": try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE resolved = 0") ?? 0,
            "commits7d": try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM git_commits WHERE commit_timestamp > ?",
                arguments: [UTCTime.format(now - 7 * 86_400)]) ?? 0,
        ]
        context["statusCounts"] = TaskStatus.allCases.map { ["label": $0.label, "count": counts[$0] ?? 0] }
        context["hasTasks"] = total > 0
        context["columns"] = try TaskQueries.board(db).map { column in
            ["label": column.status.label, "count": column.tasks.count, "tasks": column.tasks, "empty": column.tasks.isEmpty]
        }
        return ReportPage(path: "index", template: "index", title: "Overview", context: context)
    }
}

/// Values every page shows: title, "now", the freshness of each source, last run's problems.
enum CommonValues {
    static let sourceNames = ["tasks", "progress", "rag", "git", "metrics"]

    static func values(_ db: Database, config: ReportConfig, now: Int64) throws -> [String: Any] {
        var sources: [[String: Any]] = []
        for name in sourceNames {
            let row = try Row.fetchOne(db, sql: "SELECT * FROM source_state WHERE source = ?", arguments: [name])
            let success: String? = row?["last_success_at"]
            let stale = success.flatMap { UTCTime.parse($0) }.map { now - $0 > 86_400 } ?? true
            sources.append([
                "name": name, "lastSuccess": success ?? "never", "status": (row?["last_status"] as String?) ?? "never run",
                "rows": (row?["rows_last_run"] as Int?) ?? 0, "stale": stale,
            ])
        }
        let runId = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM runs")
        var problems: [[String: Any]] = []
        if let runId {
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run_diagnostics WHERE run_id = ? AND severity IN ('error','warning') ORDER BY id LIMIT 50",
                arguments: [runId])
            problems = rows.map { row in
                let d = Diagnostic(
                    Diagnostic.Severity(rawValue: row["severity"]) ?? .error, file: row["file"], line: row["line"],
                    column: row["column"], row["message"])
                return ["location": d.location ?? (row["stage"] as String? ?? ""), "severity": d.severity.rawValue, "message": d.message]
            }
        }
        return [
            "title": config.title, "generatedFor": UTCTime.format(now) + " UTC", "sources": sources,
            "problems": problems, "hasProblems": !problems.isEmpty,
        ]
    }
}

/// Named queries over the current task state.
enum TaskQueries {
    struct Column {
        var status: TaskStatus
        var tasks: [[String: Any]]
    }

    static func statusCounts(_ db: Database) throws -> [TaskStatus: Int] {
        var counts: [TaskStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM tasks WHERE removed = 0 GROUP BY status") {
            if let status = TaskStatus(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        return counts
    }

    static func board(_ db: Database) throws -> [Column] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT task_id, title, priority, assigned_to, status, raw_status FROM tasks WHERE removed = 0
            ORDER BY task_id COLLATE NOCASE
            """)
        return TaskStatus.allCases.map { status in
            Column(status: status, tasks: rows.filter { $0["status"] == status.rawValue }.map { row in
                ["id": row["task_id"] as String, "title": row["title"] as String? ?? "",
                 "priority": row["priority"] as String? ?? "", "assignee": row["assigned_to"] as String? ?? "team"]
            })
        }
    }
}
