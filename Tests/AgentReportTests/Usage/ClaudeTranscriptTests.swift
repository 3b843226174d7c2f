import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The traps of Claude Code transcripts (issue 16), each with a hand-written transcript.
@Suite struct ClaudeTranscriptTests {
    @Test func oneResponseWrittenAsSeveralLinesCountsOnceWithItsLargestOutput() throws {
        let f = try UsageFixture()
        let cwd = f.repo
        // Claude Code writes one line per content block, each repeating the usage; the output
        // count grows from line to line.
        try f.write(
            f.claudeFolder(for: cwd) + "/s1.jsonl",
            [
                LogLine.prompt(cwd: cwd),
                LogLine.assistant(
                    id: "msg_1", request: "req_1", cwd: cwd, input: 3, output: 8, cacheWrite: 1000, cacheRead: 20_000,
                    content: #"{"type":"thinking","thinking":"…"}"#),
                LogLine.assistant(
                    id: "msg_1", request: "req_1", cwd: cwd, input: 3, output: 40, cacheWrite: 1000, cacheRead: 20_000),
                LogLine.assistant(
                    id: "msg_1", request: "req_1", cwd: cwd, input: 3, output: 310, cacheWrite: 1000, cacheRead: 20_000,
                    content: LogLine.toolUse("toolu_1", "Bash")),
                LogLine.toolResult("toolu_1", error: true, cwd: cwd),
                LogLine.assistant(
                    id: "msg_2", request: "req_2", cwd: cwd, time: "2026-05-01T10:01:00.000Z", input: 5, output: 12,
                    content: LogLine.toolUse("toolu_2", "Edit")),
            ])
        #expect(try f.ingest() == 2)
        let requests = try f.requests()
        #expect(requests.map(\.output) == [310, 12])
        #expect(requests.map(\.input) == [3, 5])
        #expect(requests[0].cacheWrite5m == 1000 && requests[0].cacheRead == 20_000)
        #expect(try f.count("SELECT COUNT(*) FROM usage_tool_calls") == 2)
        #expect(
            try f.count("SELECT COUNT(*) FROM usage_tool_calls WHERE is_error = 1 AND tool_use_id = 'toolu_1'") == 1)
        #expect(f.problems.isEmpty)
    }

