import Foundation
import GRDB
import Testing

@testable import AgentReport

@Suite struct GitSourceTests {
    static let agents = [
        ReportConfig.Agent(id: "builder", name: "Full-Stack Builder", branches: ["agent-builder-*"]),
        ReportConfig.Agent(id: "reviewer", authors: ["LEAD@example.com"]),
    ]

    func ingestedHistory() throws -> (TestRepository, GitIngestHarness) {
        let repository = try TestRepository()
        try AgentHistory.write(into: repository)
        let harness = try GitIngestHarness(repositories: [repository.path], agents: Self.agents)
        let (rows, diagnostics) = try harness.ingest()
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(rows == 9)
        return (repository, harness)
    }

    @Test func agentBranchKeepsItsCommitsAfterTheMergeIntoMain() throws {
        let (_, harness) = try ingestedHistory()
        for subject in ["TASK-101: add the API server", "Add the logo"] {
            let row = try #require(try harness.commit(subject))
            #expect(row["branch"] as String? == AgentHistory.builderBranch)
            #expect(row["agent_id"] as String == "builder")
            #expect(row["attributed_by"] as String == "config-branch")
        }
        let start = try #require(try harness.commit("Initial scaffold"))
        #expect(start["branch"] as String? == "main")
        #expect(start["agent_id"] as String == "unattributed")
        #expect(start["attributed_by"] as String == "unattributed")
    }

    @Test func attributionFollowsTheRulesInOrder() throws {
        let (_, harness) = try ingestedHistory()
        let validator = try #require(try harness.commit("Add validation tests for TASK-101 and TASK-7"))
        #expect(validator["agent_id"] as String == "validator")
        #expect(validator["attributed_by"] as String == "branch-pattern")
        #expect(validator["branch"] as String? == "agents/validator")
        // A trailer outranks the branch name.
        let trailer = try #require(try harness.commit("Review the API contract"))
        #expect(trailer["agent_id"] as String == "architect")
        #expect(trailer["attributed_by"] as String == "trailer")
        // A configured author outranks everything, on main too.
        let human = try #require(try harness.commit("Human fix"))
        #expect(human["agent_id"] as String == "reviewer")
        #expect(human["attributed_by"] as String == "config-author")
        #expect(human["branch"] as String? == "main")
        let agents: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM agents WHERE sources LIKE '%git%' ORDER BY id")
        }
        #expect(agents == ["architect", "builder", "reviewer", "validator"])
        let builderName: String? = try harness.value("SELECT name FROM agents WHERE id = 'builder'")
        #expect(builderName == "Full-Stack Builder")
    }

    @Test func mergesBinariesAndRenamesAreCountedAsGitSeesThem() throws {
        let (_, harness) = try ingestedHistory()
        let merge = try #require(try harness.commit("Merge the builder's API"))
        #expect(merge["is_merge"] as Int == 1)
        #expect(merge["files_changed"] as Int == 0 && merge["lines_added"] as Int == 0 && merge["lines_deleted"] as Int == 0)
        #expect(merge["branch"] as String? == "main")
        let logo = try #require(try harness.commit("Add the logo"))
        #expect(logo["files_changed"] as Int == 1 && logo["lines_added"] as Int == 0 && logo["lines_deleted"] as Int == 0)
        #expect(logo["is_merge"] as Int == 0)
        // A rename with one changed line: one file, one line each way (not 10 + 10).
        let rename = try #require(try harness.commit("Rename the API to server (token [REDACTED])"))
        #expect(rename["files_changed"] as Int == 1)
        #expect(rename["lines_added"] as Int == 1 && rename["lines_deleted"] as Int == 1)
        #expect(rename["short_hash"] as String == String((rename["commit_hash"] as String).prefix(7)))
        #expect(rename["lines_unknown"] as Int == 0)
    }

    @Test func excludedPathsAndAuthorsAreLeftOutAndCounted() throws {
        let (_, harness) = try ingestedHistory()
        let api = try #require(try harness.commit("TASK-101: add the API server"))
        #expect(api["files_changed"] as Int == 1 && api["lines_added"] as Int == 10)
        #expect(try harness.commit("Bump left-pad") == nil)
        let rows: [Row] = try harness.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, pattern, commits, files, lines_added, lines_deleted FROM git_exclusions ORDER BY kind, pattern")
        }
        let tallies = rows.map { "\($0["kind"] as String) \($0["pattern"] as String) \($0["commits"] as Int)/\($0["files"] as Int)/\($0["lines_added"] as Int)/\($0["lines_deleted"] as Int)" }
        #expect(tallies == ["author *[bot] 1/1/1/1", "path **/*.lock 1/1/3/0", "path node_modules/** 1/1/5/0"])
    }

    @Test func taskIdsInMessagesLinkCommitsToTasks() throws {
        let (_, harness) = try ingestedHistory()
        let links: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.message || ' -> ' || t.task_id FROM commit_tasks t JOIN git_commits c ON c.commit_hash = t.commit_hash
                ORDER BY c.message, t.task_id
                """)
        }
        #expect(links == [
            "Add validation tests for TASK-101 and TASK-7 -> TASK-101", "Add validation tests for TASK-101 and TASK-7 -> TASK-7",
            "TASK-101: add the API server -> TASK-101",
        ])
    }

    @Test func refTipsAreRememberedWithTheirAgents() throws {
        let (repository, harness) = try ingestedHistory()
        let rows: [Row] = try harness.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT ref, tip, agent_id, last_ingested_at FROM git_refs ORDER BY ref")
        }
        #expect(rows.map { $0["ref"] as String } == ["refs/heads/agent-builder-1750106374", "refs/heads/agents/validator", "refs/heads/main"])
        #expect(rows.map { $0["agent_id"] as String? } == ["builder", "validator", nil])
        #expect(rows[2]["tip"] as String == (try repository.git(["rev-parse", "main"])))
        #expect(rows[2]["last_ingested_at"] as String == "2026-03-03 10:00:00")
        let time: String? = try harness.value("SELECT commit_timestamp FROM git_commits WHERE message = 'Initial scaffold'")
        #expect(time == "2026-03-02 10:10:00")
    }

    @Test func bareRepositoriesAndSeveralRepositoriesAreRead() throws {
        let work = try TestRepository()
        try AgentHistory.write(into: work)
        let bare = work.scratch("bare.git")
        try work.git(["clone", "-q", "--bare", work.path, bare], in: work.scratch(""))
        let other = try TestRepository()
        try other.commit("Other repository commit", files: ["x.txt": "x\n"])
        let harness = try GitIngestHarness(repositories: [bare, other.path], agents: Self.agents)
        let (rows, diagnostics) = try harness.ingest()
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(rows == 10)
        let repository: String? = try harness.value("SELECT repository FROM git_commits WHERE message = 'Other repository commit'")
        #expect(repository == other.path)
        let builder = try #require(try harness.commit("Add the logo"))
        #expect(builder["branch"] as String? == AgentHistory.builderBranch)
    }
}
