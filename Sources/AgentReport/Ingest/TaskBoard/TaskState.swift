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
    /// The board file the task was last seen on.
    public var board: String?

    /// A state as stored in the `tasks` table.
    public init(
        id: String, title: String, status: TaskStatus, rawStatus: String, priority: String?,
        assignedTo: String?, removed: Bool = false, board: String? = nil
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
        self.priority = priority
        self.assignedTo = assignedTo
        self.removed = removed
        self.board = board
    }

    /// The state a board version gives a task.
    public init(_ task: BoardTask, board: String? = nil) {
        self.init(
            id: task.id, title: task.title, status: task.status, rawStatus: task.rawStatus,
            priority: task.priority, assignedTo: task.assignedTo, board: board)
    }

    /// Whether going from this state to `other` is a change an event records (status,
    /// assignee, priority, title, or coming back after removal).
    public func differsInEvents(from other: TaskState) -> Bool {
        removed != other.removed || status != other.status || assignedTo != other.assignedTo
            || priority != other.priority || title != other.title
    }
}
