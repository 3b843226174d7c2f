import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The cwd filter and attribution: only the team's sessions are read, and each request is
/// the agent's whose checkout or branch it was made in.
@Suite struct UsageScopeTests {
    @Test func anotherProjectsSessionsAreNeverOpened() throws {
        let f = try UsageFixture()
        let elsewhere = f.root + "/private/diary"
        // Its project folder's name is no checkout's: not even listed further.
        try f.write(
            f.claudeFolder(for: elsewhere) + "/p1.jsonl",
            [
                LogLine.assistant(id: "m1", request: "r1", session: "p1", cwd: elsewhere, output: 100),
                "not json at all",
            ])
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [LogLine.assistant(id: "m2", request: "r2", cwd: f.repo, output: 5)])
        #expect(try f.ingest() == 1)
        #expect(try f.count("SELECT COUNT(*) FROM usage_files") == 1)
        #expect(f.problems.isEmpty)
    }

    @Test func aSessionBesideTheRepositoryIsReadOnlyUpToItsWorkingDirectory() throws {
        let f = try UsageFixture()
        // `repo-notes` encodes to a name that starts like the repository's: the cwd decides.
        let sibling = f.root + "/repo-notes"
        try f.write(
            f.claudeFolder(for: sibling) + "/n1.jsonl",
            [
                #"{"type":"summary","summary":"Notes","leafUuid":"x"}"#,
                LogLine.prompt(cwd: sibling, session: "n1"),
                "{ a garbled line that would be a warning if it were read, \"usage\": {",
                LogLine.assistant(id: "m1", request: "r1", session: "n1", cwd: sibling, output: 100),
            ])
        // A Codex session elsewhere: only its session_meta line is read.
        try f.write(
            f.codex + "/sessions/2026/05/01/rollout-x.jsonl",
            [
                LogLine.codexMeta(id: "x", cwd: "/home/dev/other"), "{ garbled \"token_count\"",
                LogLine.codexTokens(total: [1, 0, 1, 0], last: [1, 0, 1, 0]),
            ])
        #expect(try f.ingest() == 0)
        #expect(f.problems.isEmpty)
        let states = try f.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT status, offset, state FROM usage_files ORDER BY tool")
        }
        #expect(states.map { $0["status"] as String } == ["outside", "outside"])
        #expect(states.map { $0["offset"] as Int } == [0, 0])
        // Nothing about the other session is kept (no id, no folder).
        #expect(states.allSatisfy { ($0["state"] as String) == "{}" })
        // And the next run does not open them again.
        #expect(try f.ingest() == 0)
    }

    @Test func aLineWhoseOwnWorkingDirectoryLeavesTheRepositoriesIsNotCounted() throws {
        let f = try UsageFixture()
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [
                LogLine.assistant(id: "m1", request: "r1", cwd: f.repo, output: 5),
                LogLine.assistant(
                    id: "m2", request: "r2", cwd: "/home/dev/elsewhere", time: "2026-05-01T10:01:00.000Z", output: 6),
            ])
        #expect(try f.ingest() == 1)
    }

    @Test func requestsAreAttributedByWorktreeFolderThenBranchThenUnattributed() throws {
        let f = try UsageFixture()
        let builder = try f.addWorktree("agents/builder", branch: "feature-x")
        let claudeWorktree = try f.addWorktree(".claude/worktrees/reviewer", branch: "worktree-reviewer")
        let sub = builder + "/src"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        try f.write(
            f.claudeFolder(for: sub) + "/a.jsonl",
            [
                LogLine.assistant(id: "m1", request: "r1", session: "a", cwd: sub, branch: "feature-x", output: 1)
            ])
        try f.write(
            f.claudeFolder(for: claudeWorktree) + "/b.jsonl",
            [
                LogLine.assistant(
                    id: "m2", request: "r2", session: "b", cwd: claudeWorktree, branch: "worktree-reviewer", output: 2)
            ])
        try f.write(
            f.claudeFolder(for: f.repo) + "/c.jsonl",
            [
                LogLine.assistant(
                    id: "m3", request: "r3", session: "c", cwd: f.repo, branch: "agent-validator-17", output: 3),
                LogLine.assistant(
                    id: "m4", request: "r4", session: "c", cwd: f.repo, branch: "agent-builder-2", output: 4),
                LogLine.assistant(id: "m5", request: "r5", session: "c", cwd: f.repo, branch: "main", output: 5),
            ])
        try f.write(
            f.codex + "/sessions/2026/05/01/rollout-v.jsonl",
            [
                LogLine.codexMeta(id: "v", cwd: f.repo, branch: "agent-validator-3"), LogLine.codexTurn(cwd: f.repo),
                LogLine.codexTokens(total: [10, 0, 6, 0], last: [10, 0, 6, 0]),
            ])
        #expect(try f.ingest() == 6)
        let agents = Dictionary(uniqueKeysWithValues: try f.requests().map { ($0.output, ($0.agent, $0.attributedBy)) })
        #expect(agents[1]?.0 == "builder" && agents[1]?.1 == "worktree-convention")
        #expect(agents[2]?.0 == "reviewer" && agents[2]?.1 == "worktree-convention")
        #expect(agents[3]?.0 == "validator" && agents[3]?.1 == "branch-pattern")
        #expect(agents[4]?.0 == "builder" && agents[4]?.1 == "config-branch")
        #expect(agents[5]?.0 == "unattributed")
        #expect(agents[6]?.0 == "validator")
        #expect(try f.count("SELECT COUNT(*) FROM agents WHERE id = 'reviewer' AND sources LIKE '%usage%'") == 1)
    }

    @Test func withoutAnyRepositoryNothingIsRead() throws {
        let f = try UsageFixture()
        f.extraConfig = ""
        try f.write(
            f.claudeFolder(for: f.repo) + "/s1.jsonl",
            [LogLine.assistant(id: "m", request: "r", cwd: f.repo, output: 5)])
        try FileManager.default.removeItem(atPath: f.repo + "/.git")
        #expect(try f.ingest() == 0)
        #expect(try f.count("SELECT COUNT(*) FROM usage_files") == 0)
    }
}
