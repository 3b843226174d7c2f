import Foundation

/// The agents' own session logs for the demo (issue 16): a Claude Code transcript or a Codex
/// rollout for each working session of the history, in the workspace's `.agent-logs/`
/// (never the real home folder), consistent with the git and board timeline — the session's
/// working directory is the workspace, its branch the agent's branch, its times the
/// session's.
///
/// With the traps real logs have: every Claude Code response written as two or three lines
/// whose output count grows; a subagent transcript that starts with a copy of a parent
/// message (a sidechain copy); Codex `token_count` rows repeated and some with `info: null`;
/// a forked rollout that replays its parent's history re-stamped with the fork's time; and
/// now and then a session of another project (working directory outside the workspace).
struct DemoSessionLogs {
    /// What to generate.
    let options: DemoOptions
    /// The agents.
    let team: DemoTeam
    /// Sessions per metric day and agent, from the history.
    let sessions: [[DemoHistory.Session?]]
    /// The workspace's absolute, canonical folder: the sessions' working directory.
    let workspace: String

    /// The folder under the workspace that holds both tools' logs.
    static let folder = ".agent-logs"
    /// A developer's other project: some of the first agent's sessions run there, and
    /// `usage` must never read them.
    static let otherProject = "/home/dev/side-project"
    /// Every third agent (the third, sixth, …) works with Codex, the others with Claude Code.
    static func usesCodex(_ agent: Int) -> Bool { agent % 3 == 2 }

    /// Days of logs written, up to the end: Claude Code deletes transcripts older than this
    /// by default (`cleanupPeriodDays`), so a real machine holds about as many.
    static let logDays = 30

    /// Writes the session logs of the last `logDays` days under `root` (`<workspace>/.agent-logs`);
    /// returns the files written.
    func write(into root: String) throws -> Int {
        let projects = root + "/claude/projects"
        let codexSessions = root + "/codex/sessions"
        var files = 0
        for (day, agents) in sessions.enumerated() where day >= sessions.count - Self.logDays {
            for (index, session) in agents.enumerated() {
                guard let session else { continue }
                var random = DemoRandom(seed: options.seed, stream: 31, UInt64(day), UInt64(index))
                let agent = team.agents[index]
                if Self.usesCodex(index) {
                    files += try writeCodex(
                        session, agent: agent, random: &random, fork: day % 4 == 1, into: codexSessions)
                } else {
                    let cwd = day % 5 == 3 && index == 0 ? Self.otherProject : workspace
                    files += try writeClaude(
                        session, agent: agent, cwd: cwd, random: &random, subagent: day % 3 == 0, into: projects)
                }
            }
        }
        return files
    }
}

// MARK: - Claude Code

private extension DemoSessionLogs {
    static let claudeModels = [
        "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
        "claude-haiku-4-5-20251001", "claude-opus-4-6",
    ]
    static let tools = ["Bash", "Read", "Edit", "Grep", "Write", "Glob", "TodoWrite"]

