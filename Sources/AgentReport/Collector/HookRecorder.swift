import Foundation

/// `agentreport hook`: turns one Claude Code hook event (the JSON object it writes on the
/// hook's stdin) into the metric line it means (DESIGN §3.8, docs/collector.md):
///
/// - `PostToolUse` / `PostToolUseFailure` of a `Bash` command that `sample.checkCommands`
///   names → a `check` line: `name`, `passed` (`PostToolUse` is a success, exit 0;
///   `PostToolUseFailure` a failure, its exit code read from the `error` text),
///   `exit_code`, `duration_s` (the event's `duration_ms`, else the time since this check's
///   `PreToolUse`, else null), and `subagent_type` (the event's `agent_type`) when the
///   command ran inside a subagent — absent when the main session ran it. Interrupted and
///   background runs say nothing about the result: no line.
/// - `PreToolUse` of such a command → no line; its start time is kept (by `tool_use_id`)
///   for the duration, in `metrics/.hook-pending/`.
/// - `SessionStart` / `SessionEnd` / `StopFailure` → a `session` line, `event` `start` /
///   `end` / `failure`, `reason` its `source` / `reason` / `error_type`.
///
/// The agent is the one whose worktree contains the event's `cwd` (the attribution
/// service); an event in no agent's worktree (a human in the main checkout) writes nothing.
struct HookRecorder: Sendable {
    /// What one event becomes.
    enum Outcome: Equatable {
        /// Lines to append.
        case lines([JSONLine])
        /// Nothing to record, and why (printed under `--verbose`).
        case nothing(String)
    }

    let config: ReportConfig
    /// Where the pending `PreToolUse` start times are kept.
    let pendingFolder: String
    let matcher: CheckCommandMatcher
    /// The agent whose worktree contains a folder, nil for none.
    let agentForFolder: @Sendable (String) -> String?

    /// A recorder for `config`; `agentForFolder` answers which agent a `cwd` belongs to.
    init(config: ReportConfig, agentForFolder: @escaping @Sendable (String) -> String?) {
        self.config = config
        pendingFolder = (config.metricsPath as NSString).appendingPathComponent(".hook-pending")
        matcher = CheckCommandMatcher(config.sample.checkCommands)
        self.agentForFolder = agentForFolder
    }

    /// The lines for `event` observed at `now` (seconds since 1970, with fractions).
    func record(_ event: [String: Any], now: Double) -> Outcome {
        guard let name = event["hook_event_name"] as? String else { return .nothing("no hook_event_name") }
        switch name {
        case "PreToolUse", "PostToolUse", "PostToolUseFailure":
            return recordTool(event, name: name, now: now)
        case "SessionStart", "SessionEnd", "StopFailure":
            guard let agent = agent(of: event) else { return .nothing(noAgent(event)) }
            var line = JSONLine(kind: "session")
            line.set("agent_id", .string(agent))
            line.set("timestamp", JSONLine.time(Int64(now)))
            let (kind, reasonKey) =
                name == "SessionStart"
                ? ("start", "source") : name == "SessionEnd" ? ("end", "reason") : ("failure", "error_type")
            line.set("event", .string(kind))
            line.set("session_id", JSONLine.text(event["session_id"] as? String))
            line.set("reason", JSONLine.text(event[reasonKey] as? String))
            return .lines([line])
        default:
            return .nothing("\(name) events are not recorded")
        }
    }
}

