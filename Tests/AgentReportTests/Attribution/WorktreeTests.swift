import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Worktree discovery and what git ingest does with every worktree's HEAD.
@Suite struct WorktreeTests {
    @Test func porcelainListsMainLinkedDetachedAndBareEntries() {
        let output = Data(
            ("worktree /r\0HEAD \(String(repeating: "a", count: 40))\0branch refs/heads/main\0\0"
                + "worktree /r/.claude/worktrees/x\0HEAD \(String(repeating: "b", count: 40))\0branch refs/heads/worktree-x\0\0"
                + "worktree /home/u/.codex/worktrees/1f/r\0HEAD \(String(repeating: "c", count: 40))\0detached\0prunable gitdir file points to non-existent location\0\0")
                .utf8)
        let list = GitWorktree.parse(porcelain: output, repository: ".")
        #expect(list.map(\.path) == ["/r", "/r/.claude/worktrees/x", "/home/u/.codex/worktrees/1f/r"])
        #expect(list.map(\.isMain) == [true, false, false])
        #expect(list[1].branchName == "worktree-x" && !list[1].isDetached)
        #expect(list[2].isDetached && list[2].isPrunable && list[2].branch == nil)
        let bare = GitWorktree.parse(porcelain: Data("worktree /srv/r.git\0bare\0\0".utf8), repository: "r")
        #expect(bare.count == 1 && bare[0].isBare && bare[0].headRef == nil)
    }

    @Test func discoveryFindsEveryWorktreeWithItsHeadAndAgent() throws {
        let repository = try TestRepository()
        let base = try repository.commit("Base", files: ["a.txt": "a\n"])
        try repository.git(["worktree", "add", "-q", "-b", "worktree-fixer", ".claude/worktrees/fixer"])
        let detached = repository.scratch("codex-home/.codex/worktrees/7e/repo")
        try repository.git(["worktree", "add", "-q", "--detach", detached, base])
        var config = ReportConfig(baseDirectory: repository.path)
        config.repositories = [ReportConfig.Repository()]
        let attribution = AgentAttribution.discover(config: config)
        let worktrees = attribution.worktrees
        #expect(worktrees.count == 3)
        #expect(worktrees.allSatisfy { $0.head == base })
        let fixer = try #require(worktrees.first { $0.branchName == "worktree-fixer" })
        #expect(fixer.agent?.agent == "fixer" && fixer.headRef == "refs/heads/worktree-fixer")
        let codex = try #require(worktrees.first { $0.isDetached })
        #expect(codex.agent == Attribution(agent: "codex", rule: .worktreeConvention))
        #expect(codex.headRef == "worktrees/repo/HEAD")
        #expect(try repository.git(["rev-parse", "worktrees/repo/HEAD"]) == base)
        #expect(attribution.agentId(forPath: detached + "/src/deep") == "codex")
        #expect(attribution.agentId(forPath: repository.path) == nil)
    }

    @Test func detachedWorktreeCommitsAreReadAndAttributedByItsFolder() throws {
        let repository = try TestRepository()
        let base = try repository.commit("Base", files: ["a.txt": "a\n"])
        let folder = repository.scratch("agents/tester")
        try repository.git(["worktree", "add", "-q", "--detach", folder, base])
        try repository.git(
            ["-c", "user.name=T", "-c", "user.email=t@x", "commit", "-q", "--allow-empty", "-m", "Tester work"],
            in: folder)
        try repository.git(["worktree", "add", "-q", "-b", "worktree-fixer", ".claude/worktrees/fixer"])
        try repository.git(
            ["commit", "-q", "--allow-empty", "-m", "Fixer work"], in: repository.path + "/.claude/worktrees/fixer")
        try repository.commit("Co-authored\n\nCo-Authored-By: Claude <noreply@anthropic.com>", files: ["c.txt": "c\n"])
        // Only main is configured: the worktree HEADs are read anyway.
        var harness = try GitIngestHarness(repositories: [repository.path], base: repository.scratch(""))
        harness.config.repositories[0].refs = ["refs/heads/main"]
        harness.config.agents = [ReportConfig.Agent(id: "qa", worktree: folder)]
        let run = try harness.ingest()
        #expect(run.rows == 4)
        let tester = try #require(try harness.commit("Tester work"))
        #expect(tester["agent_id"] as String == "qa" && tester["attributed_by"] as String == "config-worktree")
        #expect(tester["branch"] as String == "worktrees/tester/HEAD")
        let fixer = try #require(try harness.commit("Fixer work"))
        #expect(fixer["agent_id"] as String == "fixer" && fixer["branch"] as String == "worktree-fixer")
        let coAuthored = try #require(try harness.commit("Co-authored"))
        #expect(coAuthored["agent_id"] as String == "claude" && coAuthored["attributed_by"] as String == "co-author")
        #expect(try harness.value("SELECT agent_id FROM git_refs WHERE ref = 'worktrees/tester/HEAD'") == "qa")
        // Removing the worktree is no fault: its commits stay, the next run only notes it.
        try repository.git(["worktree", "remove", "--force", folder])
        let again = try harness.ingest()
        #expect(again.rows == 0)
        #expect(again.diagnostics.allSatisfy { $0.severity == .note })
    }
}
