import Foundation
import GRDB
import Testing

@testable import AgentReport

/// The board's history replayed from git (DESIGN §3.2): a commit reachable from two
/// branches, a merge, a sync commit copying one branch's board over the other's.
@Suite struct BoardHistoryTests {
    let path = "coordination/task-board.json"

    /// main:          C1 ── C3 ─────────── M5 ── C7 ──────────── M10
    ///                  \                  /
    ///                  \                  /                  \
    /// agent-builder:    C2 ── C4 ────────┴── S6 ── C8 ─────── M10 (on main)
    /// (S6 copies main's board; C8 is a new sprint; M10 merges it into main keeping main's tasks, adding E)
    func makeHistory(_ workspace: TestWorkspace) throws -> TestGitRepository {
        let repo = try TestGitRepository(workspace)
        try repo.commit(
            path, flatBoard(updatedBy: "architect", [("A", "todo", "builder"), ("B", "todo", "validator")]),
            at: "2026-03-02T10:00:00Z", message: "C1: first board")
        try repo.git(["checkout", "-q", "-b", "agent-builder"])
        try repo.commit(
            path, flatBoard(updatedBy: "builder", [("A", "in_progress", "builder"), ("B", "todo", "validator")]),
            at: "2026-03-02T11:00:00Z", message: "C2: start A")
        try repo.git(["checkout", "-q", "main"])
        try repo.commit(
            path, flatBoard(updatedBy: "validator", [("A", "todo", "builder"), ("B", "blocked", "validator")]),
            at: "2026-03-02T11:30:00Z", message: "C3: B blocked")
        try repo.git(["checkout", "-q", "agent-builder"])
        try repo.commit(
            path,
            flatBoard(
                updatedBy: "builder", [("A", "done", "builder"), ("B", "todo", "validator"), ("C", "todo", "builder")]),
            at: "2026-03-02T12:00:00Z", message: "C4: A done, C added")
        try repo.git(["checkout", "-q", "main"])
        // The merge takes A and C from agent-builder and B from main, and reassigns B itself.
        try repo.git(
            ["merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "agent-builder"], date: "2026-03-02T13:00:00Z")
        try repo.commit(
            path,
            flatBoard(
                updatedBy: "architect",
                [("A", "done", "builder"), ("B", "blocked", "builder"), ("C", "todo", "builder")]),
            at: "2026-03-02T13:00:00Z", message: "M5: merge agent-builder")
        try repo.git(["checkout", "-q", "agent-builder"])
        // A sync script copies main's board over the branch's: no event may repeat.
        let mainBoard = try repo.git(["show", "main:\(path)"])
        try repo.commit(path, mainBoard, at: "2026-03-02T14:00:00Z", message: "S6: sync board from main")
        try repo.git(["checkout", "-q", "main"])
        try repo.commit(
            path,
            flatBoard(
                updatedBy: "validator",
                [("A", "in_progress", "builder"), ("B", "blocked", "builder"), ("C", "todo", "builder")]),
            at: "2026-03-02T15:00:00Z", message: "C7: A reopened")
        try repo.git(["checkout", "-q", "agent-builder"])
        try repo.commit(
            path, flatBoard([("D", "todo", "builder")]),
            at: "2026-03-02T16:00:00Z", message: "C8: new sprint", email: "builder@example.com")
        // Merging the new sprint into main keeps main's tasks and adds E: A, B and C equal
        // main's own parent, so only E changed in the merge (A, B, C stay removed, not re-created).
        try repo.git(["checkout", "-q", "main"])
        try repo.git(
            ["merge", "-q", "--no-ff", "--no-commit", "-s", "ours", "agent-builder"], date: "2026-03-02T17:00:00Z")
        try repo.commit(
            path,
            flatBoard([
                ("A", "in_progress", "builder"), ("B", "blocked", "builder"), ("C", "todo", "builder"),
                ("E", "todo", "validator"),
            ]),
            at: "2026-03-02T17:00:00Z", message: "M10: merge agent-builder")
        try repo.git(["checkout", "-q", "agent-builder"])
        return repo
    }

    let expected = [
        "2026-03-02 10:00:00 created A -→todo by architect",
        "2026-03-02 10:00:00 created B -→todo by architect",
        "2026-03-02 11:00:00 updated A todo→in_progress by builder",
        "2026-03-02 11:30:00 blocked B todo→blocked by validator",
        "2026-03-02 12:00:00 completed A in_progress→done by builder",
        "2026-03-02 12:00:00 created C -→todo by builder",
        "2026-03-02 13:00:00 assigned B blocked→blocked by architect",
        "2026-03-02 15:00:00 reopened A done→in_progress by validator",
        // C8 has no updatedBy: the commit's agent (config authors) is the author.
        "2026-03-02 16:00:00 created D -→todo by builder",
        "2026-03-02 16:00:00 removed A in_progress→- by builder",
        "2026-03-02 16:00:00 removed B blocked→- by builder",
        "2026-03-02 16:00:00 removed C todo→- by builder",
        "2026-03-02 17:00:00 created E -→todo by -",
    ]

    func configure(_ workspace: TestWorkspace) {
        workspace.config.agents = [ReportConfig.Agent(id: "builder", authors: ["builder@example.com"])]
    }

    @Test func historyOnTwoBranchesGivesEachTransitionOnceAtItsCommitTime() throws {
        let workspace = try TestWorkspace()
        configure(workspace)
        _ = try makeHistory(workspace)
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource())
        #expect(diagnostics.isEmpty)
        #expect(try workspace.events() == expected)
        #expect(rows == expected.count)
        // Each commit whose board differs from a parent's is remembered once: 9 commits.
        let replayed = try workspace.store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM board_history_commits")
        }
        #expect(replayed == 9)
        let commit = try workspace.store.queue.read { db in
            try String.fetchOne(db, sql: "SELECT details FROM task_events WHERE event_type = 'reopened'")
        }
        #expect(commit?.contains("\"commit\":\"") == true)
    }