    func writeClaude(
        _ session: DemoHistory.Session, agent: DemoAgent, cwd: String, random: inout DemoRandom, subagent: Bool,
        into projects: String
    ) throws -> Int {
        let sessionId = Self.uuid(&random)
        let folder = projects + "/" + SessionLogLocations.claudeProjectFolderName(forWorkingDirectory: cwd)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let out = try ByteWriter(creating: folder + "/" + sessionId + ".jsonl")
        let context = ClaudeContext(sessionId: sessionId, cwd: cwd, branch: agent.branch, sidechain: false)
        out.write(
            #"{"type":"summary","summary":"\#(session.task ?? "Maintenance") work session","leafUuid":"\#(Self.uuid(&random))"}"#
        )
        out.write("\n")
        var time = session.start - 120
        let end = max(session.end, session.start + 1800)
        var cache: Int64 = Int64(random.int(12_000...20_000))
        var first: (id: String, request: String, time: Int64, cache: Int64)?
        var turn = 0
        writeUser(
            out, context, time: time,
            text: "Work on \(session.task ?? "the backlog"): read the task, change the code, run the tests.",
            random: &random)
        while time < end {
            time += Int64(random.int(40...200))
            turn += 1
            let message = "msg_" + Self.hex(&random, 24)
            let request = "req_" + Self.hex(&random, 24)
            let model = turn % 7 == 0 ? random.pick(Self.claudeModels) : Self.claudeModels[0]
            cache += Int64(random.int(300...4000))
            if first == nil { first = (message, request, time, cache) }
            if turn == 1 {
                // The response a subagent's transcript copies: drawn from its own stream, so the
                // copy below is the same response.
                var own = DemoRandom(seed: options.seed, stream: 32, UInt64(time))
                try writeResponse(
                    out, context, message: message, request: request, time: time, model: model, cache: cache,
                    random: &own)
            } else {
                try writeResponse(
                    out, context, message: message, request: request, time: time, model: model, cache: cache,
                    random: &random)
            }
        }
        try out.close()
        guard subagent, let first else { return 1 }
        // A subagent: its transcript begins with a copy of a parent message (a sidechain copy).
        let agentId = Self.hex(&random, 17)
        let subfolder = folder + "/" + sessionId + "/subagents"
        try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true)
        try Data(#"{"agentType":"\#(random.pick(["general-purpose", "Explore", "code-reviewer"]))"}"#.utf8)
            .write(to: URL(fileURLWithPath: subfolder + "/agent-" + agentId + ".meta.json"))
        let sub = try ByteWriter(creating: subfolder + "/agent-" + agentId + ".jsonl")
        let side = ClaudeContext(sessionId: sessionId, cwd: cwd, branch: agent.branch, sidechain: true)
        var copy = DemoRandom(seed: options.seed, stream: 32, UInt64(first.time))
        try writeResponse(
            sub, side, message: first.id, request: first.request, time: first.time, model: Self.claudeModels[0],
            cache: first.cache, random: &copy)
        var subTime = first.time
        for _ in 0..<random.int(4...12) {
            subTime += Int64(random.int(10...60))
            try writeResponse(
                sub, side, message: "msg_" + Self.hex(&random, 24), request: "req_" + Self.hex(&random, 24),
                time: subTime, model: "claude-haiku-4-5-20251001", cache: Int64(random.int(8000...30_000)),
                random: &random)
        }
        try sub.close()
        return 2
    }

    struct ClaudeContext {
        var sessionId: String
        var cwd: String
        var branch: String
        var sidechain: Bool
    }

