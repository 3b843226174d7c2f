import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Every source asks the one attribution service, so a commit and what it wrote agree.
@Suite struct AttributionAgreementTests {
    let board = "coordination/task-board.json"

    @Test func boardEventsGetTheAgentOfTheCommitThatWroteThemInEitherOrder() throws {
        for gitFirst in [false, true] {
            let workspace = try TestWorkspace()
            workspace.config.agents = [ReportConfig.Agent(id: "builder", authors: ["*builder*"])]
            let repo = try TestGitRepository(workspace)
            try repo.commit(
                board, flatBoard([("T-1", "todo", "builder")]), at: "2026-03-02T10:00:00Z", message: "board",
                email: "builder-bot@example.com")
            try repo.git(["checkout", "-q", "-b", "agent-validator-17"])
            // No author rule: the claimed branch names the agent, for the commit and its events.
            try repo.commit(
                board, flatBoard([("T-1", "in_progress", "builder")]), at: "2026-03-02T11:00:00Z", message: "start")
            try repo.git(["checkout", "-q", "main"])
            try repo.git(["merge", "-q", "--no-ff", "-m", "merge", "agent-validator-17"], date: "2026-03-02T12:00:00Z")
            if gitFirst { try workspace.ingest(GitSource()) }
            try workspace.ingest(TaskBoardSource())
            if !gitFirst { try workspace.ingest(GitSource()) }
            let pairs = try workspace.store.queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.event_type, e.changed_by, c.agent_id FROM task_events e
                        JOIN git_commits c ON c.commit_hash = json_extract(e.details, '$.commit') ORDER BY e.id
                        """
                ).map { row in
                    "\(row["event_type"] as String) \(row["changed_by"] as String? ?? "-") \(row["agent_id"] as String)"
                }
            }
            #expect(pairs == ["created builder builder", "updated validator validator"], "git first: \(gitFirst)")
        }
    }

    @Test func boardUpdatedByAndProgressHeadingsUseTheConfigNames() throws {
        let workspace = try TestWorkspace()
        workspace.config.agents = [ReportConfig.Agent(id: "builder", name: "Full-Stack Builder")]
        try workspace.write(board, flatBoard(updatedBy: "Full-Stack Builder", [("T-1", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource())
        #expect(try workspace.events() == ["2026-03-03 00:00:00 created T-1 -→todo by builder"])
        try workspace.write("coordination/progress-log.md", "## 2026-03-02T10:00:00Z - Full-Stack Builder\nDid it.\n")
        try workspace.ingest(ProgressLogSource())
        let agent: String? = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT agent_id FROM progress_entries")
        }
        #expect(agent == "builder")
    }
}
