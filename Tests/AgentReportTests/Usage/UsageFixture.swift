import Foundation
import GRDB
import Testing

@testable import AgentReport

/// A temporary team workspace for the usage source: a git repository (with linked worktrees
/// when asked), Claude Code and Codex log folders inside the workspace, and a config that
/// points `usage` at them. Every log line is written by the test (no real logs).
final class UsageFixture {
    /// The workspace folder (removed on deinit).
    let root: String
    /// The repository's main checkout.
    let repo: String
    /// Claude Code's `projects` folder.
    let claude: String
    /// Codex's home (`sessions/`, `archived_sessions/`).
    let codex: String
    let store: ReportStore
    var diagnostics = DiagnosticLog()
    var extraConfig = ""
    /// The folder of the logs, as the config names it (relative to the workspace).
    var logsFolder = "logs"

    init() throws {
        root = CanonicalPath.resolve(
            FileManager.default.temporaryDirectory.appendingPathComponent("agentreport-usage-\(UUID().uuidString)").path
        )
        repo = root + "/repo"
        claude = root + "/logs/claude/projects"
        codex = root + "/logs/codex"
        for folder in [repo, claude, codex + "/sessions", codex + "/archived_sessions"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        store = try ReportStore.inMemory()
        try git(["init", "-q", "-b", "main"])
        try Data("# repo\n".utf8).write(to: URL(fileURLWithPath: repo + "/README.md"))
        try git(["add", "README.md"])
        try git(["commit", "-q", "-m", "start"])
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Runs git in the main checkout with a fixed identity.
    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        try GitProcess(
            repository: repo,
            environment: [
                "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
                "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-05-01T00:00:00Z",
                "GIT_COMMITTER_DATE": "2026-05-01T00:00:00Z", "GIT_CONFIG_GLOBAL": "/dev/null",
                "GIT_CONFIG_NOSYSTEM": "1",
            ]
        ).text(arguments)
    }

    /// Adds a linked worktree at `repo/<folder>` on a new branch; returns its path.
    @discardableResult
    func addWorktree(_ folder: String, branch: String) throws -> String {
        try git(["worktree", "add", "-q", "-b", branch, folder])
        return repo + "/" + folder
    }

    /// The config: the repository, the log folders, agents and anything in `extraConfig`.
    var config: ReportConfig {
        get throws {
            let json = """
                {"repositories": [{"path": "repo"}],
                 "usage": {"claude": ["\(logsFolder)/claude"], "codex": ["\(logsFolder)/codex"]},
                 "agents": [{"id": "builder", "branches": ["agent-builder-*"]}, {"id": "validator"}]\(extraConfig)}
                """
            return try ConfigLoader.parse(Data(json.utf8), file: "agentreport.json", baseDirectory: root)
        }
    }

    /// Runs the usage source once; returns the new requests.
    @discardableResult
    func ingest(now: String = "2026-05-02T00:00:00Z", chunkSize: Int = 8 << 20) throws -> Int {
        let context = RunContext(
            config: try config, now: try #require(UTCTime.parse(now)), diagnostics: diagnostics,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        return try UsageSource(chunkSize: chunkSize).ingest(into: store, context: context)
    }

    // MARK: - Files

    /// The Claude Code project folder of a working directory.
    func claudeFolder(for cwd: String) -> String {
        claude + "/" + SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: cwd)
    }

    /// Writes (replaces) a file; `lines` are joined by newlines, with a final one unless `torn`.
    func write(_ path: String, _ lines: [String], torn: Bool = false) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let text = lines.joined(separator: "\n") + (torn || lines.isEmpty ? "" : "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Appends raw text to a file.
    func append(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    // MARK: - Reading back

    /// One stored request, as the tests look at it.
    struct Request: Equatable {
        var agent: String
        var session: String
        var model: String
        var input: Int64
        var output: Int64
        var cacheWrite5m: Int64
        var cacheWrite1h: Int64
        var cacheRead: Int64
        var cost: Double?
        var sidechain: Bool
        var subagentType: String?
        var branch: String?
        var attributedBy: String
    }

    /// Every stored request, by time then key.
    func requests() throws -> [Request] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage_requests ORDER BY timestamp, id").map { row in
                Request(
                    agent: row["agent_id"], session: row["session_id"], model: row["model"], input: row["input_tokens"],
                    output: row["output_tokens"], cacheWrite5m: row["cache_write_5m_tokens"],
                    cacheWrite1h: row["cache_write_1h_tokens"], cacheRead: row["cache_read_tokens"],
                    cost: row["cost_usd"],
                    sidechain: row["is_sidechain"], subagentType: row["subagent_type"], branch: row["branch"],
                    attributedBy: row["attributed_by"])
            }
        }
    }

