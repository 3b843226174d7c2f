import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct GitIncrementalTests {
    @Test func secondRunOnAnUnchangedRepositoryAddsNothing() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path])
        #expect(try harness.ingest().rows == 9)
        let exclusions: Int? = try harness.value("SELECT SUM(commits) FROM git_exclusions")
        let second = try harness.ingest()
        #expect(second.rows == 0)
        #expect(second.diagnostics.isEmpty)
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits") == 9)
        #expect(try harness.value("SELECT SUM(commits) FROM git_exclusions") == exclusions)
    }

    @Test func onlyNewCommitsAreReadAndClaimed() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path])
        _ = try harness.ingest()
        try repository.checkout("agents/validator")
        try repository.commit("More validation", files: ["tests/more.swift": "1\n2\n"])
        try repository.checkout("agent-planner-1750200000", from: "main")
        try repository.commit("Plan the sprint", files: ["plan.md": "p\n"])
        let run = try harness.ingest()
        #expect(run.rows == 2)
        let more = try #require(try harness.commit("More validation"))
        #expect(more["agent_id"] as String == "validator" && more["lines_added"] as Int == 2)
        let plan = try #require(try harness.commit("Plan the sprint"))
        #expect(plan["agent_id"] as String == "planner")
        #expect(plan["branch"] as String? == "agent-planner-1750200000")
        // The new branch started from main's tip: that commit stays main's.
        #expect(try harness.commit("Human fix")?["branch"] as String? == "main")
        #expect(try harness.value("SELECT COUNT(*) FROM git_refs") == 4)
    }

    @Test func forcePushedBranchIsRescannedAndRowsStaySingle() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path])
        _ = try harness.ingest()
        // Rewrite the validator branch: drop its last commit, commit something else.
        try repository.checkout("agents/validator")
        try repository.git(["reset", "-q", "--hard", "HEAD~1"])
        try repository.commit("Rewritten review", files: ["docs/api.md": "rewritten\n"])
        let run = try harness.ingest()
        #expect(run.rows == 1)
        #expect(run.diagnostics.contains { $0.severity == .note && $0.message.contains("rewritten") })
        #expect(!run.diagnostics.contains { $0.isRejection })
        let rewritten = try #require(try harness.commit("Rewritten review"))
        #expect(rewritten["branch"] as String? == "agents/validator")
        // The dropped commit's row stays, once.
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits WHERE message = 'Review the API contract'") == 1)
        #expect(try harness.value("SELECT tip FROM git_refs WHERE ref = 'refs/heads/agents/validator'")
            == (try repository.git(["rev-parse", "HEAD"])))
        #expect(try harness.ingest().rows == 0)
    }

    @Test func rewrittenBranchWhoseOldTipIsGoneIsReadAgainWithoutDuplicates() throws {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path])
        _ = try harness.ingest()
        let oldTip = try repository.git(["rev-parse", "agents/validator"])
        try repository.checkout("agents/validator")
        try repository.git(["reset", "-q", "--hard", "HEAD~1"])
        try repository.commit("Rewritten review", files: ["docs/api.md": "rewritten\n"])
        try repository.deleteObject(oldTip)
        let run = try harness.ingest()
        #expect(run.rows == 1)
        #expect(run.diagnostics.contains { $0.message.contains("no longer exists") })
        #expect(try harness.value("SELECT COUNT(*) FROM git_commits") == 10)
        #expect(try harness.value("SELECT commits FROM git_exclusions WHERE kind = 'author'") == 1)
    }
}
