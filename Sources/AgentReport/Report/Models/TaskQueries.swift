import Foundation
import GRDB

/// Named queries over the current task state (`tasks`).
enum TaskQueries {
    /// How many current (not removed) tasks are in each status.
    static func statusCounts(_ db: Database) throws -> [TaskStatus: Int] {
        var counts: [TaskStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM tasks WHERE removed = 0 GROUP BY status") {
            if let status = TaskStatus(rawValue: row["status"]) { counts[status, default: 0] += row["n"] as Int }
        }
        return counts
    }

    /// One current task as the pages show it.
    struct Task {
        var id: String
        var title: String
        var status: TaskStatus
        var priority: String
        var assignee: String?
        var statusSince: String?
        var dependencies: [String]
        var blockers: [String]
    }

    /// Every current task, ordered by id (case-insensitive, then exact).
    static func current(_ db: Database) throws -> [Task] {
        try Row.fetchAll(db, sql: """
            SELECT task_id, title, status, priority, assigned_to, status_since, dependencies, blockers
            FROM tasks WHERE removed = 0 ORDER BY task_id COLLATE NOCASE, task_id
            """).map { row in
            Task(
                id: row["task_id"], title: row["title"] ?? "", status: TaskStatus(rawValue: row["status"]) ?? .todo,
                priority: row["priority"] ?? "", assignee: row["assigned_to"], statusSince: row["status_since"],
                dependencies: strings(row["dependencies"]), blockers: strings(row["blockers"]))
        }
    }

    /// A JSON array of strings (or of objects with a text field) as plain strings.
    static func strings(_ json: String?) -> [String] {
        guard let json, let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return [] }
        return value.compactMap { item in
            if let text = item as? String { return text }
            if let number = item as? NSNumber { return number.stringValue }
            if let object = item as? [String: Any] {
                for key in ["description", "reason", "message", "title", "id"] {
                    if let text = object[key] as? String { return text }
                }
            }
            return nil
        }
    }
}
