/// The team-wide task board of the simulation, and its JSON in the flat shape of DESIGN §3.2
/// (pretty-printed, keys in the seed system's order, so successive versions diff like real ones).
struct DemoBoard {
    /// The current sprint.
    var sprint: DemoSprint
    /// The tasks, in board order.
    var tasks: [DemoTask] = []
    /// The board's `lastUpdated` and `updatedBy`: the last commit's time and agent.
    var lastUpdated: Int64
    var updatedBy: String
    /// Tasks completed per history day, for the board's own `velocityTrend` copy.
    var completedPerDay: [Int]
    private var nextTaskNumber = 101

    /// The empty board of the first sprint.
    init(sprint: DemoSprint, historyDays: Int, time: Int64, by agent: String) {
        self.sprint = sprint
        lastUpdated = time
        updatedBy = agent
        completedPerDay = Array(repeating: 0, count: historyDays + 1)
    }

    /// A new task id, `TASK-101` onwards.
    mutating func nextTaskId() -> String {
        defer { nextTaskNumber += 1 }
        return "TASK-\(nextTaskNumber)"
    }

    /// Index of the task with `id`.
    func index(of id: String) -> Int? {
        tasks.firstIndex { $0.id == id }
    }

    /// The board as JSON bytes.
    func json(team: DemoTeam, historyStart: Int64) -> [UInt8] {
        let w = ByteWriter()
        w.write("{\n  \"version\": \"1.0.0\",\n  \"lastUpdated\": ")
        w.write(jsonString: UTCTime.formatISO(lastUpdated))
        w.write(",\n  \"updatedBy\": ")
        w.write(jsonString: updatedBy)
        w.write(",\n  \"sprint\": {\n    \"id\": \"\(sprint.id)\",\n    \"name\": ")
        w.write(jsonString: sprint.name)
        w.write(",\n    \"status\": \"ACTIVE\",\n    \"startDate\": \"\(UTCTime.formatDate(sprint.start))\",\n    \"endDate\": \"\(UTCTime.formatDate(sprint.end))\"\n  },\n  \"tasks\": [")
        for (offset, task) in tasks.enumerated() {
            w.write(offset == 0 ? "\n" : ",\n")
            write(task, team: team, to: w)
        }
        w.write(tasks.isEmpty ? "],\n" : "\n  ],\n")
        w.write("  \"taskStatuses\": [\"TODO\", \"IN_PROGRESS\", \"REVIEW\", \"BLOCKED\", \"DONE\", \"VERIFIED\"],\n  \"agents\": {")
        var active = Array(repeating: [String](), count: team.agents.count)
        var completed = active
        for task in tasks {
            if task.status == "IN_PROGRESS" { active[task.assignee].append("\"\(task.id)\"") }
            // Like real boards, these copies lag behind the tasks (only DONE counts as completed here).
            if task.status == "DONE" { completed[task.assignee].append("\"\(task.id)\"") }
        }
        for (index, agent) in team.agents.enumerated() {
            w.write(index == 0 ? "\n" : ",\n")
            w.write("    \"\(agent.id)\": {\"id\": \"\(agent.id)\", \"name\": ")
            w.write(jsonString: agent.name)
            w.write(", \"activeTasks\": [\(active[index].joined(separator: ", "))], \"completedTasks\": [\(completed[index].joined(separator: ", "))]}")
        }
        w.write("\n  },\n  \"metrics\": {\"totalTasks\": \(tasks.count), \"completedTasks\": \(tasks.filter(\.isFinished).count), \"velocityTrend\": [")
        let today = Int((lastUpdated - historyStart) / 86_400)
        let days = Swift.max(0, today - 6)...Swift.max(0, Swift.min(today, completedPerDay.count - 1))
        w.write(days.map { "{\"date\": \"\(UTCTime.formatDate(historyStart + Int64($0) * 86_400))\", \"completed\": \(completedPerDay[$0])}" }.joined(separator: ", "))
        w.write("]}\n}\n")
        return w.take()
    }
}

private extension DemoBoard {
    /// One task per line, keys in the seed's order: big boards stay small enough to keep
    /// thousands of versions, and a change shows as one changed line.
    func write(_ task: DemoTask, team: DemoTeam, to w: ByteWriter) {
        w.write("    {\"id\": \"\(task.id)\", \"title\": ")
        w.write(jsonString: task.title)
        w.write(", \"description\": ")
        w.write(jsonString: task.description)
        w.write(", \"status\": \"\(task.status)\", \"priority\": \"\(task.priority)\", \"assignedTo\": \"\(team.agents[task.assignee].id)\", \"createdBy\": \"\(task.createdBy)\", ")
        w.write("\"createdAt\": \"\(UTCTime.formatISO(task.createdAt))\", \"updatedAt\": \"\(UTCTime.formatISO(task.updatedAt))\", ")
        if let completed = task.completedAt { w.write("\"completedAt\": \"\(UTCTime.formatISO(completed))\", ") }
        w.write("\"dependencies\": [\(task.dependencies.map { "\"\($0)\"" }.joined(separator: ", "))], ")
        w.write("\"tags\": [\(task.tags.map { "\"\($0)\"" }.joined(separator: ", "))], \"estimatedHours\": ")
        w.write(fixed: task.estimatedHours, decimals: 1)
        w.write(", \"actualHours\": ")
        w.write(fixed: task.actualHours, decimals: 1)
        w.write(", \"blockers\": [")
        for (offset, blocker) in task.blockers.enumerated() {
            if offset > 0 { w.write(", ") }
            w.write(jsonString: blocker)
        }
        w.write("], \"comments\": [")
        for (offset, comment) in task.comments.enumerated() {
            if offset > 0 { w.write(", ") }
            w.write("{\"author\": \"\(comment.author)\", \"timestamp\": \"\(UTCTime.formatISO(comment.time))\", \"message\": ")
            w.write(jsonString: comment.message)
            w.write("}")
        }
        w.write("]")
        if let by = task.verifiedBy, let at = task.verifiedAt {
            w.write(", \"verifiedBy\": \"\(by)\", \"verifiedAt\": \"\(UTCTime.formatISO(at))\"")
        }
        w.write("}")
    }
}
