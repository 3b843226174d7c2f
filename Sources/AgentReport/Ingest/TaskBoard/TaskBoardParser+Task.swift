import Foundation

// MARK: - One task

extension TaskBoardParser {
    /// Reads one task object with the flat shape's key names (and the common alternatives
    /// of the other shapes: `assignee`, `owner_agent`, `blockedBy`, `depends_on`, …).
    func readTask(
        _ fields: [String: Any], at path: String, bucket: String?,
        context: inout TaskReadingContext, diagnostics: inout [Diagnostic]
    ) -> BoardTask? {
        let item = decodeTask(fields, reading: .init(bucket: bucket), idPrefix: context.idPrefix, suffix: "")
        if case .task(let decoded) = item {
            for problem in decoded.problems {
                diagnostics.append(
                    Diagnostic(.warning, file: file, "\(path) (task \(decoded.task.id)): \(problem.message)"))
            }
        }
        return accept(item, at: path, context: &context, diagnostics: &diagnostics)?.task
    }

    /// What one task object says by itself, before the board's context (ids already seen,
    /// statuses already warned about, the board's top-level comments) is applied. Keys are
    /// read through the alias table of `TaskField`; a value of the wrong kind is dropped from
    /// its field, kept in `details`, and listed in the task's `problems` (the task is kept).
    func decodeTask(_ fields: [String: Any], reading: ElementReader.Reading, idPrefix: String, suffix: String)
        -> DecodedElement.Item
    {
        let bucket = reading.bucket
        let values = TaskFieldValues(fields)
        guard let plain = TaskReadingContext.plainId(values[.id]) else { return .noId(suffix: suffix) }
        var problems: [DecodedElement.Problem] = []
        var extra: [String: String] = [:]
        /// The text of a field; another kind of value is a problem, kept in `extra`.
        func text(_ field: TaskField) -> String? {
            guard let value = values[field], let key = values.key(of: field) else { return nil }
            if let text = Self.text(value) { return text }
            problems.append(
                .init(key: key, message: "\(key) is \(Self.kind(of: value)), not text; not read (kept in details)"))
            extra[key] = JSONSupport.encode(value)
            return nil
        }
        /// The strings of a list field; elements of another kind are problems, kept in `extra`.
        func strings(_ field: TaskField) -> [String] {
            guard let value = values[field], let key = values.key(of: field) else { return [] }
            let (result, rejected) = Self.stringsAndRejected(value)
            if !rejected.isEmpty {
                let what =
                    value is [Any]
                    ? "has \(rejected.count) element\(rejected.count == 1 ? "" : "s") that \(rejected.count == 1 ? "is" : "are") not text"
                    : "is \(Self.kind(of: value)), not a list"
                problems.append(.init(key: key, message: "\(key) \(what); not read (kept in details)"))
                extra[key] = JSONSupport.encode(value)
            }
            return result
        }
        let fullId = idPrefix + plain
        let id = Self.storableId(fullId)
        let rawStatus = bucket ?? text(.status) ?? reading.defaultStatus
        let (status, recognised) = TaskStatus.normalise(rawStatus)
        let title = text(.title) ?? id
        // Every text is redacted here, as the store will hold it: the next run compares the
        // stored task with this one, and a raw secret would differ from its stored
        // `[REDACTED]` on every run (a false `updated` event each night).
        var task = BoardTask(
            id: id, title: SecretRedactor.redact(title), status: status, rawStatus: SecretRedactor.redact(rawStatus))
        task.description = SecretRedactor.redact(text(.description))
        task.priority = text(.priority).map { raw in
            // Lowercased after redaction, which may need the original case (AKIA…); the marker keeps its own.
            SecretRedactor.redactedIfNeeded(raw) ?? raw.lowercased()
        }
        if let owner = reading.owner {
            // Filed under an agent: that agent is the assignee; a differing own value is kept.
            task.assignedTo = Self.agentId(fromAssignee: owner)
            if let value = values[.assignee], let key = values.key(of: .assignee) {
                extra[key] = JSONSupport.encode(value)
            }
        } else if let value = values[.assignee], let key = values.key(of: .assignee) {
            if value is String {
                task.assignedTo = Self.agentId(fromAssignee: value)
            } else {
                problems.append(
                    .init(
                        key: key,
                        message: "\(key) is \(Self.kind(of: value)), not an agent name; not read (kept in details)"))
                extra[key] = JSONSupport.encode(value)
            }
        }
        task.dependencies = strings(.dependencies).map { Self.storableId(idPrefix + $0) }
        if id != fullId { extra["full_id"] = JSONSupport.encode(fullId) }
        task.tags = strings(.tags).map(SecretRedactor.redact)
        task.blockers = strings(.blockers).map(SecretRedactor.redact)
        let comments = Self.comments(values[.comments])
        if !comments.isEmpty { extra["comments"] = JSONSupport.encode(comments) }
        if bucket != nil, let own = values[.status], let key = values.key(of: .status) {
            extra[key] = JSONSupport.encode(own)
        }
        for (key, value) in values.others where extra[key] == nil {
            if let text = value as? String {
                extra[key] = JSONSupport.encode(SecretRedactor.redact(text))
            } else {
                extra[key] = JSONSupport.encode(value)
            }
        }
        for (_, key, value) in values.times {
            if let text = Self.text(value) {
                task.claimedTimes[key] = text
            } else {
                extra[key] = JSONSupport.encode(value)
            }
        }
        task.extra = extra
        return .task(
            DecodedElement.Task(
                task: task, suffix: suffix, plainId: plain, shortened: id != fullId, recognised: recognised,
                comments: comments,
                problems: problems))
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
            context.unreadable += 1
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
                    Diagnostic(
                        .note, file: file,
                        "task ids longer than 50 characters (first at \(path())\(decoded.suffix)) are shortened to fit the seed's VARCHAR(50); the full id is kept in details as full_id"
                    ))
            }
            guard context.seenIds.insert(task.id).inserted else {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file,
                        "\(path())\(decoded.suffix): duplicate task id \(task.id); the first one is kept",
                        hint: "give each task its own id"))
                return nil
            }
            if !decoded.recognised, context.warnedStatuses.insert(task.rawStatus).inserted {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: file,
                        "unknown status \"\(task.rawStatus)\" (first at \(path())\(decoded.suffix)); counted as todo",
                        hint: "known: todo, in_progress, review, blocked, done, verified, cancelled and their spellings"
                    ))
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
        guard let value else { return [] }
        return stringsAndRejected(value).strings
    }

    /// Strings from a JSON array (numbers become text, objects their `message`, `reason` or
    /// `id`, else their JSON), or a single string; and what could not be read as one (the
    /// value itself when it is neither a list nor text, else the rejected elements).
    static func stringsAndRejected(_ value: Any) -> (strings: [String], rejected: [Any]) {
        if value is NSNull { return ([], []) }
        if let text = value as? String { return (text.isEmpty ? [] : [text], []) }
        guard let array = value as? [Any] else { return ([], [value]) }
        var strings: [String] = []
        var rejected: [Any] = []
        for element in array {
            if let text = element as? String {
                strings.append(text)
            } else if let number = JSONSupport.int(element) {
                strings.append(String(number))
            } else if let object = element as? [String: Any] {
                strings.append(
                    (object["message"] as? String) ?? (object["reason"] as? String) ?? (object["id"] as? String)
                        ?? JSONSupport.encode(object))
            } else if !(element is NSNull) {
                rejected.append(element)
            }
        }
        return (strings, rejected)
    }

    /// What kind of JSON value `value` is, for messages ("an object", "true").
    static func kind(of value: Any) -> String {
        if JSONSupport.isBool(value) { return (value as? Bool) == true ? "true" : "false" }
        if value is NSNumber { return "a number" }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        return "not text"
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
    /// Elements that could not be read at all: their tasks are unknown, so none is removed.
    var unreadable = 0
    /// Values reported as not readable, and those past `shownProblems` only counted.
    var problemsShown = 0
    var problemsHidden = 0
    /// Unreadable values reported one by one per board.
    static let shownProblems = 10

    /// Reports what was only counted; returns whether every element could be read (when
    /// not, tasks missing from this version may be in the elements that could not, and
    /// must not be removed).
    func finish(file: String, diagnostics: inout [Diagnostic]) -> Bool {
        if problemsHidden > 0 {
            diagnostics.append(
                Diagnostic(.warning, file: file, "\(problemsHidden) more values could not be read into their fields"))
        }
        if unreadable > 0 {
            diagnostics.append(
                Diagnostic(
                    .warning, file: file,
                    "\(unreadable) task\(unreadable == 1 ? "" : "s") could not be read: tasks missing from this version are not marked removed"
                ))
        }
        return unreadable == 0
    }

    /// An id as written: a non-empty string (trimmed) or an integer.
    static func plainId(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return JSONSupport.int(value).map(String.init)
    }
}
