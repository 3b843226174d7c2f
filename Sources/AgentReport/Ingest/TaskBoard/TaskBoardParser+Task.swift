import Foundation

// MARK: - One task

extension TaskBoardParser {
    /// Reads one task object with the flat shape's key names (and the common alternatives
    /// of the other shapes: `assignee`, `owner_agent`, `blockedBy`, `depends_on`, …).
    func readTask(
        _ fields: [String: Any], at path: String, bucket: String?,
        context: inout TaskReadingContext, diagnostics: inout [Diagnostic]
    ) -> BoardTask? {
        let item = decodeTask(fields, bucket: bucket, idPrefix: context.idPrefix, suffix: "")
        return accept(item, at: path, context: &context, diagnostics: &diagnostics)?.task
    }

    /// What one task object says by itself, before the board's context (ids already seen,
    /// statuses already warned about, the board's top-level comments) is applied.
    func decodeTask(_ fields: [String: Any], bucket: String?, idPrefix: String, suffix: String) -> DecodedElement.Item {
        guard let plain = TaskReadingContext.plainId(fields["id"]) else { return .noId(suffix: suffix) }
        let fullId = idPrefix + plain
        let id = Self.storableId(fullId)
        let rawStatus = bucket ?? Self.text(fields["status"]) ?? "todo"
        let (status, recognised) = TaskStatus.normalise(rawStatus)
        let title = Self.text(fields["title"]) ?? Self.text(fields["name"]) ?? id
        var task = BoardTask(id: id, title: SecretRedactor.redact(title), status: status, rawStatus: rawStatus)
        task.description = SecretRedactor.redact(Self.text(fields["description"]))
        task.priority = Self.text(fields["priority"])?.lowercased()
        task.assignedTo = Self.agentId(fromAssignee: fields["assignedTo"] ?? fields["assignee"] ?? fields["owner_agent"] ?? fields["owner"])
        task.dependencies = Self.strings(fields["dependencies"] ?? fields["depends_on"]).map { Self.storableId(idPrefix + $0) }
        if id != fullId { task.extra["full_id"] = JSONSupport.encode(fullId) }
        task.tags = Self.strings(fields["tags"])
        task.blockers = (Self.strings(fields["blockers"]) + Self.strings(fields["blockedBy"])).map(SecretRedactor.redact)
        let comments = Self.comments(fields["comments"])
        if !comments.isEmpty { task.extra["comments"] = JSONSupport.encode(comments) }
        if bucket != nil, let own = Self.text(fields["status"]) { task.extra["status"] = JSONSupport.encode(own) }
        for (key, value) in fields where !Self.knownKeys.contains(key) {
            if Self.claimedTimeKeys.contains(key), let text = Self.text(value) {
                task.claimedTimes[key] = text
            } else if let text = value as? String {
                task.extra[key] = JSONSupport.encode(SecretRedactor.redact(text))
            } else {
                task.extra[key] = JSONSupport.encode(value)
            }
        }
        return .task(DecodedElement.Task(
            task: task, suffix: suffix, plainId: plain, shortened: id != fullId, recognised: recognised, comments: comments))
    }

