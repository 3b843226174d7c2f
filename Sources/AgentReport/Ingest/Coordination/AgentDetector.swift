import Foundation

/// Finds the agents of a workspace for `agentreport init`: branch names through the
/// attribution patterns, `git worktree list`, and the task board's agents and assignees.
public struct AgentDetector {
    /// One agent found, with where it was seen.
    public struct DetectedAgent: Sendable, Equatable {
        public var id: String
        public var name: String?
        /// Local branches that belong to it.
        public var branches: [String] = []
        /// Its worktree, relative to the config folder when inside it.
        public var worktree: String?
    }

    let config: ReportConfig

    /// A detector for the repositories, patterns and board of `config`.
    public init(config: ReportConfig) {
        self.config = config
    }

    /// Every agent found, sorted by id; problems (no repository, unreadable board) are notes.
    public func detect(diagnostics: inout [Diagnostic]) -> [DetectedAgent] {
        var agents: [String: DetectedAgent] = [:]
        let resolver = AgentResolver(config: config)
        func note(_ id: String?, name: String? = nil, branch: String? = nil, worktree: String? = nil) {
            guard let id, !["all", "team", "unattributed"].contains(id) else { return }
            var agent = agents[id] ?? DetectedAgent(id: id)
            if agent.name == nil, let name, name != id { agent.name = name }
            if let branch, !agent.branches.contains(branch) { agent.branches.append(branch); agent.branches.sort() }
            if agent.worktree == nil, let worktree { agent.worktree = worktree }
            agents[id] = agent
        }
        for repository in config.repositories {
            guard let opened = try? CoordinationRepository.open(repository, config: config) else {
                diagnostics.append(Diagnostic(.note, file: repository.path, "not a git repository; no branches or worktrees to look at"))
                continue
            }
            let branches = (try? opened.git.text(["for-each-ref", "--format=%(refname:short)", "refs/heads"])) ?? ""
            for branch in branches.split(separator: "\n").map(String.init) {
                note(resolver.agentId(forBranch: branch), branch: branch)
            }
            for worktree in worktrees(opened) {
                let relative = config.displayPath(worktree.path)
                let fromBranch = worktree.branch.flatMap { resolver.agentId(forBranch: $0) }
                let fromPath = resolver.agentId(forBranch: relative)
                if worktree.path != opened.root { note(fromBranch ?? fromPath, worktree: relative) }
            }
        }
        if JSONTaskFolder.isFolder(config.taskBoardPath) {
            var ignored: [Diagnostic] = []
            let folder = JSONTaskFolder(folder: config.taskBoardPath, display: config.displayPath(config.taskBoardPath))
            for task in folder.read(diagnostics: &ignored).tasks { note(task.assignedTo) }
        } else if let document = try? BoardDocument(path: config.taskBoardPath) {
            var ignored: [Diagnostic] = []
            var assignees: [String] = []
            let board = TaskBoardParser(file: config.displayPath(config.taskBoardPath)).parse(
                document, diagnostics: &ignored, onHeader: { _ in }, onTask: { task, _ in assignees += task.assignedTo.map { [$0] } ?? [] })
            if let board {
                for (id, name) in board.agents { note(id, name: name) }
                for id in assignees { note(id) }
            } else {
                diagnostics.append(Diagnostic(.note, file: config.displayPath(config.taskBoardPath), "the task board could not be read; its agents are not listed"))
            }
        }
        return agents.values.sorted { $0.id < $1.id }
    }

    /// The worktrees of a repository (path, checked-out branch).
    private func worktrees(_ repository: CoordinationRepository) -> [(path: String, branch: String?)] {
        guard let output = try? repository.git.text(["worktree", "list", "--porcelain"]) else { return [] }
        var result: [(path: String, branch: String?)] = []
        for block in output.components(separatedBy: "\n\n") {
            var path: String?
            var branch: String?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("worktree ") { path = String(line.dropFirst("worktree ".count)) }
                if line.hasPrefix("branch ") { branch = String(line.dropFirst("branch ".count)) }
            }
            if let path { result.append((CoordinationRepository.realPath(path), branch)) }
        }
        return result
    }
}
