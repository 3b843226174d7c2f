import Foundation
import GRDB
import Testing

@testable import AgentReport

/// Identity that survives moving (issue 12, item 3): a workspace copied with its database
/// (`cp -a`: a CI job folder, a restored backup, a moved checkout) and built again adds
/// nothing a rebuild in place would not add.
@Suite struct WorkspaceIdentityTests {
    static let now = "2026-06-01T00:00:00Z"

    /// A demo workspace (git history on agent branches, board history, progress log,
    /// memory bank, metrics) with a Claude Code worktree, ingested once.
    func builtWorkspace() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentreport-move-\(UUID().uuidString)"
        ).path
        _ = try DemoWorkspace.create(at: path + "/team", options: DemoOptions(agents: 2, days: 2))
        try GitProcess(repository: path + "/team").run([
            "worktree", "add", "-q", "-b", "worktree-fixer", ".claude/worktrees/fixer",
        ])
        try ingest(path + "/team")
        return path
    }

    @discardableResult
    func ingest(_ workspace: String) throws -> AgentReport.ExitStatus {
        var options = RunOptions()
        options.workingDirectory = workspace
        options.now = Self.now
        options.verbosity = .quiet
        return Engine.ingest(options, only: nil)
    }

    /// Rows per table.
    func counts(_ workspace: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: workspace + "/agentreport.sqlite")
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"")
            }
            return counts
        }
    }

    func copy(_ from: String, to: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = ["-a", from, to]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    /// What each table gained, leaving out the tables every run writes to by design.
    func growth(_ before: [String: Int], _ after: [String: Int]) -> [String: Int] {
        var grown: [String: Int] = [:]
        for (table, count) in after where !["runs", "run_diagnostics"].contains(table) && count != before[table] {
            grown[table] = count - (before[table] ?? 0)
        }
        return grown
    }

    @Test func copyingTheWorkspaceWithItsDatabaseAddsNoRow() throws {
        let root = try builtWorkspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let built = try counts(root + "/team")
        #expect((built["task_events"] ?? 0) > 100 && (built["git_commits"] ?? 0) > 100)
        // The same build in place adds nothing: the baseline.
        try ingest(root + "/team")
        #expect(growth(built, try counts(root + "/team")) == [:])
        try copy(root + "/team", to: root + "/elsewhere")
        try ingest(root + "/elsewhere")
        #expect(growth(built, try counts(root + "/elsewhere")) == [:])
        let keys: [String] = try DatabaseQueue(path: root + "/elsewhere/agentreport.sqlite").read { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT repository FROM board_history_commits UNION SELECT repository FROM git_refs")
        }
        #expect(keys == ["."])
    }

    @Test func aDatabaseFromBeforeIdentityIsMigratedAndRekeyedWithoutNewEvents() throws {
        let root = try builtWorkspace()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Make the database what the previous version left: no v8, board history keyed by
        // the absolute path the workspace had then.
        let queue = try DatabaseQueue(path: root + "/team/agentreport.sqlite")
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE git_repositories;
                    DROP INDEX idx_git_commits_lines_unknown;
                    DELETE FROM grdb_migrations WHERE identifier = 'v8-repository-identity';
                    DELETE FROM schema_version WHERE version = 8;
                    UPDATE board_history_commits SET repository = '/home/ci/builds/4711/team';
                    """)
        }
        let before = try counts(root + "/team")
        try copy(root + "/team", to: root + "/restored")
        try ingest(root + "/restored")
        let after = try counts(root + "/restored")
        #expect(growth(before, after) == ["git_repositories": 1, "schema_version": 1, "grdb_migrations": 1])
        let keys: [String] = try DatabaseQueue(path: root + "/restored/agentreport.sqlite").read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT repository FROM board_history_commits")
        }
        #expect(keys == ["."])
    }

    @Test func aRepositoryIsKnownByItsPathAsWrittenAndItsRootCommits() throws {
        let first = try TestRepository()
        try first.commit("First root", files: ["a": "a\n"])
        var harness = try GitIngestHarness(repositories: ["repo"], base: first.scratch(""))
        #expect(try harness.ingest().rows == 1)
        #expect(try harness.value("SELECT repository FROM git_repositories") == "repo")
        // The config now names the same history by another path: same key, path updated.
        try FileManager.default.moveItem(atPath: first.path, toPath: first.scratch("moved"))
        harness.config.repositories[0].path = "moved"
        try first.git(["commit", "-q", "--allow-empty", "-m", "After the move"], in: first.scratch("moved"))
        #expect(try harness.ingest().rows == 1)
        #expect(try harness.value("SELECT repository || ' ' || path FROM git_repositories") == "repo moved")
        #expect(try harness.value("SELECT COUNT(DISTINCT repository) FROM git_commits") == 1)
        // A different history at a path remembered for another: a key of its own.
        let other = try TestRepository()
        let root = try other.commit("Another root", files: ["b": "b\n"])
        try FileManager.default.createSymbolicLink(atPath: first.scratch("repo"), withDestinationPath: other.path)
        harness.config.repositories = [ReportConfig.Repository(path: "repo"), ReportConfig.Repository(path: "moved")]
        #expect(try harness.ingest().rows == 1)
        let keys: [String] = try harness.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT repository FROM git_repositories ORDER BY repository")
        }
        #expect(keys == ["repo", "repo#\(root.prefix(12))"])
        #expect(
            try harness.value("SELECT repository FROM git_commits WHERE message = 'Another root'")
                == "repo#\(root.prefix(12))")
    }
}
