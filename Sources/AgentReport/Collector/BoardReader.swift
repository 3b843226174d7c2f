import Foundation

/// Finds each agent's current task: the agent's own copy of the task board when its
/// worktree has one (agent branches carry their own board, the freshest word on their own
/// work), else the configured board. Each board file is parsed once per sample.
struct BoardReader {
    let config: ReportConfig
    let attribution: AgentAttribution
    private var parsed: [String: Result<BoardCurrentTasks, CollectorProblem>] = [:]

    /// A reader for the boards of `config`.
    init(config: ReportConfig, attribution: AgentAttribution) {
        self.config = config
        self.attribution = attribution
    }

    /// The first in-progress task of `agent` in board order; nil (with a note when the
    /// board cannot be read, or when more than one task is in progress) otherwise.
    mutating func currentTask(of agent: String, checkout: TeamCheckouts.Checkout?, notes: inout [String]) -> String? {
        let path = boardPath(for: checkout)
        let result =
            parsed[path]
            ?? Result { () throws(CollectorProblem) in
                try BoardCurrentTasks.read(path, attribution: attribution)
            }
        parsed[path] = result
        switch result {
        case .failure(let problem):
            notes.append("current_task unknown: \(problem.description)")
            return nil
        case .success(let board):
            let tasks = board.tasksByAgent[agent] ?? []
            if tasks.count > 1 { notes.append("also in progress: \(tasks.dropFirst().joined(separator: ", "))") }
            return tasks.first
        }
    }

    /// The board in the checkout (the configured board's path relative to its repository's
    /// main checkout, taken in the agent's worktree) when that file exists, else the
    /// configured board.
    func boardPath(for checkout: TeamCheckouts.Checkout?) -> String {
        let board = CanonicalPath.resolve(config.taskBoardPath)
        guard let checkout, checkout.isListed,
            let main = attribution.worktrees.first(where: {
                $0.isMain && CanonicalPath.resolve(config.resolve($0.repository)) == checkout.gitFolder
            }),
            CanonicalPath.isInside(board, main.path), main.path != checkout.path
        else { return board }
        let relative = String(board.dropFirst(main.path.count))
        let candidate = checkout.path + relative
        return InputFile.isRegularFile(candidate) ? candidate : board
    }
}

/// The used space of the filesystem holding a folder (`statvfs(3)`).
struct DiskUsage: Sendable, Equatable {
    /// Bytes in use (all blocks minus free blocks).
    var used: Int64
    /// Used over the space available to users (used + available), as `df` computes `Use%`.
    var fraction: Double

    /// A usage given as such (tests).
    init(used: Int64, fraction: Double) {
        self.used = used
        self.fraction = fraction
    }

    /// The usage of the filesystem of `path`; nil when `statvfs` fails.
    init?(path: String) {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        let block = Int64(info.f_frsize)
        let used = (Int64(info.f_blocks) - Int64(info.f_bfree)) * block
        let available = Int64(info.f_bavail) * block
        self.used = used
        fraction = used + available > 0 ? Double(used) / Double(used + available) : 0
    }
}
