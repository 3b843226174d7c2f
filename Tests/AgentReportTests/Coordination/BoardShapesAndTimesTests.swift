import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 13, items 5–7: boards keyed by agent and folders of one JSON file per task; claimed
/// times where the board has no history; completions of tasks first seen done.
@Suite struct BoardShapesAndTimesTests {
    func tasks(_ workspace: TestWorkspace) throws -> [String] {
        try workspace.store.queue.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT task_id, title, status, assigned_to, dependencies, status_since FROM tasks ORDER BY task_id"
            )
            .map { row in
                "\(row["task_id"] as String) \(row["title"] as String) \(row["status"] as String) "
                    + "\(row["assigned_to"] as String? ?? "team") \(row["dependencies"] as String) since \(row["status_since"] as String)"
            }
        }
    }

    func details(_ workspace: TestWorkspace, _ task: String, _ type: String) throws -> [String: Any] {
        let text = try workspace.store.queue.read { db in
            try String.fetchOne(
                db, sql: "SELECT details FROM task_events WHERE task_id = ? AND event_type = ?",
                arguments: [task, type])
        }
        let data = Data(try #require(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - Item 5: two more shapes

    @Test func aBoardKeyedByAgentGivesEachTaskItsAgentAsAssignee() throws {
        let workspace = try TestWorkspace()
        try workspace.write(
            "coordination/task-board.json",
            """
            {"updatedBy": "builder", "tasks": {
              "builder": {"status": "ACTIVE",
                          "current": {"id": "B-1", "task": "Build the API", "assignedTo": "validator"},
                          "completed": [{"id": "B-0", "task": "Scaffold", "status": "COMPLETED"}],
                          "queue": [{"id": "B-2", "title": "Docs"}, {"id": "B-3", "title": "Review me", "status": "REVIEW"}]},
              "validator": {"current": null, "completed": []}}}
            """)
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-02T12:00:00Z")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(rows == 4)
        #expect(
            try tasks(workspace) == [
                "B-0 Scaffold done builder [] since 2026-03-02 12:00:00",
                "B-1 Build the API in_progress builder [] since 2026-03-02 12:00:00",
                "B-2 Docs todo builder [] since 2026-03-02 12:00:00",
                "B-3 Review me review builder [] since 2026-03-02 12:00:00",
            ])
        #expect(try workspace.events().allSatisfy { $0.hasSuffix("by builder") })
        var diagnosticsOfParse: [Diagnostic] = []
        let shape = TaskBoardParser(file: "b.json").parse(
            Data(#"{"tasks": {"architect": {"current": [{"id": "A-1"}]}}}"#.utf8), diagnostics: &diagnosticsOfParse)?
            .shape
        #expect(shape == .agents)
    }

    @Test func aFolderOfOneJSONFilePerTaskIsABoardObservedAtNow() throws {
        let workspace = try TestWorkspace()
        workspace.config.coordination.taskBoard = "team-tasks"
        func task(_ id: String, _ status: String, owner: String?, blockedBy: [String] = []) -> String {
            let fields: [String: Any] = [
                "id": id, "subject": "Task \(id)", "description": "Do \(id)", "activeForm": "Doing \(id)",
                "status": status,
                "owner": owner ?? NSNull(), "blocks": [], "blockedBy": blockedBy,
            ]
            return JSONSupport.encode(fields)
        }
        try workspace.write("coordination/team-tasks/1.json", task("1", "completed", owner: "researcher"))
        try workspace.write(
            "coordination/team-tasks/2.json", task("2", "in_progress", owner: "implementer", blockedBy: ["1"]))
        try workspace.write("coordination/team-tasks/.lock", "")
        try workspace.write("coordination/team-tasks/.highwatermark", "2")
        var (rows, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-02T10:00:00Z")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(
            try tasks(workspace) == [
                "1 Task 1 done researcher [] since 2026-03-02 10:00:00",
                "2 Task 2 in_progress implementer [\"1\"] since 2026-03-02 10:00:00",
            ])
        // The first look at a board with no times: task 1 was finished at an unknown time, not now.
        #expect(rows == 2)
        try workspace.write(
            "coordination/team-tasks/2.json", task("2", "completed", owner: "implementer", blockedBy: ["1"]))
        try workspace.write("coordination/team-tasks/3.json", task("3", "completed", owner: "researcher"))
        (rows, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-02T11:00:00Z")
        try workspace.remove("coordination/team-tasks/1.json")
        try workspace.ingest(TaskBoardSource(), now: "2026-03-02T12:00:00Z")
        #expect(
            try workspace.events() == [
                "2026-03-02 10:00:00 created 1 -→done by -",
                "2026-03-02 10:00:00 created 2 -→in_progress by -",
                "2026-03-02 11:00:00 completed 2 in_progress→done by -",
                "2026-03-02 11:00:00 created 3 -→done by -",
                "2026-03-02 11:00:00 completed 3 -→done by -",
                "2026-03-02 12:00:00 removed 1 done→- by -",
            ])
    }

    @Test func initFindsTheOwnersOfAJSONTaskFolderAndTheAgentsOfABoardKeyedByAgent() throws {
        let workspace = try TestWorkspace()
        workspace.config.repositories = []
        workspace.config.coordination.taskBoard = "team-tasks"
        try workspace.write(
            "coordination/team-tasks/1.json",
            #"{"id": "1", "subject": "One", "status": "pending", "owner": "researcher"}"#)
        var diagnostics: [Diagnostic] = []
        #expect(
            AgentDetector(config: workspace.config).detect(diagnostics: &diagnostics).agents.map(\.id) == ["researcher"]
        )
        workspace.config.coordination.taskBoard = "task-board.json"
        try workspace.write("coordination/task-board.json", #"{"tasks": {"builder": {"current": {"id": "B-1"}}}}"#)
        #expect(
            AgentDetector(config: workspace.config).detect(diagnostics: &diagnostics).agents.map(\.id) == ["builder"])
    }

    // MARK: - Item 6: claimed times where nothing better exists

    @Test func withoutHistoryATaskFirstSeenTakesItsClaimedTimesNeverAfterNow() throws {
        let workspace = try TestWorkspace()
        try workspace.write(
            "coordination/task-board.json",
            """
            {"tasks": [
              {"id": "T-1", "title": "Done", "status": "DONE", "createdAt": "2026-03-02T08:00:00Z", "completedAt": "2026-03-02T09:30:00Z"},
              {"id": "T-2", "title": "Verified", "status": "VERIFIED", "created_at": "2026-03-02T08:10:00Z", "verifiedAt": "2026-03-02T15:00:00Z"},
              {"id": "T-3", "title": "Open", "status": "IN_PROGRESS", "createdAt": "2026-03-02T09:00:00Z"},
              {"id": "T-4", "title": "Future", "status": "DONE", "createdAt": "2026-03-02T10:00:00Z", "completedAt": "2026-04-01T00:00:00Z"},
              {"id": "T-5", "title": "Odd", "status": "DONE", "createdAt": "2026-03-02T11:00:00Z", "completedAt": "2026-03-01T00:00:00Z"}
            ]}
            """)
        let run = try workspace.ingest(TaskBoardSource(), now: "2026-03-03T07:00:00Z")
        // The claimed time after now is named once (issue 12, item 6), as commits dated after now are.
        let future = run.diagnostics.filter { $0.message.contains("after now") }
        #expect(future.count == 1 && future.first?.severity == .warning)
        #expect(
            future.first?.message.hasPrefix("1 claimed time is after now: T-4 completedAt 2026-04-01 00:00:00") == true)
        #expect(
            try workspace.events() == [
                "2026-03-02 08:00:00 created T-1 -→done by -",
                "2026-03-02 09:30:00 completed T-1 -→done by -",
                "2026-03-02 08:10:00 created T-2 -→verified by -",
                "2026-03-02 15:00:00 completed T-2 -→verified by -",
                "2026-03-02 09:00:00 created T-3 -→in_progress by -",
                "2026-03-02 10:00:00 created T-4 -→done by -",
                "2026-03-03 07:00:00 completed T-4 -→done by -",
                "2026-03-02 11:00:00 created T-5 -→done by -",
                "2026-03-02 11:00:00 completed T-5 -→done by -",
            ])
        #expect(try details(workspace, "T-1", "created")["time_source"] as? String == "claimed createdAt")
        #expect(try details(workspace, "T-1", "completed")["time_source"] as? String == "claimed completedAt")
        #expect(try details(workspace, "T-2", "completed")["time_source"] as? String == "claimed verifiedAt")
        #expect(try details(workspace, "T-4", "completed")["time_source"] == nil)
        #expect(
            try tasks(workspace).map {
                ($0.split(separator: " ").first ?? "") + " " + $0.components(separatedBy: "since ")[1]
            } == [
                "T-1 2026-03-02 09:30:00", "T-2 2026-03-02 15:00:00", "T-3 2026-03-02 09:00:00",
                "T-4 2026-03-03 07:00:00",
                "T-5 2026-03-02 11:00:00",
            ])
        // A later run: a status change is observed, never claimed.
        try workspace.write(
            "coordination/task-board.json",
            """
            {"tasks": [{"id": "T-3", "title": "Open", "status": "DONE", "createdAt": "2026-03-02T09:00:00Z", "completedAt": "2026-03-02T10:00:00Z"}]}
            """)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T07:00:00Z")
        #expect(
            try workspace.events().filter { $0.contains("T-3") }.last
                == "2026-03-04 07:00:00 completed T-3 in_progress→done by -")
    }

    // MARK: - Item 7: completions first seen as done

    @Test func aTaskFirstSeenDoneInAReplayIsCompletedAtThatCommit() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        let path = "coordination/task-board.json"
        try repo.commit(
            path, flatBoard([("A", "done", "builder"), ("B", "todo", "builder")]), at: "2026-03-02T10:00:00Z",
            message: "first")
        try repo.commit(
            path, flatBoard([("A", "done", "builder"), ("B", "todo", "builder"), ("C", "verified", "validator")]),
            at: "2026-03-02T11:00:00Z", message: "C claimed and finished between two commits")
        try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z")
        #expect(
            try workspace.events() == [
                "2026-03-02 10:00:00 created A -→done by -",
                "2026-03-02 10:00:00 completed A -→done by -",
                "2026-03-02 10:00:00 created B -→todo by -",
                "2026-03-02 11:00:00 created C -→verified by -",
                "2026-03-02 11:00:00 completed C -→verified by -",
            ])
        #expect(try details(workspace, "C", "completed")["first_seen_done"] as? Bool == true)
    }

    @Test func aTaskFirstSeenDoneWithoutAnyTimeCountsOnlyAfterTheFirstLook() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/task-board.json", flatBoard([("A", "done", "builder")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-02T00:00:00Z")
        try workspace.write(
            "coordination/task-board.json", flatBoard([("A", "done", "builder"), ("B", "done", "builder")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z")
        #expect(
            try workspace.events() == [
                "2026-03-02 00:00:00 created A -→done by -",
                "2026-03-03 00:00:00 created B -→done by -",
                "2026-03-03 00:00:00 completed B -→done by -",
            ])
    }

    // MARK: - Item 8: met dependencies stay met

    @Test func aDependencyDoneBeforeItLeftTheBoardStaysMet() throws {
        let workspace = try TestWorkspace()
        let board =
            #"{"tasks": [{"id": "TASK-171", "title": "Schema", "status": "VERIFIED"}, "#
            + #"{"id": "TASK-170", "title": "Spike", "status": "IN_PROGRESS"}, "#
            + #"{"id": "TASK-172", "title": "Endpoints", "status": "TODO", "dependencies": ["TASK-171", "TASK-170"]}]}"#
        try workspace.write("coordination/task-board.json", board)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-02T00:00:00Z")
        // A sprint reset keeps only the open work.
        try workspace.write(
            "coordination/task-board.json",
            """
            {"tasks": [{"id": "TASK-172", "title": "Endpoints", "status": "TODO", "dependencies": ["TASK-171", "TASK-170"]}]}
            """)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z")
        let now = try #require(UTCTime.parse("2026-03-03T00:00:00Z"))
        let page = try #require(try ReportTestSupport.render(workspace.store, now: now).first { $0.path == "tasks.md" })
        let unmet = try #require(
            page.contents.components(separatedBy: "| Task | Title | Status since | Waiting on |").dropFirst().first)
        let row = try #require(unmet.split(separator: "\n").first { $0.contains("TASK-172") })
        #expect(row.contains("TASK-170 (not on the board)"))
        #expect(!row.contains("TASK-171"))
    }
}
