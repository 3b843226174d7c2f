import Foundation
import Testing

@testable import AgentReport

@Suite struct InitTests {
    @Test func initListsAgentsFromBranchesWorktreesAndTheBoardAndKeepsAnExistingFile() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit("coordination/task-board.json", flatBoard([("T-1", "todo", "Validator"), ("T-2", "todo", "pm"), ("T-3", "todo", "all")]),
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
        let config = try ConfigLoader.parse(try Data(contentsOf: URL(fileURLWithPath: path)), file: "agentreport.json", baseDirectory: workspace.root)
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
