import Foundation
import Testing

@testable import AgentReport

@Suite struct InitTests {
    @Test func initListsAgentsFromBranchesWorktreesAndTheBoardAndKeepsAnExistingFile() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit(
            "coordination/task-board.json",
            flatBoard([("T-1", "todo", "Validator"), ("T-2", "todo", "pm"), ("T-3", "todo", "all")]),
            at: "2026-03-02T10:00:00Z", message: "board")
        try repo.git(["branch", "agent-builder-1750106374"])
        try repo.git(["branch", "agents/validator"])
        try repo.git(["branch", "feature/login"])
        try repo.git(["worktree", "add", "-q", "-b", "agent-architect", "agents/architect"])
        var options = RunOptions()
        options.workingDirectory = workspace.root
        options.verbosity = .quiet
        #expect(Engine.initialize(options, force: false) == .success)
        let path = workspace.root + "/agentreport.json"
        let config = try ConfigLoader.parse(
            try Data(contentsOf: URL(fileURLWithPath: path)), file: "agentreport.json", baseDirectory: workspace.root)
        #expect(config.agents.map(\.id) == ["architect", "builder", "pm", "validator"])
        #expect(config.agents.first { $0.id == "builder" }?.branches == ["agent-builder-1750106374"])
        #expect(config.agents.first { $0.id == "architect" }?.worktree == "agents/architect")
        #expect(config.agents.first { $0.id == "validator" }?.branches == ["agents/validator"])

        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(Engine.initialize(options, force: false) == .fatal)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}")
        #expect(Engine.initialize(options, force: true) == .success)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"architect\""))
    }
}

@Suite struct InitDetectionTests {
    @Test func initProposesAgentsFromWorktreesToolBranchesAndRemoteOnlyBranches() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit("README.md", "x\n", at: "2026-03-02T10:00:00Z", message: "first")
        try repo.git(["branch", "codex/add-tests"])
        try repo.git(["worktree", "add", "-q", "-b", "worktree-fixer", ".claude/worktrees/fixer"])
        try repo.git(["worktree", "add", "-q", "--detach", "agents/tester"])
        // A CI-style remote: agent branches only as refs/remotes/origin/*.
        try repo.git(["update-ref", "refs/remotes/origin/agent-builder-1750106374", "HEAD"])
        var diagnostics: [Diagnostic] = []
        let detection = AgentDetector(config: workspace.config).detect(diagnostics: &diagnostics)
        #expect(detection.agents.map(\.id) == ["builder", "codex", "fixer", "tester"])
        #expect(detection.agents.first { $0.id == "fixer" }?.worktree == ".claude/worktrees/fixer")
        #expect(detection.agents.first { $0.id == "tester" }?.worktree == "agents/tester")
        #expect(detection.refs == ["refs/heads/*", "refs/remotes/origin/*"])
        #expect(diagnostics.contains { $0.message.contains("no task board found") })
    }

    @Test func initSaysWhereItFoundABoardThatOnlyABranchHas() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit(
            "coordination/task-board.json", flatBoard([("T-1", "todo", "validator")]), at: "2026-03-02T10:00:00Z",
            message: "board")
        try repo.git(["checkout", "-q", "-b", "agent-builder-1"])
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["rm", "-q", "-r", "coordination"])
        try repo.git(["commit", "-q", "-m", "clean up"])
        var diagnostics: [Diagnostic] = []
        let detection = AgentDetector(config: workspace.config).detect(diagnostics: &diagnostics)
        #expect(detection.agents.map(\.id) == ["builder", "validator"])
        #expect(diagnostics.contains { $0.message.contains("found on refs/heads/agent-builder-1") })
    }
}