private extension HookRecorder {
    func recordTool(_ event: [String: Any], name: String, now: Double) -> Outcome {
        let input = event["tool_input"] as? [String: Any]
        guard event["tool_name"] as? String == "Bash", let command = input?["command"] as? String else {
            return .nothing("not a Bash command")
        }
        guard let check = matcher.checkName(of: command) else { return .nothing("not a check command") }
        if input?["run_in_background"] as? Bool == true { return .nothing("a background run: its result is not known") }
        let toolUse = event["tool_use_id"] as? String
        if name == "PreToolUse" {
            if let toolUse { rememberStart(of: toolUse, at: now) }
            return .nothing("start of \(check) noted")
        }
        let started = toolUse.flatMap { takeStart(of: $0) }
        let response = event["tool_response"] as? [String: Any]
        if event["is_interrupt"] as? Bool == true || response?["interrupted"] as? Bool == true {
            return .nothing("an interrupted run: its result is not known")
        }
        guard let agent = agent(of: event) else { return .nothing(noAgent(event)) }
        let passed = name == "PostToolUse"
        var exitCode: Int64?
        if passed {
            exitCode = Self.integer(response, keys: ["exit_code", "exitCode", "returnCode"]) ?? 0
        } else {
            exitCode =
                Self.integer(response, keys: ["exit_code", "exitCode", "returnCode"])
                ?? (event["error"] as? String).flatMap(Self.exitCode(inError:))
        }
        var duration: Double?
        if let milliseconds = JSONSupport.double(event["duration_ms"]) {
            duration = milliseconds / 1000
        } else if let started, now >= started {
            duration = now - started
        }
        var line = JSONLine(kind: "check")
        line.set("agent_id", .string(agent))
        line.set("timestamp", JSONLine.time(Int64(now)))
        line.set("name", .string(check))
        line.set("passed", .bool(passed))
        line.set("exit_code", exitCode.map { .int($0) } ?? .null)
        line.set("duration_s", duration.map { .number($0, decimals: 2) } ?? .null)
        // Only a subagent's run names one; the main session's lines stay as they always were.
        if let subagent = Self.subagentType(of: event) { line.set("subagent_type", .string(subagent)) }
        var notes: [String] = []
        if exitCode == nil { notes.append("exit_code: the failure's text gives none") }
        if duration == nil { notes.append("duration_s: no duration_ms in the event and no PreToolUse seen") }
        if !notes.isEmpty { line.set("details", .object([("notes", .array(notes.map { .string($0) }))])) }
        return .lines([line])
    }

    func agent(of event: [String: Any]) -> String? {
        (event["cwd"] as? String).flatMap(agentForFolder)
    }

    func noAgent(_ event: [String: Any]) -> String {
        "\((event["cwd"] as? String) ?? "no cwd"): in no agent's worktree; nothing recorded"
    }

    /// The subagent the tool call ran in: the event's `agent_type` when it is a non-blank
    /// string (Claude Code sets it inside a subagent, e.g. `test-runner`), else nil.
    static func subagentType(of event: [String: Any]) -> String? {
        guard let text = (event["agent_type"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !text.isEmpty
        else { return nil }
        return text
    }

    static func integer(_ object: [String: Any]?, keys: [String]) -> Int64? {
        for key in keys { if let value = JSONSupport.int(object?[key]) { return Int64(value) } }
        return nil
    }

    /// The exit code a failure's text gives: the number after `code` or `status` ("Command
    /// exited with non-zero status code 1", "Exit code 2"), else nil.
    static func exitCode(inError text: String) -> Int64? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        for (index, word) in words.enumerated() where word == "code" || word == "status" {
            if index + 1 < words.count, let value = Int64(words[index + 1]) { return value }
        }
        return nil
    }

    /// The file keeping a run's start time: the tool-use id hashed (it is not a file name).
    func pendingFile(_ toolUse: String) -> String {
        (pendingFolder as NSString).appendingPathComponent(FNV1a.hex(toolUse.utf8))
    }

    func rememberStart(of toolUse: String, at now: Double) {
        try? FileManager.default.createDirectory(atPath: pendingFolder, withIntermediateDirectories: true)
        try? Data(String(now).utf8).write(to: URL(fileURLWithPath: pendingFile(toolUse)), options: .atomic)
        // Starts whose end never came (a crashed session) are dropped after a day.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: pendingFolder)) ?? [] {
            let path = (pendingFolder as NSString).appendingPathComponent(name)
            var info = stat()
            if stat(path, &info) == 0, Double(info.st_mtim.tv_sec) < now - 86_400 { unlink(path) }
        }
    }

    func takeStart(of toolUse: String) -> Double? {
        let path = pendingFile(toolUse)
        defer { unlink(path) }
        guard let data = try? InputFile.read(path, limit: 64) else { return nil }
        return Double(String(decoding: data, as: UTF8.self))
    }
}
