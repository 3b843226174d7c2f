import Foundation

/// One parsed version of a task board.
public struct TaskBoardSnapshot: Sendable, Equatable {
    /// The shape the parser detected.
    public enum Shape: String, Sendable {
        case flat, buckets, taskMaster = "task-master", markdownFolders = "markdown-folders"
        /// `{"tasks": {"<agent>": {"current": {…}, "completed": […]}}}`.
        case agents
        /// A folder of one JSON file per task (Claude Code team task lists).
        case taskFolder = "task-folder"
    }

    public var shape: Shape
    /// The agent that last wrote the board (`updatedBy`), as an agent id.
    public var updatedBy: String?
    public var sprintId: String?
    /// Tasks in board order; ids are unique (later duplicates are dropped with a warning).
    public var tasks: [BoardTask]
    /// Agents the board names (its `agents` object), id → display name.
    public var agents: [String: String] = [:]
    /// Whether every task element could be read. When not, a task missing from this version
    /// may be one of those that could not, so no task is marked removed by it.
    public var complete = true

    /// A snapshot of `shape` with `tasks`.
    public init(shape: Shape, tasks: [BoardTask]) {
        self.shape = shape
        self.tasks = tasks
    }

    /// The tasks by id.
    public var tasksById: [String: BoardTask] {
        Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
