import Foundation

/// The agents of one sample and the checkouts they work in: the worktrees of every
/// configured repository (`git worktree list`, bounded in time) attributed by the one
/// attribution service, plus the `agents[].worktree` folders git does not list (a clone of
/// its own); then, per agent checkout, `git status` and the time of its last commit.
struct TeamCheckouts: Sendable {
    /// One folder an agent works in (or the main checkout, which belongs to no agent).
    struct Checkout: Sendable {
        /// Canonical folder.
        var path: String
        /// The agent it belongs to; nil for checkouts no rule attributes.
        var agent: String?
        /// Where `git log` runs for its commits: its repository's folder (or itself).
        var gitFolder: String
        /// Whether `git worktree list` listed it.
        var isListed: Bool
        /// The branch and HEAD the list gave (status is fresher).
        var listedBranch: String?
        var listedHead: String?
        /// `git status`, when it worked; else why not.
        var status: WorktreeStatus?
        var problem: String?
        /// The last commit's committer time and the newest changed file's time.
        var commitTime: Int64?
        var changeTime: Int64?

        /// The commit checked out.
        var head: String? { status?.head ?? listedHead }
        /// Its newest activity (commit or file change).
        var activity: Int64? { [commitTime, changeTime].compactMap { $0 }.max() }
    }

    /// The attribution service over the worktrees found.
    var attribution: AgentAttribution
    /// Every non-bare checkout, agents' and others'.
    var checkouts: [Checkout]
    /// Every agent of the sample, sorted: the config's and those of attributed worktrees.
    var agentIds: [String]
    /// What could not be read for the whole team (a repository git cannot list).
    var notes: [String]

    /// Lists the worktrees of every configured repository and attributes them.
    static func discover(config: ReportConfig, git: String?, environment: [String: String]) -> TeamCheckouts {
        var worktrees: [GitWorktree] = []
        var notes: [String] = []
        let toolEnvironment = ProcessRunner.toolEnvironment(environment)
        for repository in config.repositories {
            guard let git else {
                notes.append("git is not installed: no worktrees, branches or commits")
                break
            }
            let folder = config.resolve(repository.path)
            do {
                let outcome = try ProcessRunner.run(
                    git, ["-C", folder, "worktree", "list", "--porcelain", "-z"], environment: toolEnvironment,
                    timeout: config.sample.gitTimeoutSeconds)
                guard outcome.succeeded else {
                    let reason = outcome.timedOut ? "timed out" : outcome.firstErrorLine
                    notes.append("repository \(repository.path): git worktree list failed: \(reason)")
                    continue
                }
                worktrees += GitWorktree.parse(porcelain: outcome.output, repository: repository.path)
            } catch {
                notes.append("repository \(repository.path): \(error)")
            }
        }
        let attribution = AgentAttribution(config: config, worktrees: worktrees)
        var checkouts = attribution.worktrees.filter { !$0.isBare && !$0.isPrunable }.map { worktree in
            Checkout(
                path: worktree.path, agent: worktree.agent.flatMap { $0.isAgent ? $0.agent : nil },
                gitFolder: CanonicalPath.resolve(config.resolve(worktree.repository)), isListed: true,
                listedBranch: worktree.branchName, listedHead: worktree.head)
        }
        for agent in config.agents {
            guard let folder = agent.worktree else { continue }
            let path = CanonicalPath.resolve(config.resolve(folder))
            var isDirectory: ObjCBool = false
            guard !checkouts.contains(where: { $0.path == path }),
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            checkouts.append(Checkout(path: path, agent: agent.id, gitFolder: path, isListed: false))
        }
        let ids = Set(config.agents.map(\.id)).union(checkouts.compactMap(\.agent))
            .subtracting([AgentAttribution.unattributed])
        return TeamCheckouts(attribution: attribution, checkouts: checkouts, agentIds: ids.sorted(), notes: notes)
    }

    /// Runs `git status` in every agent checkout (four at a time) and `git log` once per
    /// repository for the commit times of their HEADs.
    mutating func readGit(git: String?, environment: [String: String], timeout: Double) {
        let indices = checkouts.indices.filter { checkouts[$0].agent != nil }
        guard let git else {
            for index in indices { checkouts[index].problem = "git is not installed" }
            return
        }
        let toolEnvironment = ProcessRunner.toolEnvironment(environment)
        let paths = indices.map { checkouts[$0].path }
        let statuses = Parallel.map(paths, width: 4) { path in
            WorktreeStatus.read(worktree: path, git: git, environment: toolEnvironment, timeout: timeout)
        }
        for (index, result) in zip(indices, statuses) {
            switch result {
            case .success(let status):
                checkouts[index].status = status
                checkouts[index].changeTime = status.newestChange(in: checkouts[index].path).map { Int64($0) }
            case .failure(let problem):
                checkouts[index].problem = problem.description
            }
        }
        // One `git log --no-walk` per repository: a commit's time without a process per agent.
        var headsByFolder: [String: Set<String>] = [:]
        for index in indices {
            if let head = checkouts[index].head { headsByFolder[checkouts[index].gitFolder, default: []].insert(head) }
        }
        let folders = headsByFolder.keys.sorted()
        let heads = headsByFolder
        let times = Parallel.map(folders, width: 4) { folder in
            Self.commitTimes(
                of: (heads[folder] ?? []).sorted(), in: folder, git: git,
                environment: toolEnvironment, timeout: timeout)
        }
        let byFolder = Dictionary(uniqueKeysWithValues: zip(folders, times))
        for index in indices {
            guard let head = checkouts[index].head else { continue }
            checkouts[index].commitTime = byFolder[checkouts[index].gitFolder]?[head]
        }
    }

    /// Committer times (seconds since 1970) of `heads`, read in `folder`; empty on failure.
    static func commitTimes(
        of heads: [String], in folder: String, git: String, environment: [String: String], timeout: Double
    ) -> [String: Int64] {
        guard !heads.isEmpty,
            let outcome = try? ProcessRunner.run(
                git, ["-C", folder, "log", "--no-walk=unsorted", "--format=%H %ct"] + heads, environment: environment,
                timeout: timeout),
            outcome.succeeded
        else { return [:] }
        var times: [String: Int64] = [:]
        for line in String(decoding: outcome.output, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let time = Int64(parts[1]) { times[String(parts[0])] = time }
        }
        return times
    }
}
