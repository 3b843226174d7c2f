import Foundation

/// Parsed board versions by blob id, so that a version shared by a commit and its
/// children's parents is read and parsed once. Bounded: past `limit` versions, the older half is dropped.
/// Its `memo` carries decoded task objects from version to version: a year of history is
/// thousands of versions that differ in a few tasks each.
struct BoardVersionCache {
    /// One parsed version: its snapshot, where each task is in it, and the tasks' memo tokens.
    struct Version {
        var snapshot: TaskBoardSnapshot
        /// Task id → index in `snapshot.tasks` and `tokens`.
        var positions: [String: Int]
        var tokens: [Int]

        /// A version with no board (a commit whose parent had none).
        static let empty = Version(snapshot: TaskBoardSnapshot(shape: .flat, tasks: []), positions: [:], tokens: [])

        /// Whether this version has a task equal to `task` (whose memo token is `token`):
        /// the same token means the same bytes, else the tasks are compared field by field.
        func has(_ task: BoardTask, token: Int) -> Bool {
            guard let index = positions[task.id] else { return false }
            return (token != 0 && tokens[index] == token) || snapshot.tasks[index] == task
        }

        /// Whether this version has a task with this id.
        func contains(_ id: String) -> Bool { positions[id] != nil }

        /// The tasks by id.
        var tasksById: [String: BoardTask] { snapshot.tasksById }
    }

    private var entries: [String: Version?] = [:]
    /// Blob ids in the order they were cached: the oldest is dropped first.
    private var order: [String] = []
    /// The most versions kept at once: commits are replayed in time order, so a branch's
    /// previous version was parsed as many commits ago as there are busy branches.
    var limit = 128
    let memo = BoardElementMemo()

    /// The parsed version of `blob` (nil when it is not a usable board; the problem is
    /// reported once, as a warning naming `label`).
    mutating func version(
        of blob: String, label: String, in repository: CoordinationRepository, diagnostics: inout [Diagnostic]
    ) throws -> Version? {
        if let cached = entries[blob] { return cached }
        let data = try repository.blob(blob)
        var tasks: [BoardTask] = []
        var positions: [String: Int] = [:]
        var tokens: [Int] = []
        let parser = TaskBoardParser(file: label, rejectionSeverity: .warning)
        let parsed = parser.parse(BoardDocument(data: data), memo: memo, diagnostics: &diagnostics, onHeader: { _ in }) { task, token in
            positions[task.id] = tasks.count
            tasks.append(task)
            tokens.append(token)
        }
        var version: Version?
        if var snapshot = parsed {
            snapshot.tasks = tasks
            version = Version(snapshot: snapshot, positions: positions, tokens: tokens)
        }
        if order.count >= limit {
            let dropped = order.count - limit / 2
            for old in order[..<dropped] { entries[old] = nil }
            order.removeFirst(dropped)
        }
        entries[blob] = .some(version)
        order.append(blob)
        return version
    }
}