    /// Applies the board's context to a decoded task: reports a shortened id (once), drops a
    /// duplicate id, warns about an unknown status (once per status), merges the board's
    /// top-level comments. Returns the task and whether the comments made it differ from
    /// what its object alone says; nil when the task is not kept.
    func accept(
        _ item: DecodedElement.Item, at path: @autoclosure () -> String, context: inout TaskReadingContext,
        diagnostics: inout [Diagnostic]
    ) -> (task: BoardTask, merged: Bool)? {
        switch item {
        case .notAnObject(let suffix):
            diagnostics.append(Diagnostic(.warning, file: file, "\(path())\(suffix) is not an object; skipped"))
            return nil
        case .unreadable(let reason):
            diagnostics.append(Diagnostic(.warning, file: file, "\(path()) could not be read (\(reason)); skipped"))
            return nil
        case .noId(let suffix):
            diagnostics.append(Diagnostic(.warning, file: file, "\(path())\(suffix) has no usable \"id\"; skipped"))
            return nil
        case .task(let decoded):
            var task = decoded.task
            if decoded.shortened, !context.shortenedIds {
                context.shortenedIds = true
                diagnostics.append(
                    Diagnostic(.note, file: file, "task ids longer than 50 characters (first at \(path())\(decoded.suffix)) are shortened to fit the seed's VARCHAR(50); the full id is kept in details as full_id"))
            }
            guard context.seenIds.insert(task.id).inserted else {
                diagnostics.append(
                    Diagnostic(.warning, file: file, "\(path())\(decoded.suffix): duplicate task id \(task.id); the first one is kept",
                               hint: "give each task its own id"))
                return nil
            }
            if !decoded.recognised, context.warnedStatuses.insert(task.rawStatus).inserted {
                diagnostics.append(
                    Diagnostic(.warning, file: file, "unknown status \"\(task.rawStatus)\" (first at \(path())\(decoded.suffix)); counted as todo",
                               hint: "known: todo, in_progress, review, blocked, done, verified, cancelled and their spellings"))
            }
            let boardComments = Self.comments(context.comments[decoded.plainId])
            guard !boardComments.isEmpty else { return (task, false) }
            task.extra["comments"] = JSONSupport.encode(decoded.comments + boardComments)
            return (task, true)
        }
    }

    /// A task id that fits the seed's `VARCHAR(50)`: ids up to 50 characters unchanged, longer
    /// ones (one-file-per-task layouts use file names) cut to 41 characters + `~` + 8 hex
    /// digits of a hash of the whole id, so distinct ids stay distinct, run after run.
    public static func storableId(_ id: String) -> String {
        guard id.count > 50 else { return id }
        var hash: UInt32 = 0x811c_9dc5  // FNV-1a, 32 bits
        for byte in id.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(id.prefix(41)) + "~" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Keys read into `BoardTask` fields; every other key is kept in `details`.
    static let knownKeys: Set<String> = [
        "id", "title", "name", "description", "status", "priority", "assignedTo", "assignee", "owner_agent",
        "owner", "dependencies", "depends_on", "tags", "blockers", "blockedBy", "comments", "subtasks",
    ]

    /// Keys whose values are times the board claims.
    static let claimedTimeKeys: Set<String> = [
        "createdAt", "updatedAt", "completedAt", "verifiedAt", "startedAt", "created", "completed",
        "updated", "created_at", "updated_at", "completed_at", "verified_at", "started_at",
    ]

    /// The agent id for an assignee value; nil for the whole team (`all`, `team`, `*`, null).
    public static func agentId(fromAssignee value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "all", "team", "*", "everyone", "none", "unassigned", "null"].contains(trimmed) { return nil }
        return trimmed.agentSlug
    }

    /// A scalar as text: strings as they are, numbers without a needless ".0"; nil otherwise.
    static func text(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = JSONSupport.int(value) { return String(number) }
        if let number = JSONSupport.double(value) { return String(number) }
        return nil
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

    /// Comments as `{author, timestamp, message}` objects, whether the board wrote objects or
    /// plain strings; secrets in them are redacted.
    static func comments(_ value: Any?) -> [[String: String]] {
        guard let array = value as? [Any] else { return [] }
        return array.compactMap { element in
            if let text = element as? String { return ["message": SecretRedactor.redact(text)] }
            guard let object = element as? [String: Any] else { return nil }
            var comment: [String: String] = [:]
            if let author = text(object["author"] ?? object["by"]) { comment["author"] = author }
            if let time = text(object["timestamp"] ?? object["time"] ?? object["date"]) { comment["timestamp"] = time }
            let message = text(object["message"] ?? object["text"] ?? object["comment"] ?? object["body"])
            let shown: String = message ?? JSONSupport.encode(object)
            comment["message"] = SecretRedactor.redact(shown)
            return comment
        }
    }
}

/// State shared while reading the tasks of one board: ids seen, statuses warned about,
/// the board's top-level comments by task id, the id prefix of the current Task Master tag.
struct TaskReadingContext {
    var seenIds: Set<String> = []
    var warnedStatuses: Set<String> = []
    var comments: [String: Any] = [:]
    var idPrefix = ""
    var shortenedIds = false

    /// An id as written: a non-empty string (trimmed) or an integer.
    static func plainId(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return JSONSupport.int(value).map(String.init)
    }
}
