import Foundation
import GRDB

/// Ingests the task board: replays its git history (when the board lives in a configured
/// repository with `boardHistory`), then compares the working copy with the team-wide
/// latest state of each task, observed at "now". Everything in one transaction.
public struct TaskBoardSource: IngestSource {
    public let name = "tasks"
    public let stageName = "ingest task board"

    /// The source.
    public init() {}

    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        let path = config.taskBoardPath
        let display = config.displayPath(path)
        var isDirectory: ObjCBool = false
        let hasFolder =
            FileManager.default.fileExists(atPath: config.coordinationPath, isDirectory: &isDirectory)
            && isDirectory.boolValue
        if hasFolder, JSONTaskFolder.isFolder(path) {
            return try JSONTaskFolder(folder: path, display: display).ingest(
                into: store, context: context, source: name)
        }
        if hasFolder, !FileManager.default.fileExists(atPath: path),
            MarkdownTaskFolders.looksLikeLayout(config.coordinationPath)
        {
            return try MarkdownTaskFolders(
                folder: config.coordinationPath, display: config.displayPath(config.coordinationPath)
            )
            .ingest(into: store, context: context, source: name)
        }
        var problems: [Diagnostic] = []
        defer { context.diagnostics.report(contentsOf: Self.unique(problems)) }
        let attribution = AgentAttribution.discover(config: config)
        // The history is replayed whatever the working copy holds: a `main` that deleted
        // `coordination/` must not hide the agent branches' boards (DESIGN §3.2).
        let history = try openHistory(
            config: config, attribution: attribution, board: path, display: display, diagnostics: &problems)
        if !hasFolder {
            let folder = config.displayPath(config.coordinationPath)
            guard history != nil else {
                problems.append(
                    Diagnostic(
                        .warning, file: folder,
                        "no coordination folder, and no configured repository has the board in its history; the board is skipped",
                        hint: "set coordination.dir in agentreport.json"))
                try store.queue.write { db in
                    try ReportStore.noteConfigAgents(config, in: db)
                    try ReportStore.recordSuccess(
                        of: name, rows: 0, detail: "no coordination folder", at: context.now, in: db)
                }
                return 0
            }
            problems.append(
                Diagnostic(
                    .note, file: folder,
                    "no coordination folder in the working copy; the board's history is replayed from the refs"))
        }
        return try store.queue.write { db in
            try ReportStore.noteConfigAgents(config, in: db)
            var latest = try ReportStore.latestTaskStates(db)
            var count = 0
            var agents: [String: String?] = [:]
            var head: [String: BoardTask]?
            var hasHistory = false
            if var history {
                try history.prepare(config: config, now: context.now, in: db)
                let commits = try history.replayer.commits(diagnostics: &problems)
                // An untracked (or ignored) board in a repository has no history to defer to.
                hasHistory = !commits.isEmpty
                let replayed = try ReportStore.replayedBoardCommits(
                    repository: history.replayer.repositoryKey, boardPath: history.replayer.boardPath, in: db)
                let result = try history.replayer.replay(
                    commits, skipping: replayed, latest: &latest, now: context.now, diagnostics: &problems, in: db
                ) { done, total in
                    context.console.progress("replay board history \(display): \(done)/\(total) commits")
                }
                context.console.endProgress()
                count += result.events
                agents.merge(result.agents) { a, _ in a }
                head = try history.headTasks(diagnostics: &problems)
            }
            var working = WorkingCopyBoard(path: path, display: display, headTasks: head)
            working.attribution = attribution
            working.historyReplayed = hasHistory
            guard let outcome = try working.ingest(latest: latest, now: context.now, diagnostics: &problems, in: db)
            else {
                // A board that cannot be parsed leaves its tasks as they were.
                try ReportStore.recordFailure(of: name, message: "\(display): board rejected", at: context.now, in: db)
                return count
            }
            count += outcome.events
            agents.merge(outcome.agents) { a, _ in a }
            for (id, agentName) in agents.sorted(by: { $0.key < $1.key }) {
                try ReportStore.noteAgent(id, name: agentName, source: "board", at: nil, in: db)
            }
            try ReportStore.recordSuccess(of: name, rows: count, at: context.now, in: db)
            return count
        }
    }
}

