import Foundation

/// Parses a task-board file into a `TaskBoardSnapshot`, detecting its shape.
///
/// Boards are written by agents and are messy: the parser takes them as they are,
/// reports what it cannot use as diagnostics, and never throws for input problems.
public struct TaskBoardParser {
    /// The file name used in diagnostics.
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// The snapshot of `data`, or nil when the data is no usable board; problems go to `diagnostics`.
    public func parse(_ data: Data, diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot? {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let position = JSONSupport.errorPosition(error, in: data)
            diagnostics.append(
                Diagnostic(.error, file: file, line: position.line, column: position.column,
                           "not valid JSON: \(JSONSupport.errorReason(error))",
                           hint: "the board was left as it was in the database"))
            return nil
        }
        guard let object = root as? [String: Any] else {
            diagnostics.append(Diagnostic(.error, file: file, line: 1, column: 1, "not a task board: the top level is not a JSON object"))
            return nil
        }
        if let tasks = object["tasks"] as? [Any] {
            return parseFlat(object, tasks: tasks, diagnostics: &diagnostics)
        }
        diagnostics.append(
            Diagnostic(.error, file: file, line: 1, column: 1,
                       "not a task board: no \"tasks\" array",
                       hint: "expected {\"tasks\": [ … ]}"))
        return nil
    }
}

// MARK: - Shapes

extension TaskBoardParser {
    /// Shape (a): `{"tasks": [{"id", "status", "assignedTo", …}], "updatedBy", "sprint", "agents"}`.
    func parseFlat(_ object: [String: Any], tasks: [Any], diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot {
        var snapshot = TaskBoardSnapshot(shape: .flat, tasks: [])
        snapshot.updatedBy = (object["updatedBy"] as? String)?.agentSlug
        snapshot.sprintId = (object["sprint"] as? [String: Any])?["id"] as? String
        if let agents = object["agents"] as? [String: Any] {
            for (key, value) in agents {
                guard let id = key.agentSlug else { continue }
                snapshot.agents[id] = ((value as? [String: Any])?["name"] as? String) ?? key
            }
        }
        var context = TaskReadingContext()
        for (index, element) in tasks.enumerated() {
            guard let fields = element as? [String: Any] else {
                diagnostics.append(Diagnostic(.warning, file: file, "tasks[\(index)] is not an object; skipped"))
                continue
            }
            if let task = readTask(fields, at: "tasks[\(index)]", context: &context, diagnostics: &diagnostics) {
                snapshot.tasks.append(task)
            }
        }
        return snapshot
    }

    /// Reads one task object with the flat shape's key names (and the common alternatives).
    func readTask(
        _ fields: [String: Any], at path: String, defaultStatus: String? = nil,
        context: inout TaskReadingContext, diagnostics: inout [Diagnostic]
    ) -> BoardTask? {
        let idValue = fields["id"]
        let id: String
        if let text = idValue as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            id = text.trimmingCharacters(in: .whitespaces)
        } else if let number = JSONSupport.int(idValue) {
            id = String(number)
        } else {
            diagnostics.append(Diagnostic(.warning, file: file, "\(path) has no usable \"id\"; skipped"))
            return nil
        }
        guard id.count <= 50 else {
            diagnostics.append(Diagnostic(.warning, file: file, "\(path): task id longer than 50 characters; skipped"))
            return nil
        }
        guard context.seenIds.insert(id).inserted else {
            diagnostics.append(Diagnostic(.warning, file: file, "\(path): duplicate task id \(id); the first one is kept"))
            return nil
        }
        let rawStatus = (fields["status"] as? String) ?? defaultStatus ?? "todo"
        let (status, recognised) = TaskStatus.normalise(rawStatus)
        if !recognised, context.warnedStatuses.insert(rawStatus).inserted {
            diagnostics.append(Diagnostic(.warning, file: file, "unknown status \"\(rawStatus)\" (first at \(path)); counted as todo"))
        }
        let title = (fields["title"] as? String) ?? (fields["name"] as? String) ?? id
        var task = BoardTask(id: id, title: SecretRedactor.redact(title), status: status, rawStatus: rawStatus)
        task.description = SecretRedactor.redact(fields["description"] as? String)
        task.priority = (fields["priority"] as? String)?.lowercased()
        task.assignedTo = Self.agentId(fromAssignee: fields["assignedTo"] ?? fields["assignee"] ?? fields["owner"])
        task.dependencies = Self.strings(fields["dependencies"] ?? fields["depends_on"])
        task.tags = Self.strings(fields["tags"])
        task.blockers = Self.strings(fields["blockers"]) + Self.strings(fields["blockedBy"])
        let known: Set<String> = [
            "id", "title", "name", "description", "status", "priority", "assignedTo", "assignee", "owner",
            "dependencies", "depends_on", "tags", "blockers", "blockedBy",
        ]
        for (key, value) in fields where !known.contains(key) {
            if Self.claimedTimeKeys.contains(key), let text = value as? String {
                task.claimedTimes[key] = text
            } else {
                task.extra[key] = JSONSupport.encode(value)
            }
        }
        return task
    }

    /// Keys whose values are times the board claims.
    static let claimedTimeKeys: Set<String> = [
        "createdAt", "updatedAt", "completedAt", "verifiedAt", "startedAt", "created", "completed",
        "updated", "created_at", "updated_at", "completed_at",
    ]

    /// The agent id for an assignee value; nil for the whole team (`all`, `team`, `*`, null).
    public static func agentId(fromAssignee value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "all", "team", "*", "everyone", "none", "unassigned"].contains(trimmed) { return nil }
        return trimmed.agentSlug
    }

    /// Strings from a JSON array (numbers become text), or a single string.
    static func strings(_ value: Any?) -> [String] {
        if let text = value as? String { return text.isEmpty ? [] : [text] }
        guard let array = value as? [Any] else { return [] }
        return array.compactMap { element in
            if let text = element as? String { return text }
            if let number = JSONSupport.int(element) { return String(number) }
            if let object = element as? [String: Any] {
                return (object["message"] as? String) ?? (object["reason"] as? String) ?? (object["id"] as? String)
                    ?? JSONSupport.encode(object)
            }
            return nil
        }
    }
}

/// State shared while reading the tasks of one board: ids seen, statuses warned about.
struct TaskReadingContext {
    var seenIds: Set<String> = []
    var warnedStatuses: Set<String> = []
}
