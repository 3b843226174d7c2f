import Foundation

// MARK: - Shapes

extension TaskBoardParser {
    /// Shape (a): `{"tasks": [{"id", "status", "assignedTo", …}], "updatedBy", "sprint", "agents"}`.
    /// Integer ids with `subtasks` (Task Master's older, untagged file) are read here too.
    func parseFlat(
        _ layout: BoardLayout, reader: ElementReader, diagnostics: inout [Diagnostic],
        onHeader: (TaskBoardSnapshot) throws -> Void, onTask: (BoardTask, Int) throws -> Void
    ) rethrows -> TaskBoardSnapshot {
        var snapshot = boardHeader(layout, reader: reader, shape: .flat)
        try onHeader(snapshot)
        var context = TaskReadingContext(comments: reader.value(layout.topLevel["comments"]) as? [String: Any] ?? [:])
        for (index, element) in (layout.lists["tasks"] ?? []).enumerated() {
            try reader.read(
                element, at: "tasks[\(index)]", context: &context, diagnostics: &diagnostics, onTask: onTask)
        }
        snapshot.complete = context.finish(file: file, diagnostics: &diagnostics)
        return snapshot
    }

    /// Shape (b): `{"tasks": {"pending": […], "in_progress": […], "completed": […], "blocked": […]}}`.
    /// The bucket is the task's status (a task's own `status` key, if any, is kept in `details`).
    func parseBuckets(
        _ layout: BoardLayout, reader: ElementReader, diagnostics: inout [Diagnostic],
        onHeader: (TaskBoardSnapshot) throws -> Void, onTask: (BoardTask, Int) throws -> Void
    ) rethrows -> TaskBoardSnapshot {
        var snapshot = boardHeader(layout, reader: reader, shape: .buckets)
        try onHeader(snapshot)
        var context = TaskReadingContext(comments: reader.value(layout.topLevel["comments"]) as? [String: Any] ?? [:])
        // Bucket order as the statuses flow, then any other bucket by name: deterministic.
        let order = ["pending", "todo", "backlog", "in_progress", "review", "blocked", "completed", "done", "verified"]
        let keys = Self.bucketNames(layout).sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count
            let ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : a < b
        }
        for key in keys {
            let path = BoardLayout.path("tasks", key)
            guard layout.nested[path]?.isArray == true else {
                diagnostics.append(Diagnostic(.warning, file: file, "tasks.\(key) is not an array; skipped"))
                continue
            }
            for (index, element) in (layout.lists[path] ?? []).enumerated() {
                try reader.read(
                    element, at: "tasks.\(key)[\(index)]", reading: .init(bucket: key), context: &context,
                    diagnostics: &diagnostics, onTask: onTask)
            }
        }
        snapshot.complete = context.finish(file: file, diagnostics: &diagnostics)
        return snapshot
    }

    /// The keys of the `tasks` object (status buckets, or agents).
    static func bucketNames(_ layout: BoardLayout) -> [String] {
        let prefix = BoardLayout.path("tasks", "")
        return layout.nested.keys.compactMap { key in
            guard key.hasPrefix(prefix) else { return nil }
            let name = key.dropFirst(prefix.count)
            return name.contains("\u{0}") ? nil : String(name)
        }
    }

    /// The keys of `tasks.<agent>` whose value is an array or an object (the task lists of
    /// a board keyed by agent), in the order the statuses flow.
    static func agentBuckets(_ layout: BoardLayout, agent: String) -> [String] {
        let prefix = BoardLayout.path("tasks", agent, "")
        let order = [
            "current", "active", "in_progress", "queue", "pending", "todo", "next", "backlog", "review", "blocked",
            "completed", "done", "verified",
        ]
        return layout.nested.compactMap { key, span -> String? in
            guard key.hasPrefix(prefix), span.isArray || span.isObject else { return nil }
            return String(key.dropFirst(prefix.count))
        }.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count
            let ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : a < b
        }
    }

    /// Shape (e): a board keyed by agent, `{"tasks": {"builder": {"current": {…}, "completed": […]}}}`
    /// (the origin system's later board). The agent key is the assignee. A list named after a
    /// status (`completed`, `blocked`, `pending`…) is its tasks' status, as a bucket is; in
    /// `current` (or any other list) a task's own `status` counts, else `current` is in progress
    /// and any other list to do. A list may be one task object instead of an array.
    func parseAgents(
        _ layout: BoardLayout, reader: ElementReader, diagnostics: inout [Diagnostic],
        onHeader: (TaskBoardSnapshot) throws -> Void, onTask: (BoardTask, Int) throws -> Void
    ) rethrows -> TaskBoardSnapshot {
        var snapshot = boardHeader(layout, reader: reader, shape: .agents)
        try onHeader(snapshot)
        var context = TaskReadingContext(comments: reader.value(layout.topLevel["comments"]) as? [String: Any] ?? [:])
        for agent in Self.bucketNames(layout).sorted() {
            for bucket in Self.agentBuckets(layout, agent: agent) {
                guard let span = layout.nested[BoardLayout.path("tasks", agent, bucket)] else { continue }
                let recognised = TaskStatus.normalise(bucket).recognised && bucket != "active"
                let reading = ElementReader.Reading(
                    bucket: recognised ? bucket : nil, owner: agent,
                    defaultStatus: bucket == "current" || bucket == "active" ? "in_progress" : "todo")
                if span.isObject {
                    try reader.read(
                        span, at: "tasks.\(agent).\(bucket)", reading: reading, context: &context,
                        diagnostics: &diagnostics, onTask: onTask)
                    continue
                }
                for (index, element) in (layout.lists[BoardLayout.path("tasks", agent, bucket)] ?? []).enumerated() {
                    try reader.read(
                        element, at: "tasks.\(agent).\(bucket)[\(index)]", reading: reading, context: &context,
                        diagnostics: &diagnostics,
                        onTask: onTask)
                }
            }
        }
        snapshot.complete = context.finish(file: file, diagnostics: &diagnostics)
        return snapshot
    }

    /// Shape (c): Task Master's `{"<tag>": {"tasks": [{"id": 1, "subtasks": [{"id": 1}]}], "metadata"}}`.
    /// With one tag, ids stay as written ("1", "1.1"); with several, tasks of tags other than
    /// `master` are prefixed with their tag ("feature:1") so ids stay unique.
    func parseTaskMaster(
        _ layout: BoardLayout, tags: [String], reader: ElementReader, diagnostics: inout [Diagnostic],
        onHeader: (TaskBoardSnapshot) throws -> Void, onTask: (BoardTask, Int) throws -> Void
    ) rethrows -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: .taskMaster, tasks: [])
        try onHeader(snapshot)
        var context = TaskReadingContext()
        let names = tags.sorted { a, b in a == "master" ? b != "master" : (b == "master" ? false : a < b) }
        for tag in names {
            context.idPrefix = names.count > 1 && tag != "master" ? "\(tag):" : ""
            for (index, element) in (layout.lists[BoardLayout.path(tag, "tasks")] ?? []).enumerated() {
                try reader.read(
                    element, at: "\(tag).tasks[\(index)]", context: &context, diagnostics: &diagnostics, onTask: onTask)
            }
        }
        snapshot.complete = context.finish(file: file, diagnostics: &diagnostics)
        return snapshot
    }

    /// The board-level fields every shape may have: who wrote it, the sprint, its agents.
    func boardHeader(_ layout: BoardLayout, reader: ElementReader, shape: TaskBoardSnapshot.Shape) -> TaskBoardSnapshot
    {
        var object: [String: Any] = [:]
        let wanted = Set((TaskField.boardUpdatedBy + ["metadata", "sprint", "agents"]).map(TaskField.normalised))
        for (key, span) in layout.topLevel where wanted.contains(TaskField.normalised(key)) {
            if let value = reader.value(span) { object[key] = value }
        }
        return boardHeader(object, shape: shape)
    }

    /// The agent that last wrote the board, under any name of `TaskField.boardUpdatedBy`.
    static func updatedBy(in object: [String: Any]) -> String? {
        for alias in TaskField.boardUpdatedBy {
            let wanted = TaskField.normalised(alias)
            for key in object.keys.sorted() where TaskField.normalised(key) == wanted {
                if let text = object[key] as? String { return text }
            }
        }
        return nil
    }

    /// The board-level fields every shape may have: who wrote it, the sprint, its agents.
    func boardHeader(_ object: [String: Any], shape: TaskBoardSnapshot.Shape) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: shape, tasks: [])
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        snapshot.updatedBy = (Self.updatedBy(in: object) ?? Self.updatedBy(in: metadata)).flatMap(
            Self.agentId(fromAssignee:))
        snapshot.sprintId = (object["sprint"] as? [String: Any])?["id"] as? String
        if let agents = object["agents"] as? [String: Any] {
            for (key, value) in agents {
                guard let id = key.agentSlug else { continue }
                snapshot.agents[id] = ((value as? [String: Any])?["name"] as? String) ?? key
            }
        } else if let agents = object["agents"] as? [Any] {
            for case let entry as [String: Any] in agents {
                guard let id = ((entry["id"] ?? entry["name"]) as? String)?.agentSlug else { continue }
                snapshot.agents[id] = (entry["name"] as? String) ?? id
            }
        }
        return snapshot
    }
}
