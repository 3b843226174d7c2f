import Foundation
import GRDB

/// Ingests the git history of the agents' branches (DESIGN §3.5) from every configured
/// repository into `git_commits`, `commit_tasks`, `git_refs` and `git_exclusions`, in one
/// transaction: a failure stores nothing of this run.
///
/// Severity: the default repository (`.`) not being a git repository, or git missing when
/// only that default is configured, is a warning (a workspace without git is normal); an
/// explicitly configured repository that cannot be read is an error (exit code 3).
public struct GitSource: IngestSource {
    /// The name `--only` and `source_state` use.
    public let name = "git"
    /// The stage's display name.
    public let stageName = "ingest git history"

    /// Where to look for `git` (a PATH-like list); nil uses the process's PATH.
    public let searchPath: String?

    /// The source; tests pass `searchPath` to run without git.
    public init(searchPath: String? = nil) {
        self.searchPath = searchPath
    }

    /// Reads every configured repository; returns the number of commits stored for the first time.
    public func ingest(into store: ReportStore, context: RunContext) throws -> Int {
        let config = context.config
        let isDefault = config.repositories == [ReportConfig.Repository()]
        do {
            _ = try GitProcess(repository: ".", path: searchPath)
        } catch let error as GitError {
            context.diagnostics.report(Diagnostic(isDefault ? .warning : .error, "\(error); git history is skipped"))
            try store.queue.write { db in
                if isDefault {
                    try ReportStore.recordSuccess(
                        of: name, rows: 0, detail: "git not installed", at: context.now, in: db)
                } else {
                    try ReportStore.recordFailure(of: name, message: "git not installed", at: context.now, in: db)
                }
            }
            return 0
        }
        let exclusions = ExclusionRules(config: config)
        let taskIds = TaskIdScanner(pattern: config.attribution.taskIdPattern)
        let attribution = AgentAttribution.discover(config: config, searchPath: searchPath)
        return try store.queue.write { db in
            // A first ingest writes tens of thousands of rows into four indexes in one
            // transaction: a 16 MB page cache (instead of 2 MB) keeps SQLite from spilling
            // pages to disk half-way.
            return try db.withPragmas(["cache_size": -16384]) {
                var total = 0
                var unreadable = 0
                var agents: [String: (first: Int64, last: Int64)] = [:]
                for repository in config.repositories {
                    let ingest = GitRepositoryIngest(
                        repository: repository, isDefault: isDefault, context: context,
                        git: try GitProcess(repository: config.resolve(repository.path), path: searchPath),
                        exclusions: exclusions, taskIds: taskIds, attribution: attribution)
                    let result = try ingest.run(in: db)
                    total += result.newCommits
                    if !result.readable { unreadable += 1 }
                    for (agent, span) in result.agents {
                        let known = agents[agent] ?? span
                        agents[agent] = (min(known.first, span.first), max(known.last, span.last))
                    }
                }
                for (agent, span) in agents.sorted(by: { $0.key < $1.key }) {
                    let name = config.agents.first { $0.id == agent }?.name
                    try ReportStore.noteAgent(agent, name: name, source: "git", at: span.first, in: db)
                    try ReportStore.noteAgent(agent, name: name, source: "git", at: span.last, in: db)
                }
                if unreadable > 0, unreadable == config.repositories.count, !isDefault {
                    try ReportStore.recordFailure(
                        of: name, message: "no repository could be read", at: context.now, in: db)
                } else {
                    let detail =
                        unreadable > 0 ? "\(unreadable) of \(config.repositories.count) repositories not readable" : nil
                    try ReportStore.recordSuccess(of: name, rows: total, detail: detail, at: context.now, in: db)
                }
                return total
            }
        }
    }
}
