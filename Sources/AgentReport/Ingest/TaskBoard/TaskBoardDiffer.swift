import Foundation

/// The state of a task the event history compares against (the team-wide latest state).
public struct TaskState: Sendable, Equatable {
    public var id: String
    public var title: String
    public var status: TaskStatus
    public var rawStatus: String
    public var priority: String?
    public var assignedTo: String?
    public var removed: Bool

    public init(
        id: String, title: String, status: TaskStatus, rawStatus: String, priority: String?,
        assignedTo: String?, removed: Bool = false
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
        self.priority = priority
        self.assignedTo = assignedTo
        self.removed = removed
    }

    public init(_ task: BoardTask) {
        self.init(
            id: task.id, title: task.title, status: task.status, rawStatus: task.rawStatus,
            priority: task.priority, assignedTo: task.assignedTo)
    }
}

/// One row for the seed's `task_events` table.
public struct TaskEvent: Sendable, Equatable {
    /// The event types of DESIGN §3.2.
    public enum Kind: String, Sendable, CaseIterable {
        case created, assigned, updated, blocked, completed, verified, reopened, removed
    }

    public var taskId: String
    public var kind: Kind
    public var previousStatus: TaskStatus?
    public var newStatus: TaskStatus?
    public var assignedTo: String?
    public var changedBy: String?
    /// JSON object: raw statuses, claimed times, commit.
    public var details: String
    /// Seconds since the epoch (UTC) when the change was observed.
    public var timestamp: Int64
}

/// Where a board version was observed: a commit of the board's history, or the working copy.
public struct BoardObservation: Sendable, Equatable {
    public var time: Int64
    /// The agent that wrote this version: the board's `updatedBy`, else the commit's agent.
    public var changedBy: String?
    public var commit: String?
    public var file: String?

    public init(time: Int64, changedBy: String? = nil, commit: String? = nil, file: String? = nil) {
        self.time = time
        self.changedBy = changedBy
        self.commit = commit
        self.file = file
    }
}

/// Compares a board version with the latest known state of each task and returns the
/// events that turn one into the other.
public enum TaskBoardDiffer {
    /// The events from `latest` (by task id) to the tasks of `snapshot`.
    ///
    /// When `removesMissing` is true, a task of `latest` absent from the snapshot is `removed`:
    /// a new sprint can replace the board, and a vanished task is not a finished one.
    public static func events(
        from latest: [String: TaskState], to tasks: [BoardTask], observed: BoardObservation,
        removesMissing: Bool = true
    ) -> [TaskEvent] {
        var events: [TaskEvent] = []
        var present: Set<String> = []
        for task in tasks {
            present.insert(task.id)
            let new = TaskState(task)
            let old = latest[task.id]
            events += changes(from: old, to: new, task: task, observed: observed)
        }
        if removesMissing {
            for (id, old) in latest.sorted(by: { $0.key < $1.key }) where !old.removed && !present.contains(id) {
                events.append(
                    TaskEvent(
                        taskId: id, kind: .removed, previousStatus: old.status, newStatus: nil,
                        assignedTo: old.assignedTo, changedBy: observed.changedBy,
                        details: details(["previous_raw_status": old.rawStatus], observed: observed),
                        timestamp: observed.time))
            }
        }
        return events
    }

    /// The events for one task going from `old` (nil: not known yet) to `new`.
    static func changes(from old: TaskState?, to new: TaskState, task: BoardTask, observed: BoardObservation) -> [TaskEvent] {
        func event(_ kind: TaskEvent.Kind, _ extra: [String: Any] = [:]) -> TaskEvent {
            var fields = extra
            fields["raw_status"] = new.rawStatus
            if let old { fields["previous_raw_status"] = old.rawStatus }
            if !task.claimedTimes.isEmpty { fields["claimed"] = task.claimedTimes }
            return TaskEvent(
                taskId: new.id, kind: kind, previousStatus: old.flatMap { $0.removed ? nil : $0.status },
                newStatus: new.status, assignedTo: new.assignedTo, changedBy: observed.changedBy,
                details: details(fields, observed: observed), timestamp: observed.time)
        }
        guard let old, !old.removed else {
            return [event(.created, ["title": new.title])]
        }
        var events: [TaskEvent] = []
        if old.assignedTo != new.assignedTo {
            events.append(event(.assigned, ["previous_assignee": old.assignedTo ?? NSNull()]))
        }
        if old.status != new.status {
            let kind: TaskEvent.Kind
            if new.status == .blocked {
                kind = .blocked
            } else if new.status.isDone && !old.status.isDone {
                kind = .completed
            } else if new.status == .verified && old.status == .done {
                kind = .verified
            } else if old.status.isDone && !new.status.isDone {
                kind = .reopened
            } else {
                kind = .updated
            }
            events.append(event(kind))
        } else if old.priority != new.priority || old.title != new.title {
            var changed: [String: Any] = [:]
            if old.priority != new.priority {
                changed["previous_priority"] = old.priority ?? NSNull()
                changed["priority"] = new.priority ?? NSNull()
            }
            if old.title != new.title {
                changed["previous_title"] = old.title
                changed["title"] = new.title
            }
            events.append(event(.updated, changed))
        }
        return events
    }

    static func details(_ fields: [String: Any], observed: BoardObservation) -> String {
        var object = fields
        if let commit = observed.commit { object["commit"] = commit }
        if let file = observed.file { object["file"] = file }
        return JSONSupport.encode(object)
    }
}
