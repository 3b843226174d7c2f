/// The coding agent a session log belongs to.
public enum SessionLogTool: String, Sendable, CaseIterable {
    /// Claude Code transcripts (`~/.claude/projects/**/*.jsonl`).
    case claudeCode = "claude-code"
    /// Codex rollouts (`$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`).
    case codex
}

/// One deduplicated model request from a session log, attributed and priced: a row of
/// `usage_requests`. Counts, model, tool names, error flags, session and times only — no text.
struct UsageRequest: Sendable, Equatable {
    /// One tool call the request made (`tool_use` in Claude Code, `function_call` in Codex).
    struct ToolUse: Sendable, Equatable {
        /// The call's id (`toolu_…`, `call_…`).
        var id: String
        /// The tool's name (`Bash`, `Edit`, `shell`).
        var name: String
    }

    /// The request's identity across files and runs (FNV-1a, 64 bits; see `UsageKeys`).
    var key: Int64
    var tool: SessionLogTool
    /// The agent, by the attribution service (`unattributed` when no rule answered).
    var agent: String
    /// The rule that named the agent.
    var attributedBy: String
    /// When the request was answered, seconds since 1970.
    var timestamp: Int64
    var sessionId: String
    /// The model as the log names it.
    var model: String
    /// The configured repository (`repositories[].path` as written) whose checkout held the
    /// session's working directory.
    var repository: String?
    /// The branch checked out (`gitBranch`, `git.branch`).
    var branch: String?
    /// A subagent's type (`.meta.json` `agentType`), for subagent transcripts.
    var subagentType: String?
    /// Whether the line was a sidechain (subagent) line.
    var isSidechain: Bool
    var tokens: TokenCounts
    /// Whether Claude Code ran it in fast mode (`usage.speed == "fast"`).
    var fast: Bool
    /// US dollars; nil when the price is unknown.
    var cost: Double?
    /// Its tool calls.
    var toolUses: [ToolUse]
}

/// The identities of requests and log lines: FNV-1a 64-bit hashes (the same on every run and
/// machine), stored as signed integers.
enum UsageKeys {
    /// A Claude Code response: `message.id` and `requestId` (one response is written as several
    /// lines repeating both).
    static func claude(messageId: String, requestId: String?) -> Int64 {
        key("claude\u{0}" + messageId + "\u{0}" + (requestId ?? ""))
    }

    /// A Codex `token_count` row: the session it belongs to and the cumulative totals after it
    /// (which only move forward within a session).
    static func codex(session: String, totals: [Int64]) -> Int64 {
        key("codex\u{0}" + session + "\u{0}" + totals.map(String.init).joined(separator: ","))
    }

    /// The hash of `text` as a signed 64-bit integer (SQLite's INTEGER).
    static func key(_ text: String) -> Int64 {
        Int64(bitPattern: FNV1a.hash(text.utf8))
    }
}
