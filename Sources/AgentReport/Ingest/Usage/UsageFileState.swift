import Foundation

/// How far a session log was read, what it is, and what reading on needs (`usage_files`).
///
/// A log file is known by its tool, its file name (`<sessionId>.jsonl`, `agent-<id>.jsonl`,
/// `rollout-<time>-<id>.jsonl`) and a fingerprint of its first line — never by its absolute
/// path — so a log folder that moves, a rollout archived from `sessions/` to
/// `archived_sessions/`, or the same file seen under two roots keeps its place.
struct UsageFileState: Sendable, Equatable {
    /// Whether the file's lines are read, or its session lies outside every configured checkout.
    enum Status: String, Sendable {
        /// Read; `offset` says how far.
        case read
        /// Never read beyond its working directory: another project's session. `scope` says
        /// for which set of checkouts this was decided.
        case outside
    }

    var tool: SessionLogTool
    var fileName: String
    /// FNV-1a of the first line (up to 64 KiB).
    var headFingerprint: String
    /// Where it was last seen, relative to its log folder.
    var relativePath: String
    /// Bytes read so far (always after a newline).
    var offset: Int64 = 0
    /// The file's size when last seen.
    var size: Int64 = 0
    /// FNV-1a of the 256 bytes before `offset`: unchanged, the file was only appended to.
    var tailFingerprint: String = ""
    /// Lines read so far.
    var linesRead: Int = 0
    var status: Status = .read
    /// For `outside`: the fingerprint of the checkouts it was compared with.
    var scope: String?
    /// What the reader needs to continue at `offset` (JSON, see `SessionLogContext`).
    var context: SessionLogContext = SessionLogContext()
}

/// What reading a log on from the middle needs to know about its start: the session, the
/// working directory, and for Codex the model and totals so far.
struct SessionLogContext: Codable, Sendable, Equatable {
    /// The session id (Claude `sessionId`, Codex `session_meta.id`).
    var session: String?
    /// The working directory the session started in.
    var cwd: String?
    /// The branch (Codex `session_meta.git.branch`).
    var branch: String?
    /// Claude: the subagent type of a subagent transcript.
    var subagentType: String?
    /// Codex: the session this one was forked from (or the parent of a subagent thread).
    var forkedFrom: String?
    /// Codex: when the fork was made (its own `session_meta` time).
    var forkTime: Int64?
    /// Codex: still in the copy of the parent's history.
    var replaying: Bool?
    /// Codex: the model of the latest `turn_context`.
    var model: String?
    /// Codex: the cumulative totals of the latest `token_count` row.
    var totals: [Int64]?
    /// Codex: tool calls seen since the last counted row (attached to the next one).
    var pendingTools: [String]?
    var pendingToolIds: [String]?

    /// An empty context.
    init() {}

    /// As stored: compact JSON, sorted keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// From stored JSON; empty when unreadable.
    init(json: String?) {
        self =
            json.flatMap { try? JSONDecoder().decode(SessionLogContext.self, from: Data($0.utf8)) }
            ?? SessionLogContext()
    }
}
