import Foundation

/// The one attribution service (DESIGN §3.1, §3.5): every source asks it which agent a
/// commit, a branch, a folder or a hand-written name belongs to, and gets the same answer
/// by the same rules — git ingest for commits, board history for `changed_by`, the progress
/// log and memory bank for names, session logs and the collector for working directories.
///
/// A commit is tried against the rules in this order; the first that answers wins
/// (`AttributionRule` names them, docs/configuration.md explains them):
/// 1. `agents[].authors` on the author's name or e-mail (globs, case- and
///    Unicode-normalisation-insensitive);
/// 2. `agents[].branches` on the claimed branch;
/// 3. `agents[].worktree` on the worktree that has the claimed branch (or HEAD) checked out;
/// 4. a trailer of `attribution.trailers` (`Agent: builder`);
/// 5. `attribution.branchPatterns` on the claimed branch;
/// 6. the tools' worktree folders (`.claude/worktrees/<name>`, `~/.codex/worktrees/…`,
///    `agents/<name>`);
/// 7. the tools' branch names (`worktree-<name>`, `claude/`, `codex/`, `copilot/`, `cursor/`);
/// 8. a tool's `Co-authored-by:` trailer (Claude, aider, Cursor);
/// 9. aider's ` (aider)` author suffix;
/// else `unattributed`. A branch alone gets rules 2, 5 and 7; a folder gets the rules of the
/// checkout it lies in (2, 3, 5, 6, 7 on that checkout's branch and folder).
///
/// Cheap per call: answers per author, per branch and per folder are cached; only the
/// message scan (rules 4 and 8) runs per commit, and only when rules 1–3 did not answer.
/// Thread-safe (`Sendable`): one instance can serve every source and thread of a run.
///
/// A source that sees working directories (session logs, the collector) makes one per run
/// and asks it per path:
///
/// ```swift
/// let attribution = AgentAttribution.discover(config: context.config)  // one `git worktree list` per repository
/// guard let checkout = attribution.worktree(containing: session.cwd) else { return }  // not the team's
/// let agent = attribution.attribution(forPath: session.cwd)?.agent
///     ?? session.gitBranch.flatMap(attribution.agentId(forBranch:))
///     ?? AgentAttribution.unattributed
/// ```
///
/// `checkout.repository` is the configured repository (`repositories[].path` as written),
/// `checkout.path` its folder, `attribution.worktrees` every checkout with its agent.
public final class AgentAttribution: @unchecked Sendable {
    /// The agent id of work no rule attributes.
    public static let unattributed = "unattributed"

    /// The worktrees of the configured repositories, each with its `agent` filled in.
    public let worktrees: [GitWorktree]

    let rules: AttributionRules
    /// Worktrees by decreasing path length: the first that contains a path is the innermost.
    private let innermostFirst: [GitWorktree]
    private let lock = NSLock()
    private var authorAnswers: [String: String?] = [:]
    private var branchAnswers: [String: BranchAnswers] = [:]
    private var checkoutAnswers: [String: CheckoutAnswers] = [:]
    private var pathAnswers: [String: Attribution?] = [:]

    /// A service for the agents and rules of `config`, knowing `worktrees` (from
    /// `GitWorktree.list` or `discover(config:)`); without worktrees, folders are attributed
    /// by the config's `agents[].worktree` and the tools' folder conventions alone.
    public init(config: ReportConfig, worktrees: [GitWorktree] = []) {
        let canonical = worktrees.map { worktree in
            var worktree = worktree
            worktree.path = CanonicalPath.resolve(worktree.path)
            return worktree
        }
        let rules = AttributionRules(config: config, worktrees: canonical)
        self.rules = rules
        self.worktrees = canonical.map { worktree in
            var worktree = worktree
            worktree.agent = rules.checkout(branch: worktree.branchName, folder: worktree.path)
            return worktree
        }
        innermostFirst = self.worktrees.filter { !$0.isBare }.sorted { $0.path.utf8.count > $1.path.utf8.count }
    }

    /// A service for `config` that lists the worktrees of every configured repository first
    /// (one `git worktree list` each; a repository git cannot read has none). `searchPath`
    /// is where to look for `git` (nil: the process's PATH).
    public static func discover(config: ReportConfig, searchPath: String? = nil) -> AgentAttribution {
        var worktrees: [GitWorktree] = []
        for repository in config.repositories {
            guard let git = try? GitProcess(repository: config.resolve(repository.path), path: searchPath) else {
                continue
            }
            worktrees += (try? GitWorktree.list(git: git, repository: repository.path)) ?? []
        }
        return AgentAttribution(config: config, worktrees: worktrees)
    }

    // MARK: - Commits

    /// The agent of a commit by rules 1–9, or `unattributed`. Never nil: every commit is
    /// somebody's or `unattributed`'s.
    public func attribute(_ commit: CommitFacts) -> Attribution {
        if let agent = authorAgent(name: commit.authorName, email: commit.authorEmail) {
            return Attribution(agent: agent, rule: .configAuthor)
        }
        let checkout = checkoutAnswers(branch: commit.branch, worktree: commit.worktree)
        if let answer = checkout.beforeTrailers { return answer }
        let trailers = MessageTrailers(message: commit.message, keys: rules.trailerKeys)
        if let value = trailers.configured, let agent = agentId(forName: value) {
            return Attribution(agent: agent, rule: .trailer)
        }
        if let answer = checkout.afterTrailers { return answer }
        if let tool = trailers.coAuthorTool { return Attribution(agent: tool, rule: .coAuthor) }
        if let tool = ToolConventions.authorSuffixTool(name: commit.authorName) {
            return Attribution(agent: tool, rule: .authorSuffix)
        }
        return Attribution(agent: Self.unattributed, rule: .unattributed)
    }

