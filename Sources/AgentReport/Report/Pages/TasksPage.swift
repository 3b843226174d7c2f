import Foundation
import GRDB

/// The `tasks` page: the board by status, blocked tasks with reasons and age, unmet
/// dependencies, lead and cycle times.
enum TasksPage {
    /// The page (it has no chart of its own).
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "tasks"
        var context = try data.common(path: path)
        let tasks = try TaskQueries.current(data.db)
        let statusById = Dictionary(tasks.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        func values(_ task: TaskQueries.Task) -> [String: Any] {
            [
                "id": task.id, "title": task.title, "priority": task.priority.isEmpty ? "—" : task.priority,
                "assignee": data.agents.link(task.assignee, from: path), "since": task.statusSince ?? "—",
                "age": data.ago(task.statusSince),
                "blockers": task.blockers.isEmpty ? "no reason given" : task.blockers.joined(separator: "; "),
            ]
        }
        context["columns"] = TaskStatus.allCases.map { status -> [String: Any] in
            let column = tasks.filter { $0.status == status }
            return ["label": status.label, "anchor": status.anchor, "count": column.count,
                    "tasks": column.map(values), "hasTasks": !column.isEmpty]
        }
        context["hasTasks"] = !tasks.isEmpty
        let blocked = tasks.filter { $0.status == .blocked }
            .sorted { ($0.statusSince ?? "", $0.id) < ($1.statusSince ?? "", $1.id) }
        context["blocked"] = blocked.map(values)
        context["hasBlocked"] = !blocked.isEmpty
        var unmet: [[String: Any]] = []
        for task in tasks where !task.status.isDone && task.status != .cancelled {
            let waiting = task.dependencies.filter { !(statusById[$0]?.isDone ?? false) }
            guard !waiting.isEmpty else { continue }
            var row = values(task)
            row["waitingOn"] = waiting.map { id in "\(id) (\(statusById[id]?.label.lowercased() ?? "not on the board"))" }
                .joined(separator: ", ")
            unmet.append(row)
        }
        context["unmet"] = unmet
        context["hasUnmet"] = !unmet.isEmpty
        context["timings"] = VelocityPage.timingRows(data)
        return ReportPage(path: path, template: "tasks", title: "Tasks", context: context)
    }
}