    /// One response: a thinking line, a text line and a tool-use line, each repeating the
    /// usage with the output count so far; then the tool's result.
    func writeResponse(
        _ out: ByteWriter, _ c: ClaudeContext, message: String, request: String, time: Int64, model: String,
        cache: Int64,
        random: inout DemoRandom
    ) throws {
        let input = Int64(random.int(3...40))
        let write = Int64(random.int(200...3000))
        let oneHour = random.chance(0.1) ? Int64(random.int(100...Int(write))) : 0
        let output = Int64(random.int(60...2400))
        let tool = random.pick(Self.tools)
        let toolId = "toolu_" + Self.hex(&random, 24)
        let blocks: [(String, Int64)] = [
            (
                #"{"type":"thinking","thinking":"\#(Self.filler(&random, 200...1800))","signature":"\#(Self.hex(&random, 64))"}"#,
                output / 8
            ),
            (#"{"type":"text","text":"\#(Self.filler(&random, 80...600))"}"#, output / 3),
            (
                #"{"type":"tool_use","id":"\#(toolId)","name":"\#(tool)","input":{"command":"\#(Self.filler(&random, 40...2500))"}}"#,
                output
            ),
        ]
        for (index, block) in blocks.enumerated() where index > 0 || random.chance(0.7) {
            out.write(
                #"{"parentUuid":"\#(Self.hex(&random, 8))","isSidechain":\#(c.sidechain),"userType":"external","cwd":"\#(c.cwd)","sessionId":"\#(c.sessionId)","version":"2.0.14","gitBranch":"\#(c.branch)","message":{"id":"\#(message)","type":"message","role":"assistant","model":"\#(model)","content":[\#(block.0)],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":\#(input),"cache_creation_input_tokens":\#(write),"cache_read_input_tokens":\#(cache),"cache_creation":{"ephemeral_5m_input_tokens":\#(write - oneHour),"ephemeral_1h_input_tokens":\#(oneHour)},"output_tokens":\#(block.1),"service_tier":"standard"}},"requestId":"\#(request)","type":"assistant","uuid":"\#(Self.uuid(&random))","timestamp":"\#(Self.iso(time, millis: index * 400 + random.int(0...399)))"}"#
            )
            out.write("\n")
        }
        let failed = random.chance(0.06)
        out.write(
            #"{"parentUuid":"\#(Self.hex(&random, 8))","isSidechain":\#(c.sidechain),"userType":"external","cwd":"\#(c.cwd)","sessionId":"\#(c.sessionId)","version":"2.0.14","gitBranch":"\#(c.branch)","type":"user","message":{"role":"user","content":[{"tool_use_id":"\#(toolId)","type":"tool_result","content":"\#(Self.filler(&random, 400...14_000))","is_error":\#(failed)}]},"uuid":"\#(Self.uuid(&random))","timestamp":"\#(Self.iso(time + 2, millis: random.int(0...999)))","toolUseResult":{"stdout":"\#(Self.filler(&random, 100...3000))","stderr":"","interrupted":false}}"#
        )
        out.write("\n")
    }

    func writeUser(_ out: ByteWriter, _ c: ClaudeContext, time: Int64, text: String, random: inout DemoRandom) {
        out.write(
            #"{"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"\#(c.cwd)","sessionId":"\#(c.sessionId)","version":"2.0.14","gitBranch":"\#(c.branch)","type":"user","message":{"role":"user","content":"\#(text)"},"uuid":"\#(Self.uuid(&random))","timestamp":"\#(Self.iso(time, millis: 0))"}"#
        )
        out.write("\n")
    }
}

// MARK: - Codex

private extension DemoSessionLogs {
    /// A Codex session; with `fork`, also a fork of it made an hour after its end that
    /// replays its history (re-stamped with the fork's time) before three turns of its own.
    func writeCodex(
        _ session: DemoHistory.Session, agent: DemoAgent, random: inout DemoRandom, fork: Bool, into root: String
    ) throws -> Int {
        let id = Self.uuid(&random)
        let start = session.start - 60
        var lines: [String] = []
        lines.append(codexMeta(id: id, time: start, branch: agent.branch, extra: "", random: &random))
        var totals: [Int64] = [0, 0, 0, 0]
        var time = start
        let end = max(session.end, session.start + 1800)
        while time < end {
            time += Int64(random.int(60...300))
            lines += codexTurn(time: time, totals: &totals, random: &random)
        }
        try writeRollout(lines, id: id, time: start, into: root)
        guard fork else { return 1 }
        let forkId = Self.uuid(&random)
        let forkTime = end + 3600
        var forked = [
            codexMeta(
                id: forkId, time: forkTime, branch: agent.branch, extra: #","forked_from_id":"\#(id)""#, random: &random
            )
        ]
        // The parent's history, every line re-stamped with the second the fork was made.
        for line in lines {
            guard let brace = line.range(of: #","type":"#) else { continue }
            forked.append(#"{"timestamp":"\#(Self.iso(forkTime, millis: 0))""# + line[brace.lowerBound...])
        }
        var forkClock = forkTime + 30
        for _ in 0..<3 {
            forkClock += Int64(random.int(60...240))
            forked += codexTurn(time: forkClock, totals: &totals, random: &random)
        }
        try writeRollout(forked, id: forkId, time: forkTime, into: root)
        return 2
    }

    func codexMeta(id: String, time: Int64, branch: String, extra: String, random: inout DemoRandom) -> String {
        #"{"timestamp":"\#(Self.iso(time, millis: 0))","type":"session_meta","payload":{"id":"\#(id)","timestamp":"\#(Self.iso(time, millis: 0))","cwd":"\#(workspace)","originator":"codex_cli_rs","cli_version":"0.46.0","instructions":"\#(Self.filler(&random, 3000...6000))","source":"cli"\#(extra),"model_provider":"openai","git":{"commit_hash":"\#(Self.hex(&random, 40))","branch":"\#(branch)","repository_url":"git@example.com:team/demo.git"}}}"#
    }

    /// One turn: its context, the user's message, reasoning, a tool call and its output, the
    /// answer, and a token count written twice (and now and then a count with no info).
    func codexTurn(time: Int64, totals: inout [Int64], random: inout DemoRandom) -> [String] {
        let t = Self.iso(time, millis: 0)
        // The first turn has nothing cached yet; later ones read most of their input from the cache.
        let cached = totals[0] > 0 ? Int64(random.int(8000...40_000)) : 0
        let output = Int64(random.int(80...3000))
        let turn: [Int64] = [
            cached + Int64(random.int(800...6000)), cached, output, Int64(random.int(0...Int(output))),
        ]
        for index in 0..<4 { totals[index] += turn[index] }
        func usage(_ u: [Int64]) -> String {
            #"{"input_tokens":\#(u[0]),"cached_input_tokens":\#(u[1]),"output_tokens":\#(u[2]),"reasoning_output_tokens":\#(u[3]),"total_tokens":\#(u[0] + u[2])}"#
        }
        let callId = "call_" + Self.hex(&random, 24)
        var lines = [
            #"{"timestamp":"\#(t)","type":"turn_context","payload":{"cwd":"\#(workspace)","approval_policy":"on-request","sandbox_policy":{"mode":"workspace-write"},"model":"\#(random.chance(0.8) ? "gpt-5-codex" : "gpt-5")","effort":"medium","summary":"auto"}}"#,
            #"{"timestamp":"\#(t)","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"\#(Self.filler(&random, 40...400))"}]}}"#,
            #"{"timestamp":"\#(t)","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"\#(Self.filler(&random, 40...300))"}],"content":null,"encrypted_content":"\#(Self.hex(&random, random.int(400...2400)))"}}"#,
            #"{"timestamp":"\#(t)","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"\#(Self.filler(&random, 10...80))\"]}","call_id":"\#(callId)"}}"#,
            #"{"timestamp":"\#(t)","type":"response_item","payload":{"type":"function_call_output","call_id":"\#(callId)","output":"\#(Self.filler(&random, 300...9000))"}}"#,
            #"{"timestamp":"\#(t)","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"\#(Self.filler(&random, 60...900))"}]}}"#,
        ]
        if random.chance(0.2) {
            lines.append(
                #"{"timestamp":"\#(t)","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":4.0,"window_minutes":299}}}}"#
            )
        }
        let count =
            #"{"timestamp":"\#(t)","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":\#(usage(totals)),"last_token_usage":\#(usage(turn)),"model_context_window":272000},"rate_limits":{"primary":{"used_percent":\#(random.int(1...60)).0,"window_minutes":299},"secondary":{"used_percent":\#(random.int(1...30)).0,"window_minutes":10079}}}}"#
        lines += [count, count]  // about half of real rows repeat the previous total
        return lines
    }

    func writeRollout(_ lines: [String], id: String, time: Int64, into root: String) throws {
        let date = UTCTime.formatISO(time)  // YYYY-MM-DDTHH:MM:SSZ
        let folder = root + "/" + date.prefix(4) + "/" + date.dropFirst(5).prefix(2) + "/" + date.dropFirst(8).prefix(2)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = date.dropLast().replacingOccurrences(of: ":", with: "-")
        let out = try ByteWriter(creating: folder + "/rollout-" + stamp + "-" + id + ".jsonl")
        for line in lines {
            out.write(line)
            out.write("\n")
        }
        try out.close()
    }
}

// MARK: - Text

private extension DemoSessionLogs {
    /// Words to cut filler text from (no characters that need JSON escapes).
    static let words =
        ("the agent reads the file then edits the function and runs the tests again the build passes now "
            + "a failing case shows the parser drops the last line so we keep a buffer and flush it at the end "
            + "error expected value but found end of input at line twelve column four see the log for details ")
    static let corpus: [UInt8] = Array(String(repeating: words, count: 220).utf8)

    /// `length` bytes of filler text from a random place.
    static func filler(_ random: inout DemoRandom, _ length: ClosedRange<Int>) -> String {
        let count = random.int(length)
        let start = random.int(0...(corpus.count - count - 1))
        return String(decoding: corpus[start..<(start + count)], as: UTF8.self)
    }

    static func hex(_ random: inout DemoRandom, _ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        let digits = Array("0123456789abcdef")
        var bits: UInt64 = 0
        for index in 0..<count {
            if index % 16 == 0 { bits = random.next() }
            text.append(digits[Int(bits & 15)])
            bits >>= 4
        }
        return text
    }

    static func uuid(_ random: inout DemoRandom) -> String {
        let h = hex(&random, 32)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    static func iso(_ seconds: Int64, millis: Int) -> String {
        let text = UTCTime.formatISO(seconds)
        let ms = String(millis % 1000)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - ms.count) + ms + "Z"
    }
}
