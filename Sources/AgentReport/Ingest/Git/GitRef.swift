/// One ref of a repository as `git for-each-ref` lists it, peeled to its commit — or a
/// worktree's HEAD (`main-worktree/HEAD`, `worktrees/<name>/HEAD`, plain `HEAD`), which git
/// ingest reads as well.
public struct GitRef: Sendable, Hashable {
    /// The full name: `refs/heads/agents/validator`, `worktrees/x/HEAD`.
    public let name: String
    /// The commit it points at (annotated tags peeled).
    public let tip: String
    /// The canonical folder of the worktree that has it checked out, if any.
    public var worktree: String?

    /// A ref from its full name and tip, checked out in `worktree` when given.
    public init(name: String, tip: String, worktree: String? = nil) {
        self.name = name
        self.tip = tip
        self.worktree = worktree
    }

    /// Whether it is a HEAD (of the repository, or of a worktree) rather than a named ref.
    public var isHead: Bool {
        name == "HEAD" || name == "main-worktree/HEAD" || (name.hasPrefix("worktrees/") && name.hasSuffix("/HEAD"))
    }

    /// The name people use, stored as `git_commits.branch`: `main`, `agents/validator`,
    /// `origin/main` for a remote-tracking ref, `v1.0` for a tag, the HEAD's name as it is.
    public var shortName: String {
        for prefix in ["refs/heads/", "refs/remotes/", "refs/tags/"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// The branch name that attribution rules see: the short name without the remote of a
    /// remote-tracking ref (`origin/agent-builder-1` → `agent-builder-1`).
    public var branchName: String {
        guard name.hasPrefix("refs/remotes/") else { return shortName }
        let short = shortName
        guard let slash = short.firstIndex(of: "/") else { return short }
        return String(short[short.index(after: slash)...])
    }

    /// The branch the attribution service is given: `branchName`, or nil for a HEAD (a
    /// detached checkout is attributed by its worktree's folder).
    public var attributionBranch: String? { isHead ? nil : branchName }

    /// Parses one `for-each-ref` line of `GitRef.listFormat`; nil for refs that do not end at
    /// a commit (a tag of a tree or blob).
    static func parse(listLine line: String) -> GitRef? {
        let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5 else { return nil }
        if fields[1] == "commit" { return GitRef(name: String(fields[4]), tip: String(fields[0])) }
        if fields[1] == "tag", fields[3] == "commit" { return GitRef(name: String(fields[4]), tip: String(fields[2])) }
        return nil
    }

    /// The `for-each-ref --format` that `parse(listLine:)` reads.
    static let listFormat = "%(objectname) %(objecttype) %(*objectname) %(*objecttype) %(refname)"
}

extension AgentAttribution {
    /// The agent a ref belongs to as a checkout: its branch (none for a HEAD) in its
    /// worktree (if checked out in one).
    public func attribution(for ref: GitRef) -> Attribution? {
        attribution(forBranch: ref.attributionBranch, worktree: ref.worktree)
    }
}
