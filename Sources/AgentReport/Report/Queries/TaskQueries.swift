import Foundation
import GRDB

/// One current task as the pages show it (`tasks`).
struct TaskRecord: Sendable, Equatable {
    var id: String
    var title: String
    var status: TaskStatus
    var priority: String
    var assignee: String?
    /// When it entered its status, stored text.
    var statusSince: String?
    var dependencies: [String]
    var blockers: [String]
}

/// Named queries over the current task state (`tasks`).
extension ReportQueries {
    /// How many current (not removed) tasks are in each status.
    func taskStatusCounts() throws -> [TaskStatus: Int] {
        var counts: [TaskStatus: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT status, COUNT(*) AS n FROM tasks WHERE removed = 0 GROUP BY status")
        {
            if let status = TaskStatus(rawValue: row["status"]) { counts[status, default: 0] += row["n"] as Int }
        }
        return counts
    }

    /// The current tasks in `status`, ordered by id (case-insensitive, then exact); when
    /// there are more than `limit`, the `limit` that entered the status last.
    func currentTasks(in status: TaskStatus, limit: Int) throws -> [TaskRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM (
                  SELECT task_id, title, status, priority, assigned_to, status_since, dependencies, blockers
                  FROM tasks WHERE removed = 0 AND status = ? ORDER BY status_since DESC, task_id DESC LIMIT ?
                ) ORDER BY task_id COLLATE NOCASE, task_id
                """, arguments: [status.rawValue, limit]
        ).map { row in
            TaskRecord(
                id: row[0], title: row[1] ?? "", status: TaskStatus(rawValue: row[2]) ?? .todo,
                priority: row[3] ?? "", assignee: row[4], statusSince: row[5],
                dependencies: Self.strings(json: row[6]), blockers: Self.strings(json: row[7]))
        }
    }

    /// The current status of each of `ids` that is on the board.
    func taskStatuses(of ids: Set<String>) throws -> [String: TaskStatus] {
        var result: [String: TaskStatus] = [:]
        let sorted = ids.sorted()
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let chunk = Array(sorted[start..<min(start + 500, sorted.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT task_id, status FROM tasks WHERE removed = 0 AND task_id IN (\(marks))",
                arguments: StatementArguments(chunk))
            {
                result[row[0]] = TaskStatus(rawValue: row[1]) ?? .todo
            }
        }
        return result
    }

    /// The title of each of `ids` that has one (removed tasks included), by id.
    func taskTitles(of ids: [String]) throws -> [String: String] {
        // One prepared statement for every title of every agent page (not one per title).
        let statement = try db.cachedStatement(sql: "SELECT title FROM tasks WHERE task_id = ?")
        var titles: [String: String] = [:]
        for id in ids where titles[id] == nil {
            if let title = try String.fetchOne(statement, arguments: [id]) { titles[id] = title }
        }
        return titles
    }

    /// A JSON array of strings (or of objects with a text field) as plain strings.
    static func strings(json: String?) -> [String] {
        guard let json, let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else {
            return []
        }
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
