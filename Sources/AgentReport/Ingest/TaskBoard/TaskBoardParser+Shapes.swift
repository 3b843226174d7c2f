import Foundation

// MARK: - Shapes

extension TaskBoardParser {
    /// Shape (a): `{"tasks": [{"id", "status", "assignedTo", …}], "updatedBy", "sprint", "agents"}`.
    /// Integer ids with `subtasks` (Task Master's older, untagged file) are read here too.
    func parseFlat(_ object: [String: Any], tasks: [Any], diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = boardHeader(object, shape: .flat)
        var context = TaskReadingContext(comments: object["comments"] as? [String: Any] ?? [:])
        for (index, element) in tasks.enumerated() {
            readElement(element, at: "tasks[\(index)]", into: &snapshot, context: &context, diagnostics: &diagnostics)
        }
        return snapshot
    }

    /// Shape (b): `{"tasks": {"pending": […], "in_progress": […], "completed": […], "blocked": […]}}`.
    /// The bucket is the task's status (a task's own `status` key, if any, is kept in `details`).
    func parseBuckets(_ object: [String: Any], buckets: [String: Any], diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = boardHeader(object, shape: .buckets)
        var context = TaskReadingContext(comments: object["comments"] as? [String: Any] ?? [:])
        // Bucket order as the statuses flow, then any other bucket by name: deterministic.
        let order = ["pending", "todo", "backlog", "in_progress", "review", "blocked", "completed", "done", "verified"]
        let keys = buckets.keys.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count
            let ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : a < b
        }
        for key in keys {
            guard let list = buckets[key] as? [Any] else {
                diagnostics.append(Diagnostic(.warning, file: file, "tasks.\(key) is not an array; skipped"))
                continue
            }
            for (index, element) in list.enumerated() {
                readElement(element, at: "tasks.\(key)[\(index)]", bucket: key, into: &snapshot,
                            context: &context, diagnostics: &diagnostics)
            }
        }
        return snapshot
    }

    /// Shape (c): Task Master's `{"<tag>": {"tasks": [{"id": 1, "subtasks": [{"id": 1}]}], "metadata"}}`.
    /// With one tag, ids stay as written ("1", "1.1"); with several, tasks of tags other than
    /// `master` are prefixed with their tag ("feature:1") so ids stay unique.
    func parseTaskMaster(_ tags: [String: Any], diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: .taskMaster, tasks: [])
        var context = TaskReadingContext()
        let names = tags.keys.sorted { a, b in a == "master" ? b != "master" : (b == "master" ? false : a < b) }
        for tag in names {
            guard let body = tags[tag] as? [String: Any], let tasks = body["tasks"] as? [Any] else { continue }
            context.idPrefix = names.count > 1 && tag != "master" ? "\(tag):" : ""
            for (index, element) in tasks.enumerated() {
                readElement(element, at: "\(tag).tasks[\(index)]", into: &snapshot, context: &context, diagnostics: &diagnostics)
            }
        }
        return snapshot
    }

    /// Reads one task (and its subtasks) into `snapshot`.
    func readElement(
        _ element: Any, at path: String, bucket: String? = nil, into snapshot: inout TaskBoardSnapshot,
        context: inout TaskReadingContext, diagnostics: inout [Diagnostic]
    ) {
        guard let fields = element as? [String: Any] else {
            diagnostics.append(Diagnostic(.warning, file: file, "\(path) is not an object; skipped"))
            return
        }
        guard let task = readTask(fields, at: path, bucket: bucket, context: &context, diagnostics: &diagnostics) else { return }
        snapshot.tasks.append(task)
        guard let subtasks = fields["subtasks"] as? [Any] else { return }
        for (index, element) in subtasks.enumerated() {
            guard var sub = element as? [String: Any] else {
                diagnostics.append(Diagnostic(.warning, file: file, "\(path).subtasks[\(index)] is not an object; skipped"))
                continue
            }
            // Task Master numbers subtasks within their parent: subtask 1 of task 3 is "3.1",
            // and an integer dependency of a subtask names a sibling.
            let localId = context.plainId(sub["id"]) ?? String(index + 1)
            sub["id"] = localId.contains(".") ? localId : "\(task.id.dropFirst(context.idPrefix.count)).\(localId)"
            if let deps = sub["dependencies"] as? [Any] {
                sub["dependencies"] = deps.map { dep -> Any in
                    if let n = JSONSupport.int(dep) { return "\(task.id.dropFirst(context.idPrefix.count)).\(n)" }
                    return dep
                }
            }
            if sub["assignedTo"] == nil, sub["assignee"] == nil, let owner = task.assignedTo { sub["assignedTo"] = owner }
            sub["parentId"] = task.id
            if let subtask = readTask(sub, at: "\(path).subtasks[\(index)]", bucket: nil, context: &context, diagnostics: &diagnostics) {
                snapshot.tasks.append(subtask)
            }
        }
    }

    /// The board-level fields every shape may have: who wrote it, the sprint, its agents.
    func boardHeader(_ object: [String: Any], shape: TaskBoardSnapshot.Shape) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: shape, tasks: [])
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        snapshot.updatedBy = ((object["updatedBy"] ?? metadata["updatedBy"]) as? String).flatMap(Self.agentId(fromAssignee:))
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