    @Test func theLargestLineWinsAcrossChunksAndRunsToo() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        try f.write(path, [LogLine.assistant(id: "msg_1", request: "req_1", cwd: f.repo, output: 8)])
        #expect(try f.ingest() == 1)
        try f.append(path, LogLine.assistant(id: "msg_1", request: "req_1", cwd: f.repo, output: 400) + "\n")
        #expect(try f.ingest() == 0)
        #expect(try f.requests().map(\.output) == [400])
        // A smaller copy later changes nothing.
        try f.append(path, LogLine.assistant(id: "msg_1", request: "req_1", cwd: f.repo, output: 9) + "\n")
        #expect(try f.ingest() == 0)
        #expect(try f.requests().map(\.output) == [400])
    }

    @Test func aSidechainCopyOfAMainMessageCountsOnceAsTheMainOne() throws {
        let f = try UsageFixture()
        let folder = f.claudeFolder(for: f.repo)
        try f.write(
            folder + "/s1.jsonl",
            [
                LogLine.assistant(id: "msg_main", request: "req_main", cwd: f.repo, output: 50)
            ])
        // The subagent's transcript starts with a copy of the parent's message, then its own.
        try f.write(
            folder + "/s1/subagents/agent-a1.jsonl",
            [
                LogLine.assistant(id: "msg_main", request: "req_main", cwd: f.repo, output: 50, sidechain: true),
                LogLine.assistant(
                    id: "msg_sub", request: "req_sub", cwd: f.repo, time: "2026-05-01T10:02:00.000Z", output: 7,
                    sidechain: true),
            ])
        try f.write(folder + "/s1/subagents/agent-a1.meta.json", [#"{"agentType":"code-reviewer"}"#])
        #expect(try f.ingest() == 2)
        let requests = try f.requests()
        #expect(requests.map(\.sidechain) == [false, true])
        #expect(requests.map(\.subagentType) == [nil, "code-reviewer"])
    }

    @Test func aMainLineReadAfterItsSidechainCopyTakesItsPlace() throws {
        let f = try UsageFixture()
        let folder = f.claudeFolder(for: f.repo)
        // Only the subagent transcript exists at first (the main one is written later).
        try f.write(
            folder + "/s1/subagents/agent-a1.jsonl",
            [
                LogLine.assistant(
                    id: "msg_main", request: "req_main", session: "s1", cwd: f.repo, output: 50, sidechain: true)
            ])
        try f.write(folder + "/s1/subagents/agent-a1.meta.json", [#"{"agentType":"Explore"}"#])
        #expect(try f.ingest() == 1)
        try f.write(
            folder + "/s1.jsonl", [LogLine.assistant(id: "msg_main", request: "req_main", cwd: f.repo, output: 50)])
        #expect(try f.ingest() == 0)
        let requests = try f.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.sidechain == false && requests.first?.subagentType == nil)
    }

    @Test func aResumedSessionsCopyOfTheOldConversationCountsOnce() throws {
        let f = try UsageFixture()
        let folder = f.claudeFolder(for: f.repo)
        let old = [
            LogLine.assistant(id: "msg_1", request: "req_1", session: "old", cwd: f.repo, output: 10),
            LogLine.assistant(
                id: "msg_2", request: "req_2", session: "old", cwd: f.repo, time: "2026-05-01T10:05:00.000Z", output: 20
            ),
        ]
        try f.write(folder + "/old.jsonl", old)
        // `claude --resume` writes a new file that starts with the old conversation.
        try f.write(
            folder + "/new.jsonl",
            old + [
                LogLine.assistant(
                    id: "msg_3", request: "req_3", session: "new", cwd: f.repo, time: "2026-05-01T11:00:00.000Z",
                    output: 30)
            ])
        #expect(try f.ingest() == 3)
        #expect(try f.requests().map(\.output) == [10, 20, 30])
    }

    @Test func nestedProgressCopiesToolResultUsageAndSyntheticMessagesAreNeverCounted() throws {
        let f = try UsageFixture()
        let cwd = f.repo
        let nested = LogLine.assistant(id: "msg_sub", request: "req_sub", cwd: cwd, output: 999)
        try f.write(
            f.claudeFolder(for: cwd) + "/s1.jsonl",
            [
                // A subagent's progress, with a copy of its message (and usage) nested inside.
                #"{"type":"progress","data":{"type":"agent_progress","message":\#(nested)},"cwd":"\#(cwd)","sessionId":"s1","uuid":"g1","timestamp":"2026-05-01T10:00:00.000Z"}"#,
                // The Task tool's result repeats the subagent's total usage.
                #"{"type":"user","cwd":"\#(cwd)","sessionId":"s1","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":"ok"}]},"toolUseResult":{"totalTokens":5000,"usage":{"input_tokens":4000,"output_tokens":1000}},"uuid":"g2","timestamp":"2026-05-01T10:00:01.000Z"}"#,
                // Claude Code's own error message.
                LogLine.assistant(
                    id: "msg_err", request: "req_err", cwd: cwd, model: "<synthetic>", input: 0, output: 0),
                LogLine.assistant(id: "msg_ok", request: "req_ok", cwd: cwd, output: 5),
            ])
        #expect(try f.ingest() == 1)
        #expect(try f.requests().map(\.output) == [5])
    }

    @Test func aTornLastLineWaitsForTheNextRun() throws {
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        let whole = LogLine.assistant(id: "msg_2", request: "req_2", cwd: f.repo, output: 77)
        let cut = whole.index(whole.startIndex, offsetBy: whole.count / 2)
        try f.write(
            path, [LogLine.assistant(id: "msg_1", request: "req_1", cwd: f.repo, output: 5), String(whole[..<cut])],
            torn: true)
        #expect(try f.ingest() == 1)
        #expect(f.problems.isEmpty)
        try f.append(path, String(whole[cut...]) + "\n")
        #expect(try f.ingest() == 1)
        #expect(try f.requests().map(\.output) == [5, 77])
    }

    @Test func aTornLineInTheMiddleIsAWarningWithItsPositionAndTheRestGoesIn() throws {
        // (A torn line without usage is never parsed at all: nothing in it matters.)
        let f = try UsageFixture()
        let path = f.claudeFolder(for: f.repo) + "/s1.jsonl"
        let whole = LogLine.assistant(id: "msg_x", request: "req_x", cwd: f.repo, output: 1)
        let cut = try #require(whole.range(of: "\"output_tokens\"")).upperBound
        try f.write(
            path,
            [
                LogLine.assistant(id: "msg_1", request: "req_1", cwd: f.repo, output: 5),
                // Cut inside its usage: a line the pre-filter lets through, and the parse rejects.
                String(whole[..<cut]),
                LogLine.assistant(
                    id: "msg_2", request: "req_2", cwd: f.repo, time: "2026-05-01T10:09:00.000Z", output: 6),
            ])
        #expect(try f.ingest() == 2)
        let problem = try #require(f.problems.first)
        #expect(problem.severity == .warning && problem.line == 2 && problem.column != nil)
        #expect(problem.file?.hasSuffix("s1.jsonl") == true)
        #expect(!problem.isRejection)
    }

    @Test func everyTokenClassIsStoredAndPricedFromTheEmbeddedTable() throws {
        let f = try UsageFixture()
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [
                LogLine.assistant(
                    id: "m", request: "r", cwd: f.repo, input: 1000, output: 2000, cacheWrite: 3000, cacheWrite1h: 1000,
                    cacheRead: 4000)
            ])
        try f.ingest()
        let request = try #require(f.requests().first)
        #expect(
            [request.input, request.output, request.cacheWrite5m, request.cacheWrite1h, request.cacheRead] == [
                1000, 2000, 2000, 1000, 4000,
            ])
        // claude-sonnet-4-5: $3 in, $15 out, $3.75 5-minute write, $6 1-hour write, $0.30 read per million.
        let perMillion: [Double] = [1000 * 3, 2000 * 15, 2000 * 3.75, 1000 * 6, 4000 * 0.3]
        let expected = perMillion.reduce(0, +) / 1e6
        #expect(abs(try #require(request.cost) - expected) < 1e-12)
    }

    @Test func anUnpricedModelIsStoredWithAnUnknownCostAndOneWarning() throws {
        let f = try UsageFixture()
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [
                LogLine.assistant(id: "m1", request: "r1", cwd: f.repo, model: "claude-future-9", output: 1),
                LogLine.assistant(id: "m2", request: "r2", cwd: f.repo, model: "claude-future-9", output: 2),
            ])
        #expect(try f.ingest() == 2)
        #expect(try f.requests().map(\.cost) == [nil, nil])
        let warnings = f.problems.filter { $0.message.contains("claude-future-9") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("2 new requests") == true)
    }

    @Test func fastModeRequestsAreMultipliedOrUnknown() throws {
        let f = try UsageFixture()
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [
                LogLine.assistant(
                    id: "m1", request: "r1", cwd: f.repo, model: "claude-opus-4-8", input: 1000, output: 1000,
                    speed: "fast"),
                LogLine.assistant(
                    id: "m2", request: "r2", cwd: f.repo, time: "2026-05-01T10:00:09.000Z", model: "claude-sonnet-4-5",
                    input: 1000, output: 1000, speed: "fast"),
            ])
        try f.ingest()
        let costs = try f.requests().map(\.cost)
        #expect(abs((costs[0] ?? 0) - 2 * (1000 * 5 + 1000 * 25) / 1e6) < 1e-12)
        #expect(costs[1] == nil)  // Sonnet 4.5 has no fast multiplier in the table: unknown
    }
}
