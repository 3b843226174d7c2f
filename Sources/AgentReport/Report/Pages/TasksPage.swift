import Foundation

/// The `tasks` page: the board by status, blocked tasks with reasons and age, unmet
/// dependencies, lead and cycle times.
enum TasksPage {
    /// Tasks shown per finished column (done, verified, cancelled): the latest ones.
    static let finishedShown = 25
    /// Tasks shown per open column (the latest to enter it) before the rest is summarised.
    static let openShown = 200

    /// What the page reads besides the shared facts.
    struct Input {
        /// Current tasks per status.
        var statusCounts: [TaskStatus: Int]
        /// The tasks shown in each column.
        var columns: [TaskStatus: [TaskRecord]]
        /// The status of every dependency of an open task that is on the board.
        var dependencyStatuses: [String: TaskStatus]
    }

    /// One column of the board.
    struct Column: TemplateView {
        var label: String
        var anchor: String
        var count: Int
        /// "1 task", "12 tasks".
        var countText: String
        var tasks: [TaskRow]
        var hasTasks: Bool
        /// Set when not every task of the column is listed.
        var more: More?

        func value(named name: String) -> Any? {
            switch name {
            case "label": label
            case "anchor": anchor
            case "count": count
            case "countText": countText
            case "tasks": tasks
            case "hasTasks": hasTasks
            case "more": more
            default: nil
            }
        }
    }

    /// How many tasks of a column are listed and how many are not.
    struct More: TemplateView {
        var shown: Int
        var hidden: Int

        func value(named name: String) -> Any? {
            switch name {
            case "shown": shown
            case "hidden": hidden
            default: nil
            }
        }
    }

    /// What `tasks.md.mustache` sees.
    struct View: TemplateView {
        var columns: [Column]
        var hasTasks: Bool
        /// Blocked tasks, longest blocked first.
        var blocked: [TaskRow]
        var hasBlocked: Bool
        /// Open tasks waiting on dependencies, by id.
        var unmet: [TaskRow]
        var hasUnmet: Bool
        var timings: [TimingRow]

        func value(named name: String) -> Any? {
            switch name {
            case "columns": columns
            case "hasTasks": hasTasks
            case "blocked": blocked
            case "hasBlocked": hasBlocked
            case "unmet": unmet
            case "hasUnmet": hasUnmet
            case "timings": timings
            default: nil
            }
        }
    }

    /// Reads the page's input.
    static func input(from queries: ReportQueries, facts: ReportFacts) throws -> Input {
        var columns: [TaskStatus: [TaskRecord]] = [:]
        for status in TaskStatus.allCases {
            let finished = status.isDone || status == .cancelled
            columns[status] = try queries.currentTasks(in: status, limit: finished ? finishedShown : openShown)
        }
        let open = openTasks(columns)
        return Input(
            statusCounts: try queries.taskStatusCounts(), columns: columns,
            dependencyStatuses: try queries.taskStatuses(of: Set(open.flatMap(\.dependencies))))
    }

    /// The page.
    static func page(_ input: Input, facts: ReportFacts) -> ReportPage {
        let path = "tasks"
        let columns = TaskStatus.allCases.map { status -> Column in
            let tasks = input.columns[status] ?? []
            let count = input.statusCounts[status] ?? 0
            return Column(
                label: status.label, anchor: status.anchor, count: count,
                countText: count == 1 ? "1 task" : "\(count) tasks",
                tasks: tasks.map { facts.taskRow($0, from: path) }, hasTasks: !tasks.isEmpty,
                more: count > tasks.count ? More(shown: tasks.count, hidden: count - tasks.count) : nil)
        }
        let blocked = (input.columns[.blocked] ?? []).sorted {
            ($0.statusSince ?? "", $0.id) < ($1.statusSince ?? "", $1.id)
        }
        var unmet: [TaskRow] = []
        for task in openTasks(input.columns) {
            let waiting = task.dependencies.filter { !(input.dependencyStatuses[$0]?.isDone ?? false) }
            guard !waiting.isEmpty else { continue }
            var row = facts.taskRow(task, from: path)
            row.waitingOn = waiting.map { id in
                "\(id) (\(input.dependencyStatuses[id]?.label.lowercased() ?? "not on the board"))"
            }.joined(separator: ", ")
            unmet.append(row)
        }
        unmet.sort { $0.id < $1.id }
        let view = View(
            columns: columns, hasTasks: input.statusCounts.values.reduce(0, +) > 0,
            blocked: blocked.map { facts.taskRow($0, from: path) },
            hasBlocked: !blocked.isEmpty, unmet: unmet, hasUnmet: !unmet.isEmpty,
            timings: VelocityPage.timingRows(facts))
        return ReportPage(path: path, template: "tasks", title: "Tasks", view: view, site: facts.site(for: path))
    }

    /// The tasks of the open columns (to do, in progress, review, blocked), in that order.
    private static func openTasks(_ columns: [TaskStatus: [TaskRecord]]) -> [TaskRecord] {
        [TaskStatus.todo, .inProgress, .review, .blocked].flatMap { columns[$0] ?? [] }
    }
}
