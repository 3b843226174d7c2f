import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Events between successive versions of a flat board, through the real source and database.
@Suite struct TaskBoardEventTests {
    let day: Int64 = 1_772_409_600  // 2026-03-02 00:00:00 UTC

    func board(_ tasks: [(id: String, status: String, assignee: String?)], updatedBy: String = "architect") -> String {
        let items = tasks.map { task in
            let assignee = task.assignee.map { "\"\($0)\"" } ?? "null"
            return
                #"{"id": "\#(task.id)", "title": "Title of \#(task.id)", "status": "\#(task.status)", "assignedTo": \#(assignee), "createdAt": "2026-03-01T00:00:00Z"}"#
        }
        return #"{"updatedBy": "\#(updatedBy)", "tasks": [\#(items.joined(separator: ","))]}"#
    }

    func ingest(_ json: String, into store: ReportStore, in workspace: URL, at now: Int64) throws -> (
        rows: Int, diagnostics: [Diagnostic]
    ) {
        let coordination = workspace.appendingPathComponent("coordination")
        try FileManager.default.createDirectory(at: coordination, withIntermediateDirectories: true)
        try Data(json.utf8).write(to: coordination.appendingPathComponent("task-board.json"))
        var config = ReportConfig(baseDirectory: workspace.path)
        config.repositories = []
        let context = RunContext(config: config, now: now)
        let rows = try TaskBoardSource().ingest(into: store, context: context)
        return (rows, context.diagnostics.all)
    }

    func events(_ store: ReportStore) throws -> [String] {
        try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM task_events ORDER BY id").map { row in
                "\(row["task_id"] as String) \(row["event_type"] as String) \(row["previous_status"] as String? ?? "-")→\(row["new_status"] as String? ?? "-") by \(row["changed_by"] as String? ?? "-") at \(row["timestamp"] as String)"
            }
        }
    }

    @Test func firstRunCreatesEveryTaskAndSecondRunOnTheSameBoardAddsNothing() throws {
        let workspace = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let store = try ReportStore.inMemory()
        let json = board([("TASK-1", "TODO", "builder"), ("TASK-2", "IN_PROGRESS", "all")])
        #expect(try ingest(json, into: store, in: workspace, at: day).rows == 2)
        #expect(try ingest(json, into: store, in: workspace, at: day + 3600).rows == 0)
        #expect(
            try events(store) == [
                // No git history: the board's claimed createdAt is the best time there is.
                "TASK-1 created -→todo by architect at 2026-03-01 00:00:00",
                "TASK-2 created -→in_progress by architect at 2026-03-01 00:00:00",
            ])
        let assignee = try store.queue.read {
            try String.fetchOne($0, sql: "SELECT assigned_to FROM tasks WHERE task_id = 'TASK-2'")
        }
        #expect(assignee == nil, "`all` is the whole team, not an agent")
    }

    @Test func statusChangesBetweenRunsBecomeTypedEvents() throws {
        let workspace = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let store = try ReportStore.inMemory()
        _ = try ingest(
            board([
                ("A-1", "TODO", "builder"), ("A-2", "IN_PROGRESS", "builder"), ("A-3", "DONE", "validator"),
                ("A-4", "TODO", nil),
            ]),
            into: store, in: workspace, at: day)
        _ = try ingest(
            board(
                [
                    ("A-1", "IN_PROGRESS", "builder"), ("A-2", "BLOCKED", "builder"), ("A-3", "VERIFIED", "validator"),
                    ("A-4", "TODO", "validator"),
                ], updatedBy: "builder"),
            into: store, in: workspace, at: day + 3600)
        _ = try ingest(
            board(
                [("A-1", "DONE", "builder"), ("A-2", "BLOCKED", "builder"), ("A-3", "IN_PROGRESS", "validator")],
                updatedBy: "validator"),
            into: store, in: workspace, at: day + 7200)
        #expect(
            try Array(events(store).dropFirst(4)) == [
                "A-1 updated todo→in_progress by builder at 2026-03-02 01:00:00",
                "A-2 blocked in_progress→blocked by builder at 2026-03-02 01:00:00",
                "A-3 verified done→verified by builder at 2026-03-02 01:00:00",
                "A-4 assigned todo→todo by builder at 2026-03-02 01:00:00",
                "A-1 completed in_progress→done by validator at 2026-03-02 02:00:00",
                "A-3 reopened verified→in_progress by validator at 2026-03-02 02:00:00",
                "A-4 removed todo→- by validator at 2026-03-02 02:00:00",
            ])
        let removed = try store.queue.read {
            try Int.fetchOne($0, sql: "SELECT removed FROM tasks WHERE task_id = 'A-4'")
        }
        #expect(removed == 1, "a task that disappears is removed, not done")
    }

    @Test func invalidJSONIsDiagnosedAtItsLineAndColumnAndChangesNoTask() throws {
        let workspace = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let store = try ReportStore.inMemory()
        _ = try ingest(board([("A-1", "TODO", "builder")]), into: store, in: workspace, at: day)
        let broken = "{\n  \"tasks\": [\n    {\"id\": \"A-1\", \"status\": }\n  ]\n}"
        let result = try ingest(broken, into: store, in: workspace, at: day + 60)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.file == "coordination/task-board.json")
        #expect(error.line == 3)
        #expect(error.column != nil)
        #expect(try events(store).count == 1)
        let status = try store.queue.read {
            try String.fetchOne($0, sql: "SELECT status FROM tasks WHERE task_id = 'A-1'")
        }
        #expect(status == "todo")
    }

    @Test func unknownStatusIsKeptRawCountedAsTodoAndWarnedOnce() throws {
        let workspace = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let store = try ReportStore.inMemory()
        let result = try ingest(
            board([("A-1", "PARKED", nil), ("A-2", "PARKED", nil)]), into: store, in: workspace, at: day)
        #expect(result.diagnostics.filter { $0.message.contains("PARKED") }.count == 1)
        let rows = try store.queue.read {
            try Row.fetchAll($0, sql: "SELECT status, raw_status FROM tasks ORDER BY task_id")
        }
        #expect(rows.map { $0["status"] as String } == ["todo", "todo"])
        #expect(rows.map { $0["raw_status"] as String } == ["PARKED", "PARKED"])
    }

    @Test(arguments: [
        ("TODO", TaskStatus.todo), ("pending", .todo), ("open", .todo), ("backlog", .todo),
        ("IN_PROGRESS", .inProgress), ("in-progress", .inProgress), ("doing", .inProgress), ("active", .inProgress),
        ("REVIEW", .review), ("IN_REVIEW", .review), ("BLOCKED", .blocked), ("on_hold", .blocked),
        ("DONE", .done), ("completed", .done), ("complete", .done), ("closed", .done),
        ("VERIFIED", .verified), ("APPROVED", .verified), ("cancelled", .cancelled), ("canceled", .cancelled),
        ("deferred", .cancelled),
    ])
    func statusesNormaliseAsTheDesignSays(raw: String, expected: TaskStatus) {
        let result = TaskStatus.normalise(raw)
        #expect(result.status == expected)
        #expect(result.recognised)
    }
}
