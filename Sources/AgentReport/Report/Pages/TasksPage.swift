import Foundation
import GRDB

/// The `tasks` page: the board by status, blocked tasks with reasons and age, unmet
/// dependencies, lead and cycle times.
enum TasksPage {
    /// Tasks shown per finished column (done, verified, cancelled): the latest ones.
    static let finishedShown = 25
    /// Tasks shown per open column (the latest to enter it) before the rest is summarised.
    static let openShown = 200

    /// The page (it has no chart of its own).
    static func build(_ data: ReportData) throws -> ReportPage {
        let path = "tasks"
        var context = try data.common(path: path)
        let counts = try TaskQueries.statusCounts(data.db)
        var columns: [TaskStatus: [TaskQueries.Task]] = [:]
        for status in TaskStatus.allCases {
            let finished = status.isDone || status == .cancelled
            columns[status] = try TaskQueries.current(data.db, status: status, limit: finished ? finishedShown : openShown)
        }
        let open = [TaskStatus.todo, .inProgress, .review, .blocked].flatMap { columns[$0] ?? [] }
        let statusById = try TaskQueries.statuses(of: Set(open.flatMap(\.dependencies)), data.db)
        func values(_ task: TaskQueries.Task) -> [String: Any] {
            [
                "id": task.id, "title": task.title, "priority": task.priority.isEmpty ? "—" : task.priority,
                "assignee": data.agents.link(task.assignee, from: path), "since": task.statusSince ?? "—",
                "age": data.ago(task.statusSince),
                "blockers": task.blockers.isEmpty ? "no reason given" : task.blockers.joined(separator: "; "),
            ]
        }
        context["columns"] = TaskStatus.allCases.map { status -> [String: Any] in
            let column = columns[status] ?? []
            let count = counts[status] ?? 0
            var values: [String: Any] = ["label": status.label, "anchor": status.anchor, "count": count,
                                         "countText": count == 1 ? "1 task" : "\(count) tasks",
                                         "tasks": column.map(values), "hasTasks": !column.isEmpty]
            if count > column.count {
                values["more"] = ["shown": column.count, "hidden": count - column.count]
            }
            return values
        }
        context["hasTasks"] = counts.values.reduce(0, +) > 0
        let blocked = (columns[.blocked] ?? []).sorted { ($0.statusSince ?? "", $0.id) < ($1.statusSince ?? "", $1.id) }
        context["blocked"] = blocked.map(values)
        context["hasBlocked"] = !blocked.isEmpty
        var unmet: [[String: Any]] = []
        for task in open {
            let waiting = task.dependencies.filter { !(statusById[$0]?.isDone ?? false) }
            guard !waiting.isEmpty else { continue }
            var row = values(task)
            row["waitingOn"] = waiting.map { id in "\(id) (\(statusById[id]?.label.lowercased() ?? "not on the board"))" }
                .joined(separator: ", ")
            unmet.append(row)
        }
        unmet.sort { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") }
        context["unmet"] = unmet
        context["hasUnmet"] = !unmet.isEmpty
        context["timings"] = VelocityPage.timingRows(data)
        return ReportPage(path: path, template: "tasks", title: "Tasks", context: context)
    }
}
