import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The working-copy board without git: events against the latest state, observed at "now".
@Suite struct TaskBoardSourceTests {
    let board = "coordination/task-board.json"

    @Test func firstRunCreatesTasksAndSecondRunAddsNothing() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard(updatedBy: "architect", [("T-1", "TODO", "builder"), ("T-2", "DONE", nil)]))
        #expect(try workspace.ingest(TaskBoardSource()).rows == 2)
        #expect(try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z").rows == 0)
        #expect(try workspace.events() == [
            "2026-03-03 00:00:00 created T-1 -→todo by architect",
            "2026-03-03 00:00:00 created T-2 -→done by architect",
        ])
    }

    @Test func newSprintReplacingTheBoardRemovesTasksInsteadOfCompletingThem() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard([("T-1", "in_progress", "builder"), ("T-2", "todo", nil)]))
        try workspace.ingest(TaskBoardSource())
        try workspace.write(board, flatBoard([("S2-1", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(try workspace.events().suffix(3) == [
            "2026-03-04 00:00:00 created S2-1 -→todo by -",
            "2026-03-04 00:00:00 removed T-1 in_progress→- by -",
            "2026-03-04 00:00:00 removed T-2 todo→- by -",
        ])
        let removed = try workspace.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT task_id FROM tasks WHERE removed = 1 ORDER BY task_id")
        }
        #expect(removed == ["T-1", "T-2"])
        #expect(try workspace.events().filter { $0.contains("completed") }.isEmpty)
    }

    @Test func doneBackToInProgressIsReopened() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard([("T-1", "DONE", "builder")]))
        try workspace.ingest(TaskBoardSource())
        try workspace.write(board, flatBoard(updatedBy: "validator", [("T-1", "IN_PROGRESS", "builder")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(try workspace.events().last == "2026-03-04 00:00:00 reopened T-1 done→in_progress by validator")
    }

    @Test func assigneeChangeIsAnAssignedEventWithThePreviousAssignee() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard([("T-1", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource())
        try workspace.write(board, flatBoard([("T-1", "todo", "validator")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(try workspace.events().last == "2026-03-04 00:00:00 assigned T-1 todo→todo by -")
        let row = try #require(try workspace.store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT assigned_to, details FROM task_events ORDER BY id DESC LIMIT 1")
        })
        #expect(row["assigned_to"] as String? == "validator")
        #expect((row["details"] as String).contains("\"previous_assignee\":\"builder\""))
    }

    @Test func statusChangesGiveTheEventTypesOfTheDesign() {
        #expect(TaskBoardDiffer.statusEventKind(from: .todo, to: .inProgress) == .updated)
        #expect(TaskBoardDiffer.statusEventKind(from: .inProgress, to: .blocked) == .blocked)
        #expect(TaskBoardDiffer.statusEventKind(from: .review, to: .done) == .completed)
        #expect(TaskBoardDiffer.statusEventKind(from: .inProgress, to: .verified) == .completed)
        #expect(TaskBoardDiffer.statusEventKind(from: .done, to: .verified) == .verified)
        #expect(TaskBoardDiffer.statusEventKind(from: .verified, to: .todo) == .reopened)
        #expect(TaskBoardDiffer.statusEventKind(from: .done, to: .blocked) == .reopened)
        #expect(TaskBoardDiffer.statusEventKind(from: .todo, to: .cancelled) == .updated)
    }

    @Test func rejectedBoardLeavesTasksAsTheyWereAndIsAnError() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard([("T-1", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource())
        try workspace.write(board, "{\"tasks\": [")
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(rows == 0)
        #expect(diagnostics.contains { $0.severity == .error && $0.file == board })
        #expect(try workspace.events().count == 1)
    }

    @Test func deletedBoardFileRemovesItsTasks() throws {
        let workspace = try TestWorkspace()
        try workspace.write(board, flatBoard([("T-1", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource())
        try workspace.remove(board)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(try workspace.events().last == "2026-03-04 00:00:00 removed T-1 todo→- by -")
    }

    @Test func agentsFromTheBoardAndTheConfigAreNoted() throws {
        let workspace = try TestWorkspace()
        workspace.config.agents = [ReportConfig.Agent(id: "pm", name: "Product Manager")]
        try workspace.write(board, String(decoding: try fixture("boards/flat.json"), as: UTF8.self))
        try workspace.ingest(TaskBoardSource())
        let agents = try workspace.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, sources FROM agents ORDER BY id").map {
                "\($0["id"] as String) \($0["name"] as String? ?? "-") \($0["sources"] as String)"
            }
        }
        #expect(agents == [
            "architect System Architect [\"board\"]", "builder Full-Stack Builder [\"board\"]",
            "pm Product Manager [\"config\"]", "validator - [\"board\"]",
        ])
    }

    @Test func markdownTaskFoldersAreABoard() throws {
        let workspace = try TestWorkspace()
        let task = """
            ---
            id: be-fix-cwd
            title: Fix the verifier's cwd
            owner_agent: be
            status: done
            priority: 1
            depends_on: [pm-isolation, 'pm-other']
            created_at: 2026-03-02T10:08:54+0000
            acceptance_criteria:
              - exits 0
            ---

            ## Prompt
            Do it.
            """
        try workspace.write("coordination/done/be/001/be-fix-cwd.md", task)
        try workspace.write("coordination/blocked/db/001/db-scrub.md", "---\nid: db-scrub\ntitle: Scrub\nstatus: blocked\n---\nbody\n")
        try workspace.write("coordination/inbox/fe/TASK-0102.md", "---\ntitle: No id in front matter\n---\n")
        try workspace.write("coordination/inbox/fe/notes.md", "no front matter here\n")
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource())
        #expect(rows == 3)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.file == "coordination/inbox/fe/notes.md")
        let tasks = try workspace.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT task_id, status, assigned_to, dependencies FROM tasks ORDER BY task_id").map {
                "\($0["task_id"] as String) \($0["status"] as String) \($0["assigned_to"] as String? ?? "-") \($0["dependencies"] as String)"
            }
        }
        #expect(tasks == [
            "TASK-0102 todo fe []", "be-fix-cwd done be [\"pm-isolation\",\"pm-other\"]", "db-scrub blocked db []",
        ])
    }
}