// MARK: - History

extension TaskBoardSource {
    /// The board's history: the replayer, and the board's version at HEAD.
    struct History {
        var replayer: BoardHistoryReplayer
        /// The repository as configured.
        var configured: ReportConfig.Repository

        /// Settles the repository's key (moving board-history progress stored under an old
        /// key to it), whether the board is still on some ref's tip, and where stored commit
        /// agents come from.
        mutating func prepare(config: ReportConfig, now: Int64, in db: Database) throws {
            let git = replayer.repository.git
            let shallow = (try? git.text(["rev-parse", "--is-shallow-repository"])) == "true"
            let key = try RepositoryIdentity.key(
                for: configured, git: git, isShallow: shallow, tips: Set(replayer.refs.map(\.tip)), config: config,
                now: now,
                in: db)
            // Progress stored under a key that is no repository's (an absolute path, before
            // identity survived moves) belongs here when its commits are this repository's.
            for stray in try ReportStore.strayBoardHistoryKeys(boardPath: replayer.boardPath, in: db)
            where try !RepositoryIdentity.existing([stray.commit], git: git).isEmpty {
                try ReportStore.rekeyBoardHistory(from: stray.key, to: key, boardPath: replayer.boardPath, in: db)
            }
            replayer.repositoryKey = key
            let specs = replayer.refs.map { "\($0.tip):\(replayer.boardPath)" }
            replayer.boardOnSomeTip = try !replayer.repository.blobIds(specs).isEmpty
            replayer.storedAgent = { hash in try ReportStore.storedAgent(ofCommit: hash, in: db) }
        }

        /// The tasks of the board at HEAD; nil when HEAD has no board or no readable one.
        mutating func headTasks(diagnostics: inout [Diagnostic]) throws -> [String: BoardTask]? {
            let spec = "HEAD:\(replayer.boardPath)"
            guard let blob = try replayer.repository.blobIds([spec])[spec] else { return nil }
            var ignored: [Diagnostic] = []
            return try replayer.cache.version(
                of: blob, label: "\(replayer.display)@HEAD", in: replayer.repository, diagnostics: &ignored)?.tasksById
        }
    }

    /// The first configured repository with `boardHistory` that holds the board, if any.
    func openHistory(
        config: ReportConfig, attribution: AgentAttribution, board: String, display: String,
        diagnostics: inout [Diagnostic]
    ) throws -> History? {
        for repository in config.repositories where repository.boardHistory {
            let opened: CoordinationRepository?
            do {
                opened = try CoordinationRepository.open(repository, config: config)
            } catch GitError.notInstalled {
                diagnostics.append(
                    Diagnostic(.warning, file: display, "git is not installed; the board's history is not replayed"))
                return nil
            }
            guard let opened, let relative = opened.relativePath(of: board) else { continue }
            let worktrees = attribution.worktrees.filter { $0.repository == repository.path }
            let refs = try RefSelection.select(
                git: opened.git, patterns: repository.refs, worktrees: worktrees, attribution: attribution
            ).refs
            let replayer = BoardHistoryReplayer(
                repository: opened, boardPath: relative, display: display, attribution: attribution, refs: refs)
            return History(replayer: replayer, configured: repository)
        }
        return nil
    }

    /// Diagnostics with repeats removed (history replays the same problem version by version).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        return diagnostics.filter {
            seen.insert("\($0.severity) \($0.line ?? 0):\($0.column ?? 0) \($0.message)").inserted
        }
    }
}

/// A source that failed as a whole; its message names the file.
public struct SourceError: Error, CustomStringConvertible {
    public var description: String
    /// An error with `description` as its message.
    public init(_ description: String) { self.description = description }
}
