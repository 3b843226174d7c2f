/// The conventions of today's coding-agent tools, which attribute work when the config's own
/// rules say nothing (docs/configuration.md lists them with the tools they come from).
///
/// | tool | branch | worktree folder | commit |
/// |---|---|---|---|
/// | Claude Code | `worktree-<name>` (`claude --worktree <name>`), `claude/…` (cloud) | `.claude/worktrees/<name>` | `Co-Authored-By: Claude <noreply@anthropic.com>` |
/// | Codex | `codex/…` (cloud) | `~/.codex/worktrees/…` (the app, detached HEAD) | — |
/// | GitHub Copilot coding agent | `copilot/…` | — | — |
/// | Cursor background agents | `cursor/…` | — | `Co-authored-by: Cursor <cursoragent@cursor.com>` |
/// | aider | — | — | author `<name> (aider)`, `Co-authored-by: aider (<model>) <noreply@aider.chat>` |
/// | the seed system | `agent-<name>-<time>`, `agents/<name>` (`attribution.branchPatterns`) | `agents/<name>` | — |
///
/// A tool's name is the agent id when nothing names the agent better: the `<name>` of a
/// Claude Code worktree, or a branch rule matching what follows a cloud prefix
/// (`codex/agents/builder` → `builder`).
enum ToolConventions {
    /// Branch prefixes of cloud agents and the tool each names.
    static let branchPrefixes: [(prefix: String, tool: String)] = [
        ("claude/", "claude"), ("codex/", "codex"), ("copilot/", "copilot"), ("cursor/", "cursor"),
    ]

    /// The prefix of the branch `claude --worktree <name>` creates.
    static let worktreeBranchPrefix = "worktree-"

    /// The tool a `Co-authored-by:` identity belongs to, by its e-mail address.
    static func coAuthorTool(email: String) -> String? {
        let email = email.lowercased()
        if email == "noreply@anthropic.com" { return "claude" }
        if email == "cursoragent@cursor.com" { return "cursor" }
        if email.hasSuffix("@aider.chat") { return "aider" }
        return nil
    }

    /// The tool an author name marks as its own (aider appends ` (aider)`).
    static func authorSuffixTool(name: String) -> String? {
        name.hasSuffix(" (aider)") ? "aider" : nil
    }

    /// What a worktree folder's path says: `.claude/worktrees/<name>` → the name;
    /// `.codex/worktrees/…` → `codex`; `<root>/agents/<name>` (or `agent/<name>`) right
    /// under one of `roots` (the repositories' top folders, the config's folder) → the name.
    /// `path` is canonical; nil when no convention applies.
    static func worktreeAgent(path: String, roots: [String]) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        var index = components.count - 1
        // The innermost match wins: a checkout inside another checkout is the inner one's.
        while index >= 2 {
            if components[index - 1] == "worktrees" {
                if components[index - 2] == ".claude", let name = String(components[index]).agentSlug { return name }
                if components[index - 2] == ".codex" { return "codex" }
            }
            index -= 1
        }
        for root in roots where CanonicalPath.isInside(path, root) && path.utf8.count > root.utf8.count {
            let relative = path.utf8.dropFirst(root == "/" ? 1 : root.utf8.count + 1)
            let parts = String(decoding: relative, as: UTF8.self).split(separator: "/", maxSplits: 2)
            if parts.count >= 2, parts[0] == "agents" || parts[0] == "agent", let name = String(parts[1]).agentSlug {
                return name
            }
        }
        return nil
    }
}
