import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The traps of Codex rollouts (issue 16), each with a hand-written rollout.
@Suite struct CodexRolloutTests {
    func rolloutPath(_ f: UsageFixture, _ name: String, folder: String = "sessions/2026/05/01") -> String {
        f.codex + "/" + folder + "/rollout-2026-05-01T09-00-00-" + name + ".jsonl"
    }

    /// A session of two turns: totals after them are [1000, 200, 300, 100] and [2500, 1200, 700, 300].
    func twoTurns(_ f: UsageFixture, id: String = "c1", time: String = "2026-05-01T10:00:00.000Z") -> [String] {
        [
            LogLine.codexMeta(id: id, cwd: f.repo),
            LogLine.codexTurn(cwd: f.repo),
            LogLine.codexMessage("Running the tests"),
            LogLine.codexCall("call_1"),
            LogLine.codexNullTokens(),
            LogLine.codexTokens(total: [1000, 200, 300, 100], last: [1000, 200, 300, 100], time: time),
            // Half of real token_count rows repeat the previous total.
            LogLine.codexTokens(total: [1000, 200, 300, 100], last: [1000, 200, 300, 100], time: time),
            LogLine.codexTokens(total: [2500, 1200, 700, 300], last: [1500, 1000, 400, 200], time: time),
            LogLine.codexTokens(total: [2500, 1200, 700, 300], last: [1500, 1000, 400, 200], time: time),
        ]
    }

    @Test func aRowCountsOnlyWhenTheTotalMovedAndNullInfoIsSkipped() throws {
        let f = try UsageFixture()
        try f.write(rolloutPath(f, "c1"), twoTurns(f))
        #expect(try f.ingest() == 2)
        let requests = try f.requests()
        // Input includes cached input in Codex: uncached = input - cached.
        #expect(requests.map(\.input) == [800, 500])
        #expect(requests.map(\.cacheRead) == [200, 1000])
        #expect(requests.map(\.output) == [300, 400])
        #expect(requests.map(\.model) == ["gpt-5-codex", "gpt-5-codex"])
        // gpt-5-codex: $1.25 in, $10 out, $0.125 cached per million.
        let parts: [Double] = [800 * 1.25, 200 * 0.125, 300 * 10]
        let first = parts.reduce(0, +) / 1e6
        #expect(abs((requests[0].cost ?? 0) - first) < 1e-12)
        #expect(try f.count("SELECT COUNT(*) FROM usage_tool_calls WHERE name = 'shell'") == 1)
    }

    @Test func theSameRolloutInSessionsAndArchivedSessionsCountsOnce() throws {
        let f = try UsageFixture()
        try f.write(rolloutPath(f, "c1"), twoTurns(f))
        try f.write(rolloutPath(f, "c1", folder: "archived_sessions"), twoTurns(f))
        #expect(try f.ingest() == 2)
        // Archived later: the file moves, nothing is counted again.
        try FileManager.default.removeItem(atPath: rolloutPath(f, "c1"))
        #expect(try f.ingest() == 0)
        #expect(try f.count("SELECT COUNT(*) FROM usage_requests") == 2)
    }

    @Test func aForkThatReplaysItsParentWithNewTimesCountsOnlyItsOwnRows() throws {
        let f = try UsageFixture()
        try f.write(rolloutPath(f, "parent"), twoTurns(f, id: "parent"))
        // The fork: its own session_meta, the parent's, then the parent's rows (turn contexts
        // included) re-stamped a second *after* the fork was made, then its own turn.
        var fork = [
            LogLine.codexMeta(
                id: "child", cwd: f.repo, time: "2026-05-02T08:00:00.000Z", extra: #","forked_from_id":"parent""#),
            LogLine.codexMeta(id: "parent", cwd: f.repo),
        ]
        for line in twoTurns(f, id: "parent", time: "2026-05-02T08:00:01.000Z").dropFirst() { fork.append(line) }
        fork += [
            LogLine.codexTurn(cwd: f.repo, time: "2026-05-02T08:05:00.000Z"),
            LogLine.codexCall("call_child"),
            LogLine.codexTokens(
                total: [4000, 2000, 900, 350], last: [1500, 800, 200, 50], time: "2026-05-02T08:06:00.000Z"),
        ]
        try f.write(rolloutPath(f, "child", folder: "sessions/2026/05/02"), fork)
        #expect(try f.ingest() == 3)
        let requests = try f.requests()
        #expect(requests.map(\.session) == ["parent", "parent", "child"])
        #expect(requests.last?.output == 200)
        // The fork's tool call belongs to its own row; the replayed call is not counted again.
        let calls = try f.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT tool_use_id FROM usage_tool_calls ORDER BY 1")
        }
        #expect(calls == ["call_1", "call_child"])
    }

    @Test func aSubagentRolloutWhoseParentIsGoneSkipsTheCopyByTime() throws {
        let f = try UsageFixture()
        // No parent file: the copy (original times, before the fork) is told by its time.
        var child = [
            LogLine.codexMeta(
                id: "sub", cwd: f.repo, time: "2026-05-02T08:00:00.000Z",
                extra: #","source":{"subagent":{"thread_spawn":{"parent_thread_id":"gone","depth":1}}}"#)
        ]
        child += twoTurns(f, id: "gone").dropFirst()
        child.append(
            LogLine.codexTokens(
                total: [3000, 1300, 800, 320], last: [500, 100, 100, 20], time: "2026-05-02T08:01:00.000Z"))
        try f.write(rolloutPath(f, "sub", folder: "sessions/2026/05/02"), child)
        #expect(try f.ingest() == 1)
        #expect(try f.requests().map(\.input) == [400])
    }

    @Test func theParentReadAfterItsForkIsStillCountedWhole() throws {
        let f = try UsageFixture()
        // The fork sorts first by name, but forks are read after the sessions they copy.
        try f.write(
            rolloutPath(f, "a-child", folder: "sessions/2026/05/02"),
            [
                LogLine.codexMeta(
                    id: "child", cwd: f.repo, time: "2026-05-02T08:00:00.000Z", extra: #","forked_from_id":"parent""#)
            ] + twoTurns(f, id: "parent", time: "2026-05-02T08:00:00.000Z").dropFirst())
        try f.write(rolloutPath(f, "z-parent"), twoTurns(f, id: "parent"))
        #expect(try f.ingest() == 2)
        #expect(try f.requests().map(\.session) == ["parent", "parent"])
    }

    @Test func rolloutsFromBeforeTokenCountsAreReadWithoutCountingOrComplaining() throws {
        let f = try UsageFixture()
        // The oldest format: no session_meta wrapper (so no cwd), just items.
        try f.write(
            rolloutPath(f, "legacy"),
            [
                #"{"id":"legacy","timestamp":"2025-05-01T10:00:00Z","instructions":null}"#,
                #"{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}"#,
            ])
        // A session_meta but no token_count at all.
        try f.write(
            rolloutPath(f, "quiet"),
            [
                LogLine.codexMeta(id: "quiet", cwd: f.repo), LogLine.codexTurn(cwd: f.repo),
                LogLine.codexMessage("no counts here"),
            ])
        #expect(try f.ingest() == 0)
        #expect(f.problems.isEmpty)
    }
}
