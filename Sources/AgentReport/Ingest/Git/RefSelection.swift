import Foundation

/// The refs of one repository that git ingest reads and the board history replays
/// (DESIGN §3.5): the refs matching `repositories[].refs`, plus the HEAD of every worktree
/// (a branch checked out there, or the worktree's own HEAD when detached); when nothing
/// matches at all, `HEAD` — a CI checkout is a detached HEAD with no local branch.
struct RefSelection {
    /// The refs to read, sorted by name, each with the worktree that has it checked out.
    var refs: [GitRef] = []
    /// How many refs matched `repositories[].refs` (0: only worktree HEADs, or `HEAD`, are read).
    var configuredMatches = 0
    /// Remote-tracking refs of agent branches (by the branch rules) that the patterns leave
    /// out and that no selected ref has under the same branch name: a CI checkout's
    /// `refs/remotes/origin/agent-builder-1` when only `refs/heads/*` is configured.
    var unreadAgentBranches: [GitRef] = []
    /// Whether the repository has any ref at all (an empty repository has none).
    var hasAnyRef = false

    /// The selection for `repository`, whose worktrees are `worktrees`.
    static func select(
        git: GitProcess, patterns: [String], worktrees: [GitWorktree], attribution: AgentAttribution
    ) throws -> RefSelection {
        let globs = patterns.map { GlobPattern($0, starCrossesSlash: true) }
        var all: [GitRef] = []
        _ = try git.stream(
            ["for-each-ref", "--format=" + GitRef.listFormat],
            onLine: { line in
                if let ref = GitRef.parse(listLine: String(decoding: line, as: UTF8.self)) { all.append(ref) }
            })
        var selection = RefSelection()
        selection.hasAnyRef = !all.isEmpty
        var byName: [String: GitRef] = [:]
        for ref in all where Self.matches(ref.name, globs) { byName[ref.name] = ref }
        selection.configuredMatches = byName.count
        for worktree in worktrees where !worktree.isBare {
            guard let name = worktree.headRef, let head = worktree.head else { continue }
            var ref = byName[name] ?? GitRef(name: name, tip: head)
            ref.worktree = worktree.path
            byName[name] = ref
        }
        if byName.isEmpty, let head = try? git.text(["rev-parse", "--verify", "-q", "HEAD^{commit}"]), !head.isEmpty {
            byName["HEAD"] = GitRef(name: "HEAD", tip: head)
        }
        selection.refs = byName.values.sorted { $0.name < $1.name }
        let branchNames = Set(selection.refs.map(\.branchName))
        selection.unreadAgentBranches = all.filter { ref in
            ref.name.hasPrefix("refs/remotes/") && byName[ref.name] == nil && !ref.name.hasSuffix("/HEAD")
                && !branchNames.contains(ref.branchName) && attribution.attribution(forBranch: ref.branchName) != nil
        }
        return selection
    }

    /// Whether a ref name matches one of the patterns (a pattern without glob characters
    /// means the ref and everything below it).
    static func matches(_ name: String, _ globs: [GlobPattern]) -> Bool {
        globs.contains { pattern in
            pattern.isLiteral ? (name == pattern.text || name.hasPrefix(pattern.text + "/")) : pattern.matches(name)
        }
    }
}
