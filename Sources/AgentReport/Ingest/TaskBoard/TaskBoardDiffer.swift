import Foundation

/// Turns changes of tasks into the events of DESIGN §3.2, against the latest known state.
///
/// One change gives at most one `assigned` event and one status (or title/priority) event:
/// `blocked` (entered blocked), `completed` (entered done or verified from a non-done
/// status), `verified` (done → verified), `reopened` (left done or verified), else `updated`.
public enum TaskBoardDiffer {
    /// The events from `latest` (by task id) to the tasks of a whole board version.
    ///
    /// When `removesMissing` is true, a task of `latest` on the same board (or with no board)
    /// absent from the snapshot is `removed`: a new sprint can replace the board, and a
    /// vanished task is not a finished one.
    public static func events(
        from latest: [String: TaskState], to tasks: [BoardTask], observed: BoardObservation,
        removesMissing: Bool = true
    ) -> [TaskEvent] {
        var events: [TaskEvent] = []
        var present: Set<String> = []
        for task in tasks {
            present.insert(task.id)
            events += changes(from: latest[task.id], to: task, observed: observed)
        }
        if removesMissing {
            for (_, old) in latest.sorted(by: { $0.key < $1.key })
            where !old.removed && !present.contains(old.id) && (old.board == nil || old.board == observed.file) {
                events.append(removal(of: old, observed: observed))
            }
        }
        return events
    }

    /// The `removed` event for a task that left the board.
    public static func removal(of old: TaskState, observed: BoardObservation) -> TaskEvent {
        TaskEvent(
            taskId: old.id, kind: .removed, previousStatus: old.status, newStatus: nil,
            assignedTo: old.assignedTo, changedBy: observed.changedBy,
            details: details(["previous_raw_status": BoardJSONText.string(old.rawStatus)], observed: observed),
            timestamp: observed.time)
    }

    /// The events for one task going from `old` (nil: not known yet) to the board's `task`.
    public static func changes(from old: TaskState?, to task: BoardTask, observed: BoardObservation) -> [TaskEvent] {
        let new = TaskState(task)
        // Field values are JSON text (see `BoardJSONText`): this runs once per event, and a
        // board with a hundred thousand tasks gives as many events on its first run.
        func event(_ kind: TaskEvent.Kind, _ extra: [String: String] = [:], at time: Int64? = nil) -> TaskEvent {
            var fields = extra
            fields["raw_status"] = BoardJSONText.string(new.rawStatus)
            if let old, !old.removed { fields["previous_raw_status"] = BoardJSONText.string(old.rawStatus) }
            if !task.claimedTimes.isEmpty {
                fields["claimed"] = BoardJSONText.object(task.claimedTimes.mapValues(BoardJSONText.string))
            }
            return TaskEvent(
                taskId: new.id, kind: kind, previousStatus: old.flatMap { $0.removed ? nil : $0.status },
                newStatus: new.status, assignedTo: new.assignedTo, changedBy: observed.changedBy,
                details: details(fields, observed: observed), timestamp: time ?? observed.time)
        }
        guard let old, !old.removed else {
            var fields = ["title": BoardJSONText.string(new.title)]
            if old?.removed == true { fields["reappeared"] = "true" }
            guard old == nil else { return [event(.created, fields)] }
            return firstSight(of: task, fields: fields, observed: observed, event: event)
        }
        var events: [TaskEvent] = []
        if old.assignedTo != new.assignedTo {
            events.append(event(.assigned, ["previous_assignee": old.assignedTo.map(BoardJSONText.string) ?? "null"]))
        }
        if old.status != new.status {
            events.append(event(statusEventKind(from: old.status, to: new.status)))
        } else if old.priority != new.priority || old.title != new.title {
            var changed: [String: String] = [:]
            if old.priority != new.priority {
                changed["previous_priority"] = old.priority.map(BoardJSONText.string) ?? "null"
                changed["priority"] = new.priority.map(BoardJSONText.string) ?? "null"
            }
            if old.title != new.title {
                changed["previous_title"] = BoardJSONText.string(old.title)
                changed["title"] = BoardJSONText.string(new.title)
            }
            events.append(event(.updated, changed))
        }
        return events
    }

    /// The events of a task seen for the first time: `created`, and `completed` too when it
    /// is already done or verified (DESIGN §3.2) — at the commit's time in a replay; where the
    /// board has no git history, at the times it claims (`createdAt`, `completedAt`, never
    /// after the observation, marked `time_source` in `details`); else at the observation,
    /// except on the first look at a board, where a completion with no time is not counted.
    private static func firstSight(
        of task: BoardTask, fields: [String: String], observed: BoardObservation,
        event: (TaskEvent.Kind, [String: String], Int64?) -> TaskEvent
    ) -> [TaskEvent] {
        var createdFields = fields
        var createdAt = observed.time
        if observed.usesClaimedTimes, let claimed = task.claimedTime(.createdAt), claimed.time <= observed.time {
            createdAt = claimed.time
            createdFields["time_source"] = BoardJSONText.string("claimed \(claimed.key)")
        }
        var events = [event(.created, createdFields, createdAt)]
        guard task.status.isDone else { return events }
        var completedFields = ["first_seen_done": "true"]
        var completedAt: Int64?
        if observed.usesClaimedTimes, let claimed = task.claimedTime(.completedAt) ?? task.claimedTime(.verifiedAt) {
            completedAt = min(claimed.time, observed.time)
            if claimed.time <= observed.time {
                completedFields["time_source"] = BoardJSONText.string("claimed \(claimed.key)")
            }
        } else if observed.commit != nil || !observed.isFirstLook {
            completedAt = observed.time
        }
        if let completedAt { events.append(event(.completed, completedFields, max(completedAt, createdAt))) }
        return events
    }

    /// The event type of a status change. Leaving done wins over entering blocked: a
    /// finished task that is blocked again is first of all no longer finished.
    public static func statusEventKind(from old: TaskStatus, to new: TaskStatus) -> TaskEvent.Kind {
        if old.isDone && !new.isDone { return .reopened }
        if new == .blocked { return .blocked }
        if old == .done && new == .verified { return .verified }
        if new.isDone && !old.isDone { return .completed }
        return .updated
    }

    /// The `details` JSON of an event: the given fields (JSON text) plus the commit and the board file.
    static func details(_ fields: [String: String], observed: BoardObservation) -> String {
        var object = fields
        if let commit = observed.commit { object["commit"] = BoardJSONText.string(commit) }
        if let file = observed.file { object["file"] = BoardJSONText.string(file) }
        return BoardJSONText.object(object)
    }
}