    /// A number from the database.
    func count(_ sql: String) throws -> Int {
        try store.queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The warnings and errors reported so far.
    var problems: [Diagnostic] { diagnostics.all.filter { $0.severity != .note } }
}

/// Hand-written log lines in the tools' formats (field names as documented in issue 16).
enum LogLine {
    /// A Claude Code assistant line (one content block of a response).
    static func assistant(
        id: String, request: String? = nil, session: String = "s1", cwd: String, branch: String = "main",
        time: String = "2026-05-01T10:00:00.000Z", model: String = "claude-sonnet-4-5-20250929", input: Int = 10,
        output: Int, cacheWrite: Int = 0, cacheWrite1h: Int? = nil, cacheRead: Int = 0, sidechain: Bool = false,
        speed: String? = nil, content: String = #"{"type":"text","text":"Done."}"#
    ) -> String {
        var usage =
            #""input_tokens":\#(input),"output_tokens":\#(output),"cache_creation_input_tokens":\#(cacheWrite),"cache_read_input_tokens":\#(cacheRead)"#
        if let cacheWrite1h {
            usage +=
                #","cache_creation":{"ephemeral_5m_input_tokens":\#(cacheWrite - cacheWrite1h),"ephemeral_1h_input_tokens":\#(cacheWrite1h)}"#
        }
        if let speed { usage += #","speed":"\#(speed)""# }
        let requestField = request.map { #""requestId":"\#($0)","# } ?? ""
        return
            #"{"parentUuid":null,"isSidechain":\#(sidechain),"userType":"external","cwd":"\#(cwd)","sessionId":"\#(session)","version":"2.0.1","gitBranch":"\#(branch)","message":{"id":"\#(id)","type":"message","role":"assistant","model":"\#(model)","content":[\#(content)],"stop_reason":null,"usage":{\#(usage)}},\#(requestField)"type":"assistant","uuid":"u-\#(id)-\#(output)","timestamp":"\#(time)"}"#
    }

    /// A `tool_use` content block.
    static func toolUse(_ id: String, _ name: String) -> String {
        #"{"type":"tool_use","id":"\#(id)","name":"\#(name)","input":{"command":"swift test"}}"#
    }

    /// A Claude Code user line carrying a tool result.
    static func toolResult(_ id: String, error: Bool, cwd: String, session: String = "s1") -> String {
        #"{"parentUuid":"p","isSidechain":false,"cwd":"\#(cwd)","sessionId":"\#(session)","type":"user","message":{"role":"user","content":[{"tool_use_id":"\#(id)","type":"tool_result","content":"exit 1: a \"usage\" line","is_error":\#(error)}]},"uuid":"r-\#(id)","timestamp":"2026-05-01T10:00:05.000Z"}"#
    }

    /// A Claude Code user prompt line.
    static func prompt(cwd: String, session: String = "s1", text: String = "Fix the build") -> String {
        #"{"parentUuid":null,"isSidechain":false,"cwd":"\#(cwd)","sessionId":"\#(session)","gitBranch":"main","type":"user","message":{"role":"user","content":"\#(text)"},"uuid":"p-1","timestamp":"2026-05-01T09:59:00.000Z"}"#
    }

    /// A Codex rollout line.
    static func codex(_ type: String, time: String = "2026-05-01T10:00:00.000Z", _ payload: String) -> String {
        #"{"timestamp":"\#(time)","type":"\#(type)","payload":\#(payload)}"#
    }

    /// A Codex `session_meta` line.
    static func codexMeta(
        id: String, cwd: String, time: String = "2026-05-01T09:00:00.000Z", branch: String = "main", extra: String = ""
    ) -> String {
        codex(
            "session_meta", time: time,
            #"{"id":"\#(id)","timestamp":"\#(time)","cwd":"\#(cwd)","originator":"codex_cli_rs","cli_version":"0.50.0","instructions":null,"source":"cli"\#(extra),"git":{"commit_hash":"abc","branch":"\#(branch)"}}"#
        )
    }

    /// A Codex `turn_context` line.
    static func codexTurn(model: String = "gpt-5-codex", cwd: String, time: String = "2026-05-01T10:00:00.000Z")
        -> String
    {
        codex(
            "turn_context", time: time,
            #"{"cwd":"\#(cwd)","approval_policy":"on-request","model":"\#(model)","effort":"medium","summary":"auto"}"#)
    }

    /// A Codex `token_count` event: cumulative `total` and the turn's `last`, each
    /// `[input, cached, output, reasoning]` (total_tokens = input + output).
    static func codexTokens(total: [Int], last: [Int], time: String = "2026-05-01T10:00:00.000Z") -> String {
        func usage(_ u: [Int]) -> String {
            #"{"input_tokens":\#(u[0]),"cached_input_tokens":\#(u[1]),"output_tokens":\#(u[2]),"reasoning_output_tokens":\#(u[3]),"total_tokens":\#(u[0] + u[2])}"#
        }
        return codex(
            "event_msg", time: time,
            #"{"type":"token_count","info":{"total_token_usage":\#(usage(total)),"last_token_usage":\#(usage(last)),"model_context_window":272000},"rate_limits":{"primary":{"used_percent":12.0,"window_minutes":300},"secondary":{"used_percent":3.0,"window_minutes":10080}}}"#
        )
    }

    /// A Codex `token_count` event with `info: null`.
    static func codexNullTokens(time: String = "2026-05-01T10:00:00.000Z") -> String {
        codex(
            "event_msg", time: time,
            #"{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":1.0}}}"#)
    }

    /// A Codex function call.
    static func codexCall(_ id: String, _ name: String = "shell") -> String {
        codex(
            "response_item",
            #"{"type":"function_call","name":"\#(name)","arguments":"{\"command\":[\"ls\"]}","call_id":"\#(id)"}"#)
    }

    /// A Codex assistant message (text never stored).
    static func codexMessage(_ text: String) -> String {
        codex(
            "response_item",
            #"{"type":"message","role":"assistant","content":[{"type":"output_text","text":"\#(text)"}]}"#)
    }
}