    // MARK: - Branches, checkouts, folders

    /// The agent a branch belongs to (rules 2, 5, 7), or nil. Takes `agent-builder-1`,
    /// `refs/heads/agent-builder-1` or a remote-tracking `origin/agent-builder-1` stripped of
    /// its remote by the caller (`GitRef.branchName`).
    public func attribution(forBranch branch: String) -> Attribution? {
        let name = branch.hasPrefix("refs/heads/") ? String(branch.dropFirst("refs/heads/".count)) : branch
        let answers = branchAnswers(for: name)
        if let agent = answers.config { return Attribution(agent: agent, rule: .configBranch) }
        if let agent = answers.pattern { return Attribution(agent: agent, rule: .branchPattern) }
        if let agent = answers.convention { return Attribution(agent: agent, rule: .branchConvention) }
        return nil
    }

    /// The agent id of a branch (see `attribution(forBranch:)`).
    public func agentId(forBranch branch: String) -> String? {
        attribution(forBranch: branch)?.agent
    }

    /// The agent of a checkout: a branch (or none, when detached) checked out in `worktree`
    /// (a canonical folder, or none): rules 2, 3, 5, 6, 7. Used for refs that are worktree
    /// HEADs, so a commit and the folder it was made in get one answer.
    public func attribution(forBranch branch: String?, worktree: String?) -> Attribution? {
        checkoutAnswers(branch: branch, worktree: worktree).checkout
    }

    /// The checkout a folder lies in: the innermost known worktree of a configured repository
    /// that contains it; nil when it lies in none (another project, a folder outside every
    /// repository). The session-log source uses this to keep only the team's sessions.
    public func worktree(containing path: String) -> GitWorktree? {
        let canonical = CanonicalPath.resolve(path, relativeTo: rules.baseDirectory)
        return innermostFirst.first { CanonicalPath.isInside(canonical, $0.path) }
    }

    /// The agent whose checkout a folder lies in — a process's or a session's working
    /// directory, relative paths taken from the config's folder. The innermost worktree
    /// containing it gives the branch and folder for rules 2, 3, 5, 6, 7 (`agents[].worktree`
    /// and the folder conventions are tried on the folder itself, so a clone nested in the
    /// main checkout counts too); nil when no rule answers (the main checkout on `main`).
    public func attribution(forPath path: String) -> Attribution? {
        if let cached = lock.withLock({ pathAnswers[path] }) { return cached }
        let canonical = CanonicalPath.resolve(path, relativeTo: rules.baseDirectory)
        let checkout = innermostFirst.first { CanonicalPath.isInside(canonical, $0.path) }
        let answer = rules.checkout(branch: checkout?.branchName, folder: canonical)
        lock.withLock { pathAnswers[path] = answer }
        return answer
    }

    /// The agent id of a folder (see `attribution(forPath:)`).
    public func agentId(forPath path: String) -> String? {
        attribution(forPath: path)?.agent
    }

    // MARK: - Names

    /// The agent id for a name written by hand — a progress-log heading ("Full-Stack
    /// Builder"), a board assignee or `updatedBy`, a memory pattern's `agentId`, a trailer's
    /// value: a config agent whose id, name or slugged name it is (compared without regard
    /// to case or Unicode normalisation), else the name as a slug; nil for the whole team
    /// (`all`, `team`, `*`, `everyone`) and for a name with nothing usable in it.
    public func agentId(forName name: String) -> String? {
        rules.agentId(forName: name)
    }
}

private extension AgentAttribution {
    func authorAgent(name: String, email: String) -> String? {
        guard rules.hasAuthorRules else { return nil }
        let key = name + "\u{0}" + email
        if let cached = lock.withLock({ authorAnswers[key] }) { return cached }
        let answer = rules.configAuthorAgent(name: name, email: email)
        lock.withLock { authorAnswers[key] = .some(answer) }
        return answer
    }

    /// Rules 2, 3, 5, 6, 7 for one checkout, worked out once per branch and folder (a
    /// history has few of them, and every commit asks).
    func checkoutAnswers(branch: String?, worktree: String?) -> CheckoutAnswers {
        let key = (branch ?? "") + "\u{0}" + (worktree ?? "")
        if let cached = lock.withLock({ checkoutAnswers[key] }) { return cached }
        let answers = rules.checkoutAnswers(branch: branch.map { branchAnswers(for: $0) }, folder: worktree)
        lock.withLock { checkoutAnswers[key] = answers }
        return answers
    }

    func branchAnswers(for branch: String) -> BranchAnswers {
        if let cached = lock.withLock({ branchAnswers[branch] }) { return cached }
        let answers = rules.branchAnswers(branch)
        lock.withLock { branchAnswers[branch] = answers }
        return answers
    }
}
