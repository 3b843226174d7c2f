import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The board's history is replayed from the refs whatever the working copy holds (issue 12,
/// item 2): a `main` that deleted `coordination/` must not hide the agent branches' boards.
@Suite struct BoardHistoryFromRefsTests {
    let board = "coordination/task-board.json"

    func history(_ workspace: TestWorkspace) throws -> TestGitRepository {
        let repo = try TestGitRepository(workspace)
        try repo.commit(
            board, flatBoard(updatedBy: "architect", [("T-1", "todo", "builder"), ("T-2", "todo", "validator")]),
            at: "2026-03-02T10:00:00Z", message: "board")
        try repo.git(["checkout", "-q", "-b", "agent-builder-1"])
        try repo.commit(
            board, flatBoard(updatedBy: "builder", [("T-1", "done", "builder"), ("T-2", "todo", "validator")]),
            at: "2026-03-02T11:00:00Z", message: "T-1 done")
        try repo.git(["checkout", "-q", "-b", "agent-validator-1", "main"])
        try repo.commit(
            board, flatBoard(updatedBy: "validator", [("T-1", "todo", "builder"), ("T-2", "blocked", "validator")]),
            at: "2026-03-02T12:00:00Z", message: "T-2 blocked")
        try repo.git(["checkout", "-q", "main"])
        return repo
    }

    let expected = [
        "2026-03-02 10:00:00 created T-1 -→todo by architect",
        "2026-03-02 10:00:00 created T-2 -→todo by architect",
        "2026-03-02 11:00:00 completed T-1 todo→done by builder",
        // T-1 todo on the validator's older copy of the board repeats nothing: it is no change
        // from its parent. T-2 entered blocked.
        "2026-03-02 12:00:00 blocked T-2 todo→blocked by validator",
    ]

    @Test func mainThatDeletedTheCoordinationFolderHidesNoBranchHistory() throws {
        let workspace = try TestWorkspace()
        let repo = try history(workspace)
        try repo.git(["rm", "-q", "-r", "coordination"])
        try repo.git(["commit", "-q", "-m", "clean up"], date: "2026-03-02T13:00:00Z")
        try FileManager.default.removeItem(atPath: workspace.root + "/coordination")
        let run = try workspace.ingest(TaskBoardSource())
        #expect(run.rows == expected.count)
        // main's deletion is a clean-up: the branches still have the board, nothing is removed.
        #expect(try workspace.events() == expected)
        #expect(run.diagnostics.allSatisfy { $0.severity == .note })
        #expect(run.diagnostics.contains { $0.message.contains("no coordination folder in the working copy") })
        #expect(try workspace.ingest(TaskBoardSource()).rows == 0)
    }

    @Test func workingCopyWithoutABoardStillReplaysTheRefs() throws {
        let workspace = try TestWorkspace()
        let repo = try history(workspace)
        try repo.git(["rm", "-q", board])
        try repo.git(["commit", "-q", "-m", "board moved to the branches"], date: "2026-03-02T13:00:00Z")
        try workspace.write("coordination/progress-log.md", "# log\n")
        let run = try workspace.ingest(TaskBoardSource())
        #expect(try workspace.events() == expected)
        #expect(
            run.diagnostics.contains {
                $0.severity == .note && $0.message.contains("no task board in the working copy")
            })
    }

    @Test func boardDeletedEverywhereRemovesItsTasks() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit(board, flatBoard([("T-1", "todo", "builder")]), at: "2026-03-02T10:00:00Z", message: "board")
        try repo.git(["rm", "-q", board])
        try repo.git(["commit", "-q", "-m", "done with the board"], date: "2026-03-02T11:00:00Z")
        try workspace.ingest(TaskBoardSource())
        #expect(
            try workspace.events() == [
                "2026-03-02 10:00:00 created T-1 -→todo by -", "2026-03-02 11:00:00 removed T-1 todo→- by -",
            ])
    }

    @Test func aTreeGitCannotReadCostsOnlyItsOwnBoardVersion() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit(board, flatBoard([("T-1", "todo", "builder")]), at: "2026-03-02T10:00:00Z", message: "v1")
        try repo.commit(
            board, flatBoard([("T-1", "in_progress", "builder")]), at: "2026-03-02T11:00:00Z", message: "v2")
        try repo.commit(board, flatBoard([("T-1", "done", "builder")]), at: "2026-03-02T12:00:00Z", message: "v3")
        // A damaged clone: the coordination folder's tree of v2 is gone.
        let tree = try repo.git(["rev-parse", "HEAD~1:coordination"])
        try FileManager.default.removeItem(
            atPath: workspace.root + "/.git/objects/" + tree.prefix(2) + "/" + tree.dropFirst(2))
        let run = try workspace.ingest(TaskBoardSource())
        #expect(
            try workspace.events() == [
                "2026-03-02 10:00:00 created T-1 -→todo by -", "2026-03-02 12:00:00 completed T-1 todo→done by -",
            ])
        let warning = try #require(run.diagnostics.first { $0.message.contains("cannot follow the board") })
        #expect(warning.severity == .warning && warning.message.contains("unable to read tree"))
    }
}
