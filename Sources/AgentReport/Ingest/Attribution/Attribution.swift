/// The agent a rule of the attribution service named, and which rule it was.
public struct Attribution: Sendable, Hashable {
    /// The agent id (a slug, DESIGN §3.1), or `unattributed` when no rule answered.
    public var agent: String
    /// The rule that answered; stored as `git_commits.attributed_by`.
    public var rule: AttributionRule

    /// An answer of `rule`.
    public init(agent: String, rule: AttributionRule) {
        self.agent = agent
        self.rule = rule
    }

    /// Whether a rule named an agent (not `unattributed`).
    public var isAgent: Bool { rule != .unattributed }
}

/// The rules of the attribution service, in the order a commit is tried against them
/// (docs/configuration.md, "Attribution"): the config's explicit rules first, then the
/// conventions of today's agent tools, then `unattributed`.
public enum AttributionRule: String, Sendable, CaseIterable {
    /// `agents[].authors` matched the author's name or e-mail (after `.mailmap`).
    case configAuthor = "config-author"
    /// `agents[].branches` matched the (claimed) branch.
    case configBranch = "config-branch"
    /// `agents[].worktree` matched the checkout (a commit's worktree, a path inside it).
    case configWorktree = "config-worktree"
    /// A trailer named in `attribution.trailers` (`Agent: builder`).
    case trailer
    /// `attribution.branchPatterns` matched the branch (its `agent` group).
    case branchPattern = "branch-pattern"
    /// A tool's worktree folder: `.claude/worktrees/<name>`, `~/.codex/worktrees/…`, `agents/<name>`.
    case worktreeConvention = "worktree-convention"
    /// A tool's branch name: `worktree-<name>`, `claude/…`, `codex/…`, `copilot/…`, `cursor/…`.
    case branchConvention = "branch-convention"
    /// A `Co-authored-by:` trailer of a known tool (Claude Code, aider, Cursor).
    case coAuthor = "co-author"
    /// aider's author-name suffix ` (aider)`.
    case authorSuffix = "author-suffix"
    /// No rule answered.
    case unattributed
}
