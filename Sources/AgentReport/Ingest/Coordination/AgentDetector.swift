import Foundation

/// Finds the agents of a workspace for `agentreport init`, through the attribution service:
/// branch names (local and remote-tracking), every worktree (`git worktree list`: linked,
/// detached, Claude Code's and Codex's), and the task board's agents and assignees — the
/// board wherever it is: the working copy, or only on some branch.
public struct AgentDetector {
    /// One agent found, with where it was seen.
    public struct DetectedAgent: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its display name, when the board gives one.
        public var name: String?
        /// Local branches that belong to it.
        public var branches: [String] = []
        /// Its worktree, relative to the config folder when inside it.
        public var worktree: String?
    }

    /// What `init` writes into the starter config.
    public struct Detection: Sendable, Equatable {
        /// Every agent found, sorted by id.
        public var agents: [DetectedAgent] = []
        /// `repositories[].refs` to propose: `refs/heads/*`, plus the remote-tracking refs
        /// of a remote whose agent branches exist only there (a CI checkout).
        public var refs: [String] = ["refs/heads/*"]
    }

    let config: ReportConfig

    /// A detector for the repositories, patterns and board of `config`.
    public init(config: ReportConfig) {
        self.config = config
    }

    /// Every agent found, sorted by id; what was looked at and found is reported as notes.
    public func detect(diagnostics: inout [Diagnostic]) -> Detection {
        var agents: [String: DetectedAgent] = [:]
        var refs = ["refs/heads/*"]
        let attribution = AgentAttribution.discover(config: config)
        func note(_ id: String?, name: String? = nil, branch: String? = nil, worktree: String? = nil) {
            guard let id, id != AgentAttribution.unattributed else { return }
            var agent = agents[id] ?? DetectedAgent(id: id)
            if agent.name == nil, let name, name != id { agent.name = name }
            if let branch, !agent.branches.contains(branch) { agent.branches.append(branch); agent.branches.sort() }
            if agent.worktree == nil, let worktree { agent.worktree = worktree }
            agents[id] = agent
        }
        for repository in config.repositories {
            guard let git = try? GitProcess(repository: config.resolve(repository.path)),
                (try? git.text(["rev-parse", "--git-dir"])) != nil
            else {
                diagnostics.append(
                    Diagnostic(
                        .note, file: repository.path, "not a git repository; no branches or worktrees to look at"))
                continue
            }
            let listed = (try? git.text(["for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes"])) ?? ""
            let names = listed.split(separator: "\n").map { GitRef(name: String($0), tip: "") }
            let local = Set(names.filter { $0.name.hasPrefix("refs/heads/") }.map(\.branchName))
            var remotes: Set<String> = []
            for ref in names where !ref.name.hasSuffix("/HEAD") {
                guard let agent = attribution.agentId(forBranch: ref.branchName) else { continue }
                if ref.name.hasPrefix("refs/heads/") {
                    note(agent, branch: ref.branchName)
                } else if !local.contains(ref.branchName) {
                    // Only on the remote: a CI checkout. Propose the remote's refs.
                    note(agent, branch: ref.branchName)
                    remotes.insert(String(ref.name.split(separator: "/")[2]))
                }
            }
            for remote in remotes.sorted() {
                refs.append("refs/remotes/\(remote)/*")
                diagnostics.append(
                    Diagnostic(
                        .note, file: repository.path,
                        "agent branches exist only on the remote-tracking refs of '\(remote)': proposing refs/remotes/\(remote)/*"
                    ))
            }
            for worktree in attribution.worktrees where worktree.repository == repository.path && !worktree.isMain {
                guard let agent = worktree.agent?.agent else { continue }
                note(agent, worktree: config.displayPath(worktree.path))
            }
        }
        if JSONTaskFolder.isFolder(config.taskBoardPath) {
            var ignored: [Diagnostic] = []
            let folder = JSONTaskFolder(folder: config.taskBoardPath, display: config.displayPath(config.taskBoardPath))
            for task in folder.read(diagnostics: &ignored).tasks {
                note(task.assignedTo.flatMap { attribution.agentId(forName: $0) })
            }
        } else if let board = findBoard(diagnostics: &diagnostics) {
            for (id, name) in board.agents { note(id, name: name) }
            for task in board.tasks { note(task.assignedTo.flatMap { attribution.agentId(forName: $0) }) }
        }
        return Detection(agents: agents.values.sorted { $0.id < $1.id }, refs: refs)
    }
}

private extension AgentDetector {
    /// The task board: the working copy's, else the first configured ref that has one (a
    /// `main` may have deleted `coordination/` while the agent branches keep the board).
    /// Says where it was found.
    func findBoard(diagnostics: inout [Diagnostic]) -> TaskBoardSnapshot? {
        let path = config.taskBoardPath
        let display = config.displayPath(path)
        var data: Data?
        if let local = try? InputFile.read(path, limit: InputFile.Limit.taskBoard) {
            data = local
            diagnostics.append(Diagnostic(.note, file: display, "task board found in the working copy"))
        } else {
            for repository in config.repositories {
                guard let opened = try? CoordinationRepository.open(repository, config: config),
                    let relative = opened.relativePath(of: path), let tips = try? opened.refTips(includingHead: true)
                else { continue }
                let specs = tips.map { "\($0.commit):\(relative)" }
                guard let blobs = try? opened.blobIds(specs),
                    let found = tips.first(where: { blobs["\($0.commit):\(relative)"] != nil }),
                    let blob = blobs["\(found.commit):\(relative)"], let content = try? opened.blob(blob)
                else { continue }
                data = content
                diagnostics.append(
                    Diagnostic(
                        .note, file: display,
                        "task board not in the working copy; found on \(found.ref) (its history is replayed from the refs)"
                    ))
                break
            }
        }
        guard let data else {
            diagnostics.append(
                Diagnostic(.note, file: display, "no task board found, in the working copy or on any ref"))
            return nil
        }
        var ignored: [Diagnostic] = []
        guard let board = TaskBoardParser(file: display).parse(data, diagnostics: &ignored) else {
            diagnostics.append(
                Diagnostic(.note, file: display, "the task board could not be read; its agents are not listed"))
            return nil
        }
        return board
    }
}
