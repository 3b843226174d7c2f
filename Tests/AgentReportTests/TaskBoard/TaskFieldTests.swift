import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Issue 13, items 3 and 4: one table of field names, and a value that cannot be read
/// never costs its task or changes its other facts.
@Suite struct TaskFieldTests {
    func parse(_ json: String) -> (TaskBoardSnapshot?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let snapshot = TaskBoardParser(file: "board.json").parse(Data(json.utf8), diagnostics: &diagnostics)
        return (snapshot, diagnostics)
    }

    @Test func aClaimBoardInSnakeCaseGivesAssigneesDependenciesAndItsWriter() throws {
        let (snapshot, diagnostics) = parse(
            """
            {"tasks": [
              {"id": "task-001", "title": "Protocol", "status": "completed", "claimed_by": "lead", "depends_on": [],
               "created_at": "2025-12-30T00:34:11-07:00", "completed_at": "2025-12-30T00:35:46.615135-07:00"},
              {"id": "task-002", "title": "CLI", "status": "in_progress", "claimed_by": "codex", "depends_on": ["task-001"]},
              {"id": "task-003", "title": "Dup", "status": "failed", "claimed_by": null},
              {"id": "task-004", "title": "Claimed", "status": "claimed", "claimed_by": "lead", "depends_on": ["task-002"]},
              {"id": "task-005", "title": "Open", "status": "pending", "assigned_to": "codex", "claimed_by": "lead"},
              {"id": "task-006", "title": "Odd", "status": "pending", "Assigned-To": "Builder", "Blocked_By": ["task-002"]}
            ],
             "last_updated": "2025-12-30T11:00:00.000001+00:00", "last_updated_by": "lead"}
            """)
        let board = try #require(snapshot)
        #expect(board.updatedBy == "lead")
        #expect(board.tasks.map { $0.assignedTo ?? "team" } == ["lead", "codex", "team", "lead", "codex", "builder"])
        #expect(board.tasks.map(\.status) == [.done, .inProgress, .todo, .todo, .todo, .todo])
        #expect(board.tasks[1].dependencies == ["task-001"])
        #expect(board.tasks[5].blockers == ["task-002"])
        #expect(
            board.tasks[0].claimedTimes == [
                "created_at": "2025-12-30T00:34:11-07:00", "completed_at": "2025-12-30T00:35:46.615135-07:00",
            ])
        // The claim the assignee won over is kept.
        #expect(board.tasks[4].extra["claimed_by"] == "\"lead\"")
        #expect(diagnostics.map(\.message).filter { $0.hasPrefix("unknown status") }.count == 2)
        #expect(diagnostics.count == 2)
    }

    @Test func everyAliasIsInTheDocumentedTable() throws {
        let docs = try String(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/formats.md"), encoding: .utf8)
        let table = try #require(docs.components(separatedBy: "### Field names").dropFirst().first)
        for field in TaskField.allCases {
            for alias in field.aliases {
                #expect(table.contains("`\(alias)`"), "docs/formats.md does not list \(alias) (\(field))")
            }
        }
        for alias in TaskField.boardUpdatedBy { #expect(table.contains("`\(alias)`")) }
    }

    @Test func badValuesAreRepairedOrDroppedAndTheTaskIsKept() throws {
        let (snapshot, diagnostics) = parse(
            """
            {"tasks": [
              {"id": "T-1", "title": "Half \\ud800 pair", "status": "DONE", "description": "cut\\u0000here", "estimatedHours": 1e400},
              {"id": "T-2", "title": {"en": "an object"}, "status": "TODO", "assignedTo": ["a", "b"], "tags": ["ok", true]}
            ]}
            """)
        let board = try #require(snapshot)
        #expect(board.tasks.map(\.id) == ["T-1", "T-2"])
        #expect(board.tasks[0].title == "Half \u{FFFD} pair")
        #expect(board.tasks[0].description == "cut\u{FFFD}here")
        #expect(board.tasks[0].extra["estimatedHours"] == "\"1e400\"")
        #expect(board.tasks[1].title == "T-2")
        #expect(board.tasks[1].extra["title"] == #"{"en":"an object"}"#)
        #expect(board.tasks[1].assignedTo == nil)
        #expect(board.tasks[1].tags == ["ok"])
        #expect(
            diagnostics.map(\.location) == [
                "board.json:2:32", "board.json:2:83", "board.json:2:114", "board.json:3:26", "board.json:3:79",
                "board.json:3:99",
            ])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics[3].message == "tasks[1] (task T-2): title is an object, not text; not read (kept in details)")
    }

    @Test func aBadValueDoesNotRemoveOrRecreateItsTask() throws {
        let workspace = try TestWorkspace()
        let good =
            #"{"tasks": [{"id": "T-1", "title": "One", "status": "TODO", "estimatedHours": 2}, {"id": "T-2", "title": "Two"}]}"#
        try workspace.write("coordination/task-board.json", good)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-02T00:00:00Z")
        try workspace.write("coordination/task-board.json", good.replacingOccurrences(of: "2}", with: "1e400}"))
        let (_, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z")
        #expect(diagnostics.map(\.location) == ["coordination/task-board.json:1:78"])
        try workspace.write("coordination/task-board.json", good)
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(
            try workspace.events() == [
                "2026-03-02 00:00:00 created T-1 -→todo by -", "2026-03-02 00:00:00 created T-2 -→todo by -",
            ])
    }

    @Test func aTaskFileThatCannotBeReadIsNotRemoved() throws {
        let workspace = try TestWorkspace()
        try workspace.write("coordination/todo/be/t-1.md", "---\nid: t-1\ntitle: One\n---\n")
        try workspace.write("coordination/todo/be/t-2.md", "---\nid: t-2\ntitle: Two\n---\n")
        try workspace.ingest(TaskBoardSource(), now: "2026-03-02T00:00:00Z")
        try workspace.write("coordination/todo/be/t-1.md", "---\nid: t-1\ntitle: [unclosed\n---\n")
        let (_, diagnostics) = try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z")
        #expect(diagnostics.first?.location == "coordination/todo/be/t-1.md:4:1")
        #expect(try workspace.events().filter { $0.contains("removed") }.isEmpty)
        try workspace.remove("coordination/todo/be/t-1.md")
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(
            try workspace.events().filter { $0.contains("removed") } == ["2026-03-04 00:00:00 removed t-1 todo→- by -"])
    }
}