    @Test func secondRunAddsNothingAndAFreshDatabaseRebuildsTheSameHistory() throws {
        let workspace = try TestWorkspace()
        configure(workspace)
        _ = try makeHistory(workspace)
        try workspace.ingest(TaskBoardSource())
        #expect(try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z").rows == 0)
        #expect(try workspace.events() == expected)

        let fresh = try TestWorkspace()
        let context = RunContext(config: workspace.config, now: try #require(UTCTime.parse("2026-03-05T00:00:00Z")))
        _ = try TaskBoardSource().ingest(into: fresh.store, context: context)
        let rebuilt = try fresh.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM task_events") }
        #expect(rebuilt == expected.count)
    }

    @Test func newCommitsAreReplayedIncrementallyAndUncommittedChangesAreObservedAtNow() throws {
        let workspace = try TestWorkspace()
        configure(workspace)
        let repo = try makeHistory(workspace)
        try workspace.ingest(TaskBoardSource())
        try repo.commit(
            path, flatBoard(updatedBy: "builder", [("D", "in_progress", "builder")]),
            at: "2026-03-02T18:00:00Z", message: "C9: start D")
        // Uncommitted: a new task in the working copy.
        try workspace.write(
            path, flatBoard(updatedBy: "builder", [("D", "in_progress", "builder"), ("F", "todo", nil)]))
        #expect(try workspace.ingest(TaskBoardSource(), now: "2026-03-03T00:00:00Z").rows == 2)
        #expect(
            try workspace.events().suffix(2) == [
                "2026-03-02 18:00:00 updated D todo→in_progress by builder",
                "2026-03-03 00:00:00 created F -→todo by builder",
            ])
        #expect(try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z").rows == 0)
    }

    @Test func checkedOutBranchThatIsBehindDoesNotReopenWhatAnotherBranchFinished() throws {
        let workspace = try TestWorkspace()
        configure(workspace)
        let repo = try makeHistory(workspace)
        try repo.git(["checkout", "-q", "main"])
        // main's working copy still has A, B, C, which agent-builder's new sprint removed.
        #expect(try workspace.ingest(TaskBoardSource()).rows == expected.count)
        #expect(try workspace.events() == expected)
    }
}

/// The working copy beside a replayed history.
@Suite struct WorkingCopyWithHistoryTests {
    let path = "coordination/task-board.json"

    @Test func boardMissingFromTheCheckedOutBranchRemovesNothingThatOtherBranchesHold() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit("README.md", "team\n", at: "2026-03-02T09:00:00Z", message: "start")
        try repo.git(["checkout", "-q", "-b", "agent-builder"])
        try repo.commit(path, flatBoard([("A", "todo", "builder")]), at: "2026-03-02T10:00:00Z", message: "board")
        try repo.git(["checkout", "-q", "main"])
        #expect(try workspace.ingest(TaskBoardSource()).rows == 1)
        // The commit is agent-builder's (its claimed branch), as git ingest attributes it.
        #expect(try workspace.events() == ["2026-03-02 10:00:00 created A -→todo by builder"])
    }

    @Test func untrackedBoardInARepositoryStillRemovesTasksOfAReplacedSprint() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit("README.md", "team\n", at: "2026-03-02T09:00:00Z", message: "start")
        try workspace.write(path, flatBoard([("A", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource())
        try workspace.write(path, flatBoard([("B", "todo", "builder")]))
        try workspace.ingest(TaskBoardSource(), now: "2026-03-04T00:00:00Z")
        #expect(
            try workspace.events() == [
                "2026-03-03 00:00:00 created A -→todo by -",
                "2026-03-04 00:00:00 created B -→todo by -",
                "2026-03-04 00:00:00 removed A todo→- by -",
            ])
    }
}

/// Broken board versions in history.
@Suite struct BrokenHistoryTests {
    let path = "coordination/task-board.json"

    @Test func brokenVersionInHistoryIsAWarningAndTheNextVersionComparesWithTheLastGoodOne() throws {
        let workspace = try TestWorkspace()
        let repo = try TestGitRepository(workspace)
        try repo.commit(path, flatBoard([("A", "todo", "builder")]), at: "2026-03-02T10:00:00Z", message: "board")
        try repo.commit(path, "{\"tasks\": [ {\"id\": \"A\",, } ]}", at: "2026-03-02T11:00:00Z", message: "broken")
        try repo.commit(path, flatBoard([("A", "done", "builder")]), at: "2026-03-02T12:00:00Z", message: "fixed")
        let (rows, diagnostics) = try workspace.ingest(TaskBoardSource())
        #expect(rows == 2)
        #expect(
            try workspace.events() == [
                "2026-03-02 10:00:00 created A -→todo by -",
                "2026-03-02 12:00:00 completed A todo→done by -",
            ])
        // History cannot be fixed any more: a warning naming the commit, not a rejection.
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.file?.hasPrefix("coordination/task-board.json@") == true)
        #expect(diagnostics.first?.line == 1)
    }
}
